"""The worker pool: results in order, and only a bounded number of jobs taken ahead."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from store.workers import JOBS_PER_WORKER_IN_FLIGHT, WorkerDied, WorkerPool


def _square(x: int) -> int:
    return x * x


def test_results_come_back_in_order_with_workers_and_without():
    for workers in (1, 2):
        with WorkerPool(workers) as pool:
            assert list(pool.map(_square, range(50))) == [x * x for x in range(50)]


def test_jobs_are_taken_only_as_results_are_consumed():
    taken = []

    def jobs():
        for x in range(1000):
            taken.append(x)
            yield x

    with WorkerPool(2) as pool:
        results = pool.map(_square, jobs())
        assert next(results) == 0
        # a million-line feed must not be read ahead into memory
        assert len(taken) <= JOBS_PER_WORKER_IN_FLIGHT * 2 + 1
        assert next(results) == 1


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three is not welcome")
    return x


def test_an_exception_in_a_worker_is_raised_in_the_caller():
    with WorkerPool(2) as pool:
        results = pool.map(_fail_on_three, range(10))
        assert [next(results) for _ in range(3)] == [0, 1, 2]
        with pytest.raises(ValueError, match="three is not welcome"):
            next(results)


def _die_on_five(x: int) -> int:
    if x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_killed_worker_is_reported_not_waited_for():
    with WorkerPool(2) as pool:
        results = pool.map(_die_on_five, range(20))
        assert [next(results) for _ in range(5)] == [0, 1, 2, 3, 4]
        with pytest.raises(WorkerDied, match="signal 9"):
            next(results)


def _echo_twice(text: str) -> str:
    return text + text


def test_large_jobs_and_results_do_not_deadlock():
    """Jobs and results far larger than any pipe buffer, both ways at once."""
    jobs = [str(i) * 3_000_000 for i in range(6)]
    with WorkerPool(2) as pool:
        assert [len(result) for result in pool.map(_echo_twice, jobs)] == [2 * len(job) for job in jobs]


def _swallow_sigterm() -> None:
    # what a worker does in the instant after fork, before its own handlers are in place: the
    # parent's SIGTERM handler (which only sets a flag) is still installed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: None)


def test_close_ends_workers_that_swallow_sigterm():
    pool = WorkerPool(2, initializer=_swallow_sigterm)
    assert list(pool.map(_square, [])) == []  # forked, no job: an empty folder
    processes = list(pool._processes)
    closing = threading.Thread(target=pool.close, daemon=True)
    closing.start()
    closing.join(timeout=60)
    assert not closing.is_alive(), "close() waits for ever on a worker that swallowed SIGTERM"
    assert all(process.exitcode is not None for process in processes)  # none left behind
