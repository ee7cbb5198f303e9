"""In-document coreference for speaker mentions.

``resolve_mention`` turns the words that name a speaker ("he", "the Minister",
"The head of the Russian foreign Ministry", "Lavrov", "the ministry",
"U.S. officials") into an actor of the document's ``ActorTable``, or into
nothing when the text does not say who spoke ("a spokesman", "sources").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline import rules
from dateline.actors.names import NAME_PARTICLES
from dateline.actors.table import ActorInfo, ActorTable
from dateline.quotes.lexicon import Lexicon, country_code, country_name, lexicon
from dateline.quotes.names import PRONOUNS, apply_description, org_heads, strip_possessive

#: Capitalised words right after a title: the name it belongs to.
_NAME_AFTER = re.compile(r"[ \t]+((?:[A-Z][\w’'-]*[ \t]+){0,2}[A-Z][\w’'-]*)")
#: A one-word role after "the" ("the spokeswoman"), as the text writes it.
_DEFINITE_ROLE = re.compile(r"\b[Tt]he\s+([A-Za-z-]+)\b")
#: How many sentences back a pronoun looks for a subject before settling for the latest name.
SUBJECT_REACH = 5
_FIRST_PERSON = rules.words(rules.QUOTES, "first_person")
#: First words of a role description that a name in apposition may follow.
_DESCRIPTION_OPENERS = rules.words(rules.QUOTES, "description_openers")
#: ", General Antti Virtanen," after a description.
_APPOSED_NAME = re.compile(
    r",\s+(?P<name>(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]*[a-z][\w’'-]*)\s*(?=[,.;]|\s+(?:said|told|added))"
)
#: Words that make a role another one: a deputy minister is not "the minister".
_QUALIFIERS = rules.words(rules.QUOTES, "qualifiers")
#: Role nouns any office-holder answers to ("the official").
_GENERIC_ROLES = rules.words(rules.QUOTES, "generic_roles")
#: Words that join the words of a role ("secretary *of* state"), never a role themselves.
_ROLE_JOINERS = rules.words(rules.QUOTES, "role_joiners")
#: Determiners of a definite description ("*the* minister", "*this* official").
_DEFINITE = rules.words(rules.QUOTES, "definite")
#: Lower-case words a proper name may hold ("Ministry *of* Defence").
_NAME_JOINERS = rules.words(rules.QUOTES, "name_joiners")
#: A name follows the last of these in a cue ("*the* Minister Sergey Lavrov"), in turn.
_NAME_CUT_DETERMINERS = rules.ordered(rules.QUOTES, "name_cut_determiners")
#: Words skipped when looking for the last noun ("the head *of the* institute").
_NOUN_FILLERS = rules.words(rules.QUOTES, "noun_fillers")
_WORDS = re.compile(r"[\w.’'-]+")


@dataclass
class Resolution:
    """Who a speaker mention stands for: an actor, or nobody."""

    actor: ActorInfo | None

    @property
    def name(self) -> str | None:
        return self.actor.name if self.actor else None


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


_PARTICLE_NAME = re.compile(rf"^(?:{'|'.join(sorted(NAME_PARTICLES))})[-‐]?(?=[A-Z])")


def _is_name_word(w: str, lex: Lexicon) -> bool:
    low = w.lower().rstrip(".")
    w = _PARTICLE_NAME.sub("", w)
    return (
        w[:1].isupper()
        and low not in lex.title_words
        and low not in lex.role_words()
        and low not in lex.honorifics
        and low not in lex.organisation_heads
        and country_code(w) is None
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


class Resolver:
    """Resolves speaker mentions against one document's actor table."""

    def __init__(self, table: ActorTable, quoted: list[tuple[int, int]] | None = None,
                 sentence_starts: list[int] | None = None, text: str = "") -> None:
        self.table = table
        self.text = text
        self.lex = lexicon()
        self.sentence_starts = sentence_starts or []
        #: Clean ranges of quoted text: names inside quotations are not antecedents.
        self.quoted = quoted or []
        #: The speaker most recently resolved (what "the statement said" goes back to).
        self.last_speaker: ActorInfo | None = None

    # -- antecedents -------------------------------------------------------
    def _reach(self, pos: int, sentences: int) -> int:
        """Clean offset of the sentence ``sentences`` before the one holding ``pos``."""
        starts = [s for s in self.sentence_starts if s <= pos]
        if not starts:
            return 0
        return starts[max(0, len(starts) - 1 - sentences)]

    def _recent(self, pos: int, want: str, gender: str | None = None) -> ActorInfo | None:
        if want == "person":
            # the latest subject or speaker within a few sentences, else the latest person
            fallback: ActorInfo | None = None
            reach = self._reach(pos, SUBJECT_REACH)
            for s, e, a in self.table.mentions_before(pos):
                if _inside(s, self.quoted) or a.kind != "person":
                    continue
                if gender and a.gender and a.gender != gender:
                    continue
                if fallback is None:
                    fallback = a
                if s < reach:
                    break
                if (s, e) in self.table.subjects:
                    return a
            return fallback
        for s, _e, a in self.table.mentions_before(pos):
            if _inside(s, self.quoted):
                continue
            if want == "pl" and a.kind in ("group", "organisation", "country"):
                return a if a.kind == "group" else None
            if want == "org" and a.kind in ("organisation", "country"):
                return a
            if want == "named_org" and a.kind in ("organisation", "group") and (
                a.name[:1].isupper()
            ):
                return a
        return None

    def _by_role(self, role_words: list[str], pos: int, country: str | None,
                 forward: bool = False) -> ActorInfo | None:
        """The latest person the text gave this role ("the Minister" -> the minister);
        with ``forward``, the first one after ``pos``."""
        role = " ".join(role_words)
        if forward:
            later = [(s, e, a) for a in self.table.actors for s, e in a.mentions if s > pos]
            candidates = sorted(later, key=lambda m: m[0])
        else:
            candidates = self.table.mentions_before(pos)
        for s, _e, a in candidates:
            if a.kind != "person" or _inside(s, self.quoted):
                continue
            if country and a.country and a.country != country:
                continue
            if role in a.roles or (" " in role and a.role and re.search(
                rf"\b{re.escape(role)}\b", a.role
            )):
                return a
        return None

    def _generic_role_holder(self, role: str, pos: int) -> ActorInfo | None:
        """"the official": the last person with an office who was a subject or speaker,
        unless an unnamed one ("a senior official", "officials") came since."""
        recent = self._recent(pos, "person")
        if recent is None or not recent.role or not recent.mentions:
            return None
        since = max((e for s, e in recent.mentions if s < pos), default=pos)
        return None if self._unnamed_holder(role, since, pos) else recent

    def _unnamed_holder(self, role: str, start: int, end: int) -> bool:
        """Whether the text between ``start`` and ``end`` speaks of an unnamed holder of
        ``role`` ("a senior official", "one of the diplomats", "officials")."""
        unnamed = re.compile(rf"\b(?:an?|one|another|two|three|several|other)\s+"
                             rf"(?:[\w.’'-]+\s+){{0,3}}{re.escape(role)}s?\b|\b{re.escape(role)}s\b",
                             re.IGNORECASE)
        return unnamed.search(self.text, start, end) is not None

    def _name_after_title(self, end: int) -> ActorInfo | None:
        """The person whose name follows a title directly ("President| To Lam")."""
        m = _NAME_AFTER.match(self.text, end)
        if m is None:
            return None
        actor = self.table.actor_at(m.start(1), m.end(1))
        return actor if actor is not None and actor.kind == "person" else None

    def _role_antecedent(self, pos: int, gender: str | None) -> ActorInfo | None:
        """A "she" with no person before it: the holder of the definite role named
        last in the sentences before ("the spokeswoman said … She explained"), when
        ``_roleless_speaker`` finds one."""
        reach = self._reach(pos, SUBJECT_REACH)
        roles = self.lex.role_words()
        for m in reversed(list(_DEFINITE_ROLE.finditer(self.text, reach, pos))):
            role = m.group(1).lower()
            if role not in roles or _inside(m.start(), self.quoted):
                continue
            if gender and self.lex.gendered_roles.get(role, gender) != gender:
                continue
            return self._roleless_speaker(role, m.start())
        return None

    def _roleless_speaker(self, role: str, pos: int) -> ActorInfo | None:
        """A definite role no one holds ("the spokeswoman"): the one person the text
        names without any role who is a subject or speaker, before ``pos`` or, when no
        person comes before, after it; of the role's gender when it has one. None when
        the text gives any person this role, or two such people."""
        gender = self.lex.gendered_roles.get(role)
        people = [a for a in self.table.actors if a.kind == "person"]
        if any(role in a.roles for a in people):
            return None
        fits = [
            a for a in people
            if not a.roles and not a.role and (not gender or not a.gender or a.gender == gender)
            and any((s, e) in self.table.subjects and not _inside(s, self.quoted)
                    for s, e in a.mentions)
        ]
        if len(fits) != 1 or self._unnamed_holder(role, 0, pos):
            return None
        before = any(s < pos for a in people for s, _e in a.mentions)
        first = min(s for s, _e in fits[0].mentions)
        return fits[0] if (first < pos) == before else None

    def _by_head(self, heads: set[str], pos: int) -> ActorInfo | None:
        for _s, _e, a in self.table.mentions_before(pos):
            if a.kind != "person" and heads & a.heads:
                return a
        for a in self.table.actors:
            if a.kind != "person" and heads & a.heads:
                return a
        return None

    # -- main entry ---------------------------------------------------------
    def resolve(self, text: str, start: int, end: int) -> Resolution:
        """Resolve the mention ``text`` at clean ``start:end`` (a speaker: the subject of a cue)."""
        res = self._resolve(text, start, end)
        if res.actor is not None:
            self.table.subjects.add((start, end))
            res.actor.add_mention(start, end)
            if res.actor.kind == "person" and res.actor.role is None:
                self._describe_from_apposition(res.actor, start)
            self.last_speaker = res.actor
        return res

    def _describe_from_apposition(self, actor: ActorInfo, start: int) -> None:
        """ "The head of the Water Institute, Le Minh, said": the role noun before the
        name describes the person."""
        if not self.text:
            return
        lead = self.text[max(0, start - 160) : start]
        if not re.search(r",\s*$", lead):
            return
        lead = re.split(r"[.!?;:\n\"“”«»]|,(?=\s*\S[^,]*,\s*$)", lead)[-1]
        words = [w.lower() for w in _words(lead)]
        if not words or len(words) > 12:
            return
        roles = self.lex.role_words()
        k = next((i for i, w in enumerate(words) if w in roles), None)
        if k is None:
            return
        while k > 0 and (words[k - 1] in self.lex.title_words or words[k - 1] in roles) and (
            words[k - 1] not in _ROLE_JOINERS
        ):
            k -= 1
        role = " ".join(words[k:])
        country = next((c for w in _words(lead) if (c := country_code(w))), None)
        gender = next((g for w in words if (g := self.lex.gendered_roles.get(w))), None)
        apply_description(actor, role, country, gender, self.lex)

    def _named_after(self, text: str, end: int) -> tuple[str, int, int] | None:
        """A personal name set off by commas right after a role description
        ("the commander of the Border Guard, General Antti Virtanen, …")."""
        words = _words(text)
        if not self.text or not words or words[0].lower() not in _DESCRIPTION_OPENERS:
            return None
        if not any(w.lower() in self.lex.role_words() for w in words):
            return None
        m = _APPOSED_NAME.match(self.text, end)
        if m is None:
            return None
        name_words = m.group("name").split()
        block = name_words[self._name_block(name_words) :]
        if len(block) < 2:
            return None
        return m.group("name"), m.start("name"), m.end("name")

    def _resolve(self, text: str, start: int, end: int) -> Resolution:
        named = self._named_after(text, end)
        if named is not None:
            res = self._resolve(named[0], named[1], named[2])
            if res.actor is not None and res.actor.kind == "person":
                if res.actor.role is None:
                    self._describe_from_apposition(res.actor, named[1])
                return res
        lex = self.lex
        bare = strip_possessive(text.strip())
        words = _words(bare)
        if not words:
            return Resolution(None)
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in PRONOUNS:
            number, gender = PRONOUNS[low[0]]
            if number == "sg":
                actor = self._recent(start, "person", gender) or self._role_antecedent(
                    start, gender
                )
                if actor is not None:
                    if actor.gender is None and gender:
                        actor.gender = gender
                    actor.add_mention(start, end)
                return Resolution(actor)
            actor = self._recent(start, number)
            if actor is not None:
                actor.add_mention(start, end)
            return Resolution(actor)
        if len(words) == 1 and low[0] in _FIRST_PERSON:
            return Resolution(None)

        # A known name inside the mention.
        known = self.table.actor_at(start, end)
        if known is not None and known.kind == "person":
            known.add_mention(start, end)
            return Resolution(known)

        indefinite = low[0] in lex.indefinite
        det = low[0] in _DEFINITE or indefinite
        core = words[1:] if det else words
        core_low = [w.lower() for w in core]
        if not core:
            return Resolution(None)

        # "the head of the Russian foreign Ministry"
        if core_low[0] in lex.head_words and "of" in core_low[1:3]:
            rest = " ".join(core[core_low.index("of") + 1 :])
            return self._head_of(rest, start, end)

        if det and len(core) == 1 and core_low[0] in lex.document_nouns and (
            not indefinite
        ) and self.last_speaker is not None and self.last_speaker.kind != "group":
            # "the statement said": the statement of whoever spoke last
            return Resolution(self.last_speaker)

        head = core_low[-1]
        head_two = " ".join(core_low[-2:])
        name_words = [w for w in core if _is_name_word(w, lex)]
        if "of" in core_low[1:]:
            # "a senior official of the Ministry of Commerce": the head comes before "of",
            # unless a personal name closes the phrase ("Secretary of State John Kerry")
            k = core_low.index("of")
            name_closes = self._name_block(core) < len(core) and (
                len(core) - self._name_block(core) >= 2
            )
            if not name_closes and k > 0:
                head = core_low[k - 1]
                head_two = " ".join(core_low[max(0, k - 2) : k])
                name_words = [w for w in core[:k] if _is_name_word(w, lex)]

        role_head = head in lex.role_words() or head_two in lex.person_roles
        # A person named in the mention ("Spokesman Dmitri Peskov", "Lavrov").
        if (name_words and not role_head and head not in lex.organisation_heads
                and head not in lex.group_nouns):
            if known is not None and known.kind != "person" and self._looks_like_person(core, lex):
                # the tagger called a titled name an organisation
                return Resolution(self._new_person(core, start, end))
            if known is not None:
                known.add_mention(start, end)
                return Resolution(known)
            if self._looks_like_person(core, lex):
                return Resolution(self._new_person(core, start, end))
            return Resolution(self._organisation(core, start, end, set()))

        # Roles: "the Minister", "the spokesman", "a spokesman" (unnamed).
        if role_head:
            if indefinite:
                return Resolution(None)
            titled = None if det else self._name_after_title(end)
            if titled is not None:
                # "President To Lam told …" with the subject cut at the title
                titled.add_mention(start, end)
                return Resolution(titled)
            country = next((c for w in core if (c := country_code(w))), None)
            qualified = [w for w in core_low[:-1] if w in _QUALIFIERS]
            actor = self._by_role([*qualified[-1:], head], start, country)
            owned = re.search(r"[A-Z][\w.]*(?:'s|’s)\s", text) is not None
            if actor is None and (country is not None or owned):
                # "Germany's foreign minister said ..." / "the European Union's envoy
                # said ..." before the name is given
                actor = self._by_role([head], start, country, forward=True)
            if actor is None and head in _GENERIC_ROLES and len(core) == 1:
                # "the official said": the office-holder who spoke or acted last
                actor = self._generic_role_holder(head, start)
            if actor is None and det and len(core) == 1:
                # "the spokeswoman said" of a speaker the text names without a role
                actor = self._roleless_speaker(head, start)
                if actor is not None:
                    actor.role = actor.role or head
                    actor.roles.add(head)
            if actor is not None:
                actor.add_mention(start, end)
            return Resolution(actor)

        # Groups: "U.S. officials", "analysts" (but not "sources").
        if head in lex.anonymous_groups or indefinite:
            return Resolution(None)
        if det and head in lex.organisation_anaphors and not name_words and len(core) <= 2:
            # "the group said": the organisation named last
            actor = self._recent(start, "named_org")
            if actor is not None:
                actor.add_mention(start, end)
            return Resolution(actor)
        if head in lex.group_nouns:
            name = " ".join(core)
            actor = self.table.add_organisation(name, start, end, set(), kind="group")
            country = next((c for w in core if (c := country_code(w))), None)
            actor.country = actor.country or country
            return Resolution(actor)

        # Organisations: "the ministry", "the Kremlin", "Russia's Foreign Ministry".
        heads = org_heads(" ".join(core), lex)
        if heads:
            if det and len(core) <= 2 and (len(core) == 1 or core_low[0] in lex.title_words):
                actor = self._by_head(heads, start)
                if actor is None:
                    actor = self._named_before(core_low[-1], start)
                if actor is not None:
                    actor.add_mention(start, end)
                    return Resolution(actor)
            if known is not None and known.kind != "person":
                known.add_mention(start, end)
                return Resolution(known)
            return Resolution(self._organisation(words if not det else core, start, end, heads))
        if known is not None:
            known.add_mention(start, end)
            return Resolution(known)
        # A country or another proper name standing for an institution.
        if all(w[:1].isupper() or w.lower() in _NAME_JOINERS for w in core):
            code = country_code(" ".join(core))
            country = country_name(code) if code else None
            if country and " ".join(core).lower() in lex.capitals:
                # "Athens has argued …": the capital speaks for its country
                actor = self._organisation(country.split(), start, end, set())
                actor.kind = "country"
                actor.country = actor.country or code
                return Resolution(actor)
            actor = self._organisation(core, start, end, set())
            if code:
                actor.kind = "country"
                actor.country = actor.country or code
            return Resolution(actor)
        return Resolution(None)

    # -- helpers ------------------------------------------------------------
    def _name_block(self, core: list[str]) -> int:
        """Index where the trailing personal name of ``core`` starts."""
        i = len(core)
        while i > 0 and (
            _is_name_word(core[i - 1], self.lex)
            or (i > 1 and core[i - 1].lower() in NAME_PARTICLES)
        ):
            i -= 1
        return i

    def _looks_like_person(self, core: list[str], lex: Lexicon) -> bool:
        names = core[self._name_block(core) :]
        if not names:
            return False
        titled = any(w.lower() in lex.role_words() or w.lower().rstrip(".") in lex.honorifics
                     for w in core)
        return titled or len(names) >= 2 or self.table.find_person(" ".join(names)) is not None

    def _new_person(self, core: list[str], start: int, end: int) -> ActorInfo | None:
        lex = self.lex
        i = self._name_block(core)
        name = " ".join(core[i:])
        if not name:
            return None
        actor = self.table.add_person(name, start, end)
        title = [w.lower().rstrip(".") for w in core[:i]]
        gender = next((lex.honorifics[w] for w in title if lex.honorifics.get(w)), None)
        roles = [w for w in title if w in lex.role_words() or w in lex.title_words]
        while roles and roles[0] in _ROLE_JOINERS:
            roles.pop(0)
        role = " ".join(roles) if any(r in lex.role_words() for r in roles) else None
        country = next((c for w in core[:i] if (c := country_code(w))), None)
        apply_description(actor, role, country, gender, lex)
        return actor

    def _organisation(self, words: list[str], start: int, end: int, heads: set[str]) -> ActorInfo:
        name = " ".join(words)
        actor = self.table.add_organisation(name, start, end, heads or org_heads(name, self.lex))
        if actor.country is None:
            actor.country = country_code(name) or next(
                (c for w in words if (c := country_code(w))), None
            )
        return actor

    def _named_before(self, head: str, pos: int) -> ActorInfo | None:
        """ "the ministry" after "Russia's Foreign Ministry" in a sentence nobody parsed:
        the latest capitalised name ending in the same head word."""
        if not self.text or pos <= 0:
            return None
        pattern = re.compile(
            rf"(?<![\w’'-])((?:[A-Z][\w.’'-]*\s+)(?:[A-Za-z][\w.’'-]*\s+){{0,3}}?(?i:{re.escape(head)}))\b"
        )
        last = None
        for m in pattern.finditer(self.text, max(0, pos - 3000), pos):
            last = m
        if last is None:
            return None
        words = _words(last.group(1))
        lows = [w.lower() for w in words]
        for det in _NAME_CUT_DETERMINERS:
            if det in lows:
                cut = len(lows) - 1 - lows[::-1].index(det)
                words, lows = words[cut + 1 :], lows[cut + 1 :]
        titled = self.lex.title_words
        if len(words) < 2 or not all(
            w[:1].isupper() or low in titled for w, low in zip(words, lows, strict=True)
        ):
            return None
        s = last.end(1) - len(" ".join(words)) if last.group(1).endswith(" ".join(words)) else (
            last.start(1)
        )
        return self._organisation(words, s, last.end(1), org_heads(" ".join(words), self.lex))

    def _head_of(self, rest: str, start: int, end: int) -> Resolution:
        """ "the head of the X ministry": the person holding the matching role."""
        lex = self.lex
        low = rest.lower()
        country = next((c for w in _words(rest) if (c := country_code(w))), None)
        for org, role in sorted(lex.head_of.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{re.escape(org)}\b", low):
                actor = self._by_role(role.split()[-1:], start, country)
                if actor is not None:
                    actor.add_mention(start, end)
                    return Resolution(actor)
                break
        # "the head of the institute": the person introduced as head of an institute
        words = [w.lower() for w in _words(rest)]
        noun = next((w for w in reversed(words) if w not in _NOUN_FILLERS), None)
        if noun is not None:
            for s, _e, a in self.table.mentions_before(start):
                if a.kind != "person" or _inside(s, self.quoted) or not a.role:
                    continue
                role_words = a.role.split()
                if role_words[0] in lex.head_words and noun in role_words[1:]:
                    a.add_mention(start, end)
                    return Resolution(a)
        return Resolution(None)
