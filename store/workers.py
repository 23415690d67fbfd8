"""Worker processes for the pipeline: results in order, a bounded number of jobs in flight.

Each worker is a forked process with a pipe for its jobs and one for its
results. Jobs go round-robin, so the result of job i is the next one on
worker i mod N's result pipe: the caller's thread reads it there itself. No
helper threads in the caller's process (multiprocessing.Pool spends ~0.2 ms
of that process's CPU per job on its three) and no read-ahead: jobs are taken
from the iterator only as results are consumed, so a million-article feed is
never queued in memory.

A worker that dies (killed, out of memory) raises `WorkerDied` in the caller
instead of leaving it waiting for ever; an exception in `fn` is raised again
in the caller.
"""

from __future__ import annotations

import fcntl
import gc
import multiprocessing
import queue
import signal
import threading
from collections import deque
from multiprocessing.connection import Connection
from typing import Callable, Iterable, Iterator, TypeVar

from .errors import StoreError

Job = TypeVar("Job")
Result = TypeVar("Result")

JOBS_PER_WORKER_IN_FLIGHT = 4
# Pipe capacity asked for: a worker's results in flight (~70 KB a job of 16 articles) fit in
# it, so a worker never waits for the caller to read before it starts its next job.
PIPE_BYTES = 1 << 20
_STOP = None  # the job that ends a worker's loop
CLOSE_TIMEOUT_S = 10.0  # a worker still alive this long after close() is killed


class WorkerDied(StoreError):
    """A worker process ended without returning a job's result."""


def leave_ctrl_c_to_parent() -> None:
    """Worker initializer: the parent handles Ctrl-C (it stops cleanly); SIGTERM kills.

    The forked worker inherited the parent's handlers; `close()` sends SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _worker_loop(fn: Callable, initializer: Callable[[], None], jobs: Connection, results: Connection,
                 others: list[Connection]) -> None:
    """In the worker: run `fn` over the jobs received, sending ("ok", result) or ("error", exception)."""
    for connection in others:  # the other workers' pipe ends, inherited through fork
        connection.close()
    initializer()
    # A thread keeps the job pipe drained: the caller may be sending a large job while this
    # process is blocked sending a large result the caller has not read yet.
    received: queue.SimpleQueue = queue.SimpleQueue()

    def drain() -> None:
        try:
            while True:
                job = jobs.recv()
                received.put(job)
                if job is _STOP:
                    return
        except (EOFError, OSError):
            received.put(_STOP)

    threading.Thread(target=drain, daemon=True).start()
    while (job := received.get()) is not _STOP:
        try:
            outcome = ("ok", fn(job))
        except Exception as error:  # noqa: BLE001 - raised again in the caller
            outcome = ("error", error)
        try:
            results.send(outcome)
        except (BrokenPipeError, OSError):
            return
        except Exception as error:  # the result or the exception does not pickle
            results.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))


def _enlarge(connection: Connection) -> None:
    """Give the pipe behind `connection` PIPE_BYTES of buffer where the system allows (Linux)."""
    try:
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        pass


class WorkerPool:
    """`fn` over jobs in `workers` forked processes, or in this process when workers is 1.

    The processes are forked by `map` (they inherit `fn` and everything built
    before: the pipeline's tables, shared copy-on-write).
    """

    def __init__(self, workers: int, initializer: Callable[[], None] = leave_ctrl_c_to_parent):
        self.workers = workers
        self._initializer = initializer
        self._processes: list = []
        self._fn: Callable | None = None
        self._job_ends: list[Connection] = []
        self._result_ends: list[Connection] = []

    def _start(self, fn: Callable) -> None:
        context = multiprocessing.get_context("fork")
        pipes = [(context.Pipe(duplex=False), context.Pipe(duplex=False)) for _ in range(self.workers)]
        for (_, job_in), (result_out, _) in pipes:
            _enlarge(job_in)
            _enlarge(result_out)
        everything = [end for pair in pipes for pipe in pair for end in pipe]
        # In the workers, what was built before the fork (the pipeline's tables) is frozen: the
        # collector never walks it, so the workers do not dirty (copy) the pages they share.
        gc.collect()
        gc.freeze()
        for (job_out, job_in), (result_out, result_in) in pipes:
            others = [end for end in everything if end not in (job_out, result_in)]
            process = context.Process(target=_worker_loop, daemon=True,
                                      args=(fn, self._initializer, job_out, result_in, others))
            process.start()
            self._processes.append(process)
        gc.unfreeze()
        for (job_out, job_in), (result_out, result_in) in pipes:
            job_out.close()
            result_in.close()
            self._job_ends.append(job_in)
            self._result_ends.append(result_out)

    def map(self, fn: Callable[[Job], Result], jobs: Iterable[Job]) -> Iterator[Result]:
        if self.workers <= 1:
            yield from map(fn, jobs)
            return
        if not self._processes:
            self._start(fn)
            self._fn = fn
        elif fn is not self._fn:
            raise ValueError("this pool's workers run another function: use a new WorkerPool")
        window = JOBS_PER_WORKER_IN_FLIGHT * self.workers
        pending: deque[int] = deque()  # the worker of each job in flight, oldest first
        sent = 0
        for job in jobs:
            worker = sent % self.workers
            self._send(worker, job)
            pending.append(worker)
            sent += 1
            if len(pending) >= window:
                yield self._receive(pending.popleft())
        while pending:
            yield self._receive(pending.popleft())

    def _send(self, worker: int, job: object) -> None:
        try:
            self._job_ends[worker].send(job)
        except (BrokenPipeError, OSError):
            raise self._died(worker) from None

    def _receive(self, worker: int):
        try:
            status, value = self._result_ends[worker].recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        if status == "error":
            raise value
        return value

    def _died(self, worker: int) -> WorkerDied:
        process = self._processes[worker]
        process.join(timeout=1)
        code = process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return WorkerDied(f"worker process {process.pid} ended unexpectedly ({how}); "
                          "what was written before is kept: run the same command again to go on")

    def close(self) -> None:
        """Stop the workers: idle ones at the end of their job pipe, busy ones by SIGTERM.

        The job pipes are closed first: a worker forked an instant before has not yet
        installed its own SIGTERM handler and would swallow the signal with the parent's
        (which only sets a flag), but it still ends at the end of its jobs.
        """
        for end in self._job_ends:
            end.close()
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(timeout=CLOSE_TIMEOUT_S)
            if process.is_alive():  # ignores both: never wait for ever
                process.kill()
                process.join()
        for end in self._result_ends:
            end.close()
        self._processes, self._job_ends, self._result_ends = [], [], []

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
