"""Full-text search with Pagefind, in place of Material's lunr search.

- `configure` puts this package's templates in front of Material's: the header gets one search
  box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part
  of each page.
- `page_context` tells those templates whether a page is indexed and, for a PR/FAQ, hands them
  the core's hidden metadata and filters.
- `Indexer` collects the indexed part of each page as MkDocs converts its Markdown, has Pagefind
  index it in batches during the build, and has it write the index into `site_dir/pagefind/`
  while MkDocs renders the templates: `mkdocs build` and each rebuild of `mkdocs serve`.
- `build_index` indexes a built site from its files instead, for `--dirty` builds, which render
  only some pages.

The browser loads Pagefind's files relative to the page, so a site served from a sub-path works.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.catalog import Catalog
from ..core.render.html import Links, esc
from ..core.render.listing import CATALOG
from ..core.render.search import EXCLUDE_SELECTORS, document_search_html
from ..core.render.site import Output
from ..core.stable_index import stabilize

log = logging.getLogger("mkdocs.plugins.prfaq")

TEMPLATES = Path(__file__).parent / "templates"
#: Where the index goes, under `site_dir`; the search script loads `pagefind/pagefind.js` from there.
INDEX_DIR = "pagefind"


@dataclass(frozen=True, slots=True)
class IndexStats:
    pages: int
    seconds: float


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
            "prfaq: the site's search is Pagefind's; the `search` plugin in mkdocs.yml only builds an "
            "unused lunr index and can be removed"
        )


def page_context(src_uri: str, output: Output | None, catalog: Catalog | None, config: MkDocsConfig) -> dict[str, Any]:
    """The `prfaq_search` variable of a page's template context."""
    indexed = output is None or output.document is not None
    html = ""
    if output is not None and output.document is not None and catalog is not None:
        html = document_search_html(output.document, catalog)
    return {
        "index": indexed,
        "html": html,
        "catalog": Links(config.use_directory_urls).url(CATALOG),
        "is_catalog": src_uri == CATALOG,
    }


def indexed_html(context: dict[str, Any], content: str, title: str, language: str) -> str:
    """The part of a page that the index reads, as the page template renders it (main.html):
    the search metadata, the headline when the content has none, the content."""
    headline = "" if "<h1" in content else f"<h1>{esc(title)}</h1>"
    return (
        f'<!doctype html><html lang="{esc(language)}"><head></head><body>'
        f'<div data-pagefind-body>{context["html"]}{headline}{content}</div></body></html>'
    )


def _options(site: Path, language: str | None, keep_index_url: bool) -> Any:
    """Pagefind's settings. `keep_index_url` (a site without directory URLs): results link to
    `learn/index.html`, as the site's own links do, not to `learn/`."""
    from pagefind.index import IndexConfig

    options = IndexConfig(
        exclude_selectors=list(EXCLUDE_SELECTORS), output_path=str(site / INDEX_DIR), keep_index_url=keep_index_url
    )
    if language:
        # One index for the whole site, whatever `lang` individual pages declare.
        options["force_language"] = language.split("-")[0].lower()
    return options


