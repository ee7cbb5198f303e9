"""The speech lexicon: word lists from ``data/lexicon.yaml``; country words and short
country names from the project's one country table (``dateline.codes.countries``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateline import rules
from dateline.codes.countries import quote_country_words, short_name
from dateline.errors import DataError


def _load(name: str) -> dict[str, Any]:
    path = f"quotes/data/{name}"
    data = rules.read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{rules.where(path)}: must hold a mapping")
    return data


def verb_forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """Surface forms of a regular English verb (3sg, past, -ing) plus listed irregular ones."""
    forms = {lemma}
    forms.update(irregular.get(lemma, []))
    if lemma in irregular and any(f.endswith("d") or f.endswith("t") for f in irregular[lemma]):
        return forms
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # Doubled final consonant: "admit" -> "admitted".
        if re.fullmatch(r".*[^aeiou][aeiou][bdgklmnprt]", lemma) and len(lemma) <= 6:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    framing_verbs: frozenset[str]
    speech_forms: frozenset[str]
    stance_nouns: frozenset[str]
    source_phrases: tuple[str, ...]
    anaphoric_subjects: frozenset[str]
    document_nouns: frozenset[str]
    person_roles: frozenset[str]
    honorifics: dict[str, str | None]
    gendered_roles: dict[str, str]
    organisation_heads: frozenset[str]
    group_nouns: frozenset[str]
    anonymous_groups: frozenset[str]
    organisation_anaphors: frozenset[str]
    head_of: dict[str, str]
    head_words: frozenset[str]
    indefinite: frozenset[str]
    title_words: frozenset[str]
    countries: dict[str, str]
    cue_participles: frozenset[str]
    speech_nouns: frozenset[str]
    not_sources: frozenset[str]
    non_speakers: frozenset[str]
    capitals: frozenset[str]
    name_introducers: frozenset[str]
    #: Every surface form of every speech verb (lemmatisers miss some: "hoped" -> "hop").
    all_speech_forms: frozenset[str]
    weak_forms: frozenset[str]
    #: Other role nouns that name the same office ("justice" -> "judge").
    role_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def is_speech_verb(self, lemma: str, form: str) -> bool:
        return lemma in self.speech_verbs or form in self.all_speech_forms

    def role_words(self) -> frozenset[str]:
        """Single words that appear in some role."""
        return _role_words(self.person_roles)


@lru_cache(maxsize=4)
def _role_words(roles: frozenset[str]) -> frozenset[str]:
    return frozenset(w for r in roles for w in r.split() if w not in _FUNCTION_WORDS)


#: Words inside multi-word roles ("secretary of state") that are no role on their own.
_FUNCTION_WORDS = rules.words(rules.QUOTES, "function_words")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = _load("lexicon.yaml")
    irregular = {k: list(v) for k, v in (d.get("irregular_forms") or {}).items()}
    speech = frozenset(d["speech_verbs"])
    framing = frozenset(d["framing_verbs"])
    forms: set[str] = set()
    for lemma in speech - frozenset(d["weak_verbs"]):
        forms |= verb_forms(lemma, irregular)
    return Lexicon(
        speech_verbs=speech,
        weak_verbs=frozenset(d["weak_verbs"]),
        framing_verbs=framing,
        speech_forms=frozenset(forms),
        stance_nouns=frozenset(d["stance_nouns"]),
        source_phrases=tuple(d["source_phrases"]),
        anaphoric_subjects=frozenset(d["anaphoric_subjects"]),
        document_nouns=frozenset(d["document_nouns"]),
        person_roles=frozenset(d["person_roles"]),
        honorifics={str(k): v for k, v in d["honorifics"].items()},
        gendered_roles=dict(d["gendered_roles"]),
        organisation_heads=frozenset(d["organisation_heads"]),
        group_nouns=frozenset(d["group_nouns"]),
        anonymous_groups=frozenset(d["anonymous_groups"]),
        organisation_anaphors=frozenset(d["organisation_anaphors"]),
        head_of=dict(d["head_of"]),
        head_words=frozenset(d["head_words"]),
        indefinite=frozenset(d["indefinite"]),
        title_words=frozenset(d["title_words"]),
        countries=dict(quote_country_words()),
        cue_participles=frozenset(d["cue_participles"]),
        speech_nouns=frozenset(d["speech_nouns"]),
        not_sources=frozenset(d["not_sources"]),
        non_speakers=frozenset(d["non_speakers"]),
        capitals=frozenset(d["capitals"]),
        name_introducers=frozenset(d["name_introducers"]),
        all_speech_forms=frozenset(f for v in speech for f in verb_forms(v, irregular)),
        weak_forms=frozenset(f for v in d["weak_verbs"] for f in verb_forms(v, irregular)),
        role_aliases={
            str(k): tuple(str(x) for x in v) for k, v in (d.get("role_aliases") or {}).items()
        },
    )


def country_code(word: str) -> str | None:
    """ISO3 code for a country name, adjective or metonym; None when unknown."""
    w = word.strip().lower()
    w = re.sub(r"(?:'s|’s|')$", "", w)
    if not w:
        return None
    table = lexicon().countries
    if w in table:
        return table[w]
    return _pycountry_code(w)


def country_name(code: str) -> str | None:
    """A short English name for an ISO3 code ("RUS" -> "Russia")."""
    short = short_name(code)
    if short:
        return short
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return None
    return str(getattr(c, "common_name", None) or c.name)


@lru_cache(maxsize=2048)
def _pycountry_code(w: str) -> str | None:
    import pycountry

    if len(w) < 4:
        return None
    try:
        c = pycountry.countries.lookup(w)
    except LookupError:
        return None
    return str(c.alpha_3)
