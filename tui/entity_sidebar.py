"""The entity sidebar: the entities of the open event grouped by kind, with aliases and counts.

Enter on an entity filters the event list to events with that entity.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store import api

from .colours import entity_style
from .sanitize import printable

KIND_LABELS = (
    ("person", "People"),
    ("organization", "Organisations"),
    ("location", "Places"),
)


class EntitySidebar(OptionList):
    """Entities of the event; enter filters the event list."""

    BINDINGS = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        Binding("g", "first", "first", show=False),
        Binding("G", "last", "last", show=False),
    ]

    class Chosen(Message):
        def __init__(self, entity_id: int, kind: str, name: str) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.kind = kind
            self.name = name

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entities: dict[str, api.EntitySummary] = {}

    def show(self, entities: list[api.EntitySummary], topics: list[api.TopicSummary], colours: dict[int, str]) -> None:
        self.clear_options()
        self.entities = {}
        options: list[Option | None] = []
        known = {kind for kind, _ in KIND_LABELS}
        groups = list(KIND_LABELS) + sorted({(e.kind, e.kind.title()) for e in entities if e.kind not in known})
        for kind, label in groups:
            members = [e for e in entities if e.kind == kind]
            if not members:
                continue
            options.append(Option(Text(label, style="bold"), disabled=True))
            for entity in members:
                prompt = Text()
                prompt.append("■ ", style=colours.get(entity.id) or "")
                prompt.append(printable(entity.name), style=entity_style(colours.get(entity.id)))
                prompt.append(f" {entity.mentions}", style="dim")
                if entity.aliases:
                    prompt.append("\n  ")
                    prompt.append(printable(", ".join(entity.aliases[:3])), style="italic dim")
                    if len(entity.aliases) > 3:
                        prompt.append(f" +{len(entity.aliases) - 3}", style="dim")
                option_id = f"entity-{entity.id}"
                self.entities[option_id] = entity
                options.append(Option(prompt, id=option_id))
        if topics:
            options.append(Option(Text("Topics", style="bold"), disabled=True))
            for topic in topics:
                prompt = Text("  ")
                prompt.append(printable(topic.label))
                prompt.append(f" {topic.occurrences}", style="dim")
                options.append(Option(prompt, disabled=True))
        if not options:
            options.append(Option(Text("No entities found in this event yet.", style="dim"), disabled=True))
        self.add_options(options)

    @property
    def selected_entity(self) -> api.EntitySummary | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.entities.get(option.id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self.entities.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.Chosen(entity.id, entity.kind, entity.name))
