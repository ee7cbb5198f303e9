"""Stage ``actors``: code the countries, organisations, groups and people of a story.

Actor phrases are found in the parsed sentences (``events.actorcode``) and
coded from the project's actor dictionary (``dateline.codes``): "Russian
foreign Minister Sergey Lavrov" → RUSGOV, "the Kremlin" → RUSGOV, "Turkish
security forces" → TURMIL, "NATO" → NAT (country field NATO), "the
opposition" → ---OPP (a role, country unknown). Mentions of one actor are
linked into one ``Actor``: people by name and surname, countries by code
("Moscow" is Russia), other bodies by code and name. People and bodies that
an earlier stage (``entities``) found keep their identity and get a code;
role-only actors are placed in the story's home country when it is clear;
quote speakers get their actor's code. The stage adds the record's actors and
their codes, the quotes' speaker codes (``speaker_codes``), and, for the events
stage, ``document.actor_index`` and ``document.home_country``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Token

from dateline import rules
from dateline.actors.names import find_person, fuller_name, same_body_name
from dateline.actors.table import overlapping_actor
from dateline.codes import (
    TermHit,
    international_modifiers,
    leader_by_surname,
    leader_code,
    load_actor_dictionary,
    person_roles,
    weak_role_words,
)
from dateline.document import Document, Parse
from dateline.events.actorcode import NO_COUNTRY, PhraseCode, joined_variants, phrase_heads
from dateline.events.index import ActorIndex, actor_index
from dateline.events.lexicon import lookup_actor
from dateline.events.location import dateline_location, is_state
from dateline.events.spans import overlaps, token_span
from dateline.model import Actor, Mention
from dateline.pipeline import Stage, register_stage

#: A story's home country must have this many actor mentions, and this many times
#: as many as the next country, before role-only actors are placed in it.
HOME_MIN_MENTIONS = 2
HOME_DOMINANCE = 2.0
#: A country named in the headline counts as this many mentions towards the home country.
TITLE_WEIGHT = 2
#: Definite role phrases that refer back to a person ("the Minister", "the president").
_BACKREF_KINDS = frozenset({"organisation"})


class _Registry:
    """The record's actors, with lookups by mention span, person name and code."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.actors = doc.record.actors
        self._n = len(self.actors)

    def new_id(self) -> str:
        ids = {a.id for a in self.actors}
        while True:
            self._n += 1
            cand = f"A{self._n}"
            if cand not in ids:
                return cand

    def by_mention(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping ``start:end`` (input offsets), as the
        actor table chooses: persons first, then the longest mention."""
        return overlapping_actor(
            ((m.start, m.end, a) for a in self.actors for m in a.mentions), start, end
        )

    def person(self, name: str) -> Actor | None:
        return find_person(name, [a for a in self.actors if a.kind == "person"])

    def same_body(self, code: str, kind: str, name: str) -> Actor | None:
        """The actor a new phrase continues: a country by its code ("Moscow" is Russia),
        anything else by code and name ("the army" and "the rebels" stay apart)."""
        for a in self.actors:
            if a.kind == "person" or a.code != code:
                continue
            if kind == "country" and a.kind == "country":
                return a
            if same_body_name(a.name, name):
                return a
        return None

    def body(self, pc: PhraseCode, mention: Mention) -> Actor:
        """The body (country, organisation, group) a coded phrase names, new or known,
        with this mention added."""
        actor = self.same_body(pc.code or "", pc.kind, pc.name)
        if actor is None:
            actor = Actor(
                id=self.new_id(),
                name=pc.name,
                kind=pc.kind,
                code=pc.code,
                country=pc.country,
                role=pc.role,
            )
            self.actors.append(actor)
        _add_mention(actor, mention)
        return actor

    def recent_person(self, before: int, role: str | None) -> Actor | None:
        """The person mentioned last before ``before`` (with ``role`` when given)."""
        best: tuple[int, Actor] | None = None
        for a in self.actors:
            if a.kind != "person" or not a.code:
                continue
            if role and a.role and role not in a.role.lower():
                continue
            for m in a.mentions:
                if m.end <= before and (best is None or m.start > best[0]):
                    best = (m.start, a)
        return best[1] if best else None


def speaker_type(name: str | None, actor: Actor | None) -> str:
    """What a quote's speaker is: ``person``, ``organisation`` (a body, group or
    country speaking as itself) or ``unknown`` (no speaker named: collectives and
    unnamed sources, whose actor may still be linked)."""
    if name is None or actor is None:
        return "unknown"
    return "person" if actor.kind == "person" else "organisation"


def _add_mention(actor: Actor, m: Mention) -> None:
    for old in actor.mentions:
        if overlaps(old.start, old.end, m.start, m.end):
            return
    actor.mentions.append(m)
    actor.mentions.sort(key=lambda x: x.start)


def _place_role(actor: Actor) -> None:
    """A role code with no country ("---COP") whose actor has a country gets it."""
    if actor.code and actor.code.startswith(NO_COUNTRY) and is_state(actor.country):
        actor.code = (actor.country or "") + actor.code[len(NO_COUNTRY) :]


def _code_body(actor: Actor) -> None:
    """Give an organisation or place from an earlier stage its dictionary code."""
    _place_role(actor)
    if actor.code:
        return
    hit = lookup_actor(actor.name)
    if hit is None or not hit.matched or " ".join(hit.matched) != actor.name.removeprefix("the "):
        return  # only a dictionary term that is the whole name
    actor.code = hit.code  # "---INS" for a group placed nowhere
    actor.country = actor.country or hit.country
    if hit.kind == "country" and not hit.role:
        actor.kind = "country"


def _code_person(actor: Actor) -> None:
    """Give a person from an earlier stage a code from its role and country."""
    _place_role(actor)
    if actor.code and actor.role and actor.code == actor.country:
        # a country alone: add the role's sector ("secretary of state" → USAGOV)
        hit = lookup_actor(actor.role) or lookup_actor(actor.role.split()[-1])
        if hit is not None and hit.role:
            actor.code += hit.role
    if actor.code or not actor.role:
        return
    hit = lookup_actor(actor.role) or lookup_actor(actor.role.split()[-1])
    sector = hit.role if hit else None
    country = actor.country or (hit.country if hit else None)
    if country and sector:
        actor.code = country + sector
    elif country:
        actor.code = country
    elif sector:
        actor.code = NO_COUNTRY + sector
    if country and not actor.country:
        actor.country = country


def _place_known_leader(actor: Actor) -> None:
    """A person the story does not place, found in the list of well-known office holders
    ("President Barack Obama" → USAGOV; "President Obama", a surname with an office title,
    when all listed holders of it share one code). A country the text gives is never
    overridden."""
    if is_state(actor.country) or (actor.code and not actor.code.startswith(NO_COUNTRY)):
        return
    hit = leader_code(actor.name)
    if hit is None and actor.role and " " not in actor.name.strip():
        hit = leader_by_surname(actor.name)  # a surname with its office ("President Obama")
    if hit is None:
        return
    actor.code, actor.country = hit.code, hit.country


def _place_the_countrys(
    doc: Document, index: ActorIndex, by_id: dict[str, Actor], home: str | None
) -> None:
    """"*the country's* interior minister": a role owned by "the country" belongs to the
    state the sentence (or the one before) has as subject, else the state named last
    before it, else the story's ``home``."""
    for i in sorted(doc.parses):
        sent = doc.parses[i].doc
        for _start, _end, head, aid in index.tokens.get(i, ()):
            actor = by_id.get(aid)
            if actor is None or not (actor.code or "").startswith(NO_COUNTRY):
                continue
            if not any(_the_country(c) for c in sent[head].children if c.dep_ == "poss"):
                continue
            country = (
                _subject_country(doc, index, by_id, i, before=head)
                or _subject_country(doc, index, by_id, i - 1)
                or _last_state(by_id.values(), doc.parses[i], doc, head)
                or home
            )
            if country:
                actor.country = country
                _place_role(actor)


