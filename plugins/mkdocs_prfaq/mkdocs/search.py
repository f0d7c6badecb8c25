"""Full-text search with Pagefind, in place of Material's lunr search.

- `configure` puts this package's templates in front of Material's: the header gets one search
  box driven by Pagefind (`partials/prfaq-search.html`), and `main.html` marks the indexed part
  of each page.
- `page_context` tells those templates whether a page is indexed and, for a PR/FAQ, hands them
  the core's hidden metadata and filters.
- `Indexer` collects the indexed part of each page as MkDocs converts its Markdown, and has
  Pagefind index it and write the index into `site_dir/pagefind/` while MkDocs renders the
  templates: `mkdocs build` and each rebuild of `mkdocs serve`.
- `build_index` indexes a built site from its files instead, for `--dirty` builds, which render
  only some pages.
- `find_pagefind` picks the Pagefind program: 1.6 from the project's `node_modules` (`npm ci`),
  else the Python wheel's (1.5), which is slower to search on large sites and whose index
  differs from one build to the next.

The browser loads Pagefind's files relative to the page, so a site served from a sub-path works.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
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

log = logging.getLogger("mkdocs.plugins.prfaq")

TEMPLATES = Path(__file__).parent / "templates"
#: Where the index goes, under `site_dir`; the search script loads `pagefind/pagefind.js` from there.
INDEX_DIR = "pagefind"
#: At most this many fragment files (a result's title, metadata and text) per language: Pagefind
#: 1.6 bundles the fragments of larger sites into shared files, fewer files to write but more
#: bytes per result shown: at 10,000 documents, 2,000 files (six fragments each) made a query's
#: first results fetch 0.15 MB more (1.01 MB against 0.86 MB). So one file per page up to here.
MAX_FRAGMENTS = 10_000


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


@dataclass(frozen=True, slots=True)
class Pagefind:
    """The Pagefind program a build runs, and where it comes from (for the log)."""

    path: Path
    version: tuple[int, ...]
    origin: str

    def arguments(self, site: Path, output: Path, language: str | None, keep_index_url: bool) -> list[str]:
        """The command line that indexes the HTML files under `site` into `output`."""
        args = [str(self.path), "--site", str(site), "--output-path", str(output), "--quiet"]
        args += [f"--exclude-selectors={selector}" for selector in EXCLUDE_SELECTORS]
        if language:
            # One index for the whole site, whatever `lang` individual pages declare.
            args.append(f"--force-language={language.split('-')[0].lower()}")
        if keep_index_url:
            # A site without directory URLs: results link to `learn/index.html`, as its links do.
            args.append("--keep-index-url")
        if self.version >= (1, 6):
            args.append(f"--max-fragments={MAX_FRAGMENTS}")
        return args


def npm_binaries(project: Path) -> list[Path]:
    """Where `npm ci` puts Pagefind's program: the platform package its npm package depends on
    (as the npm package's own runner resolves it), in the project's `node_modules` or, as Node
    looks for packages, in that of a folder above it."""
    system = {"win32": "windows", "cygwin": "windows"}.get(sys.platform, re.sub(r"\d+$", "", sys.platform))
    machine = platform.machine().lower()
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(machine, machine)
    suffix = ".exe" if system == "windows" else ""
    return [
        folder / "node_modules" / "@pagefind" / f"{system}-{arch}" / "bin" / f"{name}{suffix}"
        for folder in (project, *project.parents)
        for name in ("pagefind_extended", "pagefind")
    ]


def _wheel_binary() -> Path | None:
    try:
        module = importlib.import_module("pagefind_bin")
    except ImportError:
        return None
    path = module.get_executable()
    return Path(path) if path else None


@functools.cache
def _version(path: Path) -> tuple[int, ...]:
    try:
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise PluginError(f"prfaq: cannot run Pagefind at {path}: {exc}") from None
    found = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(n) for n in found.groups()) if found else (0,)


_said: set[Path] = set()


def find_pagefind(project: Path) -> Pagefind:
    """The Pagefind program to run: the one `PAGEFIND_BINARY_PATH` names (Pagefind's own
    variable), else 1.6 from the project's `node_modules`, else the Python wheel's."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        found = Pagefind(Path(named), _version(Path(named)), "PAGEFIND_BINARY_PATH")
    elif npm := next((p for p in npm_binaries(project) if p.is_file()), None):
        found = Pagefind(npm, _version(npm), "node_modules")
    elif wheel := _wheel_binary():
        found = Pagefind(wheel, _version(wheel), "the Python wheel")
        if wheel not in _said:
            _said.add(wheel)
            log.info(
                "prfaq: search index by Pagefind %s from the Python wheel, as %s has no node_modules/pagefind: "
                "run `npm ci` for Pagefind 1.6 (faster searches on large sites, the same index from one build to the next)",
                ".".join(map(str, found.version)),
                project,
            )
    else:
        raise PluginError(
            "prfaq: cannot build the search index: Pagefind is not installed; run `npm ci` "
            "(package.json pins it), or install the Python package `pagefind-bin`"
        )
    return found


def _run(pagefind: Pagefind, site: Path, output: Path, language: str | None, keep_index_url: bool) -> subprocess.Popen[str]:
    """Start Pagefind on its own core; its folder is the scratch folder, where no `pagefind.yml`
    of the project can change what it does."""
    return subprocess.Popen(
        pagefind.arguments(site, output, language, keep_index_url),
        cwd=site,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(process: subprocess.Popen[str], pagefind: Pagefind) -> None:
    out, _ = process.communicate()
    for line in out.splitlines():
        if line.strip():
            log.debug("prfaq: pagefind: %s", line)
    if process.returncode != 0:
        raise PluginError(f"prfaq: Pagefind {pagefind.path} could not build the search index:\n{out.strip()}")


def _page_count(output: Path) -> int:
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class Indexer:
    """The indexed part of each page, written to a scratch folder laid out like the site while
    MkDocs converts the pages; `write` has Pagefind index it into `site_dir/pagefind/` on its
    own core while MkDocs renders the templates, and `finish` waits for it.

    Pagefind parses a few kilobytes per page instead of whole pages with their navigation, header
    and footer, and never the catalog's listing pages."""

    def __init__(self, site_dir: str, language: str | None, *, project: Path, keep_index_url: bool = False) -> None:
        self.site = Path(site_dir).resolve()
        self.pages = 0
        self.pagefind = find_pagefind(project)
        self._language = language
        self._keep_index_url = keep_index_url
        self._scratch = tempfile.TemporaryDirectory(prefix="prfaq-search-", dir=_memory_folder())
        self._process: subprocess.Popen[str] | None = None
        self._started = 0.0

    def add(self, path: str, html: str) -> None:
        """One page: `path` is its output file relative to `site_dir` (`prfaqs/x/index.html`)."""
        target = Path(self._scratch.name) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.pages += 1

    def write(self) -> None:
        """Start Pagefind once every page is converted, without waiting for it."""
        if self._process is None:
            self._started = time.perf_counter()
            output = self.site / INDEX_DIR
            self._process = _run(self.pagefind, Path(self._scratch.name), output, self._language, self._keep_index_url)

    def finish(self) -> IndexStats:
        """Wait until the index is written (:meth:`write` if it was not called)."""
        waiting = time.perf_counter()
        try:
            self.write()
            assert self._process is not None
            _wait(self._process, self.pagefind)
        finally:
            self._scratch.cleanup()
        stats = IndexStats(_page_count(self.site / INDEX_DIR), time.perf_counter() - waiting)
        log.info("prfaq: search index of %d pages written, %.2f s after the last page was built", stats.pages, stats.seconds)
        return stats

    def abort(self) -> None:
        """Stop Pagefind without waiting for its index (the build failed)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._scratch.cleanup()


def _memory_folder() -> str | None:
    """A folder in memory for the scratch copies of the pages, where there is one (Linux's
    /dev/shm): on a virtual disk, creating 2,000 small files took 1.6 s here, against 0.06 s
    in memory. Elsewhere, the system's temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def build_index(site_dir: str, language: str | None, *, project: Path, keep_index_url: bool = False) -> IndexStats:
    """Index every page of the built site that marks its content for search."""
    start = time.perf_counter()
    site = Path(site_dir).resolve()
    pagefind = find_pagefind(project)
    _wait(_run(pagefind, site, site / INDEX_DIR, language, keep_index_url), pagefind)
    stats = IndexStats(_page_count(site / INDEX_DIR), time.perf_counter() - start)
    log.info("prfaq: search index of %d pages built in %.2f s", stats.pages, stats.seconds)
    return stats
