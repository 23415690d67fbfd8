"""Ingest: read files, run the pipeline (optionally in worker processes), store.

Worker processes read each file, skip texts already stored and run the pure
pipeline; only this process writes to SQLite, each article atomic, committed
in batches. Ctrl-C stops after the current article: what was written stays whole.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import threading
import time
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .schema import Database

from .index import ArticleWriter
from .model import ProcessedArticle, RawDocument
from .pipeline import content_hash, process, warm_up
from .workers import WorkerPool, leave_ctrl_c_to_parent
from .read import JSONL_SUFFIXES, ReadFailure, list_article_files, read_file


@dataclass
class IngestSummary:
    """What an ingest did: counts, and the reason for each failure."""

    added: int = 0
    already_present: int = 0
    files: int = 0  # article files found under the paths given
    failed: list[ReadFailure] = field(default_factory=list)
    interrupted: bool = False

    def line(self) -> str:
        text = f"{self.added} added, {self.already_present} already present, {len(self.failed)} failed"
        return text + (" (interrupted)" if self.interrupted else "")


WRITE_ATTEMPTS = 8

# progress(files_done, files_total, articles_added)
ProgressCallback = Callable[[int, int, int], None]


JSONL_CHUNK = 32  # articles of a .jsonl file sent to a worker at a time
# Files sent to a worker process at a time: fewer, larger messages through the
# workers' pipes.
FILES_PER_JOB = 16

# A job: files to read, or a chunk of articles already read from a .jsonl file
# (so one big feed is spread over the workers); how many files it ends.
Job = tuple[list[tuple[os.PathLike[str], str]], list[RawDocument | ReadFailure], int, str, dt.date]
# Its outcome: articles to write, failures, how many texts were already
# stored, and how many files it ends.
JobResult = tuple[list[ProcessedArticle], list[ReadFailure], int, int]

_checks: dict[str, sqlite3.Connection] = {}


def _stored(database_file: str, digest: str) -> bool:
    """Is this text already stored? Asked on a read connection of this process's own."""
    if database_file not in _checks:
        _checks[database_file] = sqlite3.connect(database_file, timeout=30)
    return _checks[database_file].execute(
        "SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone() is not None


def _close_checks() -> None:
    for connection in _checks.values():
        connection.close()
    _checks.clear()


def _jobs(files: list[tuple[os.PathLike[str], str]], database_file: str, today: dt.date,
          files_per_job: int) -> Iterator[Job]:
    batch: list[tuple[os.PathLike[str], str]] = []
    for path, source in files:
        if Path(path).suffix.lower() not in JSONL_SUFFIXES:
            batch.append((path, source))
            if len(batch) == files_per_job:
                yield batch, [], len(batch), database_file, today
                batch = []
            continue
        if batch:
            yield batch, [], len(batch), database_file, today
            batch = []
        chunk: list[RawDocument | ReadFailure] = []
        for item in read_file(path, source):
            chunk.append(item)
            if len(chunk) == JSONL_CHUNK:
                yield [], chunk, 0, database_file, today
                chunk = []
        yield [], chunk, 1, database_file, today
    if batch:
        yield batch, [], len(batch), database_file, today


def _run_job(job: Job) -> JobResult:
    """Read (unless read already), skip texts already stored, run the pipeline on the rest.

    Runs in a worker process: reading, hashing and the pipeline stay off the
    writer's process. The writer checks the hash again inside its transaction,
    so two copies of one text in a run, or a concurrent ingest of the same
    text, still make no duplicate.
    """
    files, documents, files_ended, database_file, today = job
    items = chain((item for path, source in files for item in read_file(path, source)), documents)
    articles: list[ProcessedArticle] = []
    failures: list[ReadFailure] = []
    present = 0
    seen: set[str] = set()
    for item in items:
        if isinstance(item, ReadFailure):
            failures.append(item)
            continue
        digest = content_hash(item)
        if digest in seen or _stored(database_file, digest):
            present += 1
            continue
        seen.add(digest)
        try:
            articles.append(process(item, today=today, digest=digest))
        except Exception as error:  # a pipeline bug must not sink the batch
            failures.append(ReadFailure(item.source, f"could not be processed: {type(error).__name__}: {error}"))
    return articles, failures, present, files_ended


def _init_worker() -> None:
    """Pool workers leave Ctrl-C to the parent, which stops after the current article.

    A forked worker must not use connections inherited from the parent.
    """
    leave_ctrl_c_to_parent()
    _checks.clear()


class _StopOnSignal:
    """Turns the first Ctrl-C (or SIGTERM) into a flag checked between articles.

    A second Ctrl-C raises KeyboardInterrupt at once; the article being written
    is then rolled back, so the database still holds only whole articles.
    Only the main thread can install signal handlers; elsewhere this is inert.
    """

    def __init__(self) -> None:
        self.stop = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame: object) -> None:
        self.stop = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> "_StopOnSignal":
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                try:
                    self._previous[signum] = signal.signal(signum, self._handle)
                except (ValueError, OSError):
                    pass
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


# Most articles per commit (batches grow to this from index.FIRST_BATCH_ARTICLES; index.BATCH_SECONDS
# caps them in time). Each commit makes FTS5 write an index segment and writes every page the batch
# touched: into a 240,000-article database the writer spent 2.9 ms of CPU per article with batches
# of 100, 2.5 with 1,000 (wall 3.7 -> 2.6 ms).
COMMIT_BATCH = 1000


def _write_with_retry(writer: ArticleWriter, article: ProcessedArticle) -> int | None:
    """writer.write, retried while another writer holds the database (SQLITE_BUSY).

    The connection's busy timeout already waits up to 30 s for BEGIN IMMEDIATE;
    this covers the rarer cases where SQLite reports BUSY without waiting.
    """
    delay = 0.05
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return writer.write(article)
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    return None  # not reached


def database_file(db: Database) -> str:
    """The file behind an open database."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def ingest_paths(
    db: Database,
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
) -> IngestSummary:
    """Add every article under `paths`; re-ingesting the same text adds nothing."""
    summary = IngestSummary()
    with _StopOnSignal() as stop:
        files, failures = list_article_files(paths)
        summary.failed.extend(failures)
        summary.files = len(files)
        if not files:
            return summary
        writer = ArticleWriter(db, batch_size=COMMIT_BATCH)
        today = today or dt.date.today()
        where = database_file(db)
        jobs = _jobs(files, where, today, FILES_PER_JOB if workers > 1 else 1)
        if workers > 1:
            warm_up()
        pool = WorkerPool(workers, initializer=_init_worker)
        results = pool.map(_run_job, jobs)
        done = 0
        try:
            for articles, failed, present, files_ended in results:
                done += files_ended
                summary.failed.extend(failed)
                summary.already_present += present
                for article in articles:
                    if _write_with_retry(writer, article) is None:
                        summary.already_present += 1
                    else:
                        summary.added += 1
                    if stop.stop:
                        break
                if progress:
                    progress(done, len(files), summary.added)
                if stop.stop:
                    break
        except KeyboardInterrupt:
            stop.stop = True
        finally:
            pool.close()
            _close_checks()
            writer.flush()
        if summary.added:
            writer.finish()
        summary.interrupted = stop.stop
    return summary
