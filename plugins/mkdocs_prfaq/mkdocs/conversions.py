"""The PR/FAQ pages' conversions, made once and handed to MkDocs: the plugin's speed code, in one module.

- Under `mkdocs serve`, each page's conversion is kept from one rebuild to the next. A rebuild
  converts again only the pages whose digest changed: what the page is made from (its Markdown,
  where it goes, the site's files, the configuration that shapes the HTML), so the document an
  author saves and those whose card or links it changes. `bench/serve.py`: a rebuild after one
  edit at N = 1,000 took 9.0 s with it and 15.9 s without.
- Under `mkdocs build`, forked worker processes convert the pages as MkDocs would
  (`Page.read_source`, the plugin's Markdown step, `Page.render`, the plugin's finishing) once
  the navigation is known, and send back each page's HTML, table of contents, anchors and log
  records. `bench/build.py jobs`: at N = 2,000 the build with `jobs: 0` took 23% less than with
  `jobs: 1`, the option that turns the workers off.

Either way MkDocs' own pass then takes the page from the memo: it hands MkDocs no Markdown to
convert (`page_markdown`) and takes back the kept HTML, table of contents and anchors
(`page_content`); the warnings the conversion logged are logged again. Only MkDocs' events and
the page's documented attributes are used, and only when no other plugin handles a page event
(its handlers would not see the pages taken from here). A page a worker could not convert is
converted by MkDocs itself.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from ..core import forked

__all__ = ["MIN_PAGES", "Conversions", "RenderMemo"]

#: Page events whose handlers would miss the pages taken from the memo.
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
#: Fewer PR/FAQ pages than this are converted by MkDocs alone: forking costs about 0.1 s.
MIN_PAGES = 200
#: Pages per worker task: few enough that the first results come back while MkDocs converts the handbook.
SLICE = 32

#: The plugin's part of a page's conversion: its Markdown step before `Page.render`, its
#: finishing of the HTML after.
Prepare = Callable[[Page], None]
Finish = Callable[[Page, str], str]


def _only_owner(config: MkDocsConfig, owner: object) -> bool:
    """Whether no plugin but `owner` handles a page event."""
    events: dict[str, list[Any]] = config.plugins.events
    return all(getattr(handler, "__self__", None) is owner for name in PAGE_EVENTS for handler in events.get(name, []))


@dataclass(slots=True)
class Converted:
    """A PR/FAQ page's conversion, finished by the plugin; `key` is the digest of what it was made from."""

    key: str
    html: str = ""
    toc: TableOfContents | None = None
    anchors: set[str] = field(default_factory=set)
    #: Links to anchors of other pages, by the source path of the page linked to.
    links: dict[str, dict[str, str]] | None = None
    records: list[tuple[str, int, str]] = field(default_factory=list)


def _links(page: Page) -> dict[str, dict[str, str]] | None:
    links = page.links_to_anchors
    return None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()}


class Recorder(logging.Handler):
    """What a page's conversion logs, heard on MkDocs' logger and the root logger (once)."""

    LOGGERS = ("", "mkdocs")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is not self._last:
            self._last = record
            self.records.append((record.name, record.levelno, record.getMessage()))

    def listen(self, on: bool) -> None:
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(self) if on else logger.removeHandler(self)
        self.records = [] if on else self.records


