"""Colours for entities and language badges.

Each entity in an event gets one colour, the same in every column and in the
sidebar. Every entity is also underlined, so highlights survive a monochrome
(NO_COLOR) terminal.
"""

from __future__ import annotations

from typing import Iterable

# Distinct in 256 colours and readable on dark and light backgrounds.
ENTITY_PALETTE: tuple[str, ...] = (
    "#ff8700",  # orange
    "#5fafff",  # blue
    "#87d75f",  # green
    "#ff5faf",  # pink
    "#d7af00",  # gold
    "#af87ff",  # violet
    "#00d7af",  # teal
    "#ff5f5f",  # red
)

HIT_STYLE = "reverse"
CURRENT_HIT_STYLE = "reverse bold"


def entity_colours(entity_ids: Iterable[int]) -> dict[int, str]:
    """One palette colour per entity, in the order given (first = most prominent)."""
    colours: dict[int, str] = {}
    for entity_id in entity_ids:
        if entity_id not in colours:
            colours[entity_id] = ENTITY_PALETTE[len(colours) % len(ENTITY_PALETTE)]
    return colours


def entity_style(colour: str | None) -> str:
    return f"underline {colour}" if colour else "underline"


def badge(lang: str) -> str:
    """The text of a language badge: the ISO code in capitals."""
    return (lang or "??").upper()[:3]
