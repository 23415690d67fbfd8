"""The reader: the articles of one event side by side, each in its original language.

One focusable column per article (tab / [ ] move between them); entities are
coloured the same in every column; boilerplate is hidden until `b`; with sync
on (`s`) scrolling one column scrolls the others to the same place; `n` / `N`
step through search hits. More columns than fit scroll sideways.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from store import api

from .colours import CURRENT_HIT_STYLE, HIT_STYLE, badge, entity_style
from .sanitize import printable, styled_text


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one character (offsets survive)."""
    return "".join((unicodedata.normalize("NFD", ch)[:1] or ch).lower() for ch in text)


_OPERATORS = {"and", "or", "not", "near"}


def query_terms(query: str) -> list[str]:
    """The words of a search query worth highlighting (no operators, no filter names)."""
    terms = []
    for token in re.findall(r'[\w:*-]+|"[^"]*"', query):
        token = token.strip('"')
        if ":" in token:
            token = token.split(":", 1)[1]
        for word in re.findall(r"\w+\*?", token):
            if word.lower() not in _OPERATORS and len(word.rstrip("*")) >= 2:
                terms.append(word)
    return terms


def find_hits(body: str, terms: list[str]) -> list[tuple[int, int]]:
    """[start, end) spans of the terms in `body`, diacritics and case folded; `word*` is a prefix."""
    if not terms:
        return []
    parts = []
    for term in terms:
        prefix = term.endswith("*")
        word = re.escape(fold(term.rstrip("*")))
        parts.append(rf"\b{word}\w*" if prefix else rf"\b{word}\b")
    pattern = re.compile("|".join(parts))
    return [(m.start(), m.end()) for m in pattern.finditer(fold(body))]


@dataclass
class Hit:
    paragraph: int
    start: int
    end: int


class Paragraph(Static):
    """One paragraph of an article body."""


