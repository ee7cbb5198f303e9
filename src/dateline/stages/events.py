"""Stage ``events``: who did what to whom, coded in CAMEO and PLOVER.

Each parsed sentence's clauses (``events.clauses``) are matched against the
project's pattern dictionary; a clause becomes an event only when a pattern
matched and its source is a known actor, its target a known actor or
explicitly absent (``events.resolve``). Negation and modality are recorded
(``events.polarity``), the place comes from the sentence, else the dateline
(``events.location``). Nothing is coded by default, and sentences in removed
blocks are never parsed, so never coded.

"Explicitly absent" is narrow: a bare statement (010) with no addressee is not
coded, nor aid (07) or reduced relations (16) to no one, nor a meeting (04x,
036) of one party alone or with a party that cannot be coded; "X and Y met" and
"the foreign ministers met" are. The stage's ``cues`` select sentences with a
trigger form and a word that can name an actor (``events.lexicon.trigger_cues``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Token

from dateline import rules
from dateline.codes import plover_for
from dateline.config import Settings
from dateline.document import Document, Parse
from dateline.events.clauses import FORCE_ROOTS, Clause, find_clauses
from dateline.events.confidence import How, confidence
from dateline.events.lexicon import lookup_actor, trigger_cues
from dateline.events.location import (
    dateline_location,
    is_state,
    sentence_location,
)
from dateline.events.pair_subjects import resolve_pair_subjects
from dateline.events.polarity import is_negated, modality_of
from dateline.events.quoted_criticism import quoted_criticism
from dateline.events.recipients import add_recipients
from dateline.events.resolve import ActorResolver, Side, home_actor, is_place_noun, known
from dateline.events.spans import tok_span, token_span
from dateline.events.state_agents import (
    acting_state,
    is_state_act,
    local_party,
    own_people,
    unnamed_state,
)
from dateline.events.when import event_when
from dateline.model import Actor, Event, EventActor, Span
from dateline.pipeline import Stage, register_stage
from dateline.stages.dateline import story_date

#: Roots where joined actors without a target act toward each other, coded once from the
#: first named ("France and India will cooperate" → FRA→IND).
JOINT_ROOTS = rules.roots(rules.CAMEO_POLICY, "joint_roots")
#: Roles of non-state armed actors ("attack" is 180 for them, 190 for an army).
IRREGULAR_ROLES = rules.roles(rules.CAMEO_POLICY, "irregular_roles")
MAX_EVENTS_PER_CLAUSE = 4
NO_COUNTRY = "---"
#: CAMEO "make a visit": its host is where the visit goes.
VISIT = "042"
#: Roots whose events always have a target (provide aid, reduce relations).
TARGET_ROOTS = rules.roots(rules.CAMEO_POLICY, "target_roots")
#: Mediation, which is always in someone's conflict (intent to mediate, mediating).
MEDIATION = rules.codes(rules.CAMEO_POLICY, "mediation")
#: A bare public statement, and the intent to meet (both need more than a source).
STATEMENT = "010"
#: A refusal with nothing said of what is refused.
REFUSE = "120"
#: A meeting, and a meeting at a third location (same PLOVER type, CONSULT).
MEET = "040"
THIRD_PLACE_MEETING = "044"
MEET_INTENT = "036"


class _LazyCues:
    """The trigger-cue regex, built on first use (the lexicon loads data)."""

    def __get__(self, obj: object, owner: type) -> re.Pattern[str]:
        return trigger_cues()


def event_date(doc: Document, settings: Settings) -> str | None:
    """The story's date (ISO): the dateline's, else the publication date, else the
    run's reference date, else the run's day (``stages.dateline.story_date``)."""
    return story_date(doc.record, settings)[0]


@register_stage
class EventsStage(Stage):
    """Code political events of the parsed sentences."""

    name = "events"
    needs = frozenset({"parses", "actors", "actor_index", "home_country"})
    adds = frozenset({"events"})
    cues = _LazyCues()  # type: ignore[assignment]

    def process(self, doc: Document) -> None:
        resolver = ActorResolver(doc)
        date = event_date(doc, self.settings)
        fallback = dateline_location(doc.record.dateline)
        events: list[Event] = []
        for i in sorted(doc.parses):
            parse = doc.parses[i]
            sentence = _sentence_span(doc, i, parse)
            for clause in find_clauses(parse.doc):
                events.extend(
                    self._code(doc, resolver, parse, i, clause, sentence, date, fallback)
                )
        events = resolve_pair_subjects(doc.record, events)
        how: dict[int, How] = {id(e): "clause" if e.target else "none" for e in events}
        events = add_recipients(doc.record, events)
        quoted = quoted_criticism(doc.record, events, date, fallback)
        how.update({id(e): "quoted" for e in quoted})
        events += quoted
        doc.record.events = [
            replace(e, confidence=confidence(e, how.get(id(e), "context"))) for e in events
        ]

    def _code(
        self,
        doc: Document,
        resolver: ActorResolver,
        parse: Parse,
        sent: int,
        clause: Clause,
        sentence: Span,
        date: str | None,
        fallback: str | None,
    ) -> list[Event]:
        place = sentence_location(clause.trigger)
        sides = resolver.sides(parse, sent, clause.source)
        sources = [s for s in sides if known(s.actor)]
        if not sources:
            # "Khan was arrested": the state where it happens
            state = unnamed_state(clause, (place, fallback, doc.home_country))
            if state is None:
                return []
            sources = [Side(state, None, False)]
        if all(resolver.told_before(clause.trigger, s.actor) for s in sources):
            return []  # "… apologised. He made *the apology* during a visit": told again
        own = frozenset(s.actor.code for s in sources if s.actor and s.actor.code)
        targets = resolver.targets(parse, sent, clause, own)
        coercive = is_state_act(clause.pattern.code)
        ruler = acting_state([s.actor for s in sources]) if coercive else None
        if ruler is not None and targets is None and clause.targets:
            # "Khan was arrested": an unplaced person held by a state is of that state
            held = resolver.resolve(parse, sent, clause.targets[0])
            local = local_party(held.actor, ruler)
            targets = [Side(local, held.token, held.direct)] if local is not None else None
        elif ruler is not None and targets == []:
            targets = [Side(own_people(ruler), None, False)]  # "detained three of them"
        if targets is None:
            return []  # a named target we cannot code: no half-known event
        trig = clause.trigger
        modality = modality_of(trig)
        irregular = all(_irregular(s.actor) for s in sources)
        code = clause.pattern.code_for(modal=modality is not None, irregular=irregular)
        if not targets and code == REFUSE and not _says_what(clause) and len(sources) == 1:
            # "… asked Hungary to allow monitors. A day later, the government *refused*."
            asker = resolver.asker_of(sources[0].actor)
            targets = [Side(asker, None, False)] if asker is not None else []
        if not targets and (code[:2] in TARGET_ROOTS or code in MEDIATION):
            # "France and the US had cancelled their aid", "… helped with negotiations":
            # to or in the story's own country
            targets = _home_party(doc, sources)
        if not targets and (
            clause.pattern.needs_target or not _complete_alone(code, sources, doc, place)
        ):
            return []  # the event needs a party the clause does not name
        if not targets and _named_in_passing(clause):
            return []
        if not targets and _consult(code) and len(sources) < len(sides):
            return []  # "X and Y met" with a Y we cannot code: a half-known meeting
        pairs = _pairs(code, sources, targets, mutual=clause.pattern.mutual)
        if not pairs:
            return []
        ptype = plover_for(code)  # PLOVER type and mode; None where PLOVER codes nothing
        negated = is_negated(trig)
        host = _host(doc, code, place) if not targets else None
        if not targets and host is None:
            host = _attacked_place(clause, code, place, sources)
        trigger_span = tok_span(doc, parse, trig)
        when = event_when(trig, _day(date))
        day, when_span, background = date, None, False
        if when is not None:
            when_span = token_span(doc, parse, when.span.start, when.span.end)
            background = when.background
            if when.day is not None:
                day = when.day.isoformat()
            elif background:
                day = None  # "in 2014": a year, no day
        out: list[Event] = []
        seen: set[tuple[str | None, str | None]] = set()
        for s, t in pairs[:MAX_EVENTS_PER_CLAUSE]:
            key = (s.actor.code if s.actor else None, t.actor.code if t and t.actor else None)
            if key in seen or (t is not None and _own_side(s, t)):
                continue
            seen.add(key)
            if s.actor is not None:
                resolver.note_act(trig.lemma_, s.actor, code, t.actor if t else None)
            target = (
                _event_actor(t.actor, place or _home_of(s.actor))
                if t is not None
                else (host if host is not None and not code.startswith(VISIT)
                      else _away(host, s.actor))
            )
            where = place
            if where is None and code.startswith(VISIT) and target is not None:
                where = target.country if is_state(target.country) else None  # the host
            cameo = _third_place(code, place, s, target)
            plover = ptype if cameo == code else plover_for(cameo)
            out.append(
                Event(
                    cameo=cameo,
                    plover=plover.plover if plover is not None else None,
                    mode=plover.mode if plover is not None else None,
                    negated=negated,
                    source=_event_actor(s.actor, place),
                    target=target,
                    trigger=trigger_span,
                    sentence=sentence,
                    location=where or fallback,
                    date=day,
                    modality=modality,
                    when=when_span,
                    background=background,
                )
            )
        return out


def _day(iso: str | None) -> dt.date | None:
    """The story's day from its ISO date, or None."""
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _third_place(code: str, place: str | None, s: Side, target: EventActor | None) -> str:
    """A meeting held in a country neither party belongs to ("the ministers of Iran and
    Saudi Arabia met in Beijing") is a meeting at a third location (044)."""
    if code != MEET or not is_state(place) or target is None or not is_state(target.country):
        return code
    own = s.actor.country if s.actor is not None else None
    return THIRD_PLACE_MEETING if is_state(own) and place not in (own, target.country) else code


