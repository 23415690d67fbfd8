"""Event grouping in the database: candidate events are looked up by entity and date window."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

from store.event_store import summary_from_json, write_event
from store.index import ArticleWriter
from store.model import ProcessedArticle
from store.schema import open_database
from processed_articles import processed_article

RUIZ = ("Pieter Ruiz", "person", "person:pieter ruiz", "Pieter Ruiz")
VOSS = ("Anna Voss", "person", "person:anna voss", "Anna Voss")
PORTUGAL = ("Portugal", "location", "country:PT", "Portugal")


def _article(text: str, mentions, *, start: str | None = None, published: str | None = None) -> ProcessedArticle:
    return processed_article(text, mentions, lang="en", start=start, published=published)


def _event_of(db, article_id: int) -> int:
    return db.conn.execute("SELECT event_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_an_entity_with_many_later_events_does_not_hide_the_event_on_the_articles_date(empty_db):
    """A busy minister: 45 other events of his in the weeks after a meeting.

    The writer looks candidates up per entity, a bounded number each; they must be
    the events near the article's dates, not merely the latest ones in a wide window.
    """
    writer = ArticleWriter(empty_db)
    first = writer.write(_article("Pieter Ruiz met Anna Voss of Portugal.", [RUIZ, VOSS, PORTUGAL], start="2024-03-01"))
    writer.flush()
    meeting = _event_of(empty_db, first)
    summary = summary_from_json(empty_db.conn.execute(
        "SELECT summary FROM events WHERE id = ?", (meeting,)).fetchone()[0])
    for day in range(45):
        date = (dt.date(2024, 3, 9) + dt.timedelta(days=day)).isoformat()
        other = empty_db.conn.execute("INSERT INTO events (title) VALUES ('')").lastrowid
        write_event(empty_db.conn, dataclasses.replace(summary, event_id=other, start=date, end=date), created=True)
    empty_db.conn.commit()
    second = writer.write(_article("Pieter Ruiz was in Portugal that day.", [RUIZ, PORTUGAL], start="2024-03-01"))
    writer.flush()
    assert _event_of(empty_db, second) == meeting


def test_undated_reports_are_found_by_when_they_were_published(empty_db):
    writer = ArticleWriter(empty_db)
    first = writer.write(_article("Pieter Ruiz received Anna Voss.", [RUIZ, VOSS], published="2024-05-02"))
    second = writer.write(_article("Anna Voss and Pieter Ruiz talked.", [VOSS, RUIZ], published="2024-05-03"))
    writer.flush()
    event = _event_of(empty_db, first)
    assert _event_of(empty_db, second) == event
    keys = {row[0] for row in empty_db.conn.execute("SELECT date_key FROM event_entities WHERE event_id = ?", (event,))}
    assert keys == {"p2024-05-03"}  # undated: keyed apart from dated events, by the latest publication
    sort_key = empty_db.conn.execute("SELECT sort_key FROM events WHERE id = ?", (event,)).fetchone()[0]
    assert sort_key == "2024-05-03"  # the list still orders it by that date


def test_a_version_2_database_keys_its_undated_events_apart(empty_db, tmp_path):
    writer = ArticleWriter(empty_db)
    undated = writer.write(_article("Pieter Ruiz received Anna Voss.", [RUIZ, VOSS], published="2024-05-02"))
    dated = writer.write(_article("Anna Voss met Pieter Ruiz.", [VOSS, RUIZ], start="2024-01-10", published="2024-01-11"))
    writer.flush()
    path = tmp_path / "empty.db"
    empty_db.conn.execute("UPDATE event_entities SET date_key = substr(date_key, 2) WHERE date_key LIKE 'p%'")
    empty_db.conn.execute("PRAGMA user_version = 2")
    empty_db.conn.commit()
    empty_db.conn.close()
    db = open_database(path)
    try:
        keys = dict(db.conn.execute("SELECT a.id, ee.date_key FROM articles a JOIN event_entities ee USING (event_id)"))
        assert keys == {undated: "p2024-05-02", dated: "2024-01-10"}
        assert path.with_name("empty.db.v2.bak").exists()
        backup = sqlite3.connect(path.with_name("empty.db.v2.bak"))
        assert {row[0] for row in backup.execute("SELECT date_key FROM event_entities")} == {"2024-05-02", "2024-01-10"}
        backup.close()
    finally:
        db.conn.close()


def _person(name: str) -> tuple[str, str, str, str]:
    return (name, "person", "person:" + name.lower().replace(".", ""), name)


def test_a_report_that_names_the_guest_otherwise_is_found_by_the_meeting_place(empty_db):
    """The second report names four other people more often than the guest, and the guest only as
    "C. Benali": its own keys share nothing with the event, the place it was held in does."""
    amsterdam = ("Amsterdam", "location", "city:amsterdam", "Amsterdam")
    writer = ArticleWriter(empty_db)
    first = writer.write(_article("Camille Benali met Anna Voss in Amsterdam.",
                                  [_person("Camille Benali"), VOSS, amsterdam], start="2024-03-01"))
    others = ["Eva Mol", "Jan Rook", "Piet Bos", "Kees Dam"]
    text = "C. Benali met Anna Voss in Amsterdam. " + " ".join(f"{name} and {name} spoke." for name in others)
    mentions = [_person("C. Benali"), ("Anna Voss", "person", "person:a voss", "Anna Voss"), amsterdam]
    mentions += [person for name in others for person in (_person(name), _person(name))]
    second = writer.write(_article(text, mentions, start="2024-03-01"))
    writer.flush()
    assert _event_of(empty_db, second) == _event_of(empty_db, first)