def _last_state(actors: Iterable[Actor], parse: Parse, doc: Document, head: int) -> str | None:
    """The state whose mention ends last before token ``head`` of this parse."""
    start = token_span(doc, parse, head, head + 1).start
    best: tuple[int, str] | None = None
    for a in actors:
        if a.kind != "country" or not is_state(a.country):
            continue
        for m in a.mentions:
            if m.end <= start and (best is None or m.start > best[0]):
                best = (m.start, a.country or "")
    return best[1] if best else None

#: "the country", "the nation" (the event coder's list).
_COUNTRY_NOUNS = rules.words(rules.EVENTS, "country_anaphors")


def _the_country(tok: Token) -> bool:
    return tok.lemma_.lower() in _COUNTRY_NOUNS and any(
        c.lower_ == "the" for c in tok.children
    )


def _subject_country(
    doc: Document, index: ActorIndex, by_id: dict[str, Actor], i: int, before: int = 10**6
) -> str | None:
    """The state of the subject of sentence ``i``'s main verb (before token ``before``)."""
    parse = doc.parses.get(i)
    if parse is None:
        return None
    for tok in parse.doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.i < before:
            actor = by_id.get(index.actor_at(i, tok.i) or "")
            if actor is not None and is_state(actor.country):
                return actor.country
    return None