def _complete_alone(code: str, sources: list[Side], doc: Document, place: str | None) -> bool:
    """Whether an event with no target is complete. A plain statement (010) with no one
    addressed is not coded (the "default 010" of older coders); giving aid (07) and
    reducing relations (16) are always toward someone ("cancelled their aid": to whom is
    unknown, not absent); a meeting, call or talks (04x, intent to meet 036) need a
    partner: joined sources, a plural group ("the foreign ministers met") or, for a
    visit, the host country of the place."""
    if code == STATEMENT or code[:2] in TARGET_ROOTS:
        return False
    if not _consult(code):
        return True
    if len(sources) > 1:
        return True
    tok = sources[0].token
    if tok is not None and tok.tag_ in ("NNS", "NNPS"):
        return True
    return code.startswith(VISIT) and _host(doc, code, place) is not None


def _home_party(doc: Document, sources: list[Side]) -> list[Side]:
    """The story's home country as the party of aid given or relations cut when the
    clause names none, if every source is foreign to it."""
    home = home_actor(doc)
    if home is None or any(s.actor is None or s.actor.country == home.code for s in sources):
        return []
    return [Side(home, None, False)]


def _says_what(clause: Clause) -> bool:
    """Whether the trigger says what it refuses ("refused *to sign*", "refused *the plan*")."""
    return any(
        c.dep_ in ("xcomp", "ccomp", "dobj", "obj") for c in clause.trigger.children
    )


