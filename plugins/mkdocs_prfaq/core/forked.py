"""Work spread over forked processes that inherit their data instead of receiving it.

Sending thousands of documents to worker processes (pickling them) costs more than checking
them. A forked worker already holds everything its parent held when it forked, so only the
bounds of its share travel to it, and only its results travel back.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Aside", "Slice", "can_fork", "in_slices", "start_slices"]

T = TypeVar("T")

#: The work of the pool being forked: inherited by its processes, never pickled.
_WORK: Callable[[int, int], Any] | None = None


def can_fork() -> bool:
    """Whether forking without exec is safe here: not on Windows, which cannot fork, nor on
    macOS, where system libraries may break in a forked child (CPython's own default there
    is to spawn fresh processes, which would have to be sent every document)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def _run(start: int, stop: int) -> Any:
    assert _WORK is not None
    return _WORK(start, stop)


#: A slice of the items, `start` to `stop`, and the future of its results.
Slice = tuple[int, int, "Future[Any]"]


def start_slices(work: Callable[[int, int], Any], count: int, jobs: int, size: int) -> tuple[ProcessPoolExecutor, list[Slice]]:
    """Start `work(start, stop)` over `count` items in slices of `size`, in `jobs` forked
    processes that inherit `work`; the caller shuts the pool down."""
    global _WORK
    import multiprocessing  # here: a check that forks nothing starts 12 ms sooner
    from concurrent.futures import ProcessPoolExecutor

    _WORK = work
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
        # The processes fork at the first task (the fork start method starts them all at once).
        return pool, [(first, first + size, pool.submit(_run, first, first + size)) for first in range(0, count, size)]
    finally:
        _WORK = None


def in_slices(work: Callable[[int, int], list[T]], count: int, jobs: int, per_job: int = 4) -> list[T]:
    """`work(start, stop)` over `count` items cut into `per_job` slices per process, run by
    `jobs` forked processes that inherit `work`; the results of all slices, in order. A few
    slices per process even out their loads."""
    pool, slices = start_slices(work, count, jobs, max(1, -(-count // (jobs * per_job))))
    with pool:
        return [item for _, _, future in slices for item in future.result()]


class Aside(Generic[T]):
    """`work` started at once in a forked process of its own when `fork` (and forking is safe
    here), while the caller does something else; :meth:`result` waits for it. Without a
    process, :meth:`result` runs `work` itself. What `work` raises, :meth:`result` raises; if
    the process dies, `work` runs again in the caller. Used as a context manager, the process
    is waited for and gone on leaving the block, whatever happened in it."""

    def __init__(self, work: Callable[[], T], *, fork: bool) -> None:
        self._work = work
        self._started = start_slices(lambda _start, _stop: work(), 1, 1, 1) if fork and can_fork() else None

    def result(self) -> T:
        if self._started is None:
            return self._work()
        from concurrent.futures.process import BrokenProcessPool

        [(_, _, future)] = self._started[1]
        try:
            done: T = future.result()
        except BrokenProcessPool:  # killed (out of memory): the work is still to be done
            done = self._work()
        finally:
            self.close()
        return done

    def close(self) -> None:
        started, self._started = self._started, None
        if started is not None:
            started[0].shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Aside[T]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
