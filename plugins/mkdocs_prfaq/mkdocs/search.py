"""Full-text search with Pagefind (:mod:`~mkdocs_prfaq.core.search_index`), in place of Material's lunr search.

`configure` puts this package's templates in front of the theme's: the header gets one search
box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part of
each page, from the core's `page_context` (whether a page is indexed; a PR/FAQ's hidden
metadata and filters). The browser loads Pagefind's files relative to the page, so a site
served from a sub-path works. The core's :class:`~mkdocs_prfaq.core.site_search.SiteSearch`
takes each page for the index as MkDocs converts it; this module only says what it did.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core.catalog import Catalog
from ..core.search_index import SearchIndexError
from ..core.site_search import SiteSearch
from .theme import in_front

__all__ = ["configure", "finish", "start"]

log = get_plugin_logger("prfaq")

TEMPLATES = Path(__file__).parent / "templates"

#: The Pagefind programs the user was told about, once per process.
_said: set[Path] = set()


def configure(config: MkDocsConfig) -> None:
    """Put the search templates in front of the theme's own (after a `custom_dir`, which wins)."""
    in_front(config, TEMPLATES)
    if "material/search" in config.plugins or "search" in config.plugins:
        log.info(
            "the site's search is Pagefind's; the `search` plugin in mkdocs.yml only builds an "
            "unused lunr index and can be removed"
        )


@contextmanager
def _plugin_errors() -> Iterator[None]:
    """Pagefind's failures as MkDocs' plugin errors (the build stops with the message)."""
    try:
        yield
    except SearchIndexError as exc:
        raise PluginError(f"prfaq: {exc}") from None


def start(
    config: MkDocsConfig, project: Path, catalog: Catalog | None, template_dirs: Sequence[Path], *, dirty: bool
) -> SiteSearch:
    """The build's search; says once per process when its Pagefind is the Python wheel's."""
    with _plugin_errors():
        search = SiteSearch(
            config.site_dir, project, catalog, language=config.theme.get("language"),
            directory_urls=config.use_directory_urls, template_dirs=template_dirs, dirty=dirty,
        )  # fmt: skip
    if search.notice and search.pagefind.path not in _said:
        _said.add(search.pagefind.path)
        log.info("%s", search.notice)
    return search


def finish(search: SiteSearch) -> None:
    """After the build: the index written (see :meth:`SiteSearch.finish`), and said."""
    with _plugin_errors():
        stats, said = search.finish()
    for line in stats.lines():
        log.debug("%s", line)
    log.info("%s", said)
