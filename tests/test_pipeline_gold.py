"""The whole pipeline over the seeds, held to the hand-checked gold facts."""

from __future__ import annotations

import os



def _articles(db) -> dict[str, dict]:
    rows = db.conn.execute(
        "SELECT id, source, published, date_start, date_end, weekday, event_id FROM articles"
    ).fetchall()
    return {
        os.path.basename(r[1]): dict(id=r[0], published=r[2], date_start=r[3], date_end=r[4], weekday=r[5], event_id=r[6])
        for r in rows
    }


def test_publication_dates(seeds_db, gold):
    articles = _articles(seeds_db)
    for name, facts in gold["articles"].items():
        assert articles[name]["published"] == facts["published"], name


def test_event_dates_of_each_article(seeds_db, gold):
    articles = _articles(seeds_db)
    for event in gold["events"].values():
        for name in event["articles"]:
            got = articles[name]
            assert (got["date_start"], got["date_end"]) == (event["date_start"], event["date_end"]), name
            if "weekday" in event:
                assert got["weekday"] == event["weekday"], name


def _export(db) -> dict:
    import io
    import json

    from store.export import write_export

    out = io.StringIO()
    write_export(db, out)
    return json.loads(out.getvalue())


def test_exactly_the_gold_events(seeds_db, gold):
    data = _export(seeds_db)
    by_name = {os.path.basename(a["source"]): a for a in data["articles"]}
    got_groups = {frozenset(a["id"] for a in data["articles"] if a["event_id"] == e["id"]) for e in data["events"]}
    want_groups = {frozenset(by_name[n]["id"] for n in event["articles"]) for event in gold["events"].values()}
    assert got_groups == want_groups
    events = {e["id"]: e for e in data["events"]}
    entities = {e["id"]: e for e in data["entities"]}
    for label, event in gold["events"].items():
        got = events[by_name[event["articles"][0]]["event_id"]]
        assert (got["date_start"], got["date_end"]) == (event["date_start"], event["date_end"]), label
        assert got["place"] == gold["entities"][event["place"]]["name"], label
        assert got["weekday"] == event.get("weekday"), label
        participants = {alias for pid in got["participant_ids"] for alias in entities[pid]["aliases"]}
        assert "Hammouchi" in participants or "Abdellatif Hammouchi" in participants, label
    titles = {label: events[by_name[e["articles"][0]]["event_id"]]["title"] for label, e in gold["events"].items()}
    assert "Vittorio Pisani" in titles["E1"] and "Rabat" in titles["E1"] and "2024-06-03" in titles["E1"]
    assert "Mikael Wern" in titles["E2"] and "Tuesday" in titles["E2"]
