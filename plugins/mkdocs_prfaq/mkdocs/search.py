"""Full-text search with Pagefind (:mod:`~mkdocs_prfaq.core.search_index`), in place of Material's lunr search.

`configure` puts this package's templates in front of the theme's: the header gets one search
box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part of
each page, from the core's `page_context` (whether a page is indexed; a PR/FAQ's hidden
metadata and filters). The browser loads Pagefind's files relative to the page, so a site
served from a sub-path works.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core import search_index
from ..core.search_index import Indexer, IndexStats, Pagefind, SearchIndexError, npm_binaries

__all__ = ["build_index", "configure", "find_pagefind", "finish", "indexer", "npm_binaries"]

log = get_plugin_logger("prfaq")

TEMPLATES = Path(__file__).parent / "templates"

#: The Pagefind programs said to come from the Python wheel, once per process.
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


def find_pagefind(project: Path) -> Pagefind:
    with _plugin_errors():
        found = search_index.find_pagefind(project)
    if found.origin == search_index.WHEEL and found.path not in _said:
        _said.add(found.path)
        log.info(
            "search index by Pagefind %s from the Python wheel, as %s has no node_modules/pagefind: "
            "run `npm ci` for Pagefind 1.6 (faster searches on large sites, the same index from one build to the next)",
            ".".join(map(str, found.version)),
            project,
        )
    return found


def _options(config: MkDocsConfig) -> tuple[str, str | None, bool]:
    return config.site_dir, config.theme.get("language"), not config.use_directory_urls


def indexer(config: MkDocsConfig, project: Path) -> Indexer:
    site, language, keep_index_url = _options(config)
    return Indexer(site, language or "en", find_pagefind(project), keep_index_url=keep_index_url)


def _said_done(stats: IndexStats, message: str) -> None:
    for line in stats.output.splitlines():
        if line.strip():
            log.debug("pagefind: %s", line)
    log.info(message, stats.pages, stats.seconds)


def finish(index: Indexer) -> None:
    """Wait for the index the pages were handed to during the build."""
    with _plugin_errors():
        stats = index.finish()
    _said_done(stats, "search index of %d pages written, %.2f s after the last page was built")


def build_index(config: MkDocsConfig, project: Path) -> None:
    """Index the built site from its files (a `--dirty` build converts only some pages)."""
    site, language, keep_index_url = _options(config)
    with _plugin_errors():
        stats = search_index.build_index(site, language, find_pagefind(project), keep_index_url=keep_index_url)
    _said_done(stats, "search index of %d pages built in %.2f s")