def _named_in_passing(clause: Clause) -> bool:
    """"described *the Russian buildup* as …": a deed noun whose only party is its country
    adjective refers to an act reported elsewhere, not a new event; with a target ("a
    Russian buildup *around Ukraine*") it is coded."""
    src, trig = clause.source, clause.trigger
    return (
        trig.pos_ == "NOUN" and src is not None and src.dep_ == "amod" and src.head == trig
    )


def _consult(code: str) -> bool:
    """Meetings, calls, talks, visits and the intent to meet."""
    return code.startswith("04") or code == MEET_INTENT


def _sentence_span(doc: Document, i: int, parse: Parse) -> Span:
    if i < len(doc.record.sentences):
        s = doc.record.sentences[i]
        return Span(s.text, s.start, s.end)
    return doc.raw_span(parse.base, parse.base + len(parse.doc.text))


def _mutual(code: str) -> bool:
    """Consultations and signed agreements are mutual: "X and Y met" codes X→Y and Y→X."""
    return code.startswith("04") or code == "057"


def _pairs(
    code: str, sources: list[Side], targets: list[Side], mutual: bool = False
) -> list[tuple[Side, Side | None]]:
    """Source/target pairs the clause supports."""
    if mutual and len(sources) > 1:
        # "X and Y exchanged fire": each on the other, whatever the object names
        return [(s, t) for s in sources for t in sources if s.actor is not t.actor]
    if targets:
        return [(s, t) for s in sources for t in _others(s, targets)]
    if len(sources) > 1 and (mutual or _mutual(code)):
        return [(s, t) for s in sources for t in sources if s.actor is not t.actor]
    if len(sources) > 1 and code[:2] in JOINT_ROOTS:
        first = sources[0]
        return [(first, t) for t in sources[1:] if t.actor is not first.actor]
    return [(s, None) for s in sources]


