"""The query language: terms, operators, filters, and clear errors for bad syntax."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.errors import QueryError
from store.query import Filter, date_bound, parse, to_fts


def test_words_phrases_prefixes_and_operators_are_requoted():
    assert to_fts('securite "traite des etres" Sicher*') == '"securite" AND "traite des etres" AND "Sicher"*'
    assert to_fts("(a OR b) NOT c") == '( "a" OR "b" ) NOT "c"'


def test_filters_are_split_from_the_text():
    parsed = parse('hamushi lang:fr entity:"Vittorio Pisani" topic:terrorism after:2024-06 before:2024-07-01')
    assert parsed.fts() == '"hamushi"'
    assert parsed.filters == [Filter("lang", "fr"), Filter("entity", "Vittorio Pisani"), Filter("topic", "terrorism"),
                              Filter("after", "2024-06"), Filter("before", "2024-07-01")]


def test_a_query_of_only_filters_is_valid():
    parsed = parse("lang:nl country:IT")
    assert not parsed.has_text and parsed.fts() is None
    assert [f.key for f in parsed.filters] == ["lang", "country"]


def test_filter_keys_are_case_insensitive_and_have_aliases():
    assert parse("LANG:fr").filters == [Filter("lang", "fr")]
    assert parse("organisation:DGST").filters == [Filter("org", "DGST")]


def test_dates():
    assert date_bound("after", "2024-06") == "2024-06-01"
    assert date_bound("before", "2024") == "2024-01-01"
    assert date_bound("before", "2024-07-01") == "2024-07-01"


@pytest.mark.parametrize("query, message", [
    ("color:red", "unknown filter 'color:'"),
    ("after:june", "after: takes a date"),
    ("before:2024-13-01", "before: takes a date"),
    ("event:abc", "event: takes a number"),
    ("lang:french!", "lang: takes a language code"),
    ("(a lang:fr)", "move lang: out of the parentheses"),
    ("a OR lang:fr", "cannot follow OR"),
    ('"unclosed', "unclosed quote"),
    ('entity:"unclosed', "unclosed quote"),
    ("(a OR", "OR needs a word after it"),
    ("a)", "unbalanced parentheses"),
    ("(a", "unbalanced parentheses"),
    ("NOT a", "NOT needs a word before it"),
    ("", "empty query"),
    ("   ", "empty query"),
    ("()", "empty parentheses"),
])
def test_bad_queries_name_the_problem(query, message):
    with pytest.raises(QueryError) as error:
        parse(query) if query.strip() else to_fts(query)
    assert message in str(error.value)
    assert "sqlite" not in str(error.value).lower() and "fts5" not in str(error.value).lower()


def test_fts_syntax_in_words_is_neutralised():
    # NEAR, column filters, ^ and stray quotes are just words once re-quoted
    assert to_fts("NEAR(a b)") == '"NEAR" AND ( "a" AND "b" )'
    assert to_fts("^start a+b") == '"start" AND "a b"'
    assert to_fts("'; DROP TABLE articles; --") == '"DROP" AND "TABLE" AND "articles"'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('ab "()*:-^+') + [" AND ", " OR ", " NOT ", "lang:", "x:", "é", " "]), max_size=20).map("".join))
def test_any_input_parses_or_raises_query_error(text):
    try:
        parsed = parse(text)
    except QueryError:
        return
    fts = parsed.fts()
    if fts is not None:
        assert fts.count('"') % 2 == 0
