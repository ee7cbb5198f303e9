"""When two names are one actor: the name rules every stage and score shares.

A name is compared through its *name keys*, one per word: accents folded
(``fold``), case-folded, a joined particle dropped ("al-Assad" -> "assad") and
punctuation other than hyphens removed (``name_key``, ``name_tokens``).
``NAME_PARTICLES`` are the particles of personal names, the only list of them:
those joined to the name by a hyphen ("al-Assad") and those written apart
("van Dam", "bin Salman"); ``particle_pattern`` is the regular expression the
text patterns of the quote stage use for one particle before a name.

The ``scorer_*`` names at the end are the rule evaluation applies to a gold
and a predicted speaker, kept equal to the external scorer's (see there why
it differs from ``find_person``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, TypeVar

from dateline import rules

#: Particles joined to the name by a hyphen ("Bashar al-Assad", "Ahmed ash-Shara");
#: they do not make a surname on their own ("al-Assad" ~ "Assad").
JOINED_PARTICLES = rules.words(rules.ACTORS, "joined_particles")
#: Particles written apart from the name ("Pieter van Dam", "Mohammed bin Salman").
SEPARATE_PARTICLES = rules.words(rules.ACTORS, "separate_particles")
#: Every particle of a personal name, lower case.
NAME_PARTICLES = JOINED_PARTICLES | SEPARATE_PARTICLES
#: The hyphens that join a particle to a name.
PARTICLE_HYPHENS = "-‐"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


#: Regular expressions (case-sensitive, lower case) for a joined particle with its
#: hyphen ("al-") and for a particle written apart ("van").
JOINED_PARTICLE_RE = rf"(?:{_alternation(JOINED_PARTICLES)})[{PARTICLE_HYPHENS}]"
SEPARATE_PARTICLE_RE = rf"(?:{_alternation(SEPARATE_PARTICLES)})"
_JOINED = re.compile(rf"^{JOINED_PARTICLE_RE}", re.IGNORECASE)


def strip_particle(word: str) -> str:
    """``word`` without a joined particle at its start ("al-Assad" -> "Assad")."""
    return _JOINED.sub("", word)


def particle_pattern() -> str:
    """A regular expression for one particle before a name, with what follows it:
    a hyphen after a joined one ("al-"), spaces after one written apart ("van ")."""
    return rf"(?:{JOINED_PARTICLE_RE}|{SEPARATE_PARTICLE_RE}\s+)"


def strip_accents(text: str) -> str:
    """``text`` without accents: NFKD, combining marks dropped ("Núñez" -> "Nunez";
    letters that do not decompose, such as "ø", stay)."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` without accents, case-folded: how names are compared."""
    return strip_accents(text).casefold()


def name_key(token: str) -> str:
    """A comparison key for one name token: no accents, no particle, case-folded."""
    s = strip_particle(fold(token))
    return re.sub(r"[^\w-]", "", s)


def name_tokens(name: str) -> list[str]:
    return [name_key(t) for t in name.split() if name_key(t)]


class Named(Protocol):
    """An actor as the name rules see it: a name (``ActorInfo``, ``model.Actor``)."""

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def keys_of(actor: Named) -> list[str]:
    """The name keys of an actor's name (cached by actors that have ``keys``)."""
    keys = getattr(actor, "keys", None)
    return keys if isinstance(keys, list) else name_tokens(actor.name)


