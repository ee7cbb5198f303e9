"""The event pattern dictionary: trigger lemma (+ preposition, object words) -> CAMEO code.

Data and its format: ``data/verb_patterns.yaml`` (documented at its top). This module
does no NLP: a caller extracts, from its own parse, the trigger's lemma and part of speech,
the prepositions/particles attached to it, the lemmas of its object phrases and the lemma of
its to-infinitive complement, and keeps the most specific entry whose
:meth:`VerbPattern.matches` holds. :class:`VerbPattern` is the one model of an entry:
``dateline.events.lexicon.patterns_by_lemma`` indexes these objects and the events code
matches and codes them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateline.codes._resources import read_data_yaml
from dateline.codes.cameo import load_cameo_codes

POS_VALUES = frozenset({"VERB", "NOUN", "ADJ"})
_FIELDS = frozenset(
    {
        "lemma",
        "pos",
        "code",
        "prep",
        "object_any",
        "object_all",
        "object_none",
        "xcomp_any",
        "modal_code",
        "irregular_code",
        "reverse",
        "needs_target",
        "mutual",
        "note",
    }
)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One entry of the pattern dictionary (see verb_patterns.yaml for each field), the
    one model of it: the events stage matches and codes these entries as they are.

    ``lemma``/``pos`` name the trigger; ``prep``: one must attach to the trigger or its
    object ("call *for*", "accuse … *of*"); ``object_any``/``object_all``: words of the
    object phrase, prepositional objects or infinitive complement ("impose *sanctions*"),
    with cited ``@name`` lists written out; ``xcomp_any``: the verb of an infinitive or
    -ing complement ("offered … to *coordinate*"). ``modal_code`` replaces ``code`` for
    intended or planned events, ``irregular_code`` when the source is a non-state armed
    group; ``reverse``: the subject is the target; ``needs_target``: coded only when the
    clause names a target ("warned *X* that …"); ``mutual``: joined parties act on each
    other ("X and Y exchanged fire": X→Y and Y→X).
    """

    lemma: str
    code: str
    pos: str = "VERB"
    prep: tuple[str, ...] = ()
    object_any: tuple[str, ...] = ()
    object_all: tuple[str, ...] = ()
    object_none: tuple[str, ...] = ()
    xcomp_any: tuple[str, ...] = ()
    modal_code: str | None = None
    irregular_code: str | None = None
    reverse: bool = False
    needs_target: bool = False
    mutual: bool = False
    note: str = ""
    order: int = 0  # position in the file: breaks ties between equally specific entries
    # object words with their singular forms, so that lemmas ("talk") and surface words
    # ("talks") both match an entry written with either
    any_forms: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    all_forms: tuple[frozenset[str], ...] = field(default=(), repr=False, compare=False)

    @property
    def specificity(self) -> int:
        """How many constraints the entry sets (more wins); a named list in ``object_all``
        is one constraint, however many words it holds."""
        return (
            bool(self.prep)
            + bool(self.object_any)
            + (len(self.all_forms) if self.all_forms else len(self.object_all))
            + bool(self.xcomp_any)
        )

    @property
    def object_words(self) -> frozenset[str]:
        """The entry's own object words (``object_any`` and ``object_all``, as written):
        the events stage takes a noun among them for the act rather than the target
        ("imposed *sanctions*")."""
        return frozenset(self.object_any) | frozenset(self.object_all)

    def matches(
        self,
        *,
        preps: Iterable[str] = (),
        object_lemmas: Iterable[str] = (),
        xcomp_lemmas: Iterable[str] = (),
    ) -> bool:
        """True when every constraint of the entry holds for these features (lower case)."""
        if self.prep and not set(self.prep) & {p.lower() for p in preps}:
            return False
        objects = {w.lower() for w in object_lemmas}
        any_forms = self.any_forms or frozenset(self.object_any)
        if self.object_any and not any_forms & objects:
            return False
        all_forms = self.all_forms or tuple(frozenset({w}) for w in self.object_all)
        if self.object_all and not all(forms & objects for forms in all_forms):
            return False
        if self.object_none and set(self.object_none) & objects:
            return False
        if not self.xcomp_any:
            return True
        xcomps = {x.lower() for x in xcomp_lemmas}
        return bool(xcomps) if "*" in self.xcomp_any else bool(set(self.xcomp_any) & xcomps)

    def code_for(self, *, modal: bool = False, irregular: bool = False) -> str:
        """The code to emit: ``modal_code`` for intentions, ``irregular_code`` for non-state
        attackers, else ``code``."""
        if modal and self.modal_code:
            return self.modal_code
        if irregular and self.irregular_code:
            return self.irregular_code
        return self.code


def word_variants(word: str) -> frozenset[str]:
    """A word and its likely singular forms ("talks" -> talk; "ties" -> tie; "crises")."""
    w = word.lower()
    out = {w}
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        out.add(w[:-1])
        if w.endswith("ies"):
            out.add(w[:-3] + "y")
        if w.endswith(("ses", "xes", "ches", "shes", "zes")):
            out.add(w[:-2])
    return frozenset(out)


def _words(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"verb_patterns.yaml: {where}: expected a word or a list of words")
    return tuple(v.lower() for v in value)