class RenderMemo:
    """The kept conversions; with `once`, each is taken at most once (a build's, made by its
    worker processes): nothing is copied for a next build, nor kept after it is taken."""

    def __init__(self, *, once: bool = False) -> None:
        self.once = once
        self._kept: dict[str, Converted] = {}
        self._converting: dict[str, Converted] = {}
        self._recorder = Recorder()
        self._site: tuple[int, str] | None = None
        #: Pages taken from the memo in the last build (for the log and the tests).
        self.hits = 0

    def start_build(self) -> None:
        self.hits = 0
        self._converting = {}
        self._recorder.listen(False)  # after a build that failed while converting a page

    def _site_digest(self, config: MkDocsConfig, files: Files) -> str:
        if self._site is None or self._site[0] != id(files):
            digest = hashlib.sha256()
            for file in files:
                digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
            shape = (config.config_file_path, config.docs_dir, config.site_url, config.use_directory_urls)
            digest.update(repr((*shape, config.markdown_extensions, config.mdx_configs, config.validation)).encode())
            self._site = (id(files), digest.hexdigest())
        return self._site[1]

    def key(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The digest of what the page's conversion is made from."""
        site = self._site_digest(config, files)
        return hashlib.sha256(f"{site}\0{page.file.src_uri}\0{page.file.dest_uri}\0{page.url}\0{markdown}".encode()).hexdigest()

    def adopt(self, src: str, converted: Converted) -> None:
        """A conversion made elsewhere (a worker process), taken as if kept here."""
        self._kept[src] = converted

    def markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The Markdown MkDocs converts: none when the page's kept conversion still fits."""
        src = page.file.src_uri
        key = self.key(markdown, page, config, files)
        kept = self._kept.get(src)
        if kept is not None and kept.key == key:
            return ""
        if self.once:
            self._kept.pop(src, None)
            return markdown
        self._converting[src] = Converted(key)
        self._recorder.listen(True)
        return markdown

    def content(self, html: str, page: Page, files: Files) -> str | None:
        """The kept HTML of a page taken from the memo (its table of contents and anchors set,
        its warnings logged again); None for a page just converted, whose conversion is kept."""
        src = page.file.src_uri
        converted = self._converting.pop(src, None)
        if converted is None:
            kept = self._kept.pop(src, None) if self.once else self._kept.get(src)
            return self._take(kept, page, files) if kept is not None else None
        self._recorder.listen(False)
        converted.records = self._recorder.records
        converted.anchors = set(page.present_anchor_ids or ())
        converted.links = _links(page)
        self._kept[src] = converted
        return None

    def keep(self, page: Page, html: str) -> None:
        """The page's final HTML and table of contents, once the plugin finished it."""
        kept = self._kept.get(page.file.src_uri)
        if kept is not None:
            kept.html, kept.toc = html, copy.deepcopy(page.toc)

    def _take(self, kept: Converted, page: Page, files: Files) -> str:
        for name, level, message in kept.records:
            logging.getLogger(name).log(level, "%s", message)
        if kept.toc is not None:
            page.toc = kept.toc if self.once else copy.deepcopy(kept.toc)
        page.present_anchor_ids = set(kept.anchors)
        if kept.links is not None:
            linked = {files.get_file_from_path(src): dict(links) for src, links in kept.links.items()}
            page.links_to_anchors = {file: links for file, links in linked.items() if file is not None}
        self.hits += 1
        return kept.html


def _silence_and_record() -> Recorder:
    """In a worker: no log record reaches the terminal (the main process logs them, once)."""
    for logger in [logging.getLogger(), *map(logging.getLogger, list(logging.Logger.manager.loggerDict))]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    recorder = Recorder()
    recorder.listen(True)
    return recorder


class Workers:
    """The PR/FAQ `pages`, converted by `jobs` forked processes into `memo`."""

    def __init__(
        self, pages: Sequence[Page], memo: RenderMemo, config: MkDocsConfig, files: Files, jobs: int,
        prepare: Prepare, finish: Finish,
    ) -> None:  # fmt: skip
        self._pages, self._memo, self._config, self._files = pages, memo, config, files
        self._prepare, self._finish = prepare, finish
        self._recorder: Recorder | None = None
        self._pool: ProcessPoolExecutor | None
        self.jobs = jobs
        self._pool, slices = forked.start_slices(self._convert_slice, len(pages), jobs, SLICE)
        self._slices = {page.file.src_uri: s for s in slices for page in pages[s[0] : s[1]]}

    def _convert(self, page: Page) -> Converted:
        config, files = self._config, self._files
        page.read_source(config)
        key = self._memo.key(page.markdown or "", page, config, files)
        assert self._recorder is not None
        self._recorder.records = []
        self._prepare(page)
        page.render(config, files)
        html = self._finish(page, page.content or "")
        anchors = set(page.present_anchor_ids or ())
        return Converted(key, html, page.toc, anchors, _links(page), list(self._recorder.records))

    def _convert_slice(self, start: int, stop: int) -> list[Converted | None]:
        """In a worker: the conversions of pages `start` to `stop` (None where one failed)."""
        if self._recorder is None:
            self._recorder = _silence_and_record()
        out: list[Converted | None] = []
        for page in self._pages[start:stop]:
            try:
                out.append(self._convert(page))
            except Exception:  # converted again by MkDocs, which reports it properly
                out.append(None)
        return out

    def receive(self, page: Page) -> None:
        """Before MkDocs converts `page`: its slice's conversions, into the memo."""
        found = self._slices.pop(page.file.src_uri, None)
        if found is None:
            return
        start, stop, future = found
        try:
            converted = future.result()
        except Exception:  # a worker that died: MkDocs converts these pages itself
            return
        for other, result in zip(self._pages[start:stop], converted, strict=True):
            self._slices.pop(other.file.src_uri, None)
            if result is not None:
                self._memo.adopt(other.file.src_uri, result)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class Conversions:
    """The conversions of the PR/FAQ pages for one command: kept between `serve`'s rebuilds,
    made by workers in a `build` that converts at least :data:`MIN_PAGES` of them."""

    def __init__(self, command: str | None, owner: object, prepare: Prepare, finish: Finish) -> None:
        self._serving = RenderMemo() if command == "serve" else None
        self._owner, self._prepare, self._finish = owner, prepare, finish
        #: The memo of the running build, when the pages go through one.
        self.memo: RenderMemo | None = self._serving
        self._pages: set[str] = set()
        self._workers: Workers | None = None

    def start(self, pages: Sequence[Page], config: MkDocsConfig, files: Files, jobs: int) -> None:
        """Once the navigation is known: `pages` go through the memo, and workers convert them
        when `jobs` allows and it pays."""
        self.close()
        alone = _only_owner(config, self._owner)
        self.memo = self._serving if alone else None
        if self.memo is not None:
            self.memo.start_build()
        elif alone and jobs >= 2 and len(pages) >= MIN_PAGES and forked.can_fork():
            self.memo = RenderMemo(once=True)
            self._workers = Workers(pages, self.memo, config, files, jobs, self._prepare, self._finish)
        self._pages = {page.file.src_uri for page in pages} if self.memo is not None else set()

    def markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The Markdown MkDocs converts for a generated page (none when it is kept)."""
        self._prepare(page)
        if self.memo is None or page.file.src_uri not in self._pages:
            return markdown
        if self._workers is not None:
            self._workers.receive(page)
        return self.memo.markdown(markdown, page, config, files)

    def content(self, html: str, page: Page, files: Files) -> str:
        """A generated page's finished HTML: kept, or finished now (and kept)."""
        if self.memo is None or page.file.src_uri not in self._pages:
            return self._finish(page, html)
        kept = self.memo.content(html, page, files)
        if kept is not None:
            return kept
        html = self._finish(page, html)
        self.memo.keep(page, html)
        return html

    def close(self) -> str | None:
        """After the pages are converted (or the build failed): what to log about them."""
        workers, self._workers = self._workers, None
        hits = self.memo.hits if self.memo is not None else 0
        if workers is not None:
            workers.close()
            return f"{hits} PR/FAQ pages converted by {workers.jobs} worker processes"
        if self._serving is not None and hits:
            return f"{hits} PR/FAQ page(s) unchanged since the last build, not converted again"
        return None
