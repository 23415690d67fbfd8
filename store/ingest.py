"""Ingest: read files, run the pipeline (optionally in worker processes), store.

The pipeline steps are pure, so worker processes run them; only this process
writes to SQLite, one transaction per article. Ctrl-C stops after the current
article: what was written stays whole.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

import sqlite_utils

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


# progress(files_done, files_total, articles_added)
ProgressCallback = Callable[[int, int, int], None]


def _documents(files: list[tuple[os.PathLike[str], str]], summary: IngestSummary,
               progress: ProgressCallback | None) -> Iterator[RawDocument]:
    for done, (path, source) in enumerate(files, start=1):
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
    the pool's feeder thread while the writer holds the main connection.
    """
    seen: set[str] = set()
    check = sqlite3.connect(database_file, check_same_thread=False, timeout=30)
    for document in documents:
        digest = content_hash(document)
        stored = check.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if digest in seen or stored:
            summary.already_present += 1
            continue
        seen.add(digest)
        yield document, digest


def _process_job(job: tuple[RawDocument, str, dt.date]) -> ProcessedArticle | ReadFailure:
    document, digest, today = job
    try:
        return process(document, today=today, digest=digest)
    except Exception as error:  # a pipeline bug must not sink the batch
        return ReadFailure(document.source, f"could not be processed: {type(error).__name__}: {error}")


def database_file(db: sqlite_utils.Database) -> str:
    """The file behind an open database."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
) -> IngestSummary:
    """Add every article under `paths`; re-ingesting the same text adds nothing."""
    summary = IngestSummary()
    files, failures = list_article_files(paths)
    summary.failed.extend(failures)
    writer = ArticleWriter(db)
    today = today or dt.date.today()
    jobs = ((document, digest, today) for document, digest in
            _new_documents(_documents(files, summary, progress), database_file(db), summary))
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    results = pool.imap(_process_job, jobs, chunksize=16) if pool else map(_process_job, jobs)
    try:
        for result in results:
            if isinstance(result, ReadFailure):
                summary.failed.append(result)
            elif writer.write(result) is None:
                summary.already_present += 1
            else:
                summary.added += 1
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool:
            pool.terminate()
    return summary
