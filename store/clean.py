"""Step 2 of the pipeline: split an article's text into title, body and boilerplate.

General rules, not a list of known lines: share/UI widgets, "read more" lines in
many languages, comment forms, PREV/NEXT links, bylines and datelines, repeated
title lines, photo captions, and the related-article lists that close many news
pages. Boilerplate is kept aside (viewable, never indexed, never mined).
"""

from __future__ import annotations

import re
import unicodedata

from .model import CleanedText

# Lines that are only a widget or a label: compared after casefolding and trimming.
_UI_LINES = {
    "x", "zoom", "share", "partager", "delen", "teilen", "compartir", "condividi",
    "compartilhar", "print", "imprimer", "afdrukken", "drucken", "imprimir", "stampa",
    "email", "e-mail", "mail", "facebook", "twitter", "whatsapp", "linkedin", "telegram",
    "pinterest", "reddit", "tweet", "loading", "loading...", "chargement", "chargement...",
    "laden", "laden...", "cargando", "caricamento", "carregando", "menu", "search",
    "rechercher", "zoeken", "suchen", "buscar", "cerca", "home", "accueil", "startseite",
    "inicio", "advertisement", "publicité", "advertentie", "anzeige", "publicidad",
    "pubblicità", "publicidade", "إعلان", "مشاركة", "copy link", "copier le lien",
    "link kopiëren", "link kopieren", "lees meer", "lire la suite", "read more",
    "weiterlesen", "mehr lesen", "leer más", "leggi tutto", "leia mais", "اقرأ المزيد",
    "comments", "commentaires", "reacties", "kommentare", "comentarios", "commenti",
    "comentários", "التعليقات", "top", "back to top", "haut de page", "listen", "écouter",
    "luisteren", "anhören", "escuchar", "ascolta", "ouvir", "استمع",
}

# Lines that start like this are navigation, comment forms or "read also" links.
_BOILERPLATE_PREFIXES = (
    # read also / see also
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "voir aussi", "lisez aussi",
    "lees ook", "lees meer", "zie ook", "lesen sie auch", "lesen sie mehr", "mehr zum thema",
    "siehe auch", "read also", "read more", "see also", "related:", "also read", "more:",
    "lee también", "leer más", "ver también", "leggi anche", "leggi altro", "vedi anche",
    "leia também", "leia mais", "veja também", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد",
    # comment forms
    "leave a reply", "leave a comment", "post a comment", "your email address will not be published",
    "required fields are marked", "laisser un commentaire", "laissez un commentaire",
    "votre adresse e-mail ne sera pas publiée", "votre adresse de messagerie ne sera pas publiée",
    "les champs obligatoires sont indiqués", "reageer", "plaats een reactie",
    "je e-mailadres wordt niet gepubliceerd", "kommentar schreiben", "schreibe einen kommentar",
    "deine e-mail-adresse wird nicht veröffentlicht", "ihre e-mail-adresse wird nicht veröffentlicht",
    "deja un comentario", "deja una respuesta", "tu dirección de correo electrónico no será publicada",
    "lascia un commento", "lascia un commento", "il tuo indirizzo email non sarà pubblicato",
    "deixe um comentário", "deixe uma resposta", "o seu endereço de e-mail não será publicado",
    "اترك تعليقا", "اترك تعليقاً", "أضف تعليق",
    # previous / next navigation
    "prev ", "next ", "previous article", "next article", "previous post", "next post",
    "article précédent", "article suivant", "« précédent", "suivant »", "vorheriger artikel",
    "nächster artikel", "vorig artikel", "volgend artikel", "artículo anterior",
    "artículo siguiente", "articolo precedente", "articolo successivo", "artigo anterior",
    "próximo artigo", "المقال السابق", "المقال التالي",
    # newsletter / social
    "subscribe to", "abonnez-vous", "inscrivez-vous à notre newsletter", "abonneer je",
    "abonnieren sie", "suscríbete", "iscriviti", "assine", "follow us", "suivez-nous",
    "volg ons", "folgen sie uns", "síguenos", "seguici", "siga-nos", "تابعونا",
    "tags:", "mots-clés", "mots clés :", "schlagwörter", "etiquetas:", "tag:",
)

