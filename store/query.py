"""The search query language: parsing it into text terms and filters.

Syntax (see also store/search.py):

* words, ``"phrases"``, ``prefix*``, ``AND`` / ``OR`` / ``NOT`` (FTS5's binary
  NOT: ``a NOT b``), parentheses; adjacent terms are ANDed;
* filters ``key:value`` or ``key:"quoted value"``: ``lang:`` ``entity:``
  ``person:`` ``org:`` ``place:`` ``country:`` ``topic:`` ``after:`` ``before:``
  ``event:`` ``source:``. Filters apply to the whole query, so they stand at
  the top level (not inside parentheses, not right after an operator).

Every word the user types is reduced to its word characters and re-quoted
before it reaches FTS5, so no input can inject FTS5 or SQL syntax; malformed
queries raise QueryError naming the problem.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .errors import QueryError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))|
        (?P<fkey>[A-Za-z_]+):(?:"(?P<fquoted>[^"]*)"|(?P<funclosed>"[^"]*$)|(?P<fvalue>[^\s()"]+))|
        "(?P<phrase>[^"]*)"(?P<phrase_star>\*)?|
        (?P<unclosed>"[^"]*$)|
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}
_WORD_CHARS = re.compile(r"[\w]+", re.UNICODE)

#: Known filters and what they take.
FILTERS: dict[str, str] = {
    "lang": "a language code, e.g. lang:fr",
    "entity": 'a name or entity id, e.g. entity:"Vittorio Pisani"',
    "person": 'a person\'s name, e.g. person:Hammouchi',
    "org": "an organisation, e.g. org:DGST",
    "place": "a place, e.g. place:Rabat",
    "country": "an ISO country code or name, e.g. country:IT",
    "topic": "a topic, e.g. topic:terrorism",
    "after": "a date, e.g. after:2024-06 (from that day/month/year on)",
    "before": "a date, e.g. before:2024-07-01 (strictly before it)",
    "event": "an event id, e.g. event:12",
    "source": "part of the source path or URL, e.g. source:hespress",
}
_ALIASES = {"language": "lang", "organization": "org", "organisation": "org", "location": "place",
            "since": "after", "until": "before"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_LANG = re.compile(r"^[A-Za-z]{2,3}$")


@dataclass(frozen=True)
class Token:
    kind: str  # "(", ")", "op", "term"
    text: str  # for op: AND/OR/NOT; for term: the FTS5 string
    words: tuple[str, ...] = ()  # for term: the user's words (for name/topic matching)
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Filter:
    key: str  # canonical key, one of FILTERS
    value: str  # as typed (quotes removed)


@dataclass
class ParsedQuery:
    tokens: list[Token] = field(default_factory=list)  # validated text part (no filters)
    filters: list[Filter] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.tokens)

    def fts(self) -> str | None:
        """The text part as a plain FTS5 expression (no name/topic expansion)."""
        return render(self.tokens) if self.tokens else None


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(text: str, prefix: bool, phrase: bool) -> Token | None:
    """A term token for a word or phrase: only its word characters, re-quoted."""
    words = _WORD_CHARS.findall(text)
    if not words:
        return None
    return Token("term", _quote(" ".join(words)) + ("*" if prefix else ""), tuple(words), phrase, prefix)


def _filter(key: str, value: str) -> Filter:
    canonical = _ALIASES.get(key.lower(), key.lower())
    if canonical not in FILTERS:
        known = " ".join(f"{name}:" for name in FILTERS)
        raise QueryError(f"unknown filter '{key}:'; known filters are {known}")
    value = value.strip()
    if not value:
        raise QueryError(f"{canonical}: needs a value: {FILTERS[canonical]}")
    if canonical in ("after", "before"):
        date_bound(canonical, value)  # validate now
    elif canonical == "event" and not value.isdigit():
        raise QueryError(f"event: takes a number (an event id), not '{value}'")
    elif canonical == "lang" and not _LANG.match(value):
        raise QueryError(f"lang: takes a language code such as fr, nl, de, en; not '{value}'")
    return Filter(canonical, value)


def date_bound(key: str, value: str) -> str:
    """The ISO date a date filter starts at: after:2024-06 -> 2024-06-01; before:2024 -> 2024-01-01."""
    match = _DATE.match(value)
    if match:
        year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            pass
    raise QueryError(f"{key}: takes a date like 2024, 2024-06 or 2024-06-01, not '{value}'")


def tokenize(query: str) -> tuple[list[Token], list[tuple[Filter, int]]]:
    """Text tokens, and filters with the paren depth and previous token they were found at."""
    tokens: list[Token] = []
    filters: list[tuple[Filter, int]] = []
    position = 0
    depth = 0
    query = query.strip()
    while position < len(query):
        match = _TOKEN.match(query, position)
        if not match or match.end() == position:
            break
        position = match.end()
        if match.group("lparen"):
            depth += 1
            tokens.append(Token("(", "("))
        elif match.group("rparen"):
            depth -= 1
            tokens.append(Token(")", ")"))
        elif match.group("fkey"):
            if match.group("funclosed") is not None:
                raise QueryError('unclosed quote: add a closing " to finish the filter value')
            key = match.group("fkey")
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            flt = _filter(key, value)
            if depth > 0:
                raise QueryError(f"filters apply to the whole query: move {flt.key}: out of the parentheses")
            if tokens and tokens[-1].kind == "op":
                raise QueryError(
                    f"filters apply to the whole query: {flt.key}: cannot follow {tokens[-1].text}"
                )
            filters.append((flt, len(tokens)))
        elif match.group("unclosed") is not None:
            raise QueryError('unclosed quote: add a closing " to finish the phrase')
        elif match.group("phrase") is not None:
            term = _term(match.group("phrase"), bool(match.group("phrase_star")), True)
            if term:
                tokens.append(term)
        else:
            word = match.group("word")
            if word in _OPERATORS:
                tokens.append(Token("op", word))
                continue
            term = _term(word, word.endswith("*"), False)
            if term:
                tokens.append(term)
    return tokens, filters


def _validate(tokens: list[Token]) -> None:
    depth = 0
    previous: Token | None = None
    for token in tokens:
        if token.kind == "(":
            depth += 1
        elif token.kind == ")":
            if depth == 0:
                raise QueryError("unbalanced parentheses: ')' without a matching '('")
            if previous is None or previous.kind in ("(", "op"):
                raise QueryError("empty parentheses or an operator before ')'")
            depth -= 1
        elif token.kind == "op":
            if previous is None or previous.kind in ("(", "op"):
                if token.text == "NOT":
                    raise QueryError("NOT needs a word before it (write: word NOT other)")
                raise QueryError(f"{token.text} needs a word before it")
        previous = token
    if previous is not None and previous.kind == "op":
        raise QueryError(f"{previous.text} needs a word after it")
    if depth:
        raise QueryError("unbalanced parentheses: '(' without a matching ')'")


def parse(query: str) -> ParsedQuery:
    """Split a query into validated text tokens and filters, or raise QueryError."""
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    tokens, found = tokenize(query)
    if tokens and tokens[-1].kind == "op" and found and found[-1][1] == len(tokens):
        raise QueryError(f"filters apply to the whole query: a filter cannot follow {tokens[-1].text}")
    _validate(tokens)
    parsed = ParsedQuery(tokens, [flt for flt, _ in found])
    if not parsed.tokens and not parsed.filters:
        raise QueryError("empty query: type a word to search for, or a filter such as lang:fr")
    return parsed


def render(tokens: list[Token], replacements: dict[int, tuple[int, str]] | None = None) -> str:
    """FTS5 text for validated tokens, with implicit ANDs made explicit.

    `replacements` maps a start index to (end index, FTS5 group) to splice an
    expansion (a name's spellings, a topic's terms) in place of tokens[start:end].
    """
    replacements = replacements or {}
    out: list[str] = []
    previous: str | None = None  # kind of the previous emitted unit
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index in replacements:
            end, text = replacements[index]
            kind, piece = "term", text
            index = end
        else:
            kind, piece = token.kind, token.text
            index += 1
        if kind in ("term", "(") and previous in ("term", ")"):
            out.append("AND")
        out.append(piece)
        previous = kind
    return " ".join(out)


def to_fts(query: str) -> str:
    """Translate the text part of a query into an FTS5 MATCH expression, or raise QueryError."""
    parsed = parse(query)
    if not parsed.tokens:
        raise QueryError("empty query: type a word to search for")
    return render(parsed.tokens)
