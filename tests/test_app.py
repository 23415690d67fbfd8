"""Pilot and snapshot tests of the secbrowse app.

The app runs on a small hand-made database (rows written straight into the
tables), so the screens stay the same while the pipeline improves.
"""

from __future__ import annotations

import asyncio
import functools

import pytest
from textual.widgets import Input, OptionList

from store import api
from store.schema import open_database
from tui.app import SecbrowseApp
from tui.entity_sidebar import EntitySidebar
from tui.event_list import EventList
from tui.help_screen import HelpScreen
from tui.reader import ArticleColumn, Reader
from tui.search_screen import SearchScreen

HOSTILE = "Attack text [bold red]x[/] and \x1b[31mred\x1b[0m and \u202eevil\u202c end. Hammouchi was here."

NL_BODY = (
    "Maandag 3 juni sprak Al-Hamouchi in Rabat met Vittorio Pisani.\n\n"
    "De politiecommissaris Pisani bezocht de DGSN voor overleg over mensenhandel."
)
FR_BODY = (
    "Le lundi 3 juin à Rabat, Abdellatif Hammouchi s'est entretenu avec Vittorio Pisani.\n\n"
    "La DGSN et la police italienne parlent de traite des êtres humains et de terrorisme."
)
DK_BODY = "Hammouchi discute à Rabat avec le directeur de la police danoise, aujourd'hui mardi."
TR_BODY = "Abdul Latif Hamoushi en visite de travail en Turquie du 18 au 20 septembre."

ENTITIES = [
    # id, key, kind, name, surfaces
    (1, "person:hammouchi", "person", "Abdellatif Hammouchi",
     ["Al-Hamouchi", "Abdellatif Hammouchi", "Hammouchi", "Abdul Latif Hamoushi"]),
    (2, "person:pisani", "person", "Vittorio Pisani", ["Vittorio Pisani", "Pisani"]),
    (3, "city:rabat", "location", "Rabat", ["Rabat"]),
    (4, "country:IT", "location", "Italy", []),
    (5, "org:dgsn", "organization", "DGSN", ["DGSN"]),
    (6, "country:TR", "location", "Turkey", ["Turquie"]),
]

# id, title, date_start, date_end, weekday, place, counterpart, langs, sort_key
EVENTS = [
    (1, "Hammouchi – Pisani", "2024-06-03", "2024-06-03", None, 3, 4, "fr,nl", "2024-06-03"),
    (2, "Hammouchi – Danish police", None, None, "Tuesday", 3, None, "fr", ""),
    (3, "Hamoushi in Turkey", "2025-09-18", "2025-09-20", None, None, 6, "fr", "2025-09-18"),
]

# id, event, lang, title, published, body, boilerplate
ARTICLES = [
    (1, 1, "nl", "Al-Hamouchi ontmoet Pisani", "2024-06-04", NL_BODY, "Lees meer\nReageer"),
    (2, 1, "fr", "Hammouchi reçoit Pisani", "2024-06-04", FR_BODY, "Lire aussi: autre chose\nPREV NEXT"),
    (3, 2, "fr", "Hammouchi et la police danoise", None, DK_BODY, ""),
    (4, 3, "fr", "Hamoushi en Turquie", "2025-09-18", TR_BODY, ""),
]