def _others(source: Side, targets: list[Side]) -> list[Side]:
    """The targets that are not the source; among joined targets of which some are the
    source's own country ("confident that *Russia and the United States* can
    cooperate", said by a Russian minister), the foreign ones."""
    others = [t for t in targets if t.actor is not source.actor]
    home = source.actor.country if source.actor is not None else None
    foreign = [t for t in others if t.actor is None or t.actor.country != home]
    return foreign if home and foreign else others


def _own_side(s: Side, t: Side) -> bool:
    """A target that is the source's own ("condemned the attack on *our* embassy")."""
    if s.actor is None or t.actor is None or s.actor.code != t.actor.code:
        return False
    tok = t.token
    return tok is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _irregular(actor: Actor | None) -> bool:
    """A non-state armed actor (for patterns with an ``irregular_code``)."""
    if actor is None or not actor.code:
        return False
    code = actor.code
    rest = code[3:] if code.startswith(NO_COUNTRY) else code[len(actor.country or "") :]
    return actor.kind == "group" or rest[:3] in IRREGULAR_ROLES


def _host(doc: Document, code: str, place: str | None) -> EventActor | None:
    """A visit's host is the country of the place visited ("arrived in Lima" → PER)."""
    if not code.startswith(VISIT) or not is_state(place):
        return None
    for a in doc.record.actors:
        if a.kind == "country" and a.code == place:
            return EventActor(name=a.name, code=a.code, country=a.country, actor_id=a.id)
    return EventActor(name=None, code=place, country=place)


def _attacked_place(
    clause: Clause, code: str, place: str | None, sources: list[Side]
) -> EventActor | None:
    """An armed attack on places or property ("bombarded several northern *areas*") targets
    the country where they are: the place the sentence names, else the attacker's own
    country (a state attacking another names it)."""
    if code[:2] not in FORCE_ROOTS or not clause.targets:
        return None
    if not is_place_noun(clause.targets[0]):
        return None
    owner = _owner_country(clause.targets[0])
    if owner is not None:
        return EventActor(name=None, code=owner, country=owner)  # "Armenian positions"
    country = place if is_state(place) else None
    if country is None and len(sources) == 1 and sources[0].actor is not None:
        own = sources[0].actor.country
        country = own if is_state(own) else None
    return EventActor(name=None, code=country, country=country) if country else None


def _owner_country(tok: Token) -> str | None:
    """The country a place noun's adjective names ("*Russian* positions")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound"):
            hit = lookup_actor(c.text)
            if hit is not None and hit.kind == "country" and is_state(hit.country):
                return hit.country
    return None


def _away(host: EventActor | None, visitor: Actor | None) -> EventActor | None:
    """The host, unless the visitor is at home ("the president returned to Lima")."""
    if host is None or visitor is None or visitor.country == host.country:
        return None
    return host


def _home_of(actor: Actor | None) -> str | None:
    """A state actor's own country: where its acts on unplaced roles most likely happen
    ("the Pakistani Taliban attacked *a school*")."""
    if actor is None or not is_state(actor.country):
        return None
    return actor.country


def _event_actor(actor: Actor | None, place: str | None = None) -> EventActor:
    """One side of an event. A role with no country ("---COP") acting at a place the
    sentence names is given that place's country in ``country``; its code stays as coded."""
    if actor is None:
        return EventActor(name=None, code=None, country=None)
    country = actor.country
    if not country and place and actor.code and actor.code.startswith(NO_COUNTRY):
        country = place
    return EventActor(name=actor.name, code=actor.code, country=country, actor_id=actor.id or None)