def _weak_role(actor: Actor) -> bool:
    """A person known only by a weak role word ("leader", "official")."""
    return (actor.role or "").lower() in weak_role_words()


def _is_group(actor: Actor) -> bool:
    """An armed or political group of the dictionary ("ISIS", "Hamas"), which no
    story's home country owns."""
    hit = lookup_actor(actor.name)
    return hit is not None and hit.kind == "group"


def _infer_home_country(
    actors: list[Actor], dateline_country: str | None, extra: Counter[str] | None = None
) -> str | None:
    """Place role-only actors ("the government", "opposition leaders", "President X") in
    the story's country: the dateline's country when the story names it as an actor
    (none when the story is filed from a third country, or names the dateline's country
    only as a place), else a country that clearly dominates the story's actor mentions
    and places (``extra``). Returns that home country, or None."""
    named: Counter[str] = Counter()
    for a in actors:
        if is_state(a.country):
            named[a.country or ""] += len(a.mentions)
    counts = named + Counter(extra or {})
    if not counts:
        return None
    if dateline_country:
        if not named.get(dateline_country):
            # filed from a third country (at most named as the venue: "talks in
            # Vienna"): an international story, no home
            return None
        top = dateline_country
    else:
        ranked = counts.most_common(2)
        top, n1 = ranked[0]
        n2 = ranked[1][1] if len(ranked) > 1 else 0
        if n1 < HOME_MIN_MENTIONS or n1 < HOME_DOMINANCE * n2:
            return None
    international = international_modifiers()
    for a in actors:
        if _is_group(a):
            continue  # armed groups are not a state's own ("ISIS" stays ---INS)
        if any(w in international for w in a.name.lower().split()):
            continue  # "world leaders", "regional leaders": no one country's
        if a.code and a.code.startswith(NO_COUNTRY) and not a.country:
            a.country = top
            a.code = top + a.code[len(NO_COUNTRY) :]
    return top


