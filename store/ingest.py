"""Ingest: read files, run the pipeline (optionally in worker processes), store.

The pipeline steps are pure, so worker processes run them; only this process
writes to SQLite, one transaction per article. Ctrl-C stops after the current
article: what was written stays whole.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .schema import Database

from .index import ArticleWriter
from .model import ProcessedArticle, RawDocument
from .pipeline import content_hash, process
from .read import ReadFailure, list_article_files, read_file


@dataclass
class IngestSummary:
    """What an ingest did: counts, and the reason for each failure."""

    added: int = 0
    already_present: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    interrupted: bool = False

    def line(self) -> str:
        text = f"{self.added} added, {self.already_present} already present, {len(self.failed)} failed"
        return text + (" (interrupted)" if self.interrupted else "")


WRITE_ATTEMPTS = 8

# progress(files_done, files_total, articles_added)
ProgressCallback = Callable[[int, int, int], None]


def _documents(files: list[tuple[os.PathLike[str], str]], summary: IngestSummary,
               progress: ProgressCallback | None,
               stopped: Callable[[], bool] = lambda: False) -> Iterator[RawDocument]:
    for done, (path, source) in enumerate(files, start=1):
        if stopped():
            return
        for item in read_file(path, source):
            if isinstance(item, ReadFailure):
                summary.failed.append(item)
            else:
                yield item
        if progress:
            progress(done, len(files), summary.added)


def _new_documents(documents: Iterable[RawDocument], database_file: str,
                   summary: IngestSummary) -> Iterator[tuple[RawDocument, str]]:
    """Documents whose text is not stored yet, each with its content hash.

    Uses its own read connection: with worker processes this generator runs in
    the pool's feeder thread while the writer holds the main connection. The
    writer checks the hash again inside its transaction, so a concurrent
    ingest of the same text cannot make a duplicate.
    """
    seen: set[str] = set()
    check = sqlite3.connect(database_file, check_same_thread=False, timeout=30)
    try:
        for document in documents:
            digest = content_hash(document)
            stored = check.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone()
            if digest in seen or stored:
                summary.already_present += 1
                continue
            seen.add(digest)
            yield document, digest
    finally:
        check.close()


def _ignore_sigint() -> None:
    """Pool workers leave Ctrl-C to the parent, which stops after the current article.

    SIGTERM gets its default action back: the forked worker inherited the
    parent's stop-flag handler, and Pool.terminate() kills workers with SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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


COMMIT_BATCH = 100  # articles per commit: each commit makes FTS5 write an index segment


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


def _process_job(job: tuple[RawDocument, str, dt.date]) -> ProcessedArticle | ReadFailure:
    document, digest, today = job
    try:
        return process(document, today=today, digest=digest)
    except Exception as error:  # a pipeline bug must not sink the batch
        return ReadFailure(document.source, f"could not be processed: {type(error).__name__}: {error}")


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
        writer = ArticleWriter(db, batch_size=COMMIT_BATCH)
        today = today or dt.date.today()
        documents = _documents(files, summary, progress, lambda: stop.stop)
        jobs = ((document, digest, today) for document, digest in
                _new_documents(documents, database_file(db), summary))
        pool = (multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_sigint)
                if workers > 1 else None)
        results = pool.imap(_process_job, jobs, chunksize=16) if pool else map(_process_job, jobs)
        try:
            for result in results:
                if isinstance(result, ReadFailure):
                    summary.failed.append(result)
                elif _write_with_retry(writer, result) is None:
                    summary.already_present += 1
                else:
                    summary.added += 1
                if stop.stop:
                    break
        except KeyboardInterrupt:
            stop.stop = True
        finally:
            if pool:
                pool.terminate()
                pool.join()
            writer.flush()
        if summary.added:
            writer.finish()
        summary.interrupted = stop.stop
    return summary
