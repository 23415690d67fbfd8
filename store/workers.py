"""Worker processes for the pipeline: results in order, a bounded number of jobs in flight.

`multiprocessing.Pool.imap` reads its whole input ahead on a thread of its
own: over a million-article feed that would queue every article in memory,
and over the database it would read from a second thread. Here jobs are taken
from the iterator in the caller's thread, only as results are consumed.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

JOBS_PER_WORKER_IN_FLIGHT = 4


def leave_ctrl_c_to_parent() -> None:
    """Worker initializer: the parent handles Ctrl-C (it stops cleanly); SIGTERM kills.

    The forked worker inherited the parent's handlers; Pool.terminate() sends SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class WorkerPool:
    """`fn` over jobs in `workers` forked processes, or in this process when workers is 1."""

    def __init__(self, workers: int, initializer: Callable[[], None] = leave_ctrl_c_to_parent):
        self.workers = workers
        self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=initializer) if workers > 1 else None

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        if self._pool is None:
            yield from map(fn, jobs)
            return
        window = JOBS_PER_WORKER_IN_FLIGHT * self.workers
        pending: deque = deque()
        for job in jobs:
            pending.append(self._pool.apply_async(fn, (job,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