@register_stage
class ActorsStage(Stage):
    """Find and code actors; link their mentions; code quote speakers."""

    name = "actors"
    needs = frozenset({"parses"})
    adds = frozenset({"actors", "actor_codes", "speaker_codes", "actor_index", "home_country"})

    def process(self, doc: Document) -> None:
        reg = _Registry(doc)
        index = actor_index(doc)
        for a in list(reg.actors):
            if a.kind == "person":
                _code_person(a)
            else:
                _code_body(a)
        for i in sorted(doc.parses):
            parse = doc.parses[i]
            for pc in phrase_heads(parse.doc):
                actor = self._place(doc, reg, parse, pc)
                if actor is not None:
                    index.add(i, pc, actor.id)
                    for other in joined_variants(parse.doc, pc):
                        index.add(i, other, self._joined(doc, reg, parse, other).id)
        self._surname_mentions(doc, reg)
        for a in reg.actors:
            if a.kind == "person":
                _place_known_leader(a)
        extra = self._unparsed_countries(doc, reg)
        by_id = {a.id: a for a in reg.actors}
        _place_the_countrys(doc, index, by_id, None)
        doc.home_country = home = _infer_home_country(
            reg.actors, dateline_location(doc.record.dateline), extra
        )
        _place_the_countrys(doc, index, by_id, home)
        for q in doc.record.quotes:
            speaker = by_id.get(q.speaker_id or "")
            if speaker is not None and speaker.code and not q.speaker_code:
                q.speaker_code = speaker.code
            q.speaker_type = speaker_type(q.speaker, speaker)

    def _joined(self, doc: Document, reg: _Registry, parse: Parse, pc: PhraseCode) -> Actor:
        """A further party of a joined phrase ("… *and Indian* navies"): its own actor,
        sharing the phrase's mention."""
        span = token_span(doc, parse, pc.start, pc.end)
        return reg.body(pc, Mention(span.text, span.start, span.end))

    def _place(self, doc: Document, reg: _Registry, parse: Parse, pc: PhraseCode) -> Actor | None:
        span = token_span(doc, parse, pc.start, pc.end)
        mention = Mention(span.text, span.start, span.end)
        known = reg.by_mention(span.start, span.end)
        head = token_span(doc, parse, pc.head, pc.head + 1)
        if known is not None and known.kind == "person" and pc.kind != "person":
            if not known.code and not known.role and pc.kind != "person":
                # a country, group or body an earlier stage took for a person
                known.kind = pc.kind
            else:
                # "the head of the foreign ministry" already linked to a person
                for m in known.mentions:
                    if m.start <= head.start and head.end <= m.end:
                        if not known.code and pc.code:
                            known.code, known.country = pc.code, pc.country
                        return known
                known = None
        if known is not None and not any(
            m.start <= head.start and head.end <= m.end for m in known.mentions
        ):
            # the known mention is only a modifier of this phrase ("Burkina Faso's army")
            known = None
        if known is not None:
            if known.kind == "person" == pc.kind and pc.country and pc.code:
                # the phrase itself places the person ("his British counterpart X")
                known.code, known.country = pc.code, pc.country
            elif known.kind == "person" == pc.kind and pc.code and _weak_role(known):
                # "*Opposition* leader X": the phrase's strong role beats a bare "leader"
                known.code = (known.country or NO_COUNTRY) + (pc.sector or "")
                known.role = pc.role or known.role
            elif (known.code or "").startswith(NO_COUNTRY) and pc.country and pc.code:
                # "Police in Lagos": the phrase places a role an earlier stage left unplaced
                known.code, known.country = pc.code, pc.country
            if not known.code and pc.code:
                known.code = pc.code
            if not known.country and pc.country:
                known.country = pc.country
            if not known.role and pc.role:
                known.role = pc.role
            _add_mention(known, mention)
            return known
        if pc.kind == "person":
            actor = reg.person(pc.name)
            if actor is None:
                actor = Actor(id=reg.new_id(), name=pc.name, kind="person", role=pc.role)
                reg.actors.append(actor)
            if fuller_name(pc.name, actor.name):
                actor.name = pc.name
            if pc.code and (not actor.code or len(pc.code) > len(actor.code)):
                actor.code = pc.code
            actor.country = actor.country or pc.country
            actor.role = actor.role or pc.role
            _add_mention(actor, mention)
            return actor
        # "the Minister": a role without a country refers back to a person.
        if not pc.country and pc.kind in _BACKREF_KINDS and pc.role and pc.end - pc.start <= 3:
            person = reg.recent_person(span.start, pc.role)
            if person is not None:
                _add_mention(person, mention)
                return person
        if not pc.code:
            return None
        return reg.body(pc, mention)

    def _unparsed_officials(
        self, doc: Document, reg: _Registry, s0: int, text: str, hits: list[TermHit]
    ) -> None:
        """Officials named by office in a sentence that was not parsed ("*The French
        foreign minister* returned from Asia."), so that a later "she" can find them.
        ``hits``: the dictionary terms of ``text``."""
        dictionary = load_actor_dictionary()
        terms = [
            h
            for h in hits
            if h.entry.kind in ("country", "adjective") and is_state(h.entry.country)
        ]
        for role in dictionary.find_roles(text, skip=[(h.start, h.end) for h in terms]):
            office = role.text.lower().split()[-1]
            if office not in person_roles():
                continue
            # the country word just before the office, with only lower-case words between
            near = [
                h
                for h in terms
                if h.end <= role.start
                and re.fullmatch(r"(?:\s+[a-z][\w-]*)*\s*", text[h.end : role.start])
            ]
            if not near:
                continue
            phrase = text[near[-1].start : role.end]
            coded = dictionary.code(phrase)
            if coded is None or not coded.country or not is_state(coded.country):
                continue
            span = doc.raw_span(s0 + near[-1].start, s0 + role.end)
            if reg.by_mention(span.start, span.end) is not None:
                continue
            actor = Actor(
                reg.new_id(), phrase, "organisation", coded.code, coded.country, role=office
            )
            reg.actors.append(actor)
            _add_mention(actor, Mention(span.text, span.start, span.end))

    def _unparsed_countries(self, doc: Document, reg: _Registry) -> Counter[str]:
        """Countries named in sentences that were not parsed: country names become
        mentions of their country; names, adjectives and capitals all count towards the
        story's home country. In parsed sentences, country names that are no actor's
        mention (places: "the coup in Burkina Faso") count too."""
        counts: Counter[str] = Counter()
        text = doc.clean.text if doc.clean is not None else doc.raw
        bounds = doc.sentence_bounds or [(s.start, s.end) for s in doc.record.sentences]
        dictionary = load_actor_dictionary()
        for parse in doc.parses.values():
            # a parsed sentence: its actors count through their mentions; a country
            # named as a place ("the coup in Burkina Faso") counts here
            for ent in parse.doc.ents:
                if ent.label_ != "GPE":
                    continue
                coded = lookup_actor(ent.text)
                if coded is None or coded.kind != "country" or not is_state(coded.country):
                    continue
                span = token_span(doc, parse, ent.start, ent.end)
                if reg.by_mention(span.start, span.end) is None:
                    counts[coded.country or ""] += 1
        for i, (s0, s1) in enumerate(bounds):
            if i in doc.parses:
                continue
            hits = dictionary.find_terms(text[s0:s1])
            for hit in hits:
                entry = hit.entry
                if not hit.placing or not is_state(entry.country):
                    continue
                counts[entry.country or ""] += 1
                if entry.kind != "country" or not hit.text[:1].isupper():
                    continue
                span = doc.raw_span(s0 + hit.start, s0 + hit.end)
                if reg.by_mention(span.start, span.end) is not None:
                    continue
                code = entry.country or ""
                actor = reg.same_body(code, "country", hit.text)
                if actor is None:
                    actor = Actor(reg.new_id(), hit.text, "country", code, code)
                    reg.actors.append(actor)
                _add_mention(actor, Mention(span.text, span.start, span.end))
            self._unparsed_officials(doc, reg, s0, text[s0:s1], hits)
        title = doc.record.title or ""
        for hit in dictionary.find_terms(title):
            # a headline's country is what the story is about
            if hit.placing and is_state(hit.entry.country):
                counts[hit.entry.country or ""] += TITLE_WEIGHT
        return counts

    def _surname_mentions(self, doc: Document, reg: _Registry) -> None:
        """Link bare surnames and full names of people across every sentence."""
        people = [a for a in reg.actors if a.kind == "person" and " " in a.name.strip()]
        if not people:
            return
        text = doc.clean.text if doc.clean is not None else doc.raw
        bounds = doc.sentence_bounds or [(s.start, s.end) for s in doc.record.sentences]
        for a in people:
            sur = a.name.split()[-1]
            if len(sur) < 3:
                continue
            pat = re.compile(rf"\b{re.escape(sur)}\b")
            for s0, s1 in bounds:
                for m in pat.finditer(text, s0, s1):
                    span = doc.raw_span(m.start(), m.end())
                    other = reg.by_mention(span.start, span.end)
                    if other is not None and other is not a:
                        continue
                    _add_mention(a, Mention(span.text, span.start, span.end))
