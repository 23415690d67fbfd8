"""Processed articles made by hand for store tests: a text and the mentions found in it."""

from __future__ import annotations

from store.model import DateSpan, Mention, ProcessedArticle


def processed_article(text: str, mentions: list[tuple[str, str, str, str]], *, lang: str = "fr",
                      start: str | None = None, published: str | None = None) -> ProcessedArticle:
    """An article whose mentions are (surface, kind, key, name), found in order in text,
    with event dates [start, start] and a publication date when given."""
    found, position = [], 0
    for surface, kind, key, name in mentions:
        at = text.index(surface, position)
        found.append(Mention(at, at + len(surface), surface, kind, key, name))
        position = at + len(surface)
    return ProcessedArticle(source=f"test:{hash(text)}", content_hash=str(hash(text)), title=None, body=text,
                            boilerplate=[], lang=lang, languages={lang: 1.0}, segments=[], published=published,
                            event_dates=DateSpan(start, start), mentions=found)