class ArticleColumn(VerticalScroll, can_focus=True):
    """One article: badge, title, source and date, then the text."""

    BINDINGS = [
        Binding("j", "scroll_down", "scroll", show=False),
        Binding("k", "scroll_up", "scroll", show=False),
        Binding("g", "scroll_home", "top", show=False),
        Binding("G", "scroll_end", "end", show=False),
    ]

    class Scrolled(Message):
        def __init__(self, column: "ArticleColumn", fraction: float) -> None:
            super().__init__()
            self.column = column
            self.fraction = fraction

    def __init__(self, article: api.ArticleView, colours: dict[int, str], terms: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.colours = colours
        self.terms = terms
        self.synced_to: float | None = None
        self.paragraphs = self._paragraph_spans()
        self.hits: list[Hit] = []
        for index, (start, end) in enumerate(self.paragraphs):
            for hit_start, hit_end in find_hits(article.body[start:end], terms):
                self.hits.append(Hit(index, start + hit_start, start + hit_end))
        self.current_hit: int | None = None
        self.border_title = f"{badge(article.lang)}"

    def _paragraph_spans(self) -> list[tuple[int, int]]:
        body = self.article.body
        if self.article.segments:
            spans = [(s.start, s.end) for s in self.article.segments if s.end > s.start]
            if spans:
                return spans
        spans, start = [], 0
        for match in re.finditer(r"\n\s*\n|\n", body):
            if match.start() > start:
                spans.append((start, match.start()))
            start = match.end()
        if start < len(body):
            spans.append((start, len(body)))
        return spans or [(0, len(body))]

    def compose(self) -> ComposeResult:
        article = self.article
        head = Text()
        head.append(f" {badge(article.lang)} ", style="reverse bold")
        head.append(" ")
        head.append(printable(" ".join((article.title or "(no title)").split())), style="bold")
        meta = Text(printable(f"{article.source} · {article.published or 'date unknown'}"), style="dim")
        yield Static(head, classes="article-title")
        yield Static(meta, classes="article-meta")
        for index in range(len(self.paragraphs)):
            yield Paragraph(self._paragraph_text(index), classes="paragraph")
        boilerplate = article.boilerplate.strip()
        if boilerplate:
            text = Text("— boilerplate —\n", style="italic")
            text.append_text(Text(printable(boilerplate)))
            yield Static(text, classes="boilerplate")

    def _paragraph_text(self, index: int) -> Text:
        start, end = self.paragraphs[index]
        spans = []
        for mention in self.article.mentions:
            if mention.end > start and mention.start < end:
                spans.append((mention.start - start, mention.end - start,
                               entity_style(self.colours.get(mention.entity_id))))
        for number, hit in enumerate(self.hits):
            if hit.paragraph == index:
                style = CURRENT_HIT_STYLE if number == self.current_hit else HIT_STYLE
                spans.append((hit.start - start, hit.end - start, style))
        return styled_text(self.article.body[start:end], spans)

    def step_hit(self, forward: bool) -> bool:
        """Move to the next (previous) hit; False when there is none."""
        if not self.hits:
            return False
        old = self.current_hit
        if old is None:
            new = 0 if forward else len(self.hits) - 1
        else:
            new = (old + (1 if forward else -1)) % len(self.hits)
        self.current_hit = new
        paragraphs = list(self.query(Paragraph))
        for number in {old, new} - {None}:
            index = self.hits[number].paragraph
            paragraphs[index].update(self._paragraph_text(index))
        self.scroll_to_widget(paragraphs[self.hits[new].paragraph], top=True, animate=False)
        return True

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.synced_to is not None and abs(new_value - self.synced_to) < 1:
            return
        self.synced_to = None
        fraction = new_value / self.max_scroll_y if self.max_scroll_y else 0.0
        self.post_message(self.Scrolled(self, fraction))


class Columns(HorizontalScroll, can_focus=False):
    """The row of article columns; the columns take focus, not the row."""


class Reader(Vertical):
    """The reader pane."""

    BINDINGS = [
        Binding("b", "toggle_boilerplate", "boilerplate"),
        Binding("s", "toggle_sync", "sync"),
        Binding("right_square_bracket", "next_column", "next col", show=False),
        Binding("left_square_bracket", "previous_column", "prev col", show=False),
        Binding("n", "next_hit", "next hit", show=False),
        Binding("N", "previous_hit", "prev hit", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.detail: api.EventDetail | None = None
        self.sync = True
        self.show_boilerplate = False
        self.terms: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an event and press enter."), id="reader-title")
        yield Columns(id="columns")

    @property
    def columns(self) -> list[ArticleColumn]:
        return list(self.query(ArticleColumn))

    async def show(self, detail: api.EventDetail, colours: dict[int, str], terms: list[str]) -> None:
        self.detail = detail
        self.terms = terms
        event = detail.event
        title = Text(printable(" ".join(event.title.split())), style="bold")
        title.append(f"  ({len(detail.articles)} article{'s' if len(detail.articles) != 1 else ''})", style="dim")
        self.query_one("#reader-title", Static).update(title)
        holder = self.query_one("#columns", HorizontalScroll)
        await holder.remove_children()
        holder.set_class(len(detail.articles) == 1, "single")
        columns = [ArticleColumn(article, colours, terms, classes="column") for article in detail.articles]
        await holder.mount_all(columns)
        self.set_class(self.show_boilerplate, "show-boilerplate")
        holder.scroll_to(x=0, animate=False)

    def clear(self) -> None:
        self.detail = None
        self.query_one("#reader-title", Static).update(Text("Select an event and press enter."))
        self.query_one("#columns", HorizontalScroll).remove_children()

    def _focused_index(self) -> int:
        columns = self.columns
        focused = self.app.focused
        return columns.index(focused) if focused in columns else -1

    def focus_column(self, index: int) -> None:
        columns = self.columns
        if columns:
            column = columns[index % len(columns)]
            column.focus()
            self.query_one("#columns", HorizontalScroll).scroll_to_widget(column, animate=False)

    def action_next_column(self) -> None:
        self.focus_column(self._focused_index() + 1)

    def action_previous_column(self) -> None:
        index = self._focused_index()
        self.focus_column((index if index >= 0 else 0) - 1)

    def action_toggle_boilerplate(self) -> None:
        self.show_boilerplate = not self.show_boilerplate
        self.set_class(self.show_boilerplate, "show-boilerplate")
        self.notify("boilerplate shown" if self.show_boilerplate else "boilerplate hidden", timeout=2)

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("scrolling in step" if self.sync else "columns scroll on their own", timeout=2)

    def _hit_column(self) -> ArticleColumn | None:
        columns = self.columns
        index = self._focused_index()
        ordered = columns[index:] + columns[:index] if index >= 0 else columns
        for column in ordered:
            if column.hits:
                return column
        return None

    def action_next_hit(self) -> None:
        self._step(True)

    def action_previous_hit(self) -> None:
        self._step(False)

    def _step(self, forward: bool) -> None:
        column = self._hit_column()
        if column is None:
            self.notify("no search hits here (press / to search)", timeout=2)
            return
        if self.app.focused is not column:
            column.focus()
            self.query_one("#columns", HorizontalScroll).scroll_to_widget(column, animate=False)
        column.step_hit(forward)

    def on_article_column_scrolled(self, message: ArticleColumn.Scrolled) -> None:
        if not self.sync:
            return
        for column in self.columns:
            if column is not message.column and column.max_scroll_y:
                target = round(message.fraction * column.max_scroll_y)
                if round(column.scroll_y) != target:
                    column.synced_to = target
                    column.scroll_to(y=target, animate=False, immediate=True)
