"""The typed query API the app reads the store through: dataclasses out, no SQL outside.

A second backend can sit behind these functions later.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Overview:
    articles: int
    events: int
    entities: int


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str | None
    lang: str
    source: str
    published: str | None


def overview(db: sqlite_utils.Database) -> Overview:
    """Counts for the header."""
    count = lambda sql: db.conn.execute(sql).fetchone()[0]  # noqa: E731
    return Overview(
        articles=count("SELECT count(*) FROM articles"),
        events=count("SELECT count(*) FROM events WHERE article_count > 0"),
        entities=count("SELECT count(*) FROM entities WHERE article_count > 0"),
    )


def articles_page(db: sqlite_utils.Database, *, after_id: int = 0, limit: int = 100) -> list[ArticleRow]:
    """Articles in id order, one keyset page at a time."""
    rows = db.conn.execute(
        "SELECT id, title, lang, source, published FROM articles WHERE id > ? ORDER BY id LIMIT ?",
        (after_id, limit),
    )
    return [ArticleRow(*row) for row in rows]