def build_db(path, *, hostile: bool = False):
    """A small database written straight into the tables."""
    db = open_database(path)
    conn = db.conn
    articles = list(ARTICLES)
    if hostile:
        articles.append((5, 3, "en", "[bold red]Evil title[/] \x1b[2J", "2025-09-19", HOSTILE, "[blink]bp[/]"))
    with conn:
        for entity_id, key, kind, name, _ in ENTITIES:
            conn.execute("INSERT INTO entities (id, key, kind, name, article_count) VALUES (?, ?, ?, ?, 0)",
                         (entity_id, key, kind, name))
        for event_id, title, start, end, weekday, place, counterpart, langs, sort_key in EVENTS:
            count = sum(1 for a in articles if a[1] == event_id)
            conn.execute(
                "INSERT INTO events (id, title, date_start, date_end, weekday, place_id, counterpart_id, "
                "article_count, langs, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event_id, title, start, end, weekday, place, counterpart, count, langs, sort_key),
            )
        topic_ids = {"human_trafficking": 1, "terrorism": 2}
        for key, topic_id in topic_ids.items():
            conn.execute("INSERT INTO topics (id, key, label) VALUES (?, ?, ?)", (topic_id, key, key.replace("_", " ")))
        for article_id, event_id, lang, title, published, body, boilerplate in articles:
            conn.execute(
                "INSERT INTO articles (id, source, content_hash, title, body, boilerplate, lang, published, "
                "event_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01')",
                (article_id, f"seeds/article-{article_id}.txt", f"hash{article_id}", title, body, boilerplate,
                 lang, published, event_id),
            )
            conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (article_id, title, body))
            start = 0
            for part in body.split("\n\n"):
                begin = body.index(part, start)
                conn.execute("INSERT INTO segments (article_id, start, end, lang) VALUES (?, ?, ?, ?)",
                             (article_id, begin, begin + len(part), lang))
                start = begin + len(part)
            seen = set()
            taken: list[tuple[int, int]] = []
            for entity_id, _, _, _, surfaces in ENTITIES:
                for surface in sorted(surfaces, key=len, reverse=True):
                    at = body.find(surface)
                    while at >= 0:
                        span = (at, at + len(surface))
                        if not any(s < span[1] and span[0] < e for s, e in taken):
                            taken.append(span)
                            conn.execute(
                                "INSERT INTO mentions (article_id, entity_id, start, end, surface) VALUES (?, ?, ?, ?, ?)",
                                (article_id, entity_id, span[0], span[1], surface),
                            )
                            conn.execute(
                                "INSERT INTO aliases (entity_id, alias, mention_count) VALUES (?, ?, 1) "
                                "ON CONFLICT (entity_id, alias) DO UPDATE SET mention_count = mention_count + 1",
                                (entity_id, surface),
                            )
                            seen.add(entity_id)
                        at = body.find(surface, at + 1)
            for entity_id in seen:
                conn.execute("UPDATE entities SET article_count = article_count + 1 WHERE id = ?", (entity_id,))
            for key, topic_id in topic_ids.items():
                word = {"human_trafficking": ("mensenhandel", "traite"), "terrorism": ("terrorisme",)}[key]
                if any(w in body for w in word):
                    conn.execute("INSERT INTO article_topics (article_id, topic_id, occurrences) VALUES (?, ?, 1)",
                                 (article_id, topic_id))
    return db


