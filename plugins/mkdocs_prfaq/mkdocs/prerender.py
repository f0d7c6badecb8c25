"""The PR/FAQ pages' Markdown converted by forked worker processes during `mkdocs build`.

Converting Markdown is most of a build, and MkDocs converts one page at a time. With thousands
of PR/FAQs, the plugin forks workers (once the navigation is known, before MkDocs converts any
page) that do for each PR/FAQ page exactly what MkDocs and the plugin would: read its source,
run the `page_markdown` event, `Page.render`, then the plugin's own finishing (splicing its HTML
back, sanitizing). A worker sends back what rendering set on the page and the log records it
emitted. When MkDocs asks the main process to render that page, the page takes those values
and the records are logged there, so `mkdocs build --strict` counts their warnings as before.

Used only when no other plugin handles a page event: another plugin's handlers would run in
the workers, and whatever they keep would be lost. A page a worker failed on is rendered by
MkDocs itself, as if none of this existed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core import forked

log = logging.getLogger("mkdocs.plugins.prfaq")

#: Page events whose handlers would run in the workers: only the plugin's own are allowed.
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
#: Pages per task sent to a worker: few enough that the first results come back soon.
SLICE = 32

#: A page's rendering as a worker sends it: the attributes `render` set (with the plugin's
#: finishing applied to `content`), the log records, the error when it failed, and what the
#: plugin's `report` said of the page.
Rendered = tuple[dict[str, Any] | None, list[tuple[str, int, str]], str | None, Any]


def usable(config: MkDocsConfig, owner: object) -> bool:
    """Whether pages can be converted in workers: a system that forks, and no other plugin
    handling a page event."""
    return forked.can_fork() and only_owner(config, owner)


def only_owner(config: MkDocsConfig, owner: object) -> bool:
    """Whether no plugin but `owner` handles a page event (so a page's rendering depends on its
    Markdown, the site's files and its configuration alone)."""
    events: dict[str, list[Any]] = config.plugins.events
    return all(getattr(handler, "__self__", None) is owner for name in PAGE_EVENTS for handler in events.get(name, []))


@dataclass(frozen=True, slots=True)
class _Job:
    pages: Sequence[Page]
    config: MkDocsConfig
    files: Files
    finish: Callable[[Page, str], str]
    report: Callable[[Page], Any]


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []
        self._seen: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # A record may pass two loggers that both hold this handler: keep it once.
        if any(record is seen for seen in self._seen[-4:]):
            return
        self._seen.append(record)
        self.records.append((record.name, record.levelno, record.getMessage()))


def _capture_logs() -> _Capture:
    """In a worker: every log record goes to one list, none to the terminal (the main process
    logs them, once). The handler takes the place of every handler the process inherited."""
    capture = _Capture()
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.Logger.manager.loggerDict))]
    for logger in loggers:
        if logger.handlers or logger is loggers[0]:
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(capture)
    return capture


