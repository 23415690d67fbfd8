"""The export contract of DESIGN.md: everything in the database as one JSON object.

Written as a stream, so exporting a million articles does not build the
whole object in memory.
"""

from __future__ import annotations

import json
from typing import Iterator, TextIO

from .schema import Database


def _articles(db: Database) -> Iterator[dict]:
    for row in db.utils.query(
        """SELECT id, source, title, lang, languages, published, event_id, body AS text
           FROM articles ORDER BY id"""
    ):
        row["languages"] = json.loads(row["languages"] or "{}")
        yield row


def _grouped(db: Database, sql: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for owner, value in db.conn.execute(sql):
        grouped.setdefault(owner, []).append(value)
    return grouped


def _entities(db: Database) -> Iterator[dict]:
    aliases = _grouped(db, "SELECT entity_id, alias FROM aliases ORDER BY entity_id, mention_count DESC, alias")
    articles = _grouped(db, "SELECT DISTINCT entity_id, article_id FROM mentions ORDER BY entity_id, article_id")
    for entity_id, kind, name in db.conn.execute("SELECT id, kind, name FROM entities ORDER BY id"):
        if entity_id not in articles:
            continue  # an entity no article mentions any more (merged away, rejected)
        yield {"id": entity_id, "kind": kind, "name": name,
               "aliases": aliases.get(entity_id, []), "article_ids": articles[entity_id]}


def _topics(db: Database) -> Iterator[dict]:
    articles = _grouped(db, "SELECT topic_id, article_id FROM article_topics ORDER BY topic_id, article_id")
    for topic_id, key, label in db.conn.execute("SELECT id, key, label FROM topics ORDER BY id"):
        if topic_id in articles:
            yield {"id": topic_id, "key": key, "label": label, "article_ids": articles[topic_id]}


def _events(db: Database) -> Iterator[dict]:
    participants = _grouped(db, "SELECT event_id, entity_id FROM event_entities WHERE role != 'place' ORDER BY event_id, entity_id")
    articles = _grouped(db, "SELECT event_id, id FROM articles WHERE event_id IS NOT NULL ORDER BY event_id, id")
    topics = _grouped(db, "SELECT event_id, topic_id FROM event_topics ORDER BY event_id, topic_id")
    for row in db.conn.execute(
        """SELECT e.id, e.title, e.date_start, e.date_end, p.name, e.weekday
           FROM events e LEFT JOIN entities p ON p.id = e.place_id ORDER BY e.id"""
    ):
        if row[0] not in articles:
            continue
        yield {"id": row[0], "title": row[1], "date_start": row[2], "date_end": row[3],
               "place": row[4], "weekday": row[5],
               "participant_ids": participants.get(row[0], []), "article_ids": articles[row[0]],
               "topic_ids": topics.get(row[0], [])}


def write_export(db: Database, out: TextIO) -> None:
    """Write {"articles", "entities", "topics", "events"} as JSON to `out`."""
    sections = {"articles": _articles, "entities": _entities, "topics": _topics, "events": _events}
    out.write("{")
    for number, (name, rows) in enumerate(sections.items()):
        out.write(("," if number else "") + f'\n"{name}": [')
        for index, item in enumerate(rows(db)):
            out.write(("," if index else "") + "\n  " + json.dumps(item, ensure_ascii=False))
        out.write("\n]")
    out.write("\n}\n")
