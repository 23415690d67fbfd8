"""Make untrusted article text safe to put on a terminal.

Control characters (ANSI escapes start with ESC), bidi overrides and
zero-width characters are replaced by visible stand-ins, so article text can
never move the cursor, recolour the screen or reorder what is shown. Rich
markup is never parsed: callers build rich.text.Text from the result.
"""

from __future__ import annotations

import re

# C0 controls except tab/newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# zero-width and invisible formatting characters, line/paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """`text` with every character that could act on a terminal made visible."""
    return _UNSAFE.sub(_stand_in, text)


def marked_text(snippet: str, start: str, end: str, style: str = "reverse") -> "Text":
    """A Rich Text of `snippet` with the parts between `start`/`end` markers styled.

    Each part is made printable on its own, so the markers survive and nothing
    in the snippet is read as markup.
    """
    from rich.text import Text

    text = Text()
    for index, part in enumerate(snippet.replace("\n", " ").split(start)):
        if index:
            hit, _, rest = part.partition(end)
            text.append(printable(hit), style=style)
            text.append(printable(rest))
        else:
            text.append(printable(part))
    return text


def styled_text(raw: str, spans, base_style: str = "") -> "Text":
    """A Rich Text of untrusted `raw` with styles over [start, end) spans of the raw string.

    `spans` is an iterable of (start, end, style). The raw text is cut at every
    span boundary and each piece is made printable on its own, so offsets into
    the raw text stay right even when a control character becomes a longer
    stand-in, and nothing in it is ever read as markup.
    """
    from rich.text import Text

    spans = [(max(0, s), min(len(raw), e), style) for s, e, style in spans if e > s and s < len(raw)]
    cuts = {0, len(raw)}
    for start, end, _ in spans:
        cuts.add(start)
        cuts.add(end)
    points = sorted(cuts)
    text = Text(style=base_style)
    for left, right in zip(points, points[1:]):
        if right <= left:
            continue
        styles = [style for start, end, style in spans if start <= left and right <= end]
        text.append(printable(raw[left:right]), style=" ".join(styles) if styles else None)
    return text