class _Pickler(pickle.Pickler):
    """Files and pages travel as their source path; the main process has the same ones."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, File):
            return ("file", obj.src_uri)
        if isinstance(obj, Page):
            return ("page", obj.file.src_uri)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, files: Files) -> None:
        super().__init__(io.BytesIO(data))
        self.files = files

    def persistent_load(self, pid: Any) -> Any:
        kind, src = pid
        file = self.files.get_file_from_path(src)
        if file is None:
            raise pickle.UnpicklingError(f"no file {src}")
        return file if kind == "file" else file.page


def _pickled(value: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _rendered(page: Page, config: MkDocsConfig, files: Files) -> dict[str, Any]:
    """Render `page` as MkDocs does; what rendering set on it (the attributes it added or replaced)."""
    before = dict(vars(page))
    Page.render(page, config, files)
    return {k: v for k, v in vars(page).items() if k not in before or before[k] is not v}


def _take(page: Page, state: dict[str, Any], records: list[tuple[str, int, str]]) -> None:
    """Give `page` a rendering made elsewhere, and log what logging it did (once, here)."""
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)
    for key, value in state.items():
        setattr(page, key, value)


def _render_slice(job: _Job, start: int, stop: int) -> bytes:
    """In a worker: the pages from `start` to `stop`, rendered and pickled."""
    capture = _capture_logs()
    out: list[Rendered] = []
    for page in job.pages[start:stop]:
        capture.records = []
        try:
            job.config._current_page = page
            page.read_source(job.config)
            page.markdown = job.config.plugins.on_page_markdown(
                page.markdown or "", page=page, config=job.config, files=job.files
            )
            state = _rendered(page, job.config, job.files)
            state["content"] = job.finish(page, page.content or "")
            out.append((state, capture.records, None, job.report(page)))
        except Exception as exc:  # rendered again by MkDocs, which reports it properly
            out.append((None, [], f"{type(exc).__name__}: {exc}", None))
    return _pickled(out)


class Prerenderer:
    """Converts `pages` in `jobs` forked processes, and hands each result to MkDocs."""

    def __init__(
        self,
        pages: Sequence[Page],
        config: MkDocsConfig,
        files: Files,
        finish: Callable[[Page, str], str],
        report: Callable[[Page], Any],
        receive: Callable[[Page, Any], None],
        jobs: int,
    ) -> None:
        """`finish` completes a page's HTML after rendering; `report(page)`, run in the worker
        after it, is handed to `receive(page, report)` in the main process."""
        self.files = files
        self._receive = receive
        #: Each page's slice, its place in it, and the worker's answer for the slice.
        self._where: dict[str, tuple[int, int, Future[bytes]]] = {}
        self._done: dict[int, list[Rendered]] = {}
        #: Pages whose rendering came from a worker, finished by it too.
        self.prerendered: set[str] = set()
        job = _Job(pages, config, files, finish, report)
        bounds = [(first, first + SLICE) for first in range(0, len(pages), SLICE)]
        self._pool, futures = forked.start(partial(_render_slice, job), bounds, jobs)
        for number, ((first, last), future) in enumerate(zip(bounds, futures, strict=True)):
            for offset, page in enumerate(pages[first:last]):
                self._where[page.file.src_uri] = (number, offset, future)

    def install(self, page: Page) -> None:
        """Have MkDocs take this page's rendering from the workers (if they have it)."""
        if page.file.src_uri in self._where:
            page.render = partial(self._render, page)  # type: ignore[method-assign]

    def _result(self, page: Page) -> Rendered | None:
        number, offset, future = self._where[page.file.src_uri]
        if number not in self._done:
            try:
                self._done[number] = _Unpickler(future.result(), self.files).load()
            except Exception as exc:  # a worker that died: MkDocs converts these pages itself
                log.debug("prfaq: a slice of pages was not converted ahead: %s", exc)
                self._done[number] = []
        results = self._done[number]
        return results[offset] if offset < len(results) else None

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        result = self._result(page)
        state, records, error, report = result if result is not None else (None, [], "not converted", None)
        if state is None:
            log.debug("prfaq: %s is converted by MkDocs: %s", page.file.src_uri, error)
            Page.render(page, config, files)
            return
        _take(page, state, records)
        self.prerendered.add(page.file.src_uri)
        self._receive(page, report)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class RenderMemo:
    """Each PR/FAQ page's rendering kept across the rebuilds of `mkdocs serve`, with a digest of
    what it was made from: its Markdown, where it goes, the site's files and the configuration
    that shapes the HTML. A rebuild converts again only the pages whose digest changed (the one
    document an author saves, and those whose card or links it changes); the others take their
    kept rendering, and the warnings it logged are logged again.

    The rendering is kept pickled as the workers send theirs, pages and files by their path, so
    that it is taken against the new build's own objects."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, bytes]] = {}
        self._site: tuple[int, str] | None = None
        #: Pages taken from the memo in the last build (for the tests and the log).
        self.hits = 0

    def install(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        page.render = partial(self._render, page)  # type: ignore[method-assign]

    def start_build(self) -> None:
        self.hits = 0

    def _site_digest(self, config: MkDocsConfig, files: Files) -> str:
        if self._site is None or self._site[0] != id(files):
            digest = hashlib.sha256()
            for file in files:
                digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
            shape = (
                config.config_file_path,
                config.docs_dir,
                config.site_url,
                config.use_directory_urls,
                config.markdown_extensions,
                config.mdx_configs,
                config.validation,
            )
            digest.update(repr(shape).encode())
            self._site = (id(files), digest.hexdigest())
        return self._site[1]

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        src = page.file.src_uri
        digest = hashlib.sha256(
            f"{self._site_digest(config, files)}\0{src}\0{page.file.dest_uri}\0{page.url}\0".encode()
        )
        digest.update((page.markdown or "").encode())
        key = digest.hexdigest()
        kept = self._kept.get(src)
        if kept is not None and kept[0] == key:
            try:
                state, records = _Unpickler(kept[1], files).load()
            except Exception:  # a page or file it names is gone: convert it again
                log.debug("prfaq: %s: its kept rendering no longer fits", src)
            else:
                _take(page, state, records)
                self.hits += 1
                return
        recorder = _Capture()
        watched = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in watched:
            logger.addHandler(recorder)
        try:
            state = _rendered(page, config, files)
        finally:
            for logger in watched:
                logger.removeHandler(recorder)
        try:
            self._kept[src] = (key, _pickled((state, recorder.records)))
        except Exception:  # something a pickle cannot hold: this page is not kept
            self._kept.pop(src, None)
