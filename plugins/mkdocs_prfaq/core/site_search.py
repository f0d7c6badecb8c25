"""One build's search, for a site generator that converts its pages one at a time (the MkDocs
plugin's; any engine with page events would use it the same way).

Each page gets its `prfaq_search` template variable (:func:`.render.search.page_context`), and
goes to Pagefind's :class:`~.search_index.Indexer` as soon as its content is converted, so that
Pagefind indexes while the generator renders its templates. A `dirty` build converts only some
pages, so its index is made from the built files instead, once the build is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .render.search import page_context
from .render.site import Output
from .search_index import Indexer, IndexStats, build_index, find_pagefind, indexed_html

__all__ = ["SiteSearch"]


class SiteSearch:
    """The search of one build of the site written to `site_dir`, whose Pagefind comes from
    `project` (:func:`~.search_index.find_pagefind`: :attr:`notice` says when it is the Python
    wheel's). Raises :class:`~.search_index.SearchIndexError` when Pagefind is missing or fails."""

    def __init__(
        self, site_dir: str | Path, project: Path, catalog: Catalog | None, *, language: str | None,
        directory_urls: bool, template_dirs: Sequence[Path] = (), dirty: bool = False,
    ) -> None:  # fmt: skip
        self._site, self._catalog, self._dirty = site_dir, catalog, dirty
        self._directory_urls = directory_urls
        #: Where a site's `prfaq/search.html` is looked up first (the theme's `custom_dir`).
        self._template_dirs = template_dirs
        #: One index for the whole site, in the theme's language, whatever `lang` a page declares.
        self._language = language or "en"
        self.pagefind = find_pagefind(project)
        self.notice = self.pagefind.notice(project)
        self._data: dict[str, dict[str, Any]] = {}
        self._indexer: Indexer | None = None

    def page_data(self, src: str, output: Output | None) -> dict[str, Any]:
        """The `prfaq_search` template variable of the page made from `src`, made once per build."""
        data = self._data.get(src)
        if data is None:
            data = self._data[src] = page_context(src, output, self._catalog, self._directory_urls, self._template_dirs)
        return data

    def add(self, src: str, dest: str, title: str, output: Output | None, html: str) -> None:
        """A page whose content is converted: `dest` is its file under the site's folder."""
        data = self.page_data(src, output)
        if self._dirty or not data["index"]:
            return
        if self._indexer is None:
            keep = not self._directory_urls
            self._indexer = Indexer(self._site, self._language, self.pagefind, keep_index_url=keep)
        self._indexer.add(dest, indexed_html(data["html"], html, title, self._language))

    def write(self) -> None:
        """Every page's content is converted: Pagefind can write while the templates render."""
        if self._indexer is not None:
            self._indexer.write()

    def finish(self) -> tuple[IndexStats, str]:
        """After the build: wait for the index, or index the built files (a `dirty` build).
        Returns Pagefind's figures and a line that says what was done."""
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            stats = indexer.finish()
            return (
                stats,
                f"search index of {stats.pages} pages written, {stats.seconds:.2f} s after the last page was built",
            )
        keep = not self._directory_urls
        stats = build_index(self._site, self._language, self.pagefind, keep_index_url=keep)
        return stats, f"search index of {stats.pages} pages built in {stats.seconds:.2f} s"

    def abort(self) -> None:
        """The build failed: stop Pagefind."""
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.abort()
