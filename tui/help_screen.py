"""`?`: every key of the app on one screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str, str]] = [
    ("anywhere", "/", "search as you type; enter opens, esc closes"),
    ("", "? · ctrl+p · q", "this help · commands, corrections · quit"),
    ("", "r", "refresh (new articles also appear by themselves)"),
    ("", "tab shift+tab", "next / previous pane or article column"),
    ("", "f · e", "go to the entity sidebar · show / hide it"),
    ("", "esc", "back to the event list, then clear the filter"),
    ("events", "↑ ↓ j k", "move"),
    ("", "g G home end", "first / last event"),
    ("", "pgup pgdn", "page up / down"),
    ("", "enter, click", "open the event"),
    ("reader", "[ ]", "previous / next article column"),
    ("", "↑ ↓ j k g G", "scroll"),
    ("", "n N", "next / previous search hit"),
    ("", "b · s", "boilerplate on/off · scroll in step on/off"),
    ("entities", "enter", "show only events with this entity (esc clears)"),
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
        with Vertical(id="help-box"):
            yield Static(Text("Keys  (esc closes)", style="bold"), id="help-title")
            yield Static(table, id="help-table")

    def action_close(self) -> None:
        self.dismiss(None)
