"""The search query language → a safe FTS5 MATCH expression.

Words, "phrases", prefix*, AND / OR / NOT and parentheses. Every word the user
types is re-quoted before it reaches FTS5, so no input can inject FTS5 or SQL
syntax; malformed queries raise QueryError naming the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))|
        "(?P<phrase>[^"]*)"(?P<phrase_star>\*)?|
        (?P<unclosed>"[^"]*$)|
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}
_WORD_CHARS = re.compile(r"[\w]+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    kind: str  # "(", ")", "op", "term"
    text: str  # for op: AND/OR/NOT; for term: the FTS5 string


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(text: str, prefix: bool) -> str | None:
    """An FTS5 string for a word or phrase: only its word characters, re-quoted."""
    words = _WORD_CHARS.findall(text)
    if not words:
        return None
    return _quote(" ".join(words)) + ("*" if prefix else "")


def tokenize(query: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    query = query.strip()
    while position < len(query):
        match = _TOKEN.match(query, position)
        if not match or match.end() == position:
            break
        position = match.end()
        if match.group("lparen"):
            tokens.append(Token("(", "("))
        elif match.group("rparen"):
            tokens.append(Token(")", ")"))
        elif match.group("unclosed") is not None:
            raise QueryError('unclosed quote: add a closing " to finish the phrase')
        elif match.group("phrase") is not None:
            term = _term(match.group("phrase"), bool(match.group("phrase_star")))
            if term:
                tokens.append(Token("term", term))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                tokens.append(Token("op", word))
                continue
            term = _term(word, word.endswith("*"))
            if term:
                tokens.append(Token("term", term))
    return tokens


def to_fts(query: str) -> str:
    """Translate the user's query into an FTS5 MATCH expression, or raise QueryError."""
    tokens = tokenize(query)
    if not tokens:
        raise QueryError("empty query: type a word to search for")
    out: list[str] = []
    depth = 0
    previous: Token | None = None
    for token in tokens:
        if token.kind == "(":
            if previous and previous.kind in ("term", ")"):
                out.append("AND")
            depth += 1
            out.append("(")
        elif token.kind == ")":
            if depth == 0:
                raise QueryError("unbalanced parentheses: ')' without a matching '('")
            if previous is None or previous.kind in ("(", "op"):
                raise QueryError("empty parentheses or an operator before ')'")
            depth -= 1
            out.append(")")
        elif token.kind == "op":
            if previous is None or previous.kind in ("(", "op"):
                raise QueryError(f"{token.text} needs a word before it")
            out.append(token.text)
        else:
            if previous and previous.kind in ("term", ")"):
                out.append("AND")
            out.append(token.text)
        previous = token
    if depth:
        raise QueryError("unbalanced parentheses: '(' without a matching ')'")
    if previous is not None and previous.kind == "op":
        raise QueryError(f"{previous.text} needs a word after it")
    return " ".join(out)