def find_person(name: str, people: Sequence[N]) -> N | None:
    """The one of ``people`` that ``name`` refers to, or None.

    The same name keys; else a one-word name that is the surname of exactly one
    person (or, failing that, a word of exactly one person's name: "Assad" for
    "Bashar al-Assad"); else a short form that ends exactly one longer name, or
    a longer form that ends exactly one shorter one ("Van Dam" and "Pieter van
    Dam", either way round); else a fuller form of a name seen before only as
    one word ("Lavrov" then "Sergey Lavrov"). Two different full names are
    never one person.
    """
    keys = name_tokens(name)
    if not keys:
        return None
    known = [(a, keys_of(a)) for a in people]
    for a, ks in known:
        if ks == keys:
            return a
    if len(keys) == 1:
        hits = [(a, ks) for a, ks in known if keys[0] in ks]
        last = [a for a, ks in hits if ks[-1] == keys[0]]
        if len(last) == 1:
            return last[0]
        if len(hits) == 1:
            return hits[0][0]
        return None
    longer = [a for a, ks in known if len(ks) > len(keys) and ks[-len(keys) :] == keys]
    if len(longer) == 1:
        return longer[0]
    shorter = [a for a, ks in known if 1 < len(ks) < len(keys) and keys[-len(ks) :] == ks]
    if len(shorter) == 1:
        return shorter[0]
    one_word = [a for a, ks in known if len(ks) == 1 and ks[0] == keys[-1]]
    if len(one_word) == 1:
        return one_word[0]
    return None


def fuller_name(new: str, old: str) -> bool:
    """Whether ``new``, a name of the same person, should replace ``old``: it has
    more words ("Sergey Lavrov" for "Lavrov")."""
    return len(name_tokens(new)) > len(name_tokens(old))


def body_keys(name: str) -> list[str]:
    """The name keys of a body's name, without a leading "the" ("the Kremlin" and
    "Kremlin" are one body)."""
    return _without_the(name_tokens(name))


def _without_the(keys: list[str]) -> list[str]:
    return keys[1:] if keys[:1] == ["the"] else keys


def same_body_name(a: str, b: str) -> bool:
    """Whether two names of organisations, groups or countries are one name."""
    return body_keys(a) == body_keys(b)


def find_body(name: str, bodies: Sequence[N]) -> N | None:
    """The first of ``bodies`` (organisations, groups, countries) with the same name
    as ``name``, or None."""
    key = body_keys(name)
    return next((a for a in bodies if _without_the(keys_of(a)) == key), None)


def surname_key(name: str | None) -> tuple[str, str] | None:
    """(surname, first initial or "") of a name, as name keys; None without a name.

    For people of different articles, where no story gives the other people
    ``find_person`` chooses among: "Sergey Lavrov", "Sergei Lavrov" and "Lavrov"
    share the surname "lavrov". Particles written apart give no initial ("Van Dam"
    is ("dam", ""), like "Dam").
    """
    keys = [k for k in name_tokens(name or "") if k not in SEPARATE_PARTICLES] or name_tokens(
        name or ""
    )
    if not keys:
        return None
    return keys[-1], (keys[0][0] if len(keys) > 1 else "")


