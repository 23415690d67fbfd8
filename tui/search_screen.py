"""The search screen (`/` from anywhere): results update as you type.

Typing restarts a short debounce timer; the search itself runs in a Textual
thread worker, never on the UI thread. A malformed query shows its message.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.errors import QueryError

from .colours import badge
from .sanitize import marked_text, printable


@dataclass(frozen=True)
class SearchChoice:
    event_id: int
    article_id: int
    query: str


class SearchScreen(ModalScreen[SearchChoice | None]):
    """A search box over a list of hits."""

    BINDINGS = [
        Binding("escape", "close", "close"),
        Binding("down", "move(1)", "next result", show=False),
        Binding("up", "move(-1)", "previous result", show=False),
    ]

    def __init__(self, db, *, query: str = "", delay: float = 0.25) -> None:
        super().__init__()
        self.db = db
        self.initial = query
        self.delay = delay
        self._timer = None
        self.hits = []
        self.searched = ""  # the query whose results are shown

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="search: words, \"phrases\", pref*, lang:fr, entity:…",
                        id="search-input")
            yield Static(Text("Type to search; enter opens, esc closes.", style="dim"), id="search-message")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = not self.app.is_headless
        field.focus()
        if self.initial:
            self._search(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = event.value
        if self.delay <= 0:
            self._search(query)
        else:
            self._timer = self.set_timer(self.delay, lambda: self._search(query))

    def _search(self, query: str) -> None:
        if not query.strip():
            self._show(query, [], None)
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search", name="search")
    def run_search(self, query: str) -> None:
        from store.search import search

        worker = get_current_worker()
        try:
            hits = search(self.db, query, limit=100)
            error = None
        except QueryError as problem:
            hits, error = [], str(problem)
        except Exception as problem:  # noqa: BLE001 - a broken query must never crash the app
            hits, error = [], f"search failed: {problem}"
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits, error)

    def _show(self, query: str, hits, error: str | None) -> None:
        if query != self.query_one(Input).value:
            return  # an older query
        self.hits = hits
        self.searched = query
        message = self.query_one("#search-message", Static)
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        if error:
            message.update(Text(printable(error), style="bold"))
            message.add_class("error")
            return
        message.remove_class("error")
        if not query.strip():
            message.update(Text("Type to search; enter opens, esc closes.", style="dim"))
            return
        summary = f"{len(hits)} article{'s' if len(hits) != 1 else ''}" + (" (first 100)" if len(hits) >= 100 else "")
        understood = [f"{i.text} → {i.name}" for i in getattr(hits, "interpreted_as", [])]
        notes = list(getattr(hits, "notes", []))
        message.update(Text(printable(" · ".join([summary, *understood, *notes])), style="dim"))
        options = []
        for index, hit in enumerate(hits):
            prompt = Text()
            prompt.append(f" {badge(hit.lang)} ", style="reverse")
            prompt.append(f" {hit.published or '????-??-??'} ")
            prompt.append(printable(" ".join((hit.title or "(no title)").split())), style="bold")
            prompt.append("\n   ")
            from store.search import HIT_END, HIT_START

            prompt.append_text(marked_text(hit.snippet, HIT_START, HIT_END))
            options.append(Option(prompt, id=f"hit-{index}"))
        results.add_options(options)
        if options:
            results.highlighted = 0

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else -1
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.highlighted is not None:
            self._choose(results.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.hits):
            hit = self.hits[index]
            if hit.event_id is None:
                self.notify("this article has no event yet", timeout=3)
                return
            self.dismiss(SearchChoice(hit.event_id, hit.article_id, self.searched))

    def action_close(self) -> None:
        self.dismiss(None)
