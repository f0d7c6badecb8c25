"""Full-text search with Pagefind (:mod:`~mkdocs_prfaq.core.search_index`), in place of Material's lunr search.

`configure` puts this package's templates in front of the theme's: the header gets one search
box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part of
each page, from the core's `page_context` (whether a page is indexed; a PR/FAQ's hidden
metadata and filters). The browser loads Pagefind's files relative to the page, so a site
served from a sub-path works. :class:`SiteSearch` hands each page to the index as MkDocs
converts it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..core import search_index
from ..core.catalog import Catalog
from ..core.render.search import page_context
from ..core.render.site import Output
from ..core.search_index import Indexer, IndexStats, Pagefind, SearchIndexError, indexed_html, npm_binaries

__all__ = ["SiteSearch", "configure", "npm_binaries"]

log = get_plugin_logger("prfaq")

TEMPLATES = Path(__file__).parent / "templates"

#: The Pagefind programs the user was told about, once per process.
_said: set[Path] = set()


def configure(config: MkDocsConfig) -> None:
    """Put the search templates in front of the theme's own (after a `custom_dir`, which wins)."""
    dirs: list[str] = config.theme.dirs
    templates = str(TEMPLATES)
    if templates in dirs:
        return
    custom = config.theme.custom_dir
    position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
    dirs.insert(position, templates)
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


def _find_pagefind(project: Path) -> Pagefind:
    with _plugin_errors():
        found = search_index.find_pagefind(project)
    notice = found.notice(project)
    if notice and found.path not in _said:
        _said.add(found.path)
        log.info("%s", notice)
    return found


def _done(stats: IndexStats, message: str) -> None:
    for line in stats.lines():
        log.debug("%s", line)
    log.info(message, stats.pages, stats.seconds)


class SiteSearch:
    """One build's search: each page's `prfaq_search` template variable, and its index. Pages
    go to Pagefind as soon as their content is converted, so that it indexes while MkDocs
    renders the templates; a `dirty` build converts only some pages, so its index is made from
    the built files instead, after the build."""

    def __init__(
        self, config: MkDocsConfig, project: Path, catalog: Catalog | None, template_dirs: Sequence[Path], *, dirty: bool
    ) -> None:
        self._config, self._project, self._catalog, self._dirty = config, project, catalog, dirty
        #: Where a site's `prfaq/search.html` is looked up first (the theme's `custom_dir`).
        self._template_dirs = template_dirs
        self._language: str = config.theme.get("language") or "en"
        self._data: dict[str, dict[str, Any]] = {}
        self._indexer: Indexer | None = None

    def page_data(self, page: Page, output: Output | None) -> dict[str, Any]:
        """The page's `prfaq_search` template variable, made once per build."""
        src = page.file.src_uri
        data = self._data.get(src)
        if data is None:
            data = self._data[src] = page_context(
                src, output, self._catalog, self._config.use_directory_urls, self._template_dirs
            )
        return data

    def add(self, page: Page, output: Output | None, html: str) -> None:
        """A page whose content is converted, for the index."""
        data = self.page_data(page, output)
        if self._dirty or not data["index"]:
            return
        if self._indexer is None:
            config = self._config
            pagefind = _find_pagefind(self._project)
            self._indexer = Indexer(config.site_dir, self._language, pagefind, keep_index_url=not config.use_directory_urls)
        self._indexer.add(page.file.dest_uri, indexed_html(data["html"], html, page.title or "", self._language))

    def write(self) -> None:
        """Every page's content is converted: Pagefind can write while the templates render."""
        if self._indexer is not None:
            self._indexer.write()

    def finish(self) -> None:
        """After the build: wait for the index, or index the built files (a `dirty` build)."""
        indexer, self._indexer = self._indexer, None
        config = self._config
        with _plugin_errors():
            if indexer is not None:
                _done(indexer.finish(), "search index of %d pages written, %.2f s after the last page was built")
                return
            pagefind = _find_pagefind(self._project)
            stats = search_index.build_index(
                config.site_dir, config.theme.get("language"), pagefind, keep_index_url=not config.use_directory_urls
            )
        _done(stats, "search index of %d pages built in %.2f s")

    def abort(self) -> None:
        """The build failed: stop Pagefind."""
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.abort()
