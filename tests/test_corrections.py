"""Analyst corrections: applied at once, recorded, and winning over the machine on later ingests."""

from __future__ import annotations

import pytest

from store import corrections
from store.errors import StoreError
from store.index import ArticleWriter
from processed_articles import processed_article


_article = processed_article


HAMMOUCHI = ("Hammouchi", "person", "person:abdellatif hammouchi", "Abdellatif Hammouchi")
HAMOUCHI = ("Hamouchi", "person", "person:hamouchi", "Hamouchi")
FOOTBALLER = ("Hamouchi", "person", "person:abdellatif hammouchi", "Abdellatif Hammouchi")


def _entity_of(db, surface: str, article_id: int) -> str:
    return db.conn.execute(
        "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND m.surface = ?",
        (article_id, surface),
    ).fetchone()[0]


def test_merge_moves_mentions_and_wins_on_later_ingest(empty_db):
    writer = ArticleWriter(empty_db)
    first = writer.write(_article("M. Hammouchi a reçu Hamouchi.", [HAMMOUCHI, HAMOUCHI]))
    corrections.merge_entities(empty_db, "Abdellatif Hammouchi", "Hamouchi")
    assert _entity_of(empty_db, "Hamouchi", first) == "Abdellatif Hammouchi"
    later = ArticleWriter(empty_db).write(_article("Encore Hamouchi à Rabat.", [HAMOUCHI]))
    assert _entity_of(empty_db, "Hamouchi", later) == "Abdellatif Hammouchi"
    aliases = {row[0] for row in empty_db.conn.execute(
        "SELECT alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.name = 'Abdellatif Hammouchi'")}
    assert aliases == {"Hammouchi", "Hamouchi"}


def test_rename_sticks_for_new_mentions(empty_db):
    ArticleWriter(empty_db).write(_article("Hammouchi parle.", [HAMMOUCHI]))
    corrections.rename_entity(empty_db, "Hammouchi", "Abdellatif Hammouchi (DGSN)")
    names = [row[0] for row in empty_db.conn.execute("SELECT name FROM entities")]
    assert names == ["Abdellatif Hammouchi (DGSN)"]


def test_reject_drops_mentions_now_and_later(empty_db):
    ArticleWriter(empty_db).write(_article("Hamouchi marque un but.", [HAMOUCHI]))
    corrections.reject_entity(empty_db, "Hamouchi")
    assert empty_db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
    ArticleWriter(empty_db).write(_article("Hamouchi marque encore.", [HAMOUCHI]))
    assert empty_db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_split_separates_one_spelling_now_and_later(empty_db):
    ArticleWriter(empty_db).write(_article("Hammouchi et le joueur Hamouchi.", [HAMMOUCHI, FOOTBALLER]))
    new = corrections.split_entity(empty_db, "Abdellatif Hammouchi", "Hamouchi")
    assert new.name == "Hamouchi"
    later = ArticleWriter(empty_db).write(_article("Le joueur Hamouchi blessé.", [FOOTBALLER]))
    assert _entity_of(empty_db, "Hamouchi", later) == "Hamouchi"


def test_bad_corrections_are_clear_errors_and_change_nothing(empty_db):
    ArticleWriter(empty_db).write(_article("Hammouchi seul.", [HAMMOUCHI]))
    with pytest.raises(StoreError, match="no entity"):
        corrections.merge_entities(empty_db, "Hammouchi", "Nobody")
    with pytest.raises(StoreError, match="itself"):
        corrections.merge_entities(empty_db, "Hammouchi", "Abdellatif Hammouchi")
    with pytest.raises(StoreError, match="only alias"):
        corrections.split_entity(empty_db, "Hammouchi", "Hammouchi")
    with pytest.raises(StoreError, match="empty"):
        corrections.rename_entity(empty_db, "Hammouchi", "   ")
    assert empty_db.conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def _event_of(db, article_id: int) -> int:
    return db.conn.execute("SELECT event_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_event_merge_move_split_keep_events_consistent(seeds_db):
    db = seeds_db
    a, b, c = 1, 3, 4  # three articles of different events
    ea, eb, ec = (_event_of(db, x) for x in (a, b, c))
    assert len({ea, eb, ec}) == 3
    corrections.merge_events(db, ea, eb)
    assert _event_of(db, b) == ea
    assert db.conn.execute("SELECT count(*) FROM events WHERE id = ?", (eb,)).fetchone()[0] == 0
    corrections.move_article(db, c, ea)
    assert _event_of(db, c) == ea
    count = db.conn.execute("SELECT article_count FROM events WHERE id = ?", (ea,)).fetchone()[0]
    assert count == db.conn.execute("SELECT count(*) FROM articles WHERE event_id = ?", (ea,)).fetchone()[0]
    new = corrections.split_event(db, ea, [c])
    assert _event_of(db, c) == new and _event_of(db, a) == ea
    actions = [row[0] for row in db.conn.execute("SELECT action FROM corrections ORDER BY id")]
    assert actions == ["event_merge", "event_move", "event_split"]


def test_bad_event_corrections_change_nothing(seeds_db):
    db = seeds_db
    before = db.conn.execute("SELECT id, event_id FROM articles ORDER BY id").fetchall()
    event = _event_of(db, 1)
    with pytest.raises(StoreError, match="no event"):
        corrections.merge_events(db, event, 999)
    with pytest.raises(StoreError, match="itself"):
        corrections.merge_events(db, event, event)
    with pytest.raises(StoreError, match="no article"):
        corrections.move_article(db, 999, event)
    with pytest.raises(StoreError, match="give article ids"):
        corrections.split_event(db, event, [999])
    assert db.conn.execute("SELECT id, event_id FROM articles ORDER BY id").fetchall() == before
    assert db.conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_renaming_an_entity_retitles_its_events(seeds_db):
    db = seeds_db
    [(entity_id, old_name)] = db.conn.execute(
        "SELECT id, name FROM entities WHERE name LIKE 'Mahmoud%'").fetchall()
    corrections.rename_entity(db, entity_id, "Mahmut Demirtaş")
    titles = [row[0] for row in db.conn.execute(
        "SELECT e.title FROM events e JOIN event_entities ee ON ee.event_id = e.id WHERE ee.entity_id = ?", (entity_id,))]
    assert titles and all("Mahmut Demirtaş" in title and old_name not in title for title in titles)


def test_merging_rebuilds_the_events_of_the_kept_entity(seeds_db):
    db = seeds_db
    pisani = db.conn.execute("SELECT id FROM entities WHERE name = 'Vittorio Pisani'").fetchone()[0]
    wern = db.conn.execute("SELECT id FROM entities WHERE name = 'Mikael Wern'").fetchone()[0]
    corrections.merge_entities(db, pisani, wern)
    events = {row[0] for row in db.conn.execute("SELECT event_id FROM event_entities WHERE entity_id = ?", (pisani,))}
    assert len(events) == 2  # the Italian meeting and the Danish one now both name him
    for (title,) in db.conn.execute(f"SELECT title FROM events WHERE id IN ({','.join('?' * len(events))})", list(events)):
        assert "Mikael Wern" not in title
