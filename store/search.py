"""Full-text search over articles, for the app and `secbrowse search`."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from .errors import QueryError
from .query import to_fts

HIT_START = "\x02"  # snippet markers: control characters no article text keeps
HIT_END = "\x03"


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    event_id: int | None
    title: str | None
    lang: str
    published: str | None
    score: float
    snippet: str  # hits wrapped in HIT_START … HIT_END


def search(db: sqlite_utils.Database, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Articles matching `query`, best first (bm25, title weighted up), with snippets."""
    expression = to_fts(query)
    sql = f"""
        SELECT a.id, a.event_id, a.title, a.lang, a.published,
               bm25(articles_fts, 5.0, 1.0) AS score,
               snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 16)
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH ?
        ORDER BY score LIMIT ?"""
    try:
        rows = db.conn.execute(sql, (expression, limit)).fetchall()
    except sqlite3.OperationalError as error:
        raise QueryError("this query cannot be searched; check its quotes, parentheses and operators") from error
    return [SearchHit(*row[:5], score=-row[5], snippet=row[6]) for row in rows]
