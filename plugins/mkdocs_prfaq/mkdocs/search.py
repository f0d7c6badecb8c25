"""Full-text search with Pagefind, in place of Material's lunr search.

- `configure` puts this package's templates in front of Material's: the header gets one search
  box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part
  of each page.
- `page_context` tells those templates whether a page is indexed and, for a PR/FAQ, hands them
  the core's hidden metadata and filters.
- `build_index` runs Pagefind over the built site into `site_dir/pagefind/`, after every build
  (`mkdocs build` and each rebuild of `mkdocs serve`).

The browser loads Pagefind's files relative to the page, so a site served from a sub-path works.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..core.catalog import Catalog
from ..core.render.html import Links
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


def build_index(site_dir: str, language: str | None) -> IndexStats:
    """Index every page of the built site that marks its content for search."""
    start = time.perf_counter()
    try:
        pages = _run_sync(_index(Path(site_dir), language))
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
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _index(site: Path, language: str | None) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    options = IndexConfig(
        exclude_selectors=list(EXCLUDE_SELECTORS),
        output_path=str(site / INDEX_DIR),
    )
    if language:
        # One index for the whole site, whatever `lang` individual pages declare.
        options["force_language"] = language.split("-")[0].lower()
    async with PagefindIndex(config=options) as index:
        result = await index.add_directory(str(site))
    return int(result["page_count"])