# A heading after which the rest of the page is other articles.
_TAIL_MARKERS = (
    "you may also like", "you might also like", "related posts", "related articles",
    "related stories", "more stories", "most read", "most popular", "recommended",
    "vous aimerez aussi", "vous aimerez peut-être aussi", "articles similaires",
    "sur le même sujet", "dans la même rubrique", "à lire également", "les plus lus",
    "gerelateerde artikelen", "meer nieuws", "meest gelezen", "dit vind je misschien ook leuk",
    "das könnte sie auch interessieren", "ähnliche artikel", "meistgelesen", "mehr artikel",
    "te puede interesar", "también te puede interesar", "noticias relacionadas", "lo más leído",
    "potrebbe interessarti", "articoli correlati", "i più letti", "você também pode gostar",
    "notícias relacionadas", "mais lidas", "مقالات ذات صلة", "أخبار ذات صلة", "الأكثر قراءة",
)

_WORD = r"[^\W\d_]"
# "Farah Nadifi - 27 novembre 2024…", "Tuesday 04 June 2024 - 09:50", "04/06/2024 09:50"
_DATE = r"(?:\d{1,2}\.?\s+" + _WORD + r"{3,12}\.?,?\s+\d{4}|" + _WORD + r"{3,12}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
_BYLINE_WITH_DATE = re.compile(r"^.{0,60}?\s[-–—|]\s*" + _DATE, re.UNICODE)
_DATELINE = re.compile(
    r"^(?:" + _WORD + r"{3,12},?\s+)?" + _DATE + r"(?:\s*[-–—,|]?\s*(?:à\s+|at\s+|um\s+|om\s+)?\d{1,2}[:hH.]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*$",
    re.UNICODE | re.IGNORECASE,
)
_CATEGORY_TEASER = re.compile(r"^" + _WORD + r"{3,20}\s[-–—]\s\S", re.UNICODE)
_CATEGORY_LINE = re.compile(r"^[-–—•]?\s*(?:in|dans|en|in der|im|em|في)\s+" + _WORD + r"[\w -]{0,30}$", re.UNICODE | re.IGNORECASE)
_AGENCY_SIGNATURE = re.compile(r"^[A-Z]{1,5}(?:[/ ][A-Z]{1,6}){0,3}$")
_CAPTION = re.compile(r"(?:©|\(c\)\s|\bphoto\s*:|\bfoto\s*:|\bcrédit(?:s)?\s*(?:photo)?\s*:|\bcredit\s*:|\bbild\s*:|\bimage\s*:)", re.IGNORECASE)
# Every _CAPTION alternative holds one of these characters: a line without them
# cannot match, and the (slow, case-insensitive) search is skipped.
_CAPTION_CHARS = re.compile(r"[©(:]")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]*$", re.UNICODE)
_OUTLET_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


class _AccentFolding(dict):
    """str.translate table, filled on first sight of each character: é → e, ß → ss."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = folded
        return folded


_FOLDING = _AccentFolding()


def fold(text: str) -> str:
    """Casefolded, accent-free, whitespace-collapsed form for comparisons."""
    return " ".join(text.translate(_FOLDING).split())


# Prefixes, widget labels and tail markers are all short: look at a line's start only.
_HEAD_CHARS = 80
# A "Related articles" heading ends the article, unless it stands above all of it: no line this long
# before it, some after it (a widget printed at the top of the page)
_PROSE_CHARS = 150


_UI_FOLDED = {fold(line) for line in _UI_LINES}
_PREFIXES_FOLDED = tuple(fold(prefix) + (" " if prefix.endswith(" ") else "") for prefix in _BOILERPLATE_PREFIXES)
_TAIL_FOLDED = {fold(marker) for marker in _TAIL_MARKERS}


def _may_be_caption(line: str) -> bool:
    return _CAPTION_CHARS.search(line) is not None


# _BYLINE_WITH_DATE needs a dash or bar within its first 62 characters, and
# _CATEGORY_TEASER within its first 22: lines without one skip both regexes.
_DASH_SPAN = 62
_DASHES = re.compile(r"[-–—|]")


def _dash_near_start(line: str) -> bool:
    return _DASHES.search(line, 0, _DASH_SPAN) is not None


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is page furniture rather than article text."""
    stripped = line.strip()
    return _is_boilerplate(stripped, fold(stripped[:_HEAD_CHARS]))


