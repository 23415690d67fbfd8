"""The event list on 100,000 events: the first screen paints without loading every row."""

from __future__ import annotations

import asyncio

from store import api
from store.schema import open_database
from tui.app import SecbrowseApp
from tui.event_list import EventList

N_EVENTS = 100_000


def make_big_db(path):
    db = open_database(path)
    rows = (
        (i, f"Event {i}", f"{2000 + i % 25:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}", None, None, None, None,
         1 + i % 3, "fr,nl" if i % 2 else "de", f"{2000 + i % 25:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}")
        for i in range(1, N_EVENTS + 1)
    )
    with db.conn:
        db.conn.executemany(
            "INSERT INTO events (id, title, date_start, date_end, weekday, place_id, counterpart_id, "
            "article_count, langs, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.conn.execute(
            "INSERT INTO articles (id, source, content_hash, title, body, lang, event_id, ingested_at) "
            "VALUES (1, 'x', 'h', 't', 'body', 'fr', 1, '2026-01-01')"
        )
    return db


def test_first_screen_of_100k_events_reads_few_rows(tmp_path, monkeypatch):
    db = make_big_db(tmp_path / "big.db")
    asked: list[int] = []
    real_page, real_at = api.events_page, api.events_at

    def counting_page(*args, **kwargs):
        rows = real_page(*args, **kwargs)
        asked.append(len(rows))
        return rows

    def counting_at(*args, **kwargs):
        rows = real_at(*args, **kwargs)
        asked.append(len(rows))
        return rows

    monkeypatch.setattr(api, "events_page", counting_page)
    monkeypatch.setattr(api, "events_at", counting_at)

    async def run():
        app = SecbrowseApp(db)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(5):
                await app.workers.wait_for_complete()
                await pilot.pause()
            events = app.query_one(EventList)
            assert events.total == N_EVENTS
            first = events.row(0)
            assert first is not None and first.date_start == "2024-12-28"
            assert sum(asked) <= 100, asked  # one or two pages, not 100,000 rows
            # scroll a few screens, then jump to the end: still only pages are read
            for _ in range(3):
                await pilot.press("pagedown")
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("G")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert events.cursor == N_EVENTS - 1
            assert events.current is not None
            assert sum(asked) <= 400, asked
            await pilot.press("g")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert events.current.id == first.id

    asyncio.run(run())
    db.conn.close()
