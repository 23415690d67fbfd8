"""Publication date and event dates of an article, in every supported language.

Pure functions over plain data; every regex and lexicon is built once at import.

Month and weekday names come from Babel (CLDR) for fr, nl, de, en, es, it, pt and
Arabic (Gulf/Egyptian "يونيو", Levantine "حزيران", Maghreb "يونيه/جوان/غشت" styles);
relative words ("hier", "gisteren", "am Dienstag", "aujourd'hui") come from the
small per-language table below.  Matching runs on a *folded* copy of the text:
lower case, diacritics stripped, Arabic hamza/alef-maqsura normalised, tatweel and
harakat dropped, Arabic-Indic digits turned into ASCII digits.

Resolution rules (see `find_event_dates`):
- the event date is the first date expression of the body (explicit day-month,
  day range, or relative word); later ones are usually background;
- a day-month without year takes its year from the publication date (nearest
  fit, weekday preferred), else from a year stated near it (same paragraph,
  within 300 chars), else from the year the article mentions most, else from the
  only year near the reference date (publication or ingest date) where the stated
  weekday fits; otherwise it stays unknown;
- relative words need the publication date; without it the result is unknown,
  keeping the stated weekday (``DateSpan(None, None, "Tuesday")``).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator

from babel import Locale

from store.model import DateSpan, Segment

__all__ = [
    "find_published",
    "find_event_dates",
    "find_event_dates_at",
    "fold",
    "SUPPORTED_LANGS",
]

SUPPORTED_LANGS = ("fr", "nl", "de", "en", "es", "it", "pt", "ar")
_CLDR_LOCALES = SUPPORTED_LANGS + ("ar_SY", "ar_MA", "ar_DZ", "ar_IQ", "ar_EG", "ca")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --------------------------------------------------------------------------- folding


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            table[cp] = base.lower()
    table.update({ord("ß"): "s", ord("æ"): "a", ord("œ"): "o", ord("ø"): "o", ord("đ"): "d",
                  ord("ł"): "l", ord("ı"): "i"})
    for cp in range(0x0300, 0x0370):  # combining marks (text in NFD)
        table[cp] = None
    for cp in range(0x064B, 0x0660):  # Arabic harakat
        table[cp] = None
    table[0x0670] = None  # superscript alef
    table[0x0640] = None  # tatweel
    for src, dst in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"),
                     ("ؤ", "و"), ("ئ", "ي")):
        table[ord(src)] = dst
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic digits
        table[0x06F0 + i] = str(i)  # Extended (Persian) digits
    for src, dst in (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("–", "-"), ("—", "-"),
                     ("‑", "-"), ("\u00a0", " "), ("\u202f", " "), ("\u2009", " "), ("،", ",")):
        table[ord(src)] = dst
    return table


_FOLD = _build_fold_table()
_FOLD_STR = {chr(k): (v or "") for k, v in _FOLD.items() if k > 0x7F}
_RE_DELETED = re.compile("[" + "".join(c for c, v in _FOLD_STR.items() if v == "") + "]")
Mapper = Callable[[int], int]


def _identity(pos: int) -> int:
    return pos


def fold(text: str) -> str:
    """Lower-case, strip diacritics and normalise Arabic letters and digits.

    Length-preserving except for dropped marks (Arabic harakat/tatweel, combining
    accents of decomposed text).  Implemented with `str.replace` per distinct
    non-ASCII character, which is several times faster than `str.translate`.
    """
    return _fold_lowered(text.lower())


def _fold_lowered(low: str) -> str:
    if low.isascii():
        return low
    for ch in set(low):
        if ch > "\x7f":
            rep = _FOLD_STR.get(ch)
            if rep is not None and rep != ch:
                low = low.replace(ch, rep)
    return low


def _fold_with_map(text: str) -> tuple[str, Mapper]:
    """Fold `text` and return a mapping from folded offsets back to `text` offsets."""
    low = text.lower()
    if len(low) != len(text):  # rare case-mapping expansions (e.g. "İ"): slow exact path
        offsets: list[int] = []
        for i, ch in enumerate(text):
            offsets.extend([i] * len(fold(ch)))
        offsets.append(len(text))
        return "".join(fold(ch) for ch in text), lambda p: offsets[min(p, len(offsets) - 1)]
    folded = _fold_lowered(low)
    if len(folded) == len(text):
        return folded, _identity
    shifts = [m.start() - k for k, m in enumerate(_RE_DELETED.finditer(low))]
    return folded, lambda p: p + bisect_right(shifts, p)


# --------------------------------------------------------------------------- lexicons

_ABBREV_STOP = {"ago", "set", "out", "mar", "gen", "may"}  # words in other languages


def _build_months() -> dict[str, int]:
    months: dict[str, int] = {}
    conflicts: set[str] = set()

    def add(name: str, num: int) -> None:
        key = fold(name).strip().rstrip(".").replace("\u00a0", " ")
        if len(key) < 3 and not re.search(r"[\u0600-\u06ff]", key):
            return
        if key in months and months[key] != num:
            conflicts.add(key)
        months[key] = num

    for loc in _CLDR_LOCALES:
        locale = Locale.parse(loc)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in locale.months[context][width].items():
                    key = fold(name).rstrip(".")
                    if width == "abbreviated" and key in _ABBREV_STOP:
                        continue
                    add(name, num)
    extra = {
        "sept": 9, "sep": 9, "setiembre": 9, "juil": 7, "janv": 1, "fevr": 2, "avr": 4,
        "maerz": 3, "mrt": 3, "okt": 10, "dez": 12, "sepr": 9,
        "يونيه": 6, "يوليه": 7, "ابريل": 4, "اغسطس": 8, "اكتوبر": 10, "مايو": 5, "ماي": 5,
    }
    for name, num in extra.items():
        add(name, num)
    for key in conflicts:
        del months[key]
    return months


def _build_weekdays() -> dict[str, int]:
    days: dict[str, int] = {}
    for loc in _CLDR_LOCALES:
        locale = Locale.parse(loc)
        for context in ("format", "stand-alone"):
            for num, name in locale.days[context]["wide"].items():
                days[fold(name)] = num  # Babel: 0 = Monday
    days.update({"sonnabend": 5, "segunda feira": 0, "terca feira": 1, "quarta feira": 2,
                 "quinta feira": 3, "sexta feira": 4, "الاتنين": 0})
    return days


MONTHS = _build_months()
WEEKDAYS = _build_weekdays()


def _alternation(words: object) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# Relative words per language (folded forms): day offsets from the publication date.
_REL_DAYS: dict[str, dict[str, int]] = {
    "fr": {"aujourd'hui": 0, "aujourd hui": 0, "ce jour": 0, "hier": -1, "avant-hier": -2,
           "demain": 1, "apres-demain": 2},
    "nl": {"vandaag": 0, "gisteren": -1, "eergisteren": -2, "morgen": 1, "overmorgen": 2},
    "de": {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "ubermorgen": 2},
    "en": {"today": 0, "yesterday": -1, "the day before yesterday": -2, "tomorrow": 1},
    "es": {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "manana": 1},
    "it": {"oggi": 0, "ieri": -1, "l'altro ieri": -2, "ieri l'altro": -2, "domani": 1,
           "dopodomani": 2},
    "pt": {"hoje": 0, "ontem": -1, "anteontem": -2, "amanha": 1},
    "ar": {"اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "اول امس": -2, "غدا": 1},
}
# Modifiers around a weekday: -1 = last (strictly before), +1 = next (strictly after).
_WD_PAST = ("dernier", "derniere", "passe", "last", "past", "previous", "afgelopen", "vorige",
            "jongstleden", "vergangenen", "vergangene", "letzten", "letzte", "vorigen", "pasado",
            "scorso", "passato", "passada", "ultimo", "ultima", "الماضي", "المنصرم")
_WD_NEXT = ("prochain", "prochaine", "next", "coming", "komende", "volgende", "aanstaande",
            "kommenden", "kommende", "nachsten", "nachste", "proximo", "proxima", "prossimo",
            "prossima", "المقبل", "القادم")
# Spanish "mañana" means "morning" after these words; German/Dutch "Morgen" after these.
_NOT_TOMORROW = re.compile(r"(?:esta|la|por la|de la|en la|heute|gestern|vanochtend|deze|this)\s*$")

_MONTH_ALT = _alternation(MONTHS)
_WD_ALT = _alternation(WEEKDAYS)
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_SUF = r"(?:\.|er|re|eme|e|st|nd|rd|th|º|°|ª)?"
_Y = r"(?:19[5-9]\d|20\d\d)"
_M = r"(?:" + _MONTH_ALT + r")\.?"
_CONN = (r"(?:-|/|&|au|aux|a|al|à|bis|zum|tot\s+en\s+met|t/m|tot|to|till|until|through|thru|et|and|und|"
         r"en|e|y|i|و|الي|حتي|ولغايه|لغايه)")  # folded forms (إلى -> الي)
_OF = r"(?:(?:de|di|of|del|d'|ال)\s*)?"

_RE_DMY_RANGE = re.compile(
    rf"(?<![\d.,/:])(?P<d1>{_D}){_SUF}\s*{_CONN}\s*(?:(?:le|den|the|el|il|o)\s+)?(?P<d2>{_D}){_SUF}\s*"
    rf"{_OF}(?P<m>{_M})(?!\w)(?:[\s,]*{_OF}(?P<y>{_Y})(?!\d))?"
)
_RE_DMY_CROSS = re.compile(
    rf"(?<![\d.,/:])(?P<d1>{_D}){_SUF}\s*{_OF}(?P<m1>{_M})(?!\w)(?:[\s,]*(?P<y1>{_Y})(?!\d))?\s*{_CONN}\s*"
    rf"(?:(?:le|den|the|el|il|o)\s+)?(?P<d2>{_D}){_SUF}\s*{_OF}(?P<m2>{_M})(?!\w)"
    rf"(?:[\s,]*{_OF}(?P<y2>{_Y})(?!\d))?"
)
_RE_DMY = re.compile(
    rf"(?<![\d.,/:])(?P<d>{_D}){_SUF}\s*{_OF}(?P<m>{_M})(?!\w)(?:[\s,]*{_OF}(?P<y>{_Y})(?!\d))?"
)
_RE_MDY = re.compile(
    rf"(?<!\w)(?P<m>{_M})\s*(?P<d1>{_D})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:\s*(?:-|to|through|and|until)\s*(?P<d2>{_D})(?:st|nd|rd|th)?(?!\d))?(?:,?\s*(?P<y>{_Y})(?!\d))?"
)
_RE_NUMERIC = re.compile(
    r"(?<![\d.,/:])(?:(?P<y1>20\d\d|19\d\d)-(?P<m1>0?[1-9]|1[0-2])-(?P<d1>3[01]|[12]\d|0?[1-9])"
    r"|(?P<d2>3[01]|[12]\d|0?[1-9])[./](?P<m2>0?[1-9]|1[0-2])[./](?P<y2>20\d\d|19\d\d))(?![\d])"
)
_RE_YEAR = re.compile(rf"(?<![\d.,/:\-])(?P<y>{_Y})(?![\d])")
_RE_WEEKDAY = re.compile(r"(?<!\w)(?P<w>" + _WD_ALT + r")(?!\w)")
_RE_WD_BEFORE = re.compile(
    r"(?<!\w)(?P<w>" + _WD_ALT + r")[\s,(]*(?:(?:le|den|der|el|il|the|on|op|am|de|o|يوم)\s+)?$"
)
_RE_NUM_BEFORE = re.compile(r"\d\s*$")
_RE_PREV_WORD = re.compile(r"(?<!\w)([^\W\d_]+\.?)\s*$")
_RE_DIGITS = re.compile(r"[0-9]+")
_RE_WORDS = re.compile(r"[\w']+")
_RE_SPACES = re.compile(r"\s+")
_RE_SPACES_DASHES = re.compile(r"[\s-]+")
_RE_LINE = re.compile(r"[^\n]+")
_REL_ANY = {w: o for ws in _REL_DAYS.values() for w, o in ws.items()}
_WD_PAST_SET = frozenset(_WD_PAST)
_WD_NEXT_SET = frozenset(_WD_NEXT)


def _trie_regex(words: object) -> str:
    """A regex alternation shaped as a trie (much faster to scan than a flat one)."""
    trie: dict = {}
    for word in words:  # type: ignore[attr-defined]
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie)


# One scan finds every anchor: digit runs and weekday/relative words (\b first is fastest).
_RE_SCAN = re.compile(
    r"\b(?:(?P<word>" + _trie_regex(set(WEEKDAYS) | set(_REL_ANY)) + r")(?![\w'])|(?P<num>[0-9]+))"
)
_RE_TIME = re.compile(r"\d{1,2}[:h]\d{2}")


# --------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class _Expr:
    """One date expression found in the folded text."""

    pos: int  # offset in body
    end: int
    seg: int  # index of its segment
    d1: int | None = None
    m1: int | None = None
    y1: int | None = None
    d2: int | None = None
    m2: int | None = None
    y2: int | None = None
    weekday: int | None = None  # 0 = Monday
    rel: int | None = None  # relative day offset ("hier" = -1)
    wd_dir: int = 0  # for a bare weekday: 0 on/before, -1 strictly before, +1 strictly after

    @property
    def explicit(self) -> bool:
        return self.d1 is not None


@lru_cache(maxsize=4096)
def _month(token: str) -> int | None:
    key = token.rstrip(".")
    key = _RE_SPACES.sub(" ", key)
    return MONTHS.get(key)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _weekday_before(folded: str, start: int) -> int | None:
    m = _RE_WD_BEFORE.search(folded, max(0, start - 40), start)
    return WEEKDAYS.get(_RE_SPACES_DASHES.sub(" ", m.group("w"))) if m else None


def _explicit_at(folded: str, p: int, digits: int) -> list[_Expr]:
    """Explicit date expressions starting at (or, month first, just before) the digits at `p`.

    `digits` is the length of the run of ASCII digits at `p`. The day-first and
    month-first patterns take a day of one or two digits followed by a non-digit,
    the numeric one a day or a four-digit year: longer runs ("2024", "18525")
    skip the patterns that cannot match them.
    """
    if digits > 4:
        return []
    if digits > 2:
        m = _RE_NUMERIC.match(folded, p)
        return [] if m is None or not m["y1"] else [_Expr(m.start(), m.end(), -1, int(m["d1"]), int(m["m1"]), int(m["y1"]))]
    found: list[_Expr] = []
    wd_cache: list[int | None] = []

    def weekday(start: int) -> int | None:
        if not wd_cache:
            wd_cache.append(_weekday_before(folded, start))
        return wd_cache[0]

    # A cross-month range starts with a day-month: without one, it cannot match.
    dmy = _RE_DMY.match(folded, p)
    if dmy is not None and (m := _RE_DMY_CROSS.match(folded, p)) is not None:
        found.append(_Expr(m.start(), m.end(), -1, int(m["d1"]), _month(m["m1"]),
                           _int(m["y1"]) or _int(m["y2"]), int(m["d2"]), _month(m["m2"]), _int(m["y2"]),
                           weekday(p)))
    if (m := _RE_DMY_RANGE.match(folded, p)) is not None and int(m["d1"]) < int(m["d2"]):
        mon, y = _month(m["m"]), _int(m["y"])
        found.append(_Expr(m.start(), m.end(), -1, int(m["d1"]), mon, y, int(m["d2"]), mon, y, weekday(p)))
    if (m := dmy) is not None and not _RE_NUM_BEFORE.search(folded, max(0, p - 6), p):
        # "entre 18525 20 septembre": a day glued to another number is noise
        found.append(_Expr(m.start(), m.end(), -1, int(m["d"]), _month(m["m"]), _int(m["y"]),
                           weekday=weekday(p)))
    if (m := _RE_NUMERIC.match(folded, p)) is not None:
        d, mo, y = (m["d1"], m["m1"], m["y1"]) if m["y1"] else (m["d2"], m["m2"], m["y2"])
        found.append(_Expr(m.start(), m.end(), -1, int(d), int(mo), int(y)))
    prev = _RE_PREV_WORD.search(folded, max(0, p - 16), p)
    if prev is not None and _month(prev.group(1)) is not None:
        if (m := _RE_MDY.match(folded, prev.start(1))) is not None:
            mon, y, d2 = _month(m["m"]), _int(m["y"]), _int(m["d2"])
            if d2 is not None and d2 <= int(m["d1"]):
                d2 = None
            found.append(_Expr(m.start(), m.end(), -1, int(m["d1"]), mon, y, d2, mon if d2 else None,
                               y if d2 else None, _weekday_before(folded, m.start())))
    return [e for e in found if e.m1 is not None]


def _weekday_modifier(folded: str, start: int, end: int) -> int:
    around = folded[max(0, start - 14):start] + " " + folded[end:end + 14]
    words = set(_RE_WORDS.findall(around))
    if words & _WD_NEXT_SET:
        return 1
    if words & _WD_PAST_SET:
        return -1
    return 0


def _word_expr(folded: str, body: str, start: int, end: int, lang: str, to_body: Mapper) -> _Expr | None:
    """A relative word ("hier", "gisteren") or a weekday found by the scanner."""
    word = _RE_SPACES.sub(" ", folded[start:end])
    weekday = WEEKDAYS.get(word.replace("-", " "))
    if weekday is not None:
        return _Expr(start, end, -1, weekday=weekday, wd_dir=_weekday_modifier(folded, start, end))
    table = _REL_DAYS.get(lang) or _REL_ANY
    offset = table.get(word)
    if offset is None:
        return None
    if offset == 1 and word in ("morgen", "manana"):
        if _NOT_TOMORROW.search(folded, max(0, start - 12), start):
            return None
        orig = to_body(start)
        if lang in ("de", "") and body[orig:orig + 1].isupper():
            return None  # "Morgen" (noun, morning) vs "morgen" (tomorrow)
    wd = _RE_WEEKDAY.search(folded, end, end + 14) or _RE_WD_BEFORE.search(folded, max(0, start - 16), start)
    wd_num = WEEKDAYS.get(_RE_SPACES.sub(" ", wd.group("w")).replace("-", " ")) if wd else None
    return _Expr(start, end, -1, weekday=wd_num, rel=offset)


# --------------------------------------------------------------------------- resolution


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _add_years(day: _dt.date, years: int) -> _dt.date:
    return _safe_date(day.year + years, day.month, day.day) or _dt.date(day.year + years, day.month, 28)


def _year_near_publication(m: int, d: int, weekday: int | None, pub: _dt.date) -> int | None:
    """Year putting (d, m) nearest to `pub`, preferring years where the weekday fits."""
    options = [(y, _safe_date(y, m, d)) for y in (pub.year - 1, pub.year, pub.year + 1)]
    dated = [(y, day) for y, day in options if day is not None]
    if not dated:
        return None
    if weekday is not None:
        fitting = [(y, day) for y, day in dated if day.weekday() == weekday]
        if fitting:
            dated = fitting
    # nearest; on a tie the past wins (news report what happened)
    return min(dated, key=lambda yd: (abs((yd[1] - pub).days), yd[1] > pub))[0]


def _year_by_weekday(m: int, d: int, weekday: int, ref: _dt.date) -> int | None:
    """The only year in [ref - 5 years, ref + 60 days] where (d, m) falls on `weekday`."""
    low, high = _add_years(ref, -5), ref + _dt.timedelta(days=60)
    fits = [y for y in range(low.year, high.year + 1)
            if (day := _safe_date(y, m, d)) is not None and low <= day <= high and day.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


def _fits(y: int, m: int, d: int, weekday: int | None) -> bool:
    day = _safe_date(y, m, d)
    return day is not None and (weekday is None or day.weekday() == weekday)


def _context_year(expr: _Expr, years: list[tuple[int, int, int]]) -> list[int]:
    """Years stated near the expression: same segment within 300 chars, nearest first."""
    near = [(abs(pos - expr.pos), y) for pos, seg, y in years
            if seg == expr.seg and abs(pos - expr.pos) <= 300 and not (expr.pos <= pos < expr.end)]
    return [y for _, y in sorted(near)]


def _document_years(years: list[tuple[int, int, int]], ref: _dt.date) -> list[int]:
    counts = Counter(y for _, _, y in years if ref.year - 10 <= y <= ref.year + 1)
    first = {}
    for pos, _, y in years:
        first.setdefault(y, pos)
    return sorted(counts, key=lambda y: (-counts[y], first[y]))


def _resolve_year(expr: _Expr, pub: _dt.date | None, today: _dt.date,
                  years: list[tuple[int, int, int]]) -> int | None:
    m, d, wd = expr.m1, expr.d1, expr.weekday
    assert m is not None and d is not None
    if pub is not None:
        return _year_near_publication(m, d, wd, pub)
    ctx = [y for y in _context_year(expr, years) if y <= today.year + 1]  # "2030" is a plan, not news
    for y in ctx:
        if _fits(y, m, d, wd):
            return y
    if ctx and wd is None:
        return ctx[0] if _safe_date(ctx[0], m, d) else None
    for y in _document_years(years, today):
        if _fits(y, m, d, wd):
            return y
    if wd is not None:
        return _year_by_weekday(m, d, wd, today)
    return None


def _span_from_explicit(expr: _Expr, pub: _dt.date | None, today: _dt.date,
                        years: list[tuple[int, int, int]]) -> DateSpan:
    assert expr.m1 is not None and expr.d1 is not None
    y1 = expr.y1 if expr.y1 is not None else (expr.y2 or _resolve_year(expr, pub, today, years))
    weekday_name = WEEKDAYS_EN[expr.weekday] if expr.weekday is not None else None
    if y1 is None:
        return DateSpan(None, None, weekday_name)
    start = _safe_date(y1, expr.m1, expr.d1)
    if start is None:
        return DateSpan(None, None, weekday_name)
    end = start
    if expr.d2 is not None and expr.m2 is not None:
        y2 = expr.y2 or (y1 + 1 if expr.m2 < expr.m1 else y1)
        end = _safe_date(y2, expr.m2, expr.d2) or start
        if end < start or (end - start).days > 62:
            end = start
    return DateSpan(start.isoformat(), end.isoformat(), None)


def _span_from_relative(expr: _Expr, pub: _dt.date | None) -> DateSpan:
    weekday_name = WEEKDAYS_EN[expr.weekday] if expr.weekday is not None else None
    if pub is None:
        return DateSpan(None, None, weekday_name)
    if expr.rel is not None:
        day = pub + _dt.timedelta(days=expr.rel)
        if expr.weekday is not None and day.weekday() != expr.weekday and expr.rel == 0:
            # "aujourd'hui, mardi" in a piece dated Wednesday: the latest Tuesday
            day = pub - _dt.timedelta(days=(pub.weekday() - expr.weekday) % 7)
    else:
        assert expr.weekday is not None
        back = (pub.weekday() - expr.weekday) % 7
        if expr.wd_dir == 1:
            day = pub + _dt.timedelta(days=(expr.weekday - pub.weekday()) % 7 or 7)
        elif expr.wd_dir == -1:
            day = pub - _dt.timedelta(days=back or 7)
        else:
            day = pub - _dt.timedelta(days=back)
    return DateSpan(day.isoformat(), day.isoformat(), None)


@lru_cache(maxsize=65536)  # the event writer asks for the same few thousand dates again and again
def parse_iso_date(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _segments_or_whole(body: str, segments: list[Segment]) -> list[Segment]:
    if segments:
        return sorted(segments, key=lambda s: s.start)
    lines = [Segment(m.start(), m.end(), "") for m in _RE_LINE.finditer(body)]
    return lines or [Segment(0, len(body), "")]


BACKGROUND_BEFORE_DAYS, BACKGROUND_AFTER_DAYS = 60, 14  # dated far from publication: not the news


def _is_background(expr: _Expr, seg_len: int, pub: _dt.date | None) -> bool:
    """Explicit dates that are not the event: years far from publication, byline dates."""
    if pub is None or not expr.explicit:
        return False
    if expr.y1 is not None and abs(expr.y1 - pub.year) > 1:
        return True
    if expr.y1 is not None and expr.m1 is not None and expr.d1 is not None:
        day = _safe_date(expr.y1, expr.m1, expr.d1)
        if day is not None and not (-BACKGROUND_BEFORE_DAYS <= (day - pub).days <= BACKGROUND_AFTER_DAYS):
            return True  # "Le 12 mars 2023, les deux hommes s'étaient vus" in a piece of June 2024
    if seg_len < 100 and expr.y1 == pub.year and expr.m1 == pub.month and expr.d1 == pub.day:
        return True
    return False


def _seg_at(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _iter_exprs(body: str, segs: list[Segment]) -> Iterator[_Expr | None]:
    """Date expressions in text order (body offsets), segment by segment.

    Each segment is folded and scanned only when reached; None marks a segment's
    end, so the caller can stop once it has its answer (usually in the lede).
    """
    for i, seg in enumerate(segs):
        text = body[seg.start:seg.end]
        folded, to_seg = _fold_with_map(text)
        for m in _RE_SCAN.finditer(folded):
            p = m.start()
            if m.lastgroup == "num":
                found = _explicit_at(folded, p, m.end() - p)
            else:
                e = _word_expr(folded, text, p, m.end(), seg.lang, to_seg)
                found = [e] if e is not None else []
            for e in found:
                yield _Expr(seg.start + to_seg(e.pos), seg.start + to_seg(e.end), i, e.d1, e.m1, e.y1,
                            e.d2, e.m2, e.y2, e.weekday, e.rel, e.wd_dir)
        yield None


def _years(body: str, segs: list[Segment]) -> list[tuple[int, int, int]]:
    """Years stated in the body: (body offset, segment index, year)."""
    starts = [s.start for s in segs]
    folded, to_body = _fold_with_map(body)
    found = []
    for prefix in ("19", "20"):
        i = folded.find(prefix)
        while i >= 0:
            if (y := _RE_YEAR.match(folded, i)) is not None:
                p = to_body(i)
                found.append((p, _seg_at(starts, p), int(y["y"])))
            i = folded.find(prefix, i + 1)
    return sorted(found)


def _first_expression(exprs: Iterable[_Expr | None], segs: list[Segment], pub: _dt.date | None) -> _Expr | None:
    """Earliest expression; among overlapping ones the explicit and longest wins."""
    best: _Expr | None = None
    for e in exprs:
        if e is None:  # end of a segment
            if best is not None:
                break
            continue
        if _is_background(e, segs[e.seg].end - segs[e.seg].start, pub):
            if best is not None and best.weekday is not None and not best.explicit and e.pos - best.end <= 12:
                best = None  # the weekday of a byline date ("Tuesday 04 June 2024 - 09:50")
            continue
        if best is None:
            best = e
            continue
        if e.pos < best.end:  # overlaps the chosen one
            if e.explicit and (not best.explicit or e.end > best.end):
                best = e
            elif best.rel is not None and best.weekday is None and e.weekday is not None:
                best = _Expr(best.pos, best.end, best.seg, weekday=e.weekday, rel=best.rel)
            continue
        # a weekday right before an explicit date belongs to it ("maandag 3 juni")
        if not best.explicit and best.rel is None and e.explicit and e.pos - best.end <= 12:
            best = e
            continue
        if e.pos - best.end > 40:
            break
    return best


def find_event_dates_at(
    body: str, segments: list[Segment], published: str | None, today: _dt.date
) -> tuple[DateSpan, int | None]:
    """Like `find_event_dates`, also returning the body offset of the chosen expression."""
    pub = parse_iso_date(published)
    segs = _segments_or_whole(body, segments)
    expr = _first_expression(_iter_exprs(body, segs), segs, pub)
    if expr is None:
        return DateSpan(), None
    if expr.explicit:
        needs_years = expr.y1 is None and expr.y2 is None and pub is None
        years = _years(body, segs) if needs_years else []
        return _span_from_explicit(expr, pub, today, years), expr.pos
    span = _span_from_relative(expr, pub)
    if span.start is not None:
        wider = _range_containing(body, segs, expr, span.start, pub, today)
        if wider is not None:
            return wider
    return span, expr.pos


RANGE_LOOKAHEAD = 500  # chars after a relative word where a stated range may contain its day


def _range_containing(body: str, segs: list[Segment], rel: _Expr, day: str, pub: _dt.date | None,
                      today: _dt.date) -> tuple[DateSpan, int] | None:
    """An explicit multi-day range stated soon after a relative word and containing its day.

    "ha concluso ieri una visita … dal 13 al 15 maggio": "ieri" is the last day of
    the visit the range describes; the event is the range.
    """
    for e in _iter_exprs(body, segs[rel.seg:rel.seg + 2]):
        if e is None or e.pos <= rel.end:
            continue
        if e.pos > rel.end + RANGE_LOOKAHEAD:
            break
        if not e.explicit or e.d2 is None:
            continue
        span = _span_from_explicit(e, pub, today, [])
        if span.start and span.end and span.start < span.end and span.start <= day <= span.end:
            return span, e.pos
    return None


def find_event_dates(
    body: str, segments: list[Segment], published: str | None, today: _dt.date
) -> DateSpan:
    """Date or date range of what the article reports.

    `segments` give each paragraph's language (relative words are language-specific);
    `published` is the ISO publication date or None; `today` (the ingest date) bounds
    the weekday-based year inference when the publication date is unknown.
    Unknown stays unknown: ``DateSpan(None, None, weekday_or_None)``.
    """
    return find_event_dates_at(body, segments, published, today)[0]


# --------------------------------------------------------------------------- publication date

_RE_BYLINE_HINT = re.compile(
    r"publi|mis a jour|updated|posted|gepubliceerd|veroffentlicht|aktualisiert|publicado|pubblicato|"
    r"نشر|تاريخ|\d{1,2}[:h]\d{2}"
)


def find_published(text: str) -> str | None:
    """Publication date from the article header/byline (first lines only), ISO or None.

    Scans the non-empty lines before the body starts (the first long line ends
    the header), so dates in related-article lists at the bottom are never used.
    """
    return _find_published(text[:1500])


@lru_cache(maxsize=1024)
def _find_published(head: str) -> str | None:
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    for line in lines[:10]:
        if len(line) > 200:
            break  # the body has started
        if len(line) > 120 and not _RE_BYLINE_HINT.search(fold(line)):
            continue
        folded = fold(line)
        exprs = [e for m in _RE_DIGITS.finditer(folded) for e in _explicit_at(folded, m.start(), m.end() - m.start())
                 if e.y1 is not None]
        if not exprs:
            continue
        e = min(exprs, key=lambda e: e.pos)
        assert e.m1 is not None and e.d1 is not None and e.y1 is not None
        day = _safe_date(e.y1, e.m1, e.d1)
        if day is not None:
            return day.isoformat()
    return None