def _groups(
    words: tuple[str, ...], lists: Mapping[str, tuple[str, ...]], where: str
) -> list[tuple[str, ...]]:
    """Each word as its own group, each ``@name`` as the words of the named list."""
    out: list[tuple[str, ...]] = []
    for w in words:
        if not w.startswith("@"):
            out.append((w,))
        elif w[1:] in lists:
            out.append(lists[w[1:]])
        else:
            raise ValueError(
                f"verb_patterns.yaml: {where}: no word list {w[1:]!r} under word_lists"
            )
    return out


def _forms(group: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(word_variants(w) for w in group))


def _pattern_from(
    item: dict[str, Any], order: int, lists: Mapping[str, tuple[str, ...]] | None = None
) -> VerbPattern:
    where = f"entry {order} ({item.get('lemma')!r})"
    unknown = set(item) - _FIELDS
    if unknown:
        raise ValueError(f"verb_patterns.yaml: {where}: unknown field(s) {sorted(unknown)}")
    if not isinstance(item.get("lemma"), str) or not isinstance(item.get("code"), str):
        raise ValueError(f"verb_patterns.yaml: {where}: lemma and code (quoted) are required")
    pos = str(item.get("pos", "VERB")).upper()
    if pos not in POS_VALUES:
        raise ValueError(f"verb_patterns.yaml: {where}: pos must be one of {sorted(POS_VALUES)}")
    codes = load_cameo_codes()
    for key in ("code", "modal_code", "irregular_code"):
        value = item.get(key)
        if value is not None and str(value) not in codes:
            raise ValueError(f"verb_patterns.yaml: {where}: {key} {value!r} is not a CAMEO code")
    any_groups = _groups(_words(item.get("object_any"), where), lists or {}, where)
    all_groups = _groups(_words(item.get("object_all"), where), lists or {}, where)
    object_any = tuple(w for g in any_groups for w in g)
    object_all = tuple(w for g in all_groups for w in g)
    return VerbPattern(
        lemma=item["lemma"].lower(),
        code=item["code"],
        pos=pos,
        prep=_words(item.get("prep"), where),
        object_any=object_any,
        object_all=object_all,
        object_none=_words(item.get("object_none"), where),
        xcomp_any=_words(item.get("xcomp_any"), where),
        modal_code=item.get("modal_code"),
        irregular_code=item.get("irregular_code"),
        reverse=bool(item.get("reverse", False)),
        needs_target=bool(item.get("needs_target", False)),
        mutual=bool(item.get("mutual", False)),
        note=str(item.get("note", "")),
        order=order,
        any_forms=_forms(object_any),
        all_forms=tuple(_forms(g) for g in all_groups),
    )


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[VerbPattern, ...], dict[str, Any]]:
    data = read_data_yaml("verb_patterns.yaml")
    lists = _word_lists(data.get("word_lists"))
    patterns = tuple(
        _pattern_from(item, i, lists) for i, item in enumerate(data["patterns"])
    )
    return patterns, data


def word_list(name: str) -> frozenset[str]:
    """One named list of the file's ``word_lists`` (empty when there is none)."""
    return frozenset(_word_lists(_load()[1].get("word_lists")).get(name, ()))


def _word_lists(raw: Any) -> dict[str, tuple[str, ...]]:
    """The file's named word lists (``word_lists:``), which entries cite as ``@name``."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("verb_patterns.yaml: word_lists must map names to lists of words")
    return {str(k): _words(v, f"word list {k!r}") for k, v in raw.items()}


def load_patterns() -> list[VerbPattern]:
    """All entries of the pattern dictionary, in file order (a fresh list each call)."""
    return list(_load()[0])


@lru_cache(maxsize=1)
def negation_words() -> frozenset[str]:
    """Words that negate a trigger ("not", "never", "failed")."""
    return frozenset(w.lower() for w in _load()[1].get("negation_words", []))


@lru_cache(maxsize=1)
def modality_words() -> frozenset[str]:
    """Words that make a trigger an intention or possibility ("will", "plans")."""
    return frozenset(w.lower() for w in _load()[1].get("modality_words", []))


@lru_cache(maxsize=1)
def act_nouns() -> dict[str, tuple[str, ...]]:
    """Nouns naming an earlier act -> CAMEO code prefixes of the events they refer back to."""
    raw = _load()[1].get("act_nouns", {}) or {}
    return {str(k).lower(): tuple(str(c) for c in v) for k, v in raw.items()}


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns of places and property ("areas", "villages"), which are not actors."""
    return frozenset(w.lower() for w in _load()[1].get("place_nouns", []))


def _double_final(lemma: str) -> bool:
    # short one-syllable consonant-vowel-consonant verbs double: ban -> banned
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma))


def word_forms(lemma: str, pos: str = "VERB") -> frozenset[str]:
    """Inflected forms of a trigger lemma (regular rules plus the file's irregular forms)."""
    forms = {lemma}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        forms |= {stem + "ies", stem + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    elif lemma.endswith("ee"):
        forms |= {lemma + "s", lemma + "d", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif _double_final(lemma):
        forms |= {lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    if pos != "VERB":
        forms = {f for f in forms if not f.endswith(("ed", "ing"))} | {lemma}
    irregular = _load()[1].get("irregular_forms", {}).get(lemma, [])
    if irregular:  # "met", not "meeted"
        forms = {f for f in forms if not f.endswith("ed")} | set(irregular)
    return frozenset(forms)
