"""The secbrowse Textual app: event list, reader, entity sidebar, search, help, palette.

All reading goes through store.api (and store.search) in Textual thread
workers; the UI thread never waits on SQLite. Article text is always shown
through tui.sanitize, never as markup.
"""

from __future__ import annotations

import asyncio
from typing import Iterable

from store.schema import Database
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from store import api

from . import palette
from .colours import entity_colours
from .entity_sidebar import EntitySidebar
from .event_list import EventList
from .help_screen import HelpScreen
from .reader import ArticleColumn, Reader, query_terms
from .sanitize import printable
from .search_screen import SearchChoice, SearchScreen

NARROW_WIDTH = 110  # below this, the list and the reader take turns

EMPTY_MESSAGE = """\
This database has no articles yet.

Add some from the command line, then open secbrowse again:

    secbrowse ingest PATH...          files or folders of .txt, .html, .jsonl
    secbrowse --db FILE ingest PATH   the same, into another database file

secbrowse keeps the articles' original languages, groups reports of the same
meeting into one event, and links every spelling of a name to one entity.

Press q to quit."""


class SecbrowseApp(App):
    """Browse events, their articles side by side, and their entities."""

    CSS_PATH = "app.tcss"
    TITLE = "secbrowse"
    AUTO_FOCUS = None  # focus is set in on_mount (nothing to focus on an empty database)
    BINDINGS = [
        Binding("slash", "search", "search"),
        Binding("question_mark", "help", "help"),
        Binding("f", "focus_entities", "filter"),
        Binding("e", "toggle_entities", "entities", show=False),
        Binding("r", "refresh", "refresh", show=False),
        Binding("escape", "back", "back", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, db: Database, *, search_delay: float = 0.25, watch_seconds: float | None = 2.0):
        super().__init__()
        self.db = db
        self.search_delay = search_delay
        self.watch_seconds = watch_seconds
        self._data_version: int | None = None
        self.counts: api.Overview | None = None
        self.filter: tuple[int, str, str] | None = None  # entity id, kind, name
        self.open_event_id: int | None = None
        self.terms: list[str] = []
        self.last_query = ""
        self._event_generation = 0
        self._show_lock = asyncio.Lock()

    # --- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(Text("secbrowse"), id="header-left")
            yield Static(Text("/ search  ? help"), id="header-right")
        with Horizontal(id="main"):
            yield EventList(self.db, id="events")
            yield Reader(id="reader")
            yield EntitySidebar(id="entities")
        yield Static(Text(EMPTY_MESSAGE), id="empty")
        yield Footer()

    @property
    def events_list(self) -> EventList:
        return self.query_one("#events", EventList)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one("#entities", EntitySidebar)

    @property
    def main(self) -> Horizontal:
        return self.query_one("#main", Horizontal)

    def on_mount(self) -> None:
        self.events_list.border_title = "Events"
        self.reader.border_title = "Reader"
        self.sidebar.border_title = "Entities"
        # One index probe (constant time), so an empty database never flashes the panes.
        empty = not api.has_articles(self.db)
        self.query_one("#empty").display = empty
        self.main.display = not empty
        self._layout(self.size.width)
        if not empty:
            self.events_list.focus()
        self.run_worker(self._load_overview, thread=True, group="overview", exclusive=True, name="overview")
        self.events_list.reload()
        if self.watch_seconds:
            self.set_interval(self.watch_seconds, self.check_for_new_data)

    # --- new data from another process (an ingest running beside the app) ---

    def check_for_new_data(self) -> None:
        """Off the UI thread: has another connection committed since we last looked?"""
        self.run_worker(self._compare_data_version, thread=True, group="watch", exclusive=True, name="watch")

    def _compare_data_version(self) -> None:
        version = api.data_version(self.db)
        previous, self._data_version = self._data_version, version
        if previous is not None and version != previous:
            self.call_from_thread(self.action_refresh)

    def action_refresh(self) -> None:
        """Reload the counts and the event list, keeping the cursor on the same event."""
        current = self.events_list.current
        self.run_worker(self._load_overview, thread=True, group="overview", exclusive=True, name="overview")
        self.events_list.reload(self.filter[0] if self.filter else None,
                                select_event=current.id if current else None)

    def _load_overview(self) -> None:
        counts = api.overview(self.db)
        self.call_from_thread(self._apply_overview, counts)

    def _apply_overview(self, counts: api.Overview) -> None:
        self.counts = counts
        empty = counts.articles == 0
        self.query_one("#empty").display = empty
        self.main.display = not empty
        if empty:
            self.set_focus(None)
        elif self.focused is None:
            self.events_list.focus()
        self._update_header()

    def _update_header(self) -> None:
        text = Text("secbrowse", style="bold")
        if self.filter is not None:  # first, so a narrow terminal still shows it
            _, kind, name = self.filter
            text.append(" · ")
            text.append(f"filter: {printable(name)}", style="reverse")
            text.append(f" {self.events_list.total:,} (esc clears)" if self.events_list.loaded else " (esc clears)")
        if self.counts is not None:
            c = self.counts
            text.append(f" · {c.articles:,} articles · {c.events:,} events · {c.entities:,} entities")
        text.truncate(max(10, self.size.width - 18), overflow="ellipsis")
        self.query_one("#header-left", Static).update(text)

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.main.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def narrow(self) -> bool:
        return self.main.has_class("-narrow")

    def _set_reading(self, reading: bool) -> None:
        self.main.set_class(reading, "-reading")

    # --- events -------------------------------------------------------------

    def on_event_list_opened(self, message: EventList.Opened) -> None:
        self.terms = []
        self.open_event(message.event_id, focus_reader=self.narrow)

    def on_event_list_loaded(self, message: EventList.Loaded) -> None:
        self.events_list.border_title = f"Events {message.total:,}"
        self._update_header()
        if not self.narrow and self.open_event_id is None and message.total:
            row = self.events_list.current
            if row is not None:
                self.open_event(row.id, focus_reader=False)

    def open_event(self, event_id: int, *, focus_reader: bool, step_to_hit: bool = False) -> None:
        """Load the event off the UI thread, then show it in the reader and sidebar."""
        terms = list(self.terms)
        self._event_generation += 1
        generation = self._event_generation

        def load() -> None:
            detail = api.event_detail(self.db, event_id)
            entities = api.event_entities(self.db, event_id) if detail else []
            topics = api.event_topics(self.db, event_id) if detail else []
            if generation == self._event_generation:
                self.call_from_thread(self._show_event, generation, detail, entities, topics, terms, focus_reader,
                                      step_to_hit)

        self.run_worker(load, thread=True, group="event", exclusive=True, name="event")

    async def _show_event(self, generation: int, detail, entities, topics, terms, focus_reader: bool,
                          step_to_hit: bool) -> None:
        if generation != self._event_generation:
            return  # the user has already asked for another event
        if detail is None:
            self.notify("That event no longer exists.", severity="warning", timeout=3)
            return
        self.open_event_id = detail.event.id
        colours = entity_colours(entity.id for entity in entities)
        async with self._show_lock:
            if generation != self._event_generation:
                return
            await self.reader.show(detail, colours, terms)
        self.reader.border_title = f"Event #{detail.event.id}"
        self.sidebar.show(entities, topics, colours)
        if self.narrow:
            self._set_reading(True)
        if focus_reader or step_to_hit:
            self.reader.focus_column(0)
        if step_to_hit:
            self.call_after_refresh(self.reader.action_next_hit)

    # --- filter -------------------------------------------------------------

    def on_entity_sidebar_chosen(self, message: EntitySidebar.Chosen) -> None:
        self.set_filter(message.entity_id, message.kind, message.name)

    def set_filter(self, entity_id: int, kind: str, name: str) -> None:
        self.filter = (entity_id, kind, name)
        self.events_list.reload(entity_id, select_event=self.open_event_id)
        self._set_reading(False)
        self.events_list.focus()
        self._update_header()

    def action_filter_selected(self) -> None:
        entity = self.sidebar.selected_entity
        if entity is None:
            self.notify("Select an entity in the sidebar first (f).", timeout=3)
        else:
            self.set_filter(entity.id, entity.kind, entity.name)

    def action_clear_filter(self) -> None:
        if self.filter is not None:
            self.filter = None
            self.events_list.reload(None, select_event=self.open_event_id)
            self._update_header()

    # --- actions ------------------------------------------------------------

    def action_back(self) -> None:
        if self.narrow and self.main.has_class("-reading"):
            self._set_reading(False)
            self.main.remove_class("-entities")
            self.events_list.focus()
        elif self.focused is not self.events_list:
            self.events_list.focus()
        else:
            self.action_clear_filter()

    def action_focus_entities(self) -> None:
        if self.narrow and self.open_event_id is not None:
            self._set_reading(True)
            self.main.add_class("-entities")
        elif not self.narrow:
            self.main.remove_class("-hide-entities")
        if self.sidebar.display:
            self.sidebar.focus()
            if self.sidebar.highlighted is None and self.sidebar.entities:
                self.sidebar.action_first()

    def action_toggle_entities(self) -> None:
        if self.narrow:
            if self.open_event_id is not None:
                self._set_reading(True)
                self.main.toggle_class("-entities")
        else:
            self.main.toggle_class("-hide-entities")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        if isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen(self.db, query=self.last_query, delay=self.search_delay), self._searched)

    def _searched(self, choice: SearchChoice | None) -> None:
        if isinstance(self.screen, SearchScreen):
            return
        if choice is None:
            return
        self.last_query = choice.query
        self.terms = query_terms(choice.query)
        self.events_list.move_to_event(choice.event_id)
        self.open_event(choice.event_id, focus_reader=True, step_to_hit=bool(self.terms))

    def focused_article_id(self) -> int | None:
        focused = self.focused
        if isinstance(focused, ArticleColumn):
            return focused.article.id
        detail = self.reader.detail
        if detail is not None and len(detail.articles) == 1:
            return detail.articles[0].id
        return None

    def run_correction(self, function, args: tuple, done: str) -> None:
        """Run a store correction off the UI thread, then reload what is on screen."""

        def work() -> None:
            try:
                function(self.db, *args)
            except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
                self.call_from_thread(self.notify, f"Correction failed: {error}", severity="error", timeout=5)
                return
            self.call_from_thread(self._after_correction, done)

        self.run_worker(work, thread=True, group="correction", name="correction")

    def _after_correction(self, done: str) -> None:
        self.notify(done, timeout=3)
        self.run_worker(self._load_overview, thread=True, group="overview", exclusive=True, name="overview")
        self.events_list.reload(self.filter[0] if self.filter else None, select_event=self.open_event_id)
        if self.open_event_id is not None:
            self.open_event(self.open_event_id, focus_reader=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from palette.commands(self)
        yield from super().get_system_commands(screen)