def same_surname_key(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two ``surname_key`` values can be one person: the same surname, and
    the same initial when both have one."""
    return a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])


# -- One person across articles -------------------------------------------------------
# Romanisations of one name differ in a few regular ways ("Sergei"/"Sergey",
# "Mohammed"/"Muhammad", "Wladimir"/"Vladimir", "Aleksei"/"Alexei"). A word of five
# or more letters is compared by its consonants and last letter after these rewrites;
# shorter words must be spelt alike ("Li Peng" and "Li Ping", "Kim Jong Un" and
# "Kim Jong Il" are different people).
_SPELLING = (
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?:ey|ei|iy|ii|yi|ij|y)$"), "i"),
    (re.compile(r"kh|ch"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"x"), "ks"),
)
_VOWELS = re.compile(r"(?<=.)[aeiouy](?=.)")
_SHORT_WORD = 5


def _spelling_key(word: str) -> str:
    if len(word) < _SHORT_WORD:
        return word
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return _VOWELS.sub("", word)


def speaker_key(name: str | None) -> str | None:
    """A key that two spellings of one person's full name share across articles
    ("Sergei Lavrov" and "Sergey Lavrov", "Mohammed bin Salman" and "Muhammad bin
    Salman"); None for no name. Names of one word and names of organisations keep
    their own spelling (a surname alone may be anyone; bodies have their spelling)."""
    keys = [k for k in name_tokens(name or "") if k not in SEPARATE_PARTICLES]
    if not keys:
        return None
    if len(keys) == 1:
        return keys[0]
    return " ".join(_spelling_key(k) for k in keys)


# -- Names as the external scorer compares them -------------------------------------
# Evaluation must give exactly the numbers of the project's external scorer
# (shared/eval/score.py), so a gold and a predicted speaker are compared by its rule,
# not by ``find_person``. The two differ on purpose: the scorer compares two names out
# of context, so it splits words at hyphens and apostrophes ("al-Assad" is "al",
# "assad"), drops titles ("Foreign Minister Sergey Lavrov" is "sergey lavrov"), keeps
# particles, reads a few aliases ("U.S." is "United States") and takes one shared
# surname or half the words shared as one person; ``find_person`` sees a document's
# names without titles, keeps hyphenated names whole, drops joined particles and must
# pick one of several people, so it asks for a surname or name ending of exactly one.
# Change these only with score.py (tests/test_evaluation.py checks they agree).

#: Honorifics, offices and filler words that do not identify a person; dropped
#: before names are compared ("Foreign Minister Sergey Lavrov" -> "sergey lavrov").
SCORER_TITLE_WORDS = rules.words(rules.EVALUATION, "title_words")

_SCORER_WORD = re.compile(r"[a-z0-9]+")

# Spellings of one name that a reader treats as the same, as name tokens: a known
# alias at the start of a name ("U.S. State Department") stands for its full form.
_UNITED_STATES = ("united", "states")
_UNITED_KINGDOM = ("united", "kingdom")
SCORER_NAME_ALIASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("u", "s"): _UNITED_STATES, ("us",): _UNITED_STATES, ("usa",): _UNITED_STATES,
    ("america",): _UNITED_STATES,
    ("u", "k"): _UNITED_KINGDOM, ("uk",): _UNITED_KINGDOM, ("britain",): _UNITED_KINGDOM,
    ("great", "britain"): _UNITED_KINGDOM,
    ("un",): ("united", "nations"), ("u", "n"): ("united", "nations"),
    ("eu",): ("european", "union"),
}  # fmt: skip


def scorer_name_tokens(name: str | None) -> list[str]:
    """Lower-case ASCII word tokens of a name, accents removed, titles dropped.

    A name made only of title words ("the Minister") keeps them, so it can
    still match itself.
    """
    if not name:
        return []
    tokens = _SCORER_WORD.findall(fold(name))
    return [t for t in tokens if t not in SCORER_TITLE_WORDS] or tokens


def scorer_canonical_tokens(tokens: list[str]) -> list[str]:
    """``tokens`` with a known alias at their start (two words first) written out in full."""
    for size in (2, 1):
        head = tuple(tokens[:size])
        if len(head) == size and head in SCORER_NAME_ALIASES:
            return [*SCORER_NAME_ALIASES[head], *tokens[size:]]
    return tokens


def scorer_same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Same normalised name, same last token (surname), or half the words shared;
    aliases ("U.S.", "US", "United States") are one name."""
    gold_tokens = scorer_canonical_tokens(scorer_name_tokens(gold))
    pred_tokens = scorer_canonical_tokens(scorer_name_tokens(predicted))
    if not gold_tokens or not pred_tokens:
        return False
    if gold_tokens == pred_tokens or gold_tokens[-1] == pred_tokens[-1]:
        return True
    gold_set, pred_set = set(gold_tokens), set(pred_tokens)
    shared = len(gold_set & pred_set)
    return shared / max(1, min(len(gold_set), len(pred_set))) >= 0.5


def scorer_speakers_agree(gold: str | None, predicted: str | None) -> bool:
    """Same person by the scorer's rule, or both unknown (``None``)."""
    return scorer_same_speaker(gold, predicted) or (gold is None and predicted is None)