class Indexer:
    """The indexed part of each page, collected while MkDocs renders, and indexed by Pagefind in
    batches while the build goes on; `finish` writes the index into `site_dir/pagefind/`.

    Each batch is a scratch folder laid out like the site, handed to Pagefind's own process (it
    runs beside MkDocs on another core). Pagefind parses a few kilobytes per page instead of whole
    pages with their navigation, header and footer, and never the catalog's listing pages.
    (Pagefind's Python API also takes pages one by one, but its wrapper waits 0.1 s for each.)"""

    BATCH = 250

    def __init__(self, site_dir: str, language: str | None, *, keep_index_url: bool = False) -> None:
        from pagefind.index import PagefindIndex

        self.site = Path(site_dir)
        self.pages = 0
        self._scratch = tempfile.TemporaryDirectory(prefix="prfaq-search-", dir=_memory_folder())
        self._batch: Path | None = None
        self._in_batch = 0
        self._pending: list[concurrent.futures.Future[Any]] = []
        self._writing: concurrent.futures.Future[Any] | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="prfaq-pagefind", daemon=True)
        self._thread.start()
        self._index = PagefindIndex(config=_options(self.site, language, keep_index_url))
        try:
            self._call(self._index.__aenter__()).result()
        except FileNotFoundError as exc:
            self._stop()
            raise PluginError(f"prfaq: cannot build the search index: {exc} (install `pagefind[bin]`)") from None

    def _call(self, work: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def add(self, path: str, html: str) -> None:
        """One page: `path` is its output file relative to `site_dir` (`prfaqs/x/index.html`)."""
        if self._batch is None:
            self._batch = Path(self._scratch.name) / f"batch-{len(self._pending):05d}"
        target = self._batch / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.pages += 1
        self._in_batch += 1
        if self._in_batch >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch is not None:
            self._pending.append(self._call(self._add(self._batch)))
        self._batch, self._in_batch = None, 0

    async def _add(self, batch: Path) -> Any:
        try:
            return await self._index.add_directory(str(batch))
        finally:
            shutil.rmtree(batch, ignore_errors=True)  # read: its memory can go

    def write(self) -> None:
        """Have Pagefind write the index once it has read every page, without waiting for it:
        it writes on its own core while MkDocs renders the pages' templates on this one."""
        if self._writing is None:
            self._flush()
            self._writing = self._call(self._write(list(self._pending)))

    async def _write(self, pending: list[concurrent.futures.Future[Any]]) -> int:
        pages = 0
        for future in pending:
            pages += int((await asyncio.wrap_future(future))["page_count"])
        await _write_and_close(self._index, self.site / INDEX_DIR)
        return pages

    def finish(self) -> IndexStats:
        """Wait until the index is written (:meth:`write` if it was not called)."""
        started = time.perf_counter()
        try:
            self.write()
            assert self._writing is not None
            pages = int(self._writing.result())
        finally:
            self._stop()
        # Pagefind writes its filters in hash-map order: fix the order so builds are reproducible.
        stabilize(self.site / INDEX_DIR)
        stats = IndexStats(pages, time.perf_counter() - started)
        log.info("prfaq: search index of %d pages written, %.2f s after the last page was built", stats.pages, stats.seconds)
        return stats

    def abort(self) -> None:
        """Stop Pagefind without writing anything (the build failed)."""
        try:
            self._call(self._index.__aexit__(RuntimeError, RuntimeError("build failed"), None)).result(timeout=30)
        except Exception:  # pragma: no cover - best effort on a failing build
            log.debug("prfaq: stopping Pagefind after a failed build", exc_info=True)
        finally:
            self._stop()

    def _stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()
        self._scratch.cleanup()


def _memory_folder() -> str | None:
    """A folder in memory for the scratch copies of the pages, where there is one (Linux's
    /dev/shm): on a virtual disk, creating 2,000 small files took 1.6 s here, against 0.06 s
    in memory. Elsewhere, the system's temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def build_index(site_dir: str, language: str | None, *, keep_index_url: bool = False) -> IndexStats:
    """Index every page of the built site that marks its content for search."""
    start = time.perf_counter()
    try:
        pages = _run_sync(_index(Path(site_dir), language, keep_index_url=keep_index_url))
        # Pagefind writes its filters in hash-map order: fix the order so builds are reproducible.
        stabilize(Path(site_dir) / INDEX_DIR)
    except FileNotFoundError as exc:
        raise PluginError(f"prfaq: cannot build the search index: {exc} (install `pagefind[bin]`)") from None
    stats = IndexStats(pages, time.perf_counter() - start)
    log.info("prfaq: search index of %d pages built in %.2f s", stats.pages, stats.seconds)
    return stats


def _run_sync(work: Coroutine[Any, Any, int]) -> int:
    """Run Pagefind's asynchronous API to completion, also when the caller already runs an event
    loop (MkDocs driven from an asynchronous program): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _index(source: Path, language: str | None, site: Path | None = None, *, keep_index_url: bool = False) -> int:
    """Index the HTML files under `source` into `site/pagefind/` (`site` defaults to `source`)."""
    from pagefind.index import PagefindIndex

    index = await PagefindIndex(config=_options(site or source, language, keep_index_url)).__aenter__()
    try:
        result = await index.add_directory(str(source))
    except BaseException as exc:
        await index.__aexit__(type(exc), exc, None)
        raise
    await _write_and_close(index, (site or source) / INDEX_DIR)
    return int(result["page_count"])


class _AlreadyWritten(Exception):
    """Tells Pagefind's context exit not to write the files again."""


async def _write_and_close(index: Any, output: Path, timeout: float = 60.0) -> None:
    """Write the index, wait until every file is whole on disk, then stop Pagefind.

    Pagefind's service can answer "written" while its files are still being written, and its
    Python wrapper stops the service at once on closing: a file cut short (an empty
    `pagefind-entry.json` was seen here) would break search. So the files must stop changing,
    and the entry file must parse, before the service is stopped."""
    await index.write_files()
    deadline = time.monotonic() + timeout
    previous: dict[str, int] | None = None
    while time.monotonic() < deadline:
        current = {str(p): p.stat().st_size for p in output.rglob("*") if p.is_file()}
        if current == previous and _entry_is_whole(output):
            break
        previous = current
        await asyncio.sleep(0.05)
    else:
        log.warning("prfaq: the search index was still being written after %.0f s", timeout)
    await index.__aexit__(_AlreadyWritten, _AlreadyWritten(), None)


def _entry_is_whole(output: Path) -> bool:
    try:
        json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True
