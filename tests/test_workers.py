"""The worker pool: results in order, and only a bounded number of jobs taken ahead."""

from __future__ import annotations

from store.workers import JOBS_PER_WORKER_IN_FLIGHT, WorkerPool


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
