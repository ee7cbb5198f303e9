"""The event-pattern lexicon and code facts, read through ``dateline.codes``.

``dateline.codes`` owns the data files (verb patterns, CAMEO facts, the
CAMEO→PLOVER table, the actor dictionary) and their models; this module indexes
them the way the matcher looks them up (the pattern entries stay
``codes.VerbPattern``) and caches them once per process.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline import codes, rules
from dateline.codes import VerbPattern


@lru_cache(maxsize=1)
def patterns_by_lemma() -> dict[tuple[str, str], tuple[VerbPattern, ...]]:
    """The dictionary's entries indexed by (lemma, part of speech), most constrained first,
    then file order."""
    index: dict[tuple[str, str], list[VerbPattern]] = {}
    for p in codes.load_patterns():
        index.setdefault((p.lemma, p.pos), []).append(p)
    return {
        k: tuple(sorted(v, key=lambda p: (-p.specificity, p.order))) for k, v in index.items()
    }


@lru_cache(maxsize=1)
def trigger_cues() -> re.Pattern[str]:
    """Selects the sentences worth parsing for events: a trigger form AND, in the same
    sentence, something that can be an actor.

    An event needs a pattern and a known source, so a sentence with a trigger but no
    capitalised word after its first (a name, country, capital, organisation, "U.S."),
    no role word of the actor dictionary ("the government", "rebels", "police") and no
    personal pronoun that may stand for an actor cannot yield one. Trigger forms match in
    lower case anywhere, capitalised only at the sentence start (so "United *States*" is
    not the verb "state"). Compiled without flags, so that the parse stage can join it
    with other stages' cues; anchored at the start, so each sentence is scanned once.
    (Requiring the object words of triggers whose patterns all need one cut the cued
    share by a few points only, at several times the regex cost: not worth it.)
    """
    forms: set[str] = set()
    for lemma, pos in patterns_by_lemma():
        forms |= set(codes.word_forms(lemma, pos))
        forms |= _doubled_forms(lemma)
    ordered = sorted(forms, key=len, reverse=True)
    lower = "|".join(re.escape(f) for f in ordered)
    caps = "|".join(re.escape(f[:1].upper() + f[1:]) for f in ordered if f[:1].isalpha())
    trigger = rf"(?:\b(?:{lower})\b|^[^\w]{{0,3}}(?:{caps})\b)"
    return re.compile(rf"^(?=[\s\S]*?{actor_cue()})[\s\S]*?{trigger}")


@lru_cache(maxsize=1)
def actor_cue() -> str:
    """A regex (text) for a word that can name or stand for an actor: a capitalised word
    that is not the sentence's first, a role word of the actor dictionary, or a
    personal pronoun ("he", "they", "we": resolved through quotes and earlier mentions)
    or a noun that stands for an organisation or state named before ("the bloc");
    at the sentence start, a name of the actor dictionary ("Russia", "NATO")."""
    # "the bloc", "the country": resolved to the organisation or state named before
    words: set[str] = set(PRONOUN_CUES) | rules.words(rules.EVENTS, "body_anaphors")
    words |= rules.words(rules.EVENTS, "country_anaphors")
    for terms in codes.role_words().values():
        words.update(t.lower() for t in terms if t[:1].isalpha())
    names = {
        e.name for e in codes.load_actor_dictionary().entries if e.name[:1].isupper()
    }
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    firsts = "|".join(
        re.escape(w) for w in sorted(names | {w.title() for w in words}, key=len, reverse=True)
    )
    return rf"(?:(?<=[^\s]\s)[A-Z]|\b(?:{alts})\b|^[^\w]{{0,3}}(?:{firsts})\b)"


#: Pronouns that may stand for an actor in an event clause.
PRONOUN_CUES = rules.ordered(rules.EVENTS, "pronoun_cues")


def _doubled_forms(lemma: str) -> set[str]:
    """Forms with a doubled final consonant ("expelled", "patrolled", "travelling"): the
    spelling rules differ between varieties of English, so a cue takes both."""
    if re.fullmatch(r"[a-z]*[^aeiou][aeiou][b-df-hj-np-tvz]", lemma):
        return {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return set()


@dataclass(frozen=True, slots=True)
class Coded:
    """What the actor dictionary says of a word or phrase.

    ``country`` is an ISO3 code (or an organisation's code: NATO, UNO, EUR…);
    ``sector`` a CAMEO role (GOV, MIL, REB…); ``code`` the full actor code.
    """

    code: str | None
    country: str | None
    sector: str | None
    kind: str | None = None
    name: str | None = None
    matched: tuple[str, ...] = ()


_SECTOR_RE = re.compile(r"^[A-Z]{3}$")


def _first(d: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        if k in d and d[k] not in (None, "", []):
            return d[k]
    return None


def _coded_from(raw: Any) -> Coded | None:
    if raw is None:
        return None
    if isinstance(raw, Coded):
        return raw
    if isinstance(raw, str):
        code = raw.strip().upper() or None
        return Coded(code=code, country=code[:3] if code else None, sector=None) if code else None
    if isinstance(raw, tuple):
        raw = dict(zip(("code", "country", "role"), raw, strict=False))
    if not isinstance(raw, Mapping):
        raw = {k: getattr(raw, k) for k in dir(raw) if not k.startswith("_")}
    code = _first(raw, "code", "actor_code")
    country = _first(raw, "country", "country_code", "iso3")
    sector = _first(raw, "sector", "role", "type", "role_code", "type1")
    kind = _first(raw, "kind", "category")
    name = _first(raw, "name", "label")
    matched = _first(raw, "matched")
    if isinstance(sector, list | tuple):
        sector = sector[0] if sector else None
    sector = str(sector).upper() if sector and _SECTOR_RE.match(str(sector).upper()) else None
    if isinstance(code, str) and code.startswith("-"):
        code = None  # "---GOV": a role with no country
    if isinstance(country, str) and (not country.strip() or country.startswith("-")):
        country = None
    if not code and not country and not sector:
        return None
    return Coded(
        code=str(code).upper() if code else None,
        country=str(country).upper() if country else None,
        sector=sector,
        kind=str(kind) if kind else None,
        name=str(name) if name else None,
        matched=tuple(str(m) for m in matched) if isinstance(matched, list | tuple) else (),
    )


@lru_cache(maxsize=65536)
def lookup_actor(text: str) -> Coded | None:
    """The actor dictionary's coding of ``text`` (a name, demonym, capital, role word)."""
    t = " ".join(text.split())
    if not t or len(t) > 120:
        return None
    return _coded_from(codes.code_actor(t))