def _is_boilerplate(stripped: str, folded: str) -> bool:
    """is_boilerplate_line for a stripped line and the fold of its first _HEAD_CHARS."""
    if not folded or _PUNCTUATION_ONLY.match(stripped):
        return True
    if folded.rstrip(" :.…»>") in _UI_FOLDED:
        return True
    if (folded + " ").startswith(_PREFIXES_FOLDED):
        return True
    if _DATELINE.match(stripped) or (_dash_near_start(stripped) and _BYLINE_WITH_DATE.match(stripped)):
        return True
    if _CATEGORY_LINE.match(stripped) or _AGENCY_SIGNATURE.match(stripped):
        return True
    if len(stripped) < 300 and _may_be_caption(stripped) and _CAPTION.search(stripped):
        return True
    return False


def _is_tail_marker(line: str, folded_head: str) -> bool:
    """A heading after which the rest of the page is other articles."""
    return len(line) < _HEAD_CHARS and folded_head.rstrip(" :.…»>") in _TAIL_FOLDED


def _is_prose(line: str) -> bool:
    """A paragraph of running text, not a headline or a widget."""
    return len(line) >= _PROSE_CHARS


def _is_teaser_marker(line: str) -> bool:
    """A line of a related-article list: a byline with a date, or 'Category - teaser'."""
    stripped = line.strip()
    return _dash_near_start(stripped) and bool(
        _BYLINE_WITH_DATE.match(stripped) or _CATEGORY_TEASER.match(stripped)
    )


def _may_repeat_title(folded_head: str, title_key: str) -> bool:
    """Cheap necessary test for fold(_OUTLET_SUFFIX.sub("", line)) == title_key.

    That left part is a prefix of the line, and folding keeps prefixes (char by
    char, then whitespace collapsed): its fold and the fold of the line's head
    must be prefixes of one another.
    """
    return title_key.startswith(folded_head) or folded_head.startswith(title_key)


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 120 and not stripped.endswith((".", "!", "?", "…", ";", ":"))


def _related_list_start(lines: list[str]) -> int | None:
    """Index where a closing list of other articles starts, or None.

    A related list shows at least two teaser markers (bylines with dates or
    'Category - teaser' lines) in the last part of the page; it starts at the
    headline(s) just above the first marker.
    """
    markers = [i for i, line in enumerate(lines) if _is_teaser_marker(line)]
    if len(markers) < 2:
        return None
    first = markers[0]
    # The run of markers must reach the end of the page (with short gaps only).
    tail_lines = len(lines) - first
    if len(markers) < max(2, tail_lines // 4):
        return None
    start = first
    while start > 0 and _is_headline(lines[start - 1]) and start - 1 > 0:
        start -= 1
        if start < first - 2:
            break
    return start


def _title_candidates(lines: list[str]) -> str | None:
    """A title is a line repeated near the top (pages often print it 2–3 times)."""
    head = [line.strip() for line in lines[:8] if line.strip()]
    seen: dict[str, str] = {}
    for line in head:
        key = fold(_OUTLET_SUFFIX.sub("", line))
        if key in seen and len(key) > 10:
            return seen[key]
        seen[key] = _OUTLET_SUFFIX.sub("", line)
    return None


def clean_text(text: str, metadata_title: str | None = None) -> CleanedText:
    """Split raw article text into title, body paragraphs and boilerplate lines."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    title = metadata_title.strip() if metadata_title and metadata_title.strip() else None
    title = _OUTLET_SUFFIX.sub("", title) if title else _title_candidates(lines)
    title_key = fold(title) if title else None

    boilerplate: list[str] = []
    heads: list[str] = []  # fold(line[:_HEAD_CHARS]) of each line before the cut
    cut = len(lines)
    prose_seen = False  # a paragraph of the article came before
    for index, line in enumerate(lines):
        head = fold(line[:_HEAD_CHARS])
        if _is_tail_marker(line, head) and (prose_seen or not any(map(_is_prose, lines[index + 1:]))):
            cut = index
            break
        prose_seen = prose_seen or _is_prose(line)
        heads.append(head)
    related = _related_list_start(lines[:cut])
    if related is not None:
        cut = related

    body: list[str] = []
    for index, line in enumerate(lines):
        if index >= cut:
            boilerplate.append(line)
        elif (title_key and len(line) >= len(title) and _may_repeat_title(heads[index], title_key)
              and fold(_OUTLET_SUFFIX.sub("", line)) == title_key):
            continue  # the title printed again
        elif _is_boilerplate(line, heads[index]) or _is_tail_marker(line, heads[index]):  # "Related" above the article
            boilerplate.append(line)
        else:
            body.append(line)
    return CleanedText(title=title, body="\n\n".join(body), boilerplate=boilerplate)
