"""`?`: every key of the app on one screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str, str]] = [
    ("anywhere", "/", "search (results as you type; enter opens, esc closes)"),
    ("anywhere", "?", "this help"),
    ("anywhere", "ctrl+p", "command palette (corrections, filters, toggles)"),
    ("anywhere", "tab / shift+tab", "next / previous pane or column"),
    ("anywhere", "e", "show / hide the entity sidebar"),
    ("anywhere", "f", "go to the entity sidebar (to filter)"),
    ("anywhere", "esc", "back: to the event list, then clear the filter"),
    ("anywhere", "q", "quit"),
    ("events", "↑ ↓  j k", "move"),
    ("events", "g G  home end", "first / last event"),
    ("events", "pgup pgdn", "page up / down"),
    ("events", "enter, click", "open the event"),
    ("reader", "[ ]", "previous / next column"),
    ("reader", "j k ↑ ↓ pgup pgdn", "scroll"),
    ("reader", "b", "show / hide boilerplate"),
    ("reader", "s", "scroll columns in step on / off"),
    ("reader", "n N", "next / previous search hit"),
    ("entities", "↑ ↓", "move"),
    ("entities", "enter", "show only events with this entity"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "close"),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
        table.add_column(style="dim")
        table.add_column(style="bold")
        table.add_column()
        for where, key, what in KEYS:
            table.add_row(where, key, what)
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys  (esc closes)", style="bold"), id="help-title")
            yield Static(table, id="help-table")

    def action_close(self) -> None:
        self.dismiss(None)
