"""Work spread over forked processes that inherit their data instead of receiving it.

Sending thousands of documents to worker processes (pickling them) costs more than checking
them. A forked worker already holds everything its parent held when it forked, so only the
bounds of its share travel to it, and only its results travel back.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")

#: The work of the current :func:`in_slices` call, inherited by its workers, never pickled.
_WORK: Callable[[int, int], Any] | None = None


def can_fork() -> bool:
    """Whether forking without exec is safe here: not on Windows, which cannot fork, nor on
    macOS, where system libraries may break in a forked child (CPython's own default there
    is to spawn fresh processes, which would have to be sent every document)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def _run(start: int, stop: int) -> Any:
    assert _WORK is not None
    return _WORK(start, stop)


def in_slices(work: Callable[[int, int], list[T]], count: int, jobs: int) -> list[T]:
    """`work(start, stop)` over `count` items cut into slices, run by `jobs` forked processes;
    the results of all slices, in order. A few slices per process even out their loads."""
    global _WORK
    import multiprocessing  # here: a check that forks nothing starts 12 ms sooner
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, -(-count // (jobs * 4)))
    starts = range(0, count, size)
    _WORK = work
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [item for part in pool.map(_run, starts, [s + size for s in starts]) for item in part]
    finally:
        _WORK = None


#: The work of the :func:`in_background` call being forked.
_ALONE: Callable[[], Any] | None = None


def _run_alone() -> Any:
    assert _ALONE is not None
    return _ALONE()


def in_background(work: Callable[[], T]) -> Future[T]:
    """`work()` run now by one forked process, while this one goes on; its result, later."""
    global _ALONE
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _ALONE = work
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        return pool.submit(_run_alone)  # forks here, inheriting `work`
    finally:
        pool.shutdown(wait=False)
        _ALONE = None
