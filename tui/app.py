"""The secbrowse Textual app."""

from __future__ import annotations

import sqlite_utils
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from store import api

from .sanitize import printable


class SecbrowseApp(App):
    """Browse the articles of a secbrowse database."""

    CSS_PATH = "app.tcss"
    TITLE = "secbrowse"
    BINDINGS = [("q", "quit", "quit")]

    def __init__(self, db: sqlite_utils.Database):
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="articles", cursor_type="row")
        yield Static(id="empty")
        yield Footer()

    def on_mount(self) -> None:
        counts = api.overview(self.db)
        self.sub_title = f"{counts.articles} articles · {counts.events} events · {counts.entities} entities"
        table = self.query_one("#articles", DataTable)
        table.add_columns("lang", "title")
        for row in api.articles_page(self.db, limit=1000):
            table.add_row(row.lang, Text(printable(row.title or row.source)), key=str(row.id))
        empty = self.query_one("#empty", Static)
        empty.display = counts.articles == 0
        empty.update(Text("No articles yet. Add some with:  secbrowse ingest PATH…"))
