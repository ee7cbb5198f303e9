"""The event-pattern lexicon and the actor look-up, read through ``dateline.codes``.

``dateline.codes`` owns the data files (verb patterns, CAMEO codes, the
CAMEO→PLOVER table, the actor dictionary) and their models; this module only
indexes them the way the matcher looks them up (the pattern entries stay
``codes.VerbPattern``, actor codings ``codes.ActorCode``), builds the sentence
cues, and caches these once per process. CAMEO facts, PLOVER types and the
negation and modality words are read from ``dateline.codes`` directly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline import codes, rules
from dateline.codes import ActorCode, VerbPattern


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


@lru_cache(maxsize=65536)
def lookup_actor(text: str) -> ActorCode | None:
    """The actor dictionary's coding of ``text`` (a name, demonym, capital, role word), as
    ``codes.code_actor`` gives it; whitespace is collapsed first and the answers are
    cached, since the events code asks about the same words again and again. A role or
    group with no country has ``code`` "---GOV"; ``ActorCode.placed_code`` is None for it."""
    t = " ".join(text.split())
    if not t or len(t) > 120:
        return None
    return codes.code_actor(t)
