"""Commands for the command palette (ctrl+p), including analyst corrections.

Corrections call store/corrections.py; the import is tried each time, so the
app works before that module exists and its commands then say so.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from .app import SecbrowseApp

NOT_AVAILABLE = "Corrections are not available yet (store/corrections.py is not installed)."


def corrections_module():
    """store.corrections, or None while it does not exist."""
    try:
        return importlib.import_module("store.corrections")
    except ImportError:
        return None


class PromptScreen(ModalScreen[str | None]):
    """Ask for one value (enter accepts, esc cancels)."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Text(self.question))
            yield Input(value=self.value, id="prompt-input")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = not self.app.is_headless
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.replace(",", " ").split()]


def commands(app: "SecbrowseApp") -> Iterable[SystemCommand]:
    yield SystemCommand("Search", "Search the articles (/)", app.action_search)
    yield SystemCommand("Keys", "Every key of the app (?)", app.action_help)
    yield SystemCommand("Filter by selected entity", "Show only events with the entity selected in the sidebar",
                        app.action_filter_selected)
    yield SystemCommand("Clear filter", "Show every event again (esc)", app.action_clear_filter)
    yield SystemCommand("Toggle boilerplate", "Show or hide boilerplate in the reader (b)",
                        lambda: app.reader.action_toggle_boilerplate())
    yield SystemCommand("Toggle scroll sync", "Scroll the reader columns in step or on their own (s)",
                        lambda: app.reader.action_toggle_sync())
    yield SystemCommand("Toggle entity sidebar", "Show or hide the entity sidebar (e)", app.action_toggle_entities)

    def correction(title: str, help_text: str, run: Callable[[], None]) -> SystemCommand:
        return SystemCommand(f"Correct: {title}", help_text, run)

    yield correction("rename entity…", "Give the selected entity a new canonical name", lambda: _rename(app))
    yield correction("reject entity", "Mark the selected entity as not an entity", lambda: _reject(app))
    yield correction("merge entity into selected…", "Merge another entity (by id) into the selected one",
                     lambda: _merge_entities(app))
    yield correction("split alias off entity…", "Make one alias of the selected entity an entity of its own",
                     lambda: _split_entity(app))
    yield correction("merge event into open event…", "Merge another event (by id) into the open one",
                     lambda: _merge_events(app))
    yield correction("move article to event…", "Move the article in the focused column to another event (by id)",
                     lambda: _move_article(app))
    yield correction("split articles off event…", "Make a new event from some articles (ids) of the open event",
                     lambda: _split_event(app))


def _apply(app: "SecbrowseApp", function: str, *args, done: str) -> None:
    module = corrections_module()
    if module is None or not hasattr(module, function):
        app.notify(NOT_AVAILABLE, severity="warning", timeout=4)
        return
    app.run_correction(getattr(module, function), args, done)


def _need_entity(app: "SecbrowseApp"):
    entity = app.sidebar.selected_entity
    if entity is None:
        app.notify("Select an entity in the sidebar first (f).", severity="warning", timeout=4)
    return entity


def _need_event(app: "SecbrowseApp"):
    if app.open_event_id is None:
        app.notify("Open an event first (enter).", severity="warning", timeout=4)
    return app.open_event_id


def _ask(app: "SecbrowseApp", question: str, then: Callable[[str], None], value: str = "") -> None:
    if corrections_module() is None:
        app.notify(NOT_AVAILABLE, severity="warning", timeout=4)
        return

    def answered(answer: str | None) -> None:
        if answer:
            try:
                then(answer)
            except ValueError:
                app.notify("That is not a valid answer (ids are numbers).", severity="error", timeout=4)

    app.push_screen(PromptScreen(question, value), answered)


def _rename(app) -> None:
    if (entity := _need_entity(app)) is not None:
        _ask(app, f"New name for “{entity.name}”:",
             lambda name: _apply(app, "rename_entity", entity.id, name, done=f"renamed to {name}"), entity.name)


def _reject(app) -> None:
    if (entity := _need_entity(app)) is not None:
        _apply(app, "reject_entity", entity.id, done=f"rejected {entity.name}")


def _merge_entities(app) -> None:
    if (entity := _need_entity(app)) is not None:
        _ask(app, f"Id of the entity to merge into “{entity.name}” (#{entity.id}):",
             lambda answer: _apply(app, "merge_entities", entity.id, _ids(answer)[0], done="entities merged"))


def _split_entity(app) -> None:
    if (entity := _need_entity(app)) is not None:
        _ask(app, f"Alias to split off “{entity.name}” ({', '.join(entity.aliases) or 'no aliases'}):",
             lambda alias: _apply(app, "split_entity", entity.id, alias, done=f"split {alias} off"))


def _merge_events(app) -> None:
    if (event_id := _need_event(app)) is not None:
        _ask(app, f"Id of the event to merge into event #{event_id}:",
             lambda answer: _apply(app, "merge_events", event_id, _ids(answer)[0], done="events merged"))


def _move_article(app) -> None:
    article_id = app.focused_article_id()
    if article_id is None:
        app.notify("Focus an article column first.", severity="warning", timeout=4)
        return
    _ask(app, f"Id of the event to move article #{article_id} to:",
         lambda answer: _apply(app, "move_article", article_id, _ids(answer)[0], done="article moved"))


def _split_event(app) -> None:
    if (event_id := _need_event(app)) is not None:
        ids = " ".join(str(a.id) for a in app.reader.detail.articles) if app.reader.detail else ""
        _ask(app, f"Ids of the articles to split off event #{event_id} (its articles: {ids}):",
             lambda answer: _apply(app, "split_event", event_id, _ids(answer), done="event split"))
