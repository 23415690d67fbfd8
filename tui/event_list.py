"""The event list: a virtual list that pages rows in from the store, never all at once.

It is a ScrollView drawn with the Line API: `render_line` asks only for the
rows on screen, from a small cache of keyset pages. Missing pages are fetched
in Textual thread workers; until they arrive their rows show a placeholder.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import api

from .colours import badge
from .sanitize import printable

PAGE_SIZE = 50
MAX_PAGES = 12  # pages kept in memory


class EventList(ScrollView, can_focus=True):
    """Every event, newest first; scales to millions of rows."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "down", show=False),
        Binding("up,k", "cursor_up", "up", show=False),
        Binding("g,home", "first", "first", show=False),
        Binding("G,end", "last", "last", show=False),
        Binding("pagedown,space", "page_down", "page down", show=False),
        Binding("pageup", "page_up", "page up", show=False),
        Binding("enter", "open", "open"),
    ]

    COMPONENT_CLASSES = {
        "event-list--cursor",
        "event-list--date",
        "event-list--badge",
        "event-list--count",
        "event-list--placeholder",
    }

    cursor: reactive[int] = reactive(0, init=False)

    class Opened(Message):
        """The user asked to open an event (enter or click)."""

        def __init__(self, event_id: int) -> None:
            super().__init__()
            self.event_id = event_id

    class Loaded(Message):
        """The list (re)loaded: `total` rows."""

        def __init__(self, total: int) -> None:
            super().__init__()
            self.total = total

    def __init__(self, db, **kwargs) -> None:
        super().__init__(**kwargs)
        self.db = db
        self.total = 0
        self.entity_id: int | None = None
        self.loaded = False
        self._pages: dict[int, list[api.EventRow]] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self._select_after_load: int | None = None

    # --- loading ------------------------------------------------------------

    def reload(self, entity_id: int | None = None, *, select_event: int | None = None) -> None:
        """Reload the list (filtered to events with `entity_id`), off the UI thread."""
        self._generation += 1
        self.entity_id = entity_id
        self._pages.clear()
        self._pending.clear()
        self.loaded = False
        self._select_after_load = select_event
        generation = self._generation
        self.run_worker(lambda: self._load_first(generation, entity_id), thread=True, group="events-load",
                        exclusive=True, name="events-load")

    def _load_first(self, generation: int, entity_id: int | None) -> None:
        """First page at once; the exact count (a scan at a million events) right after."""
        first = api.events_page(self.db, limit=PAGE_SIZE, entity_id=entity_id)
        position = None
        if self._select_after_load is not None:
            position = api.event_position(self.db, self._select_after_load, entity_id=entity_id)
        if position is not None:  # the cursor goes there: the list needs its full length first
            total, exact = api.events_count(self.db, entity_id=entity_id), True
        else:
            total, exact = len(first), len(first) < PAGE_SIZE
        self.app.call_from_thread(self._apply_first, generation, total, first, position)
        if not exact:
            self.app.call_from_thread(self._apply_total, generation, api.events_count(self.db, entity_id=entity_id))

    def _apply_total(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self.total = total
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        self.refresh()
        self.post_message(self.Loaded(total))

    def _apply_first(self, generation: int, total: int, first: list[api.EventRow], position: int | None) -> None:
        if generation != self._generation:
            return
        self.total = total
        self._pages = {0: first} if first else {}
        self.loaded = True
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        self.set_reactive(EventList.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        if position is not None:
            self.cursor = position
            self.scroll_to(y=max(0, position - self.scrollable_content_region.height // 2), animate=False,
                           immediate=True)
        self.refresh()
        self.post_message(self.Loaded(total))

    def move_to_event(self, event_id: int) -> None:
        """Put the cursor on this event (found off the UI thread)."""
        generation, entity_id = self._generation, self.entity_id

        def find() -> None:
            position = api.event_position(self.db, event_id, entity_id=entity_id)
            if position is not None:
                self.app.call_from_thread(self._apply_position, generation, position)

        self.run_worker(find, thread=True, group="events-find", exclusive=True, name="events-find")

    def _apply_position(self, generation: int, position: int) -> None:
        if generation == self._generation:
            self.cursor = position

    def _request_page(self, page: int) -> None:
        if page in self._pending or page in self._pages or page < 0 or page * PAGE_SIZE >= self.total:
            return
        self._pending.add(page)
        generation, entity_id = self._generation, self.entity_id
        previous, following = self._pages.get(page - 1), self._pages.get(page + 1)
        after = previous[-1].key if previous and len(previous) == PAGE_SIZE else None
        before = following[0].key if following and after is None else None

        def fetch() -> None:
            if after is not None:
                rows = api.events_page(self.db, after=after, limit=PAGE_SIZE, entity_id=entity_id)
            elif before is not None:
                rows = api.events_page(self.db, before=before, limit=PAGE_SIZE, entity_id=entity_id)
            else:
                rows = api.events_at(self.db, page * PAGE_SIZE, limit=PAGE_SIZE, entity_id=entity_id)
            self.app.call_from_thread(self._apply_page, generation, page, rows)

        self.run_worker(fetch, thread=True, group="events-page", name=f"events-page-{page}")

    def _apply_page(self, generation: int, page: int, rows: list[api.EventRow]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages[page] = rows
        if len(self._pages) > MAX_PAGES:
            keep = self.cursor // PAGE_SIZE
            for far in sorted(self._pages, key=lambda p: -abs(p - keep))[: len(self._pages) - MAX_PAGES]:
                del self._pages[far]
        self.refresh()

    def row(self, index: int) -> api.EventRow | None:
        """The event at `index` if its page is cached (asks for the page otherwise)."""
        if index < 0 or index >= self.total:
            return None
        page = index // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._request_page(page)
            return None
        offset = index - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> api.EventRow | None:
        return self.row(self.cursor)

    # --- drawing ------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self.rich_style
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.row(index)
        if row is None:
            text = Text("  …", style=self.get_component_rich_style("event-list--placeholder"))
        else:
            text = self._format(row, width)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("event-list--cursor"))
            text = Text("▶", style=self.get_component_rich_style("event-list--cursor")) + text
        else:
            text = Text(" ") + text
        strip = Strip(list(text.render(self.app.console)), text.cell_len)
        return strip.adjust_cell_length(width, base).apply_style(base)

    def _format(self, row: api.EventRow, width: int) -> Text:
        width -= 1  # the cursor mark
        date = row.date_start or "????-??-??"
        label = _who_and_where(row)
        label = printable(" ".join(label.split()))
        count = f"{row.article_count:>3}"
        badges = Text()
        if width >= 34:
            for lang in row.langs:
                badges.append(" ")
                badges.append(badge(lang), style=self.get_component_rich_style("event-list--badge"))
        room = max(1, width - 11 - badges.cell_len - 1 - len(count))
        label_text = Text(label)
        label_text.truncate(room, overflow="ellipsis", pad=True)
        text = Text()
        text.append(date, style=self.get_component_rich_style("event-list--date"))
        text.append(" ")
        text.append_text(label_text)
        text.append_text(badges)
        text.append(" ")
        text.append(count, style=self.get_component_rich_style("event-list--count"))
        return text

    # --- cursor -------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        height = self.scrollable_content_region.height
        if new < self.scroll_y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_y + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.total - 1)) if self.total else 0

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.total - 1

    def action_page_down(self) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)
        self.cursor += step

    def action_page_up(self) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y - step, animate=False, immediate=True)
        self.cursor -= step

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < self.total:
            self.cursor = index
            self.action_open()


def _who_and_where(row: api.EventRow) -> str:
    """The event's title without its date (the date has its own column), else place · counterpart."""
    head, _, last = row.title.rpartition(" · ")
    if head and (last[:4].isdigit() or last.startswith("????")):
        return head
    parts = list(dict.fromkeys(part for part in (row.place, row.counterpart) if part))
    return " · ".join(parts) or row.title
