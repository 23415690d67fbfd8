"""Untrusted text: property-based tests of every step that reads article or query text.

Over arbitrary Unicode (and arbitrary text built from realistic fragments:
dates, names, paragraph breaks, markup, escapes) no exception escapes, offsets
always fall inside the text, the query parser raises only QueryError and
always produces an expression SQLite FTS5 accepts, and article text put on a
terminal never carries an escape sequence or control character.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from store.clean import clean_text
from store.dates import find_event_dates, find_published
from store.errors import QueryError
from store.language import detect_languages
from store.model import DateSpan, RawDocument
from store.query import to_fts
from store.read import NotText, decode_bytes, read_file
from tui.sanitize import printable

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "\n", "\n\n", " ", "\t", "\r\n", "\u2029", "\u0085", "\x1b[31m", "\x1b]0;title\x07", "\x9b2J", "\u202e", "\u200b",
    "[bold red]", "[/]", "<script>", "</p>", "&amp;", "\ufeff", "\x00",
    "3 juin 2024", "lundi 3 juin", "maandag 3 juni", "vom 26. bis 28. Juni", "aujourd'hui, mardi",
    "le 31 février", "29/02/2023", "2024-06-03", "9999-99-99", "0000", "1er", "hier", "gisteren", "أمس",
    "Abdellatif Hammouchi", "Al-Hamouchi", "Vittorio Pisani", "DGSN", "DGST", "Rabat", "Maroc", "Italie",
    "terrorisme", "mensenhandel", "Menschenhandel", "traite des êtres humains", "Lire aussi", "PREV", "NEXT",
    "عبد اللطيف حموشي", "الرباط", "Sécurité", "É", "ǅ", "İ", "ß", "ﬁ", "ẞ", "Σ", "\U0001F600", "\u0301", "e\u0301",
    '"', "*", "(", ")", "AND", "OR", "NOT", "NEAR", ":", "^", "-", "+", "lang:fr", "entity:", "topic:", "after:2024-06",
]

untrusted_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join),
)


def _iso_or_none(value: str | None) -> bool:
    if value is None:
        return True
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and dt.date.fromisoformat(value) is not None


# --------------------------------------------------------------------------- cleaning, language, dates


@PROPERTY_SETTINGS
@given(text=untrusted_text, title=st.one_of(st.none(), st.text(max_size=40)))
def test_clean_text_never_raises(text, title):
    cleaned = clean_text(text, title)
    assert isinstance(cleaned.body, str)
    assert cleaned.title is None or isinstance(cleaned.title, str)
    assert all(isinstance(line, str) for line in cleaned.boilerplate)


@PROPERTY_SETTINGS
@given(body=untrusted_text, declared=st.one_of(st.none(), st.sampled_from(["fr", "nl", "", "x", "zz-ZZ"])))
def test_language_segments_fall_inside_the_body(body, declared):
    lang, shares, segments = detect_languages(body, declared)
    assert isinstance(lang, str)
    previous_end = 0
    for segment in segments:
        assert previous_end <= segment.start < segment.end <= len(body)
        previous_end = segment.end
    if shares:
        assert abs(sum(shares.values()) - 1.0) < 0.01 or len(body.strip()) == 0


@PROPERTY_SETTINGS
@given(
    body=untrusted_text,
    published=st.one_of(st.none(), st.sampled_from(["2024-06-04", "2024-02-29", "1900-01-01", "bad", "2024-13-45"])),
    today=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
)
@example(body="vom 31. bis 1. Februar", published=None, today=dt.date(2026, 11, 25))
@example(body="le 29 février", published="2023-03-01", today=dt.date(2026, 11, 25))
def test_event_dates_are_valid_iso_or_unknown(body, published, today):
    _, _, segments = detect_languages(body)
    span = find_event_dates(body, segments, published, today)
    assert isinstance(span, DateSpan)
    assert _iso_or_none(span.start) and _iso_or_none(span.end)


@PROPERTY_SETTINGS
@given(text=untrusted_text)
def test_published_date_is_valid_iso_or_none(text):
    assert _iso_or_none(find_published(text))


@PROPERTY_SETTINGS
@given(text=untrusted_text)
def test_whole_pipeline_never_raises(text):
    from store.pipeline import process

    article = process(RawDocument(source="x", text=text), today=dt.date(2026, 11, 25))
    for segment in article.segments:
        assert 0 <= segment.start < segment.end <= len(article.body)
    for mention in article.mentions:
        assert article.body[mention.start:mention.end] == mention.surface


# --------------------------------------------------------------------------- extraction (when present)


@PROPERTY_SETTINGS
@given(body=untrusted_text)
def test_mentions_fall_inside_the_text_on_their_surface(body):
    extract = pytest.importorskip("store.extract")
    _, _, segments = detect_languages(body)
    mentions = extract.extract_mentions(body, segments)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(body)
        assert body[mention.start:mention.end] == mention.surface
        assert mention.kind in ("person", "organization", "location")
        previous_end = mention.end


@PROPERTY_SETTINGS
@given(body=untrusted_text)
def test_topics_are_positive_counts(body):
    topics = pytest.importorskip("store.topics")
    found = topics.find_topics(body, None)
    assert all(isinstance(key, str) and isinstance(count, int) and count > 0 for key, count in found.items())


# --------------------------------------------------------------------------- the query parser


@pytest.fixture(scope="module")
def fts_conn():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO t VALUES ('Rencontre à Rabat', 'La sécurité et le terrorisme, Hammouchi et Pisani')")
    yield conn
    conn.close()


query_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(FRAGMENTS + ['"Hammouchi', "(", ")", "securite", "ham*", "*", "NOT NOT", "OR OR"]),
             max_size=12).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)


@PROPERTY_SETTINGS
@given(query=query_text)
@example(query="NOT")
@example(query="a AND")
@example(query="(")
@example(query=")(")
@example(query="* *")
@example(query='"')
def test_query_parser_raises_only_query_error_and_fts5_accepts_its_output(fts_conn, query):
    try:
        expression = to_fts(query)
    except QueryError as error:
        assert str(error)
        return
    fts_conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()


# --------------------------------------------------------------------------- terminal output

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@PROPERTY_SETTINGS
@given(text=untrusted_text)
@example(text="\x1b[2J\x1b]0;pwned\x07\x9b31m[bold]x[/bold]\r\u202eevil\x08")
def test_printable_text_on_a_terminal_carries_no_escape_or_control(text):
    from rich.console import Console
    from rich.text import Text

    output = io.StringIO()
    console = Console(file=output, force_terminal=True, color_system="256", width=80, legacy_windows=False)
    console.print(Text(printable(text)), end="")
    rendered = output.getvalue()
    assert "\x1b" not in rendered
    assert not _CONTROL.search(rendered)


# --------------------------------------------------------------------------- reading bytes


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_bytes_gives_text_or_not_text(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except NotText as error:
        assert str(error).startswith("binary file")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=1500), untrusted_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ""]))
def test_read_file_never_raises_whatever_the_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"article{suffix}"
    path.write_bytes(data)
    for item in read_file(path):
        reason = getattr(item, "reason", None)
        assert reason is None or ("\n" not in reason and reason)
