"""First names common in the countries this news comes from (gender-guesser's name dictionary).

store/lexicon/given_names.toml lists the names this tool was built on; this adds
the ~48,000-name dictionary by Jörg Michael that gender-guesser ships, keeping
names that are common (frequency class `COMMON` or more) in at least one of the
countries below, so that "Oliver Hartley" or "Márcio dos Santos Lacerda" is a
person although no list of ours names him. A first name only opens a person's
name when a capitalised surname follows (store.extract), so a common word that
is also a first name ("May", "Will") costs little; they are dropped anyway when
they are stopwords of ours.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# gender-guesser's columns, in its order (gender_guesser.detector.Detector.COUNTRIES)
_COLUMNS = """great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands
    east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia lithuania poland
    czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo macedonia montenegro serbia
    slovenia albania greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey
    arabia israel china india japan korea vietnam other_countries""".split()
COUNTRIES = ("great_britain", "ireland", "usa", "italy", "portugal", "spain", "france", "belgium",
             "the_netherlands", "germany", "austria", "swiss", "turkey", "arabia", "other_countries",
             "romania", "bulgaria", "bosniaand", "croatia", "kosovo", "macedonia", "serbia",
             "slovenia", "albania", "greece", "russia", "ukraine", "georgia", "the_stans", "poland")
# (the Balkans, Romania, Greece, Russia, Ukraine, Georgia, Central Asia and Poland added 2026-12-05: Dejan,
# Ioana…; with every column, Montenegro's "Novo" made a person of the town Novo Progresso and
# "Dirección Policial" an organisation: the others are left out)
COMMON = 5  # the dictionary's frequency classes run from 1 (rare) to 13 (very common)


@lru_cache(maxsize=1)
def common_first_names() -> frozenset[str]:
    """The names as written ("Oliver", "Márcio"), common in one of COUNTRIES."""
    columns = [_COLUMNS.index(country) for country in COUNTRIES]
    names: set[str] = set()
    text = (resources.files("gender_guesser") / "data" / "nam_dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        name, values = line.split()[1], line[30:-1]
        frequency = max((int(values[i], 16) for i in columns if i < len(values) and values[i] != " "), default=0)
        if frequency >= COMMON and "+" not in name and len(name) > 2 and name.isalpha():
            names.add(name)
    return frozenset(names)
