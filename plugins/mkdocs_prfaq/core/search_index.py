"""The search index, by Pagefind, of any built site: knows nothing of MkDocs.

- `Indexer` collects the indexed part of each page as a site generator converts it (as
  `indexed_html` makes it), and has Pagefind index it into `site/pagefind/` on its own core
  while the generator goes on: `write` starts Pagefind, `finish` waits for it.
- `build_index` indexes a built site from its files instead (pages that mark their content with
  `data-pagefind-body`).
- `find_pagefind` picks the Pagefind program: the one `PAGEFIND_BINARY_PATH` names, else 1.6
  from the project's `node_modules` (`npm ci`), else the Python wheel's (1.5), which is slower
  to search on large sites and whose index differs from one build to the next.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .render.html import esc
from .render.search import EXCLUDE_SELECTORS

__all__ = [
    "INDEX_DIR",
    "MAX_FRAGMENTS",
    "WHEEL",
    "IndexStats",
    "Indexer",
    "Pagefind",
    "SearchIndexError",
    "build_index",
    "find_pagefind",
    "indexed_html",
    "npm_binaries",
]

#: Where the index goes, under the site's folder; the search script loads `pagefind/pagefind.js` from there.
INDEX_DIR = "pagefind"
#: At most this many fragment files (a result's title, metadata and text) per language: Pagefind
#: 1.6 bundles the fragments of larger sites into shared files, fewer files to write but more
#: bytes per result shown: at 10,000 documents, 2,000 files (six fragments each) made a query's
#: first results fetch 0.15 MB more (1.01 MB against 0.86 MB). So one file per page up to here.
MAX_FRAGMENTS = 10_000
#: The `origin` of the Python wheel's Pagefind.
WHEEL = "the Python wheel"


class SearchIndexError(RuntimeError):
    """Pagefind is missing, or could not index the site."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    pages: int
    seconds: float
    #: What Pagefind printed (with `--quiet`: little).
    output: str = ""

    def lines(self) -> list[str]:
        """What Pagefind printed, line by line (for a debug log)."""
        return [f"pagefind: {line}" for line in self.output.splitlines() if line.strip()]


def indexed_html(search_html: str, content: str, title: str, language: str) -> str:
    """The part of a page that the index reads, as the page template renders it (main.html):
    the search metadata, the headline when the content has none, the content."""
    headline = "" if "<h1" in content else f"<h1>{esc(title)}</h1>"
    return (
        f'<!doctype html><html lang="{esc(language)}"><head></head><body>'
        f"<div data-pagefind-body>{search_html}{headline}{content}</div></body></html>"
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

    def notice(self, project: Path) -> str | None:
        """What to tell the user about this program: that the wheel's is not the one to use."""
        if self.origin != WHEEL:
            return None
        return (
            f"search index by Pagefind {'.'.join(map(str, self.version))} from the Python wheel, as {project} has"
            " no node_modules/pagefind: run `npm ci` for Pagefind 1.6 (faster searches on large sites, the same"
            " index from one build to the next)"
        )


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
        raise SearchIndexError(f"cannot run Pagefind at {path}: {exc}") from None
    found = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(n) for n in found.groups()) if found else (0,)


def find_pagefind(project: Path) -> Pagefind:
    """The Pagefind program to run: the one `PAGEFIND_BINARY_PATH` names (Pagefind's own
    variable), else 1.6 from the project's `node_modules`, else the Python wheel's."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return Pagefind(Path(named), _version(Path(named)), "PAGEFIND_BINARY_PATH")
    if npm := next((p for p in npm_binaries(project) if p.is_file()), None):
        return Pagefind(npm, _version(npm), "node_modules")
    if wheel := _wheel_binary():
        return Pagefind(wheel, _version(wheel), WHEEL)
    raise SearchIndexError(
        "cannot build the search index: Pagefind is not installed; run `npm ci` "
        "(package.json pins it), or install the Python package `pagefind-bin`"
    )


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


def _wait(process: subprocess.Popen[str], pagefind: Pagefind) -> str:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind {pagefind.path} could not build the search index:\n{out.strip()}")
    return out


def _page_count(output: Path) -> int:
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class Indexer:
    """The indexed part of each page, written to a scratch folder laid out like the site while
    the generator converts the pages; `write` has Pagefind index it into `site/pagefind/` on its
    own core while the generator renders its templates, and `finish` waits for it.

    Pagefind parses a few kilobytes per page instead of whole pages with their navigation, header
    and footer, and never the catalog's listing pages."""

    def __init__(self, site: str | Path, language: str | None, pagefind: Pagefind, *, keep_index_url: bool = False) -> None:
        self.site = Path(site).resolve()
        self.pages = 0
        self.pagefind = pagefind
        self._language = language
        self._keep_index_url = keep_index_url
        self._scratch = tempfile.TemporaryDirectory(prefix="prfaq-search-", dir=_memory_folder())
        self._process: subprocess.Popen[str] | None = None

    def add(self, path: str, html: str) -> None:
        """One page: `path` is its output file relative to the site's folder (`prfaqs/x/index.html`)."""
        target = Path(self._scratch.name) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.pages += 1

    def write(self) -> None:
        """Start Pagefind once every page is converted, without waiting for it."""
        if self._process is None:
            output = self.site / INDEX_DIR
            self._process = _run(self.pagefind, Path(self._scratch.name), output, self._language, self._keep_index_url)

    def finish(self) -> IndexStats:
        """Wait until the index is written (:meth:`write` if it was not called)."""
        waiting = time.perf_counter()
        try:
            self.write()
            assert self._process is not None
            out = _wait(self._process, self.pagefind)
        finally:
            self._scratch.cleanup()
        return IndexStats(_page_count(self.site / INDEX_DIR), time.perf_counter() - waiting, out)

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


def build_index(site: str | Path, language: str | None, pagefind: Pagefind, *, keep_index_url: bool = False) -> IndexStats:
    """Index every page of the built site that marks its content for search."""
    start = time.perf_counter()
    site = Path(site).resolve()
    out = _wait(_run(pagefind, site, site / INDEX_DIR, language, keep_index_url), pagefind)
    return IndexStats(_page_count(site / INDEX_DIR), time.perf_counter() - start, out)
