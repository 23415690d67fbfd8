"""The whole pipeline over the seeds, held to the hand-checked gold facts."""

from __future__ import annotations

import os

import pytest


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
