"""`mkdocs build` converts the PR/FAQ pages in forked worker processes (the `jobs` option).

Converting Markdown is most of a build, and MkDocs converts one page at a time. Once the
navigation is known (`on_nav`), the plugin forks workers that convert the PR/FAQ pages as MkDocs
would (`Page.read_source`, the plugin's own Markdown step, `Page.render`, the plugin's
finishing) and send back each page's HTML, table of contents, anchors and log records. They go
into the plugin's :class:`~.memo.RenderMemo`, which MkDocs' own pass then takes them from,
exactly as `mkdocs serve` takes an unchanged page: MkDocs' public page attributes only.

`python bench/build.py jobs` measures it against `jobs: 1` at N = 2,000 (see bench/README.md).
A page a worker could not convert is converted by MkDocs itself; with another plugin handling
page events, nothing is forked (its handlers would not see the pages converted elsewhere).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core import forked
from .memo import Converted, Recorder, RenderMemo

__all__ = ["MIN_PAGES", "ParallelPages"]

#: Fewer PR/FAQ pages than this are converted by MkDocs alone: forking costs about 0.1 s.
MIN_PAGES = 200
#: Pages per task: few enough that the first results come back while MkDocs converts the handbook.
SLICE = 32

#: The plugin's part of a page's conversion: its Markdown step before `Page.render`, its
#: finishing of the HTML after.
Prepare = Callable[[Page], None]
Finish = Callable[[Page, str], str]


def _silence_and_record() -> Recorder:
    """In a worker: no log record reaches the terminal (the main process logs them, once)."""
    for logger in [logging.getLogger(), *map(logging.getLogger, list(logging.Logger.manager.loggerDict))]:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    recorder = Recorder()
    recorder.listen(True)
    return recorder


class ParallelPages:
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
        markdown = page.markdown or ""
        key = self._memo.key(markdown, page, config, files)
        assert self._recorder is not None
        self._recorder.records = []
        self._prepare(page)
        page.render(config, files)
        html = self._finish(page, page.content or "")
        links = page.links_to_anchors
        return Converted(
            key, html, page.toc, set(page.present_anchor_ids or ()),
            {file.src_uri: dict(anchors) for file, anchors in links.items()} if links is not None else None,
            list(self._recorder.records),
        )  # fmt: skip

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
