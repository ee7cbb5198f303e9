"""When two names are one actor: the name rules every stage and score shares.

A name is compared through its *name keys*, one per word: accents folded
(``fold``), case-folded, a joined particle dropped ("al-Assad" -> "assad") and
punctuation other than hyphens removed (``name_key``, ``name_tokens``).
``NAME_PARTICLES`` are the particles of personal names, the only list of them:
those joined to the name by a hyphen ("al-Assad") and those written apart
("van Dam", "bin Salman"); ``particle_pattern`` is the regular expression the
text patterns of the quote stage use for one particle before a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, TypeVar

#: Particles joined to the name by a hyphen ("Bashar al-Assad", "Ahmed ash-Shara");
#: they do not make a surname on their own ("al-Assad" ~ "Assad").
JOINED_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "bin", "ibn", "abu"})
#: Particles written apart from the name ("Pieter van Dam", "Mohammed bin Salman").
#: "as" and "el" are English or Spanish words on their own and are left out.
SEPARATE_PARTICLES = frozenset(
    {"bin", "ibn", "abu", "da", "de", "di", "dos", "van", "von", "der", "le", "la"}
)
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


def fold(text: str) -> str:
    """``text`` without accents (NFKD, combining marks dropped), case-folded."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


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
