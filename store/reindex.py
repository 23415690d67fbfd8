"""Re-extraction: run the pipeline again over every stored article (`secbrowse reindex`).

After an upgrade of the extractors or a new known-entities file, the stored
articles are analysed again from their stored (cleaned) text: languages,
dates, entities, topics, resolution and events are rebuilt from nothing, in
a canonical order (event date, else publication date, then content hash), and
the analyst's corrections are applied again: entity rules by the writer as it
goes, event merges, moves and splits replayed at the end.

Everything happens in one transaction: an interruption (Ctrl-C, a crash)
leaves the database exactly as it was. Article texts are never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .corrections import replay_event_corrections
from .index import ArticleWriter
from .model import CleanedText, ProcessedArticle
from .pipeline import analyse, warm_up
from .schema import Database
from .workers import WorkerPool

CHUNK = 64  # stored articles sent to a worker at a time

# A stored article as re-extraction reads it.
StoredRow = tuple[int, str, str, str | None, str, str, str, str | None, str]


@dataclass
class ReindexSummary:
    articles: int = 0
    entities: int = 0
    events: int = 0
    corrections_replayed: int = 0
    interrupted: bool = False
    committed: bool = False

    def line(self) -> str:
        if self.interrupted:
            return "interrupted: the database is unchanged"
        return (f"{self.articles} articles re-extracted: {self.entities} entities, {self.events} events, "
                f"{self.corrections_replayed} event corrections applied again")


def _analyse_rows(rows: list[StoredRow]) -> list[tuple[int, ProcessedArticle]]:
    """The pipeline after cleaning, over stored articles (runs in worker processes)."""
    out = []
    for article_id, source, digest, title, body, boilerplate, lang, published, ingested_at in rows:
        cleaned = CleanedText(title, body, boilerplate.split("\n") if boilerplate else [])
        ingested = dt.date.fromisoformat(ingested_at[:10])  # relative dates as when it came in
        out.append((article_id, analyse(source, digest, cleaned, published, lang, ingested)))
    return out


def _chunks(db: Database, article_ids: list[int]):
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = {row[0]: row for row in db.conn.execute(
            f"""SELECT id, source, content_hash, title, body, boilerplate, lang, published, ingested_at
                FROM articles WHERE id IN ({marks})""", chunk)}
        yield [rows[article_id] for article_id in chunk if article_id in rows]


_DERIVED = (
    "DELETE FROM event_topics",
    "DELETE FROM event_entities",
    "UPDATE articles SET event_id = NULL",
    "DELETE FROM events",
    "DELETE FROM mentions",
    "DELETE FROM article_topics",
    "DELETE FROM segments",
    "INSERT INTO aliases_fts (aliases_fts) VALUES ('delete-all')",
    "DELETE FROM aliases",
    "DELETE FROM entities",
)


def reindex(
    db: Database,
    *,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    known_entities_file: Path | None = None,
) -> ReindexSummary:
    """Rebuild everything the pipeline derives from the stored articles; see the module docstring."""
    conn = db.conn
    summary = ReindexSummary()
    if workers > 1:
        warm_up()  # the workers share the pipeline's tables instead of each building them
    pool = WorkerPool(workers)
    try:
        conn.execute("BEGIN IMMEDIATE")
        article_ids = [row[0] for row in conn.execute(
            "SELECT id FROM articles ORDER BY coalesce(date_start, published, '~'), content_hash")]
        for statement in _DERIVED:
            conn.execute(statement)
        writer = ArticleWriter(db, known_entities_file)
        writer.events.article_total = 0  # host weights grow with the articles placed, as in an ingest
        for analysed in pool.map(_analyse_rows, _chunks(db, article_ids)):
            for article_id, article in analysed:
                writer.rewrite(article_id, article)
                summary.articles += 1
            if progress:
                progress(summary.articles, len(article_ids))
            if should_stop():
                raise KeyboardInterrupt
        writer.store_deferred()
        writer.events.settle()
        summary.corrections_replayed = replay_event_corrections(conn)
        summary.entities = conn.execute("SELECT count(*) FROM entities WHERE article_count > 0").fetchone()[0]
        summary.events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        conn.execute("COMMIT")
        summary.committed = True
    except KeyboardInterrupt:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        summary.interrupted = not summary.committed
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        pool.close()
    return summary