def run_async(test):
    """Run an async test on its own event loop (no asyncio pytest plugin is installed)."""

    @functools.wraps(test)
    def runner(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return runner


@pytest.fixture
def small_db(tmp_path):
    db = build_db(tmp_path / "small.db")
    yield db
    db.conn.close()


@pytest.fixture
def hostile_db(tmp_path):
    db = build_db(tmp_path / "hostile.db", hostile=True)
    yield db
    db.conn.close()


async def settle(pilot) -> None:
    """Wait until every worker (and what its results start) has finished."""
    app = pilot.app
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.wait_for_scheduled_animations()
            for _ in range(3):  # let the footer and layout catch up with focus changes
                await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return


def visible_text(app) -> str:
    """Everything on screen now, as plain text (one line per terminal row)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


# --- the event list -----------------------------------------------------------


@run_async
async def test_event_list_newest_first_and_moves(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        events = app.query_one(EventList)
        assert events.total == 3
        assert [events.row(i).id for i in range(3)] == [3, 1, 2]  # newest first, undated last
        assert app.focused is events
        await pilot.press("j")
        assert events.cursor == 1
        await pilot.press("down", "down")
        assert events.cursor == 2  # stops at the end
        await pilot.press("k")
        assert events.cursor == 1
        await pilot.press("g")
        assert events.cursor == 0
        await pilot.press("G")
        assert events.cursor == 2
        await pilot.press("pageup")
        assert events.cursor == 0
        await pilot.press("pagedown")
        assert events.cursor == 2
        text = visible_text(app)
        assert "2024-06-03" in text and "Rabat · Italy" in text and "FR NL" in text
        assert "????-??-??" in text


@run_async
async def test_open_event_side_by_side_with_entity_colours(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        reader = app.query_one(Reader)
        assert reader.detail.event.id == 1
        columns = list(app.query(ArticleColumn))
        assert [c.article.lang for c in columns] == ["nl", "fr"]
        # one colour per entity, the same in both columns
        assert columns[0].colours is columns[1].colours
        colours = columns[0].colours
        assert len(set(colours.values())) == len(colours)
        first = columns[0]._paragraph_text(0)
        styles = {str(span.style) for span in first.spans}
        assert any(colours[1] in style for style in styles)  # Al-Hamouchi coloured as entity 1
        second = columns[1]._paragraph_text(0)
        assert any(colours[1] in str(span.style) for span in second.spans)  # Hammouchi: the same colour
        # columns move with [ ] and tab
        await pilot.press("tab")
        assert app.focused is columns[0]
        await pilot.press("right_square_bracket")
        assert app.focused is columns[1]
        await pilot.press("left_square_bracket")
        assert app.focused is columns[0]
        await pilot.press("tab")
        assert app.focused is columns[1]


@run_async
async def test_boilerplate_hidden_until_b(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert "Lees meer" not in visible_text(app)
        await pilot.press("tab", "b")
        await pilot.pause()
        assert "Lees meer" in visible_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert "Lees meer" not in visible_text(app)


@run_async
async def test_scroll_sync_toggle(small_db, tmp_path):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(90, 12)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        left, right = list(app.query(ArticleColumn))
        assert left.max_scroll_y > 0 and right.max_scroll_y > 0
        left.scroll_to(y=left.max_scroll_y, animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        assert right.scroll_y == right.max_scroll_y
        await pilot.press("s")
        assert app.query_one(Reader).sync is False
        left.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        assert right.scroll_y == right.max_scroll_y


@run_async
async def test_single_article_uses_full_width(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        (column,) = app.query(ArticleColumn)
        reader = app.query_one(Reader)
        assert column.outer_size.width >= reader.content_size.width - 1


@run_async
async def test_many_columns_scroll_sideways(small_db):
    with small_db.conn:
        small_db.conn.execute("UPDATE articles SET event_id = 1")
        small_db.conn.execute("UPDATE events SET article_count = 4 WHERE id = 1")
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.events_list.cursor = [app.events_list.row(i).id for i in range(app.events_list.total)].index(1)
        await pilot.press("enter")
        await settle(pilot)
        columns = list(app.query(ArticleColumn))
        assert len(columns) == 4
        holder = app.query_one("#columns")
        assert holder.max_scroll_x > 0
        await pilot.press("tab")
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.focused is columns[3]
        assert holder.scroll_x > 0


# --- the sidebar and the filter ----------------------------------------------


@run_async
async def test_sidebar_groups_entities_and_filters(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        sidebar = app.query_one(EntitySidebar)
        text = visible_text(app)
        for heading in ("People", "Organisations", "Places", "Topics"):
            assert heading in text
        assert "Al-Hamouchi" in text  # an alias
        assert "human trafficking" in text
        await pilot.press("f")
        assert app.focused is sidebar
        assert sidebar.selected_entity is not None
        # pick Rabat: events 1 and 2 mention it, event 3 does not
        rabat = [i for i in range(sidebar.option_count) if sidebar.get_option_at_index(i).id == "entity-3"][0]
        sidebar.highlighted = rabat
        await pilot.press("enter")
        await settle(pilot)
        events = app.query_one(EventList)
        assert events.total == 2
        assert app.focused is events
        assert "filter: Rabat" in visible_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert events.total == 3
        assert "filter:" not in visible_text(app)


# --- search -------------------------------------------------------------------


@run_async
async def test_search_as_you_type_opens_event_and_steps_hits(small_db):
    app = SecbrowseApp(small_db, search_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"turqu")
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count == 0
        await pilot.press(*"ie")  # still typing: results follow
        await settle(pilot)
        assert results.option_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        reader = app.query_one(Reader)
        assert reader.detail.event.id == 3
        column = app.query_one(ArticleColumn)
        assert app.focused is column
        assert column.current_hit == 0
        await pilot.press("n")
        assert column.current_hit == 0  # one hit: wraps to itself
        await pilot.press("N")
        assert column.current_hit == 0


@run_async
async def test_search_hits_step_through_columns(small_db):
    app = SecbrowseApp(small_db, search_delay=0)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pisani")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        column = app.focused
        assert isinstance(column, ArticleColumn)
        assert len(column.hits) >= 2
        assert column.current_hit == 0
        await pilot.press("n")
        assert column.current_hit == 1
        await pilot.press("N")
        assert column.current_hit == 0
        # the list cursor followed the event
        events = app.query_one(EventList)
        assert events.current.id == 1


@run_async
async def test_malformed_query_shows_message(small_db):
    app = SecbrowseApp(small_db, search_delay=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"unclosed')
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "quote" in visible_text(app)
        await pilot.press("enter")  # nothing to open, no crash
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


@run_async
async def test_search_is_debounced(small_db, monkeypatch):
    calls = []
    import store.search

    real = store.search.search
    monkeypatch.setattr(store.search, "search", lambda db, q, **kw: calls.append(q) or real(db, q, **kw))
    app = SecbrowseApp(small_db, search_delay=0.4)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"rabat")
        assert calls == []  # nothing yet: the timer restarts on every key
        for _ in range(200):  # poll until the one debounced search has run (no fixed wait)
            await pilot.pause(0.05)
            if calls:
                break
        await settle(pilot)
        assert calls == ["rabat"]  # five keys, one search, for the last text


# --- help, palette, quit --------------------------------------------------------


@run_async
async def test_help_lists_keys(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = visible_text(app)
        for key in ("/", "n N", "[ ]", "ctrl+p", "enter", "esc", "q"):
            assert key in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@run_async
async def test_palette_lists_commands_and_corrections_guarded(small_db, monkeypatch):
    import tui.palette

    monkeypatch.setattr(tui.palette, "corrections_module", lambda: None)
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search" in titles and "Correct: rename entity…" in titles and "Correct: merge event into open event…" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"reject entity")
        await pilot.pause()
        await pilot.pause()
        text = visible_text(app)
        assert "reject entity" in text
        await pilot.press("escape")
        await pilot.pause()
        # run the command directly: sidebar entity selected, module missing → a message
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Correct: reject entity")
        command.callback()
        await pilot.pause()
        assert any("not available yet" in n.message for n in app._notifications)


@run_async
async def test_palette_correction_calls_store(small_db, monkeypatch):
    import types

    import tui.palette

    calls = []
    fake = types.SimpleNamespace(rename_entity=lambda db, entity_id, name: calls.append((entity_id, name)))
    monkeypatch.setattr(tui.palette, "corrections_module", lambda: fake)
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        entity = app.sidebar.selected_entity
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Correct: rename entity…")
        command.callback()
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = "New Name"
        await pilot.press("enter")
        await settle(pilot)
        assert calls == [(entity.id, "New Name")]


@run_async
async def test_q_quits(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_mouse_click_opens_event(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.click(EventList, offset=(5, 2))  # border + first row → second row
        await settle(pilot)
        assert app.query_one(EventList).cursor == 1
        assert app.query_one(Reader).detail.event.id == 1


# --- narrow, empty, hostile -------------------------------------------------------


@run_async
async def test_narrow_panes_take_turns(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.query_one(Reader).display or app.query_one(Reader).region.width == 0
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.query_one(Reader).region.width > 70
        assert isinstance(app.focused, ArticleColumn)
        await pilot.press("e")
        await pilot.pause()
        assert app.query_one(EntitySidebar).region.width > 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(EventList).region.width > 70
        assert app.focused is app.query_one(EventList)


@run_async
async def test_empty_database_explains_ingest(empty_db):
    app = SecbrowseApp(empty_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = visible_text(app)
        assert "secbrowse ingest" in text
        await pilot.press("j", "enter", "G")  # nothing breaks


@run_async
async def test_hostile_text_shown_literally(hostile_db):
    app = SecbrowseApp(hostile_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = visible_text(app)
        assert "[bold red]x[/]" in text
        assert "␛[31m" in text
        assert "<U+202E>" in text
        assert "[bold red]Evil title[/]" in text
        assert "\x1b" not in text and "\u202e" not in text


@run_async
async def test_seeds_database_opens(seeds_db):
    app = SecbrowseApp(seeds_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(EventList).total == api.overview(seeds_db).events
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(Reader).detail is not None


# --- snapshots ------------------------------------------------------------------


def _snap(db, press=(), size=(80, 24)):
    app = SecbrowseApp(db, search_delay=0)

    async def run_before(pilot):
        await settle(pilot)
        for key in press:
            await pilot.press(key)
            await settle(pilot)

    return app, run_before, size


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_event_list(snap_compare, small_db, size):
    app, run_before, size = _snap(small_db, size=size)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_reader(snap_compare, small_db, size):
    app, run_before, size = _snap(small_db, press=("j", "enter"), size=size)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_search(snap_compare, small_db, size):
    app, run_before, size = _snap(small_db, press=("slash", *"hammouchi"), size=size)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_help(snap_compare, small_db, size):
    app, run_before, size = _snap(small_db, press=("question_mark",), size=size)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_empty(snap_compare, empty_db, size):
    app, run_before, size = _snap(empty_db, size=size)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_snapshot_entities_narrow(snap_compare, small_db):
    app, run_before, size = _snap(small_db, press=("j", "enter", "f"), size=(80, 24))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@run_async
async def test_quick_keys_while_an_event_loads_show_the_last_event(small_db):
    app = SecbrowseApp(small_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter", "j", "enter", "k", "enter")  # no waiting between opens
        await settle(pilot)
        reader = app.query_one(Reader)
        assert reader.detail.event.id == 1
        assert [c.article.id for c in app.query(ArticleColumn)] == [1, 2]
        assert app.sidebar.entities  # the sidebar shows the same event
        assert {e.id for e in app.sidebar.entities.values()} >= {1, 2}


# --- an ingest running beside the app -------------------------------------------


def _ingest_beside(tmp_path, db_path) -> None:
    """Another process's view: a second connection adds one article and commits."""
    from store.ingest import ingest_paths

    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    (folder / "new.txt").write_text(
        "Le directeur général de la police espagnole a reçu mercredi 5 mars 2025 à Madrid son homologue "
        "marocain pour parler de migration irrégulière.", encoding="utf-8")
    other = open_database(db_path)
    try:
        assert ingest_paths(other, [folder]).added == 1
    finally:
        other.conn.close()


@run_async
async def test_new_articles_from_another_process_show_by_themselves(small_db, tmp_path):
    app = SecbrowseApp(small_db, watch_seconds=None)  # the test drives the check itself
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.check_for_new_data()  # the baseline
        await settle(pilot)
        assert app.query_one(EventList).total == 3
        _ingest_beside(tmp_path, tmp_path / "small.db")
        app.check_for_new_data()
        await settle(pilot)
        assert app.query_one(EventList).total == 4
        assert "5 articles" in visible_text(app)


@run_async
async def test_r_refreshes_and_keeps_the_cursor_on_its_event(small_db, tmp_path):
    app = SecbrowseApp(small_db, watch_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        events = app.query_one(EventList)
        await pilot.press("j")
        chosen = events.current.id
        _ingest_beside(tmp_path, tmp_path / "small.db")
        await pilot.press("r")
        await settle(pilot)
        assert events.total == 4
        assert events.current.id == chosen
