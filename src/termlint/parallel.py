"""Check many files in several processes; results come back in the order of the paths.

`run(paths, task, jobs)` calls `task(path)` for every path and returns the results in
the order of `paths`, whatever order the workers finish in, so reports and exit codes do
not depend on `-j`. Work goes to processes only when it is worth starting them: more
than one job, more than one file, enough bytes to check, and no standard input ("-" is
read by this process). On platforms with `fork` the workers inherit the compiled rules;
elsewhere the task is pickled to them once.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

MIN_BYTES = 256 * 1024  # below this, starting processes costs more than it saves
_task: Callable[[str], Any] | None = None


def default_jobs() -> int:
    """The number of cores this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worth_it(paths: Sequence[str], jobs: int, min_bytes: int = MIN_BYTES) -> bool:
    """Whether spreading these paths over `jobs` processes can pay for starting them."""
    if jobs < 2 or len(paths) < 2 or "-" in paths:
        return False
    if min_bytes <= 0:
        return True
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
        if total >= min_bytes:
            return True
    return False


Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]


def run(
    paths: Sequence[str],
    task: Callable[[str], T],
    jobs: int,
    *,
    min_bytes: int = MIN_BYTES,
    progress: Progress | None = None,
) -> list[T]:
    """`[task(p) for p in paths]`, spread over up to `jobs` processes when it pays.

    `progress(total)` may give a context whose value is called once per finished file;
    it is entered after the workers have started (a progress bar's thread is never forked).
    """
    show = progress or _no_progress
    if not worth_it(paths, jobs, min_bytes) or not _can_send(task):
        with show(len(paths)) as advance:
            out = []
            for path in paths:
                out.append(task(path))
                advance()
            return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if _can_fork() else "spawn"
    workers = min(jobs, len(paths))
    # Small chunks keep every worker busy to the end; larger ones save messages.
    chunk = max(1, min(16, len(paths) // (workers * 8)))
    # concurrent.futures, not multiprocessing.Pool: Pool.terminate(), which leaving a Pool's
    # `with` block calls, was seen to hang for good after a worker raised (Python 3.11.2).
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_set_task, initargs=(task,))
    try:
        results = pool.map(_call, paths, chunksize=chunk)
        with show(len(paths)) as advance:
            out = []
            for result in results:
                out.append(result)
                advance()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # what has not started never will
        raise
    pool.shutdown(wait=True)
    return out


@contextmanager
def _no_progress(total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


def _can_send(task: Callable[[str], Any]) -> bool:
    """With `fork` workers inherit the task; otherwise it must survive pickling."""
    if _can_fork():
        return True
    import pickle

    try:
        pickle.dumps(task)
    except Exception:  # noqa: BLE001 - anything unpicklable: check in this process
        return False
    return True


def _can_fork() -> bool:
    """Fork, where it is safe: not on macOS, where system libraries may break in a forked child."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _set_task(task: Callable[[str], Any]) -> None:
    global _task
    _task = task


def in_worker() -> bool:
    """Whether this process is one of `run`'s workers."""
    return _task is not None


def _call(path: str) -> Any:
    assert _task is not None, "worker started without a task"
    return _task(path)
