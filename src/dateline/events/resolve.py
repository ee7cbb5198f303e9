"""Who a clause's subject and object are: head tokens resolved to the record's actors.

In order: the ``actors`` stage's phrase index; pronouns — "we"/"our"/"I" inside
a quotation are its speaker, "he"/"she" the speaker of the quote they attribute
or the person last named, a subject pronoun of a reported clause the reporter
("X said *it* would …"), "it" the body that was the previous sentence's
subject; mentions an earlier stage linked; "the country" the country named
last. Joined phrases ("Russia and the U.S.", "the ministers of X and Y") give
several sides; an act noun gives the actor behind it ("the decision of X").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from dateline import rules
from dateline.codes import act_nouns, person_roles, place_nouns
from dateline.document import Document, Parse
from dateline.events.actorcode import is_place
from dateline.events.clauses import Clause, measured
from dateline.events.index import actor_index
from dateline.events.lexicon import lookup_actor
from dateline.events.location import is_state
from dateline.events.sides import country_actor
from dateline.events.spans import overlaps, tok_span
from dateline.model import Actor, Quote, Span

FIRST_PERSON = rules.words(rules.EVENTS, "first_person")
THIRD_PERSON = rules.words(rules.EVENTS, "third_person")
#: Nouns that stand for an international organisation named before ("the bloc").
BODY_ANAPHORS = rules.words(rules.EVENTS, "body_anaphors")
#: Nouns of the setting of a meeting, never a party ("on the sidelines of the summit").
SETTING_NOUNS = rules.words(rules.EVENTS, "setting_nouns")
#: Common nouns that name another party ("its neighbour", "its Western partners").
PARTY_NOUNS = rules.words(rules.EVENTS, "party_nouns")
#: Determiners that make a noun refer back to something already told.
DEFINITE = rules.words(rules.EVENTS, "definite")
#: At most this many phrases are taken from one list of joined phrases.
MAX_JOINED = 4
#: Plural nouns that, as "the two X" / "both X", refer back to the two people last named.
PAIR_PERSON_NOUNS = rules.words(rules.EVENTS, "pair_person_nouns")
#: Plural nouns that, as "the two X" / "both X", refer back to the two states last named.
PAIR_STATE_NOUNS = rules.words(rules.EVENTS, "pair_state_nouns")

#: "it"/"its" stand for states and bodies; "they"/"them"/"their" for anyone.
NEUTER_PRONOUNS = rules.words(rules.EVENTS, "neuter_pronouns")
PLURAL_PRONOUNS = rules.words(rules.EVENTS, "plural_pronouns")
#: Pronouns that first look back through a participle ("…, calling *it* …").
DEMONSTRATIVE_PRONOUNS = rules.words(rules.EVENTS, "demonstrative_pronouns")
#: Pronouns that do not stand for a party when they head a phrase.
NON_PARTY_PRONOUNS = rules.words(rules.EVENTS, "non_party_pronouns")
#: Nouns that stand for the state the story is about, or the one named before.
COUNTRY_ANAPHORS = rules.words(rules.EVENTS, "country_anaphors")
#: "the foreign ministers *of* Russia and Ukraine": one phrase, several parties.
JOINED_PARTY_PREPS = rules.words(rules.EVENTS, "joined_party_preps")
#: Objects of these on an act noun are what it is about ("commented *on* X").
TOPIC_PREPS = rules.words(rules.EVENTS, "topic_preps")
#: "the decision *of* X", "talks *with* X": who stands behind an act noun.
ACT_PARTY_PREPS = rules.words(rules.EVENTS, "act_party_preps")


@dataclass(slots=True)
class Side:
    """One resolved side of a clause."""

    actor: Actor | None
    token: Token | None
    direct: bool  # found in the phrase itself, not through a pronoun or quote


def known(actor: Actor | None) -> bool:
    """Known: coded, with a country or organisation part or a role ("---GOV")."""
    return actor is not None and bool(actor.code)


def is_state_or_org(actor: Actor) -> bool:
    """An actor placed in a country or an organisation (not a bare role such as "---MIL")."""
    return bool(actor.code) and not (actor.code or "").startswith("-") and bool(actor.country)


class ActorResolver:
    """Resolves head tokens of one document's parses to its actors."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.index = actor_index(doc)
        self.by_id = {a.id: a for a in doc.record.actors}
        #: (trigger lemma, source actor, code) of the events coded so far, for "the offer"
        self.acts: list[tuple[str, Actor, str]] = []
        #: (who was asked, who asked) of the requests and demands coded so far
        self.asked: list[tuple[Actor, Actor]] = []

    def told_before(self, tok: Token, source: Actor | None) -> bool:
        """"He made *the apology* …" after "X apologised": a definite noun naming an act
        this source was already coded for is that act again, not a new one."""
        if source is None or tok.pos_ != "NOUN":
            return False
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children):
            return False
        stem = tok.lemma_.lower()[:5]
        return len(stem) >= 4 and any(
            lemma[:5] == stem and actor.id == source.id for lemma, actor, _ in self.acts
        )

    def note_act(
        self, lemma: str, source: Actor, code: str = "", target: Actor | None = None
    ) -> None:
        """Remember an event, so that "the offer" later can name who made it."""
        self.acts.append((lemma.lower(), source, code))
        if target is not None and code[:2] in ("02", "10"):
            self.asked.append((target, source))

    def asker_of(self, actor: Actor | None) -> Actor | None:
        """Who last asked or demanded something of ``actor`` ("X asked Hungary to … A day
        later, the Hungarian government refused": Hungary refused X)."""
        if actor is None:
            return None
        for asked, asker in reversed(self.asked):
            if asked.id == actor.id or (
                is_state(asked.country) and asked.country == actor.country
            ):
                return asker
        return None

    def _act_author(self, tok: Token) -> Actor | None:
        """"dismissed *the offer*", "refused to accept *aid*": the source of the earlier
        event this noun names (by the trigger's stem, or by the act nouns of the pattern
        data: "offer" names the latest intent to cooperate)."""
        kids = list(tok.children)
        if any(c.dep_ == "poss" for c in kids):
            return None  # "their aid": the possessor is the author, not an earlier event
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in kids)
        bare = not any(c.dep_ == "det" for c in kids)
        stem = tok.lemma_.lower()[:5]
        if definite:
            for lemma, actor, _ in reversed(self.acts):
                if len(stem) >= 4 and lemma[:5] == stem:
                    return actor
        prefixes = act_nouns().get(tok.lower_) or act_nouns().get(tok.lemma_.lower())
        if prefixes and (definite or bare):
            for _, actor, code in reversed(self.acts):
                if code and code.startswith(prefixes):
                    return actor
        return None

    # ----- one token --------------------------------------------------------------
    def resolve(self, parse: Parse, sent: int, tok: Token) -> Side:
        """The actor a head token refers to, and how it was found."""
        aid = self.index.actor_at(sent, tok.i)
        if aid is not None and aid in self.by_id:
            return Side(self._ours(parse, tok, self.by_id[aid]), tok, True)
        span = tok_span(self.doc, parse, tok)
        low = tok.lower_
        if tok.pos_ == "PRON" or low in FIRST_PERSON | THIRD_PERSON:
            return Side(self._pronoun(parse, sent, tok, span), tok, False)
        linked = self._mention_actor(span)
        if linked is None and _is_body_anaphor(tok):
            # "The EU lifted … *The bloc* also released …": the organisation named last
            return Side(self._last_named(span.start, _is_organisation), tok, False)
        if linked is None and _is_country_anaphor(tok):
            return Side(self._home() or self._last_named(span.start, _is_country), tok, False)
        return Side(linked, tok, linked is not None)

    def _ours(self, parse: Parse, tok: Token, actor: Actor) -> Actor:
        """"*Our* government will …" inside a quotation: the speaker's country's role."""
        if not (actor.code or "").startswith("---") or not any(
            c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in tok.children
        ):
            return actor
        span = tok_span(self.doc, parse, tok)
        q = _quote_at(self.doc.record.quotes, span.start, span.end)
        speaker = self._speaker(q) if q is not None else None
        country = speaker.country if speaker is not None else None
        if not is_state(country):
            return actor
        return _placed(actor, country or "", (actor.code or "")[3:])

    def _home(self) -> Actor | None:
        """The story's home country ("*the country*" in a story about one state)."""
        return home_actor(self.doc)

    def _pronoun(self, parse: Parse, sent: int, tok: Token, span: Span) -> Actor | None:
        low = tok.lower_
        quotes = self.doc.record.quotes
        if low in DEMONSTRATIVE_PRONOUNS:
            for antecedent in _participle_antecedents(tok):
                found = self.sides(parse, sent, antecedent, behind=True)
                if found and found[0].actor is not None:
                    return found[0].actor
        if low in FIRST_PERSON:
            q = _quote_at(quotes, span.start, span.end)
            return self._speaker(q) if q is not None else None
        q = _attribution_quote(quotes, span.start, span.end)
        if q is not None and q.speaker_id in self.by_id:
            return self.by_id[q.speaker_id or ""]
        linked = self._mention_actor(span)
        if linked is not None:
            return linked
        reporter = _reporter(tok)
        if reporter is not None:
            side = self.resolve(parse, sent, reporter)
            if side.actor is not None and _pronoun_fits(low, side.actor):
                return side.actor
        if low in THIRD_PERSON:
            # a named person, or an official the story names by office alone ("the French
            # foreign minister …. Hours later *she* condemned …")
            return self._last_named(span.start, lambda a: a.kind == "person" or _official(a))
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            return self._last_body_subject(sent)
        return None

    def _speaker(self, q: Quote) -> Actor | None:
        """A quote's speaker: the linked person, else the actor its speaker phrase names
        ("…," *the Croatian prime minister* said)."""
        if q.speaker_id:
            return self.by_id.get(q.speaker_id)
        sm = q.speaker_mention
        return self._mention_actor(sm) if sm is not None else None

    def _mention_actor(self, span: Span) -> Actor | None:
        for a in self.doc.record.actors:
            for m in a.mentions:
                if overlaps(m.start, m.end, span.start, span.end):
                    return a
        return None

    def _last_named(self, before: int, keep: Callable[[Actor], bool]) -> Actor | None:
        """The actor (passing ``keep``) whose mention comes last before ``before``."""
        best: tuple[int, Actor] | None = None
        for a in self.doc.record.actors:
            if not keep(a):
                continue
            for m in a.mentions:
                if m.end <= before and (best is None or m.start > best[0]):
                    best = (m.start, a)
        return best[1] if best else None

    def _last_body_subject(self, sent: int) -> Actor | None:
        """"It" as a subject: the state or body that was the subject of the sentence before."""
        prev = self.doc.parses.get(sent - 1)
        if prev is None:
            return None
        for tok in prev.doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                actor = self.by_id.get(self.index.actor_at(sent - 1, tok.i) or "")
                if actor is not None and actor.kind != "person":
                    return actor
        return None

    # ----- phrases ----------------------------------------------------------------
    def sides(
        self, parse: Parse, sent: int, tok: Token | None, behind: bool = False
    ) -> list[Side]:
        """The actor of ``tok`` and of the phrases joined to it ("Russia and the U.S.")."""
        if tok is None:
            return []
        tok = measured(tok)  # "*thousands of* protesters"
        pair = self._pair(parse, sent, tok)
        if pair:
            return pair
        heads = [tok, *_conjuncts(tok)]
        # "the foreign ministers of Russia and Ukraine", "negotiators from Iran and the
        # P5+1": one phrase, several parties
        joined: list[Token] = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in JOINED_PARTY_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        joined.extend(_conjuncts(o))
        heads.extend(joined)
        found = [self.resolve(parse, sent, h) for h in heads]
        role = found[0].actor if found else None
        if role is not None and joined:
            # "the presidents of Kenya and *Uganda*": Uganda's president, not Uganda
            found = [
                _in_role(side, role) if side.token in joined else side for side in found
            ]
        # "the French and Indian navies": one phrase, several parties
        for h in heads:
            for aid in self.index.actors_at(sent, h.i)[1:]:
                if aid in self.by_id:
                    found.append(Side(self.by_id[aid], h, True))
        if behind and len(found) == 1 and found[0].actor is None and tok.pos_ == "NOUN":
            # "the decision of President X", "Russia's actions": the actor behind an act
            for inner in actors_behind(tok):
                if inner.pos_ == "PRON" and tok.lemma_.lower() in PARTY_NOUNS:
                    continue  # "its partners" are others than "it"
                side = self.resolve(parse, sent, inner)
                if side.actor is not None:
                    return [side]
        return found

    def _pair(self, parse: Parse, sent: int, tok: Token) -> list[Side]:
        """"the two leaders", "both sides": the two distinct people (or states) named last
        before the phrase; [] when the phrase is not such a reference or two are not found."""
        if not _pair_phrase(tok):
            return []
        start = tok_span(self.doc, parse, tok).start
        persons = tok.lemma_.lower() in PAIR_PERSON_NOUNS

        def keep(a: Actor) -> bool:
            if persons:
                return a.kind == "person" and known(a)
            return is_state_or_org(a) and a.kind != "person"

        mentioned = sorted(
            ((m.start, actor) for actor in self.doc.record.actors if keep(actor)
             for m in actor.mentions if m.end <= start),
            key=lambda x: -x[0],
        )
        found: list[Actor] = []
        seen: set[str] = set()
        for _, a in mentioned:
            country = a.country or a.code or ""
            if a.id in {f.id for f in found} or country in seen:
                continue
            found.append(a)
            seen.add(country)
            if len(found) == 2:
                break
        if len(found) < 2:
            return []
        # in the order the story introduced them ("Fidan and Cameron")
        found.sort(key=lambda a: min((m.start for m in a.mentions), default=0))
        return [Side(a, tok, False) for a in found]

    def sources(self, parse: Parse, sent: int, clause: Clause) -> list[Side]:
        """The clause's known sources."""
        return [s for s in self.sides(parse, sent, clause.source) if known(s.actor)]

    def targets(
        self, parse: Parse, sent: int, clause: Clause, own: frozenset[str] = frozenset()
    ) -> list[Side] | None:
        """The first target candidate that names known actors; [] when none does,
        None when a candidate names an actor that cannot be coded. ``own``: the codes of
        the clause's sources, whose own stance ("*our* assessment of …") is not a target."""
        # a consultation's object is its topic ("discussed the Syria crisis"), not a target
        behind = not clause.pattern.code.startswith("04")
        # "put *the country's forces* on alert along the border with X": a candidate that
        # is the source itself is kept only if no other candidate names a party
        itself: list[Side] | None = None
        for cand in clause.targets:
            if cand.lemma_.lower() in SETTING_NOUNS:
                continue  # "met *on the sidelines* of a summit": where, not with whom
            if cand.i in clause.weak:
                # the pattern's own object word: a target only when it is itself a placed
                # actor ("expelled the *French ambassador*") or names one ("X's membership",
                # "our assessment of the decision *of X*")
                for inner in _behind_twice(cand):
                    found = self.sides(parse, sent, inner)
                    if (
                        found
                        and all(t.actor is not None and is_state_or_org(t.actor) for t in found)
                        and not all(t.actor is not None and t.actor.code in own for t in found)
                    ):
                        return found
                author = self._act_author(cand)
                if author is not None:
                    return [Side(author, cand, False)]
                continue
            # "NATO allies", "its Gulf partners": a party noun is named by its modifier
            party = cand.lemma_.lower() in PARTY_NOUNS
            found = self.sides(parse, sent, cand, behind=behind or party)
            placed = [t for t in found if known(t.actor) and not _pronoun_owned_role(t)]
            if placed and len(placed) == len(found):
                if all(_stands_for_source(t, own) for t in placed):
                    # "offered *his* vision …", "allow observers into *the country*": the
                    # source's own, not a party
                    continue
                if all(t.actor is not None and t.actor.code in own for t in placed):
                    itself = itself or placed
                    continue
                return placed
            author = self._act_author(cand) if cand.pos_ == "NOUN" else None
            if author is not None:
                return [Side(author, cand, False)]
            if _names_actor(cand):
                return itself
        return itself or []


def is_place_noun(tok: Token) -> bool:
    """"several northern *areas*", "the *village*": a place or property, never an actor."""
    return tok.pos_ == "NOUN" and (
        tok.lower_ in place_nouns() or tok.lemma_.lower() in place_nouns()
    )


def _pair_phrase(tok: Token) -> bool:
    """"the two leaders", "both ministers", "the two sides" (no "of" phrase naming them)."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in PAIR_PERSON_NOUNS | PAIR_STATE_NOUNS:
        return False
    kids = list(tok.children)
    if any(c.dep_ == "prep" or c.dep_ == "poss" for c in kids):
        return False
    two = any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet")
              for c in kids)
    return two


def _stands_for_source(side: Side, own: frozenset[str]) -> bool:
    """A possessive pronoun ("*his* vision") or "the country" that stands for the
    clause's own source."""
    tok = side.token
    return (
        tok is not None
        and ((tok.dep_ == "poss" and tok.pos_ == "PRON") or _is_country_anaphor(tok))
        and side.actor is not None
        and side.actor.code in own
    )


def _pronoun_owned_role(side: Side) -> bool:
    """"its armed forces", "their troops": a role the subject owns is not a target."""
    actor, tok = side.actor, side.token
    if actor is None or tok is None or not (actor.code or "").startswith("---"):
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for q in quotes:
        if q.start <= start and end <= q.end:
            return q
    return None


def _attribution_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote whose speaker mention is this span ("…, he said")."""
    for q in quotes:
        sm = q.speaker_mention
        if sm is not None and overlaps(sm.start, sm.end, start, end):
            return q
    return None


def _is_country(actor: Actor) -> bool:
    return bool(actor.country) and actor.code == actor.country and is_state(actor.country)


def _names_actor(tok: Token) -> bool:
    """Whether a target head looks like a named or role actor we failed to code."""
    if is_place(tok):
        return False  # "near Mosul": where, not whom
    if tok.lemma_.lower() in PARTY_NOUNS:
        return True  # "its smaller neighbour", "its partners": someone, but unknown
    if tok.ent_type_ in ("PERSON", "GPE", "NORP", "ORG"):
        return True
    if tok.pos_ == "PRON" and tok.lower_ not in NON_PARTY_PRONOUNS:
        return True
    return lookup_actor(tok.text) is not None


def _conjuncts(tok: Token) -> list[Token]:
    """Phrases joined to ``tok`` by "and"/commas ("Russia, Germany and France")."""
    out: list[Token] = []
    todo = [c for c in tok.children if c.dep_ == "conj"]
    while todo and len(out) < MAX_JOINED:
        c = todo.pop(0)
        out.append(c)
        todo.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out


def _is_body_anaphor(tok: Token) -> bool:
    """"the bloc", "the alliance": a definite, unmodified mention of an organisation."""
    if tok.lemma_.lower() not in BODY_ANAPHORS:
        return False
    kids = list(tok.children)
    # "the *continental* bloc": a lower-case adjective describes it, not another body
    return any(c.lower_ == "the" for c in kids) and all(
        c.dep_ in ("det", "case") or (c.dep_ == "amod" and c.text.islower()) for c in kids
    )


def _is_organisation(actor: Actor) -> bool:
    """An international organisation (its country field is its own code: EUR, NAT)."""
    return (
        actor.kind == "organisation"
        and bool(actor.country)
        and not is_state(actor.country)
        and actor.code == actor.country
    )


def _is_country_anaphor(tok: Token) -> bool:
    """"the country", "the nation": a definite, unmodified mention of a state."""
    if tok.lemma_.lower() not in COUNTRY_ANAPHORS or tok.tag_ != "NN":
        return False
    kids = list(tok.children)
    return any(c.lower_ == "the" for c in kids) and all(c.dep_ in ("det", "case") for c in kids)


def _official(actor: Actor) -> bool:
    """One office holder named by the office ("the French foreign minister"), not a body
    or a plural ("the ministers")."""
    if actor.kind != "organisation" or not actor.name:
        return False
    last = actor.name.lower().split()[-1]
    return last in person_roles() and (actor.role or "").lower() in person_roles()


def _pronoun_fits(pronoun: str, actor: Actor) -> bool:
    """"he"/"she" for people and officials, "it" for states and bodies, "they" for any."""
    if pronoun in THIRD_PERSON:
        return actor.kind not in ("country", "group")
    if pronoun in NEUTER_PRONOUNS:
        return actor.kind != "person"
    return pronoun in PLURAL_PRONOUNS


def _reporter(tok: Token) -> Token | None:
    """The subject of the verb that reports the clause ``tok`` is subject of
    ("X said *it* would …", "X says *he* is hopeful")."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    for _ in range(2):
        if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head is verb:
            return None
        verb = verb.head
        for c in verb.children:
            if c.dep_ == "nsubj" and c.pos_ != "PRON":
                return c
    return None


def home_actor(doc: Document) -> Actor | None:
    """The story's home country as an actor: its country actor, or (when the story names
    it only as a place) an actor with no id and no mentions."""
    home = doc.home_country
    if not home:
        return None
    for a in doc.record.actors:
        if a.kind == "country" and a.code == home:
            return a
    return country_actor(home)


def _in_role(side: Side, role: Actor) -> Side:
    """A country joined into a role phrase takes the phrase's role ("the presidents of
    Kenya and Uganda": UGAGOV)."""
    actor = side.actor
    code, country = role.code or "", role.country or ""
    sector = code[len(country) :] if country and code.startswith(country) else ""
    if actor is None or actor.kind != "country" or not sector or not is_state(actor.country):
        return side
    return Side(_placed(actor, actor.country or "", sector, role.role), side.token, side.direct)


def _placed(actor: Actor, country: str, sector: str, role: str | None = None) -> Actor:
    """A copy of ``actor`` (same id and mentions) coded as ``country`` + ``sector``, for
    one event's side only: the record's actor is left as the text codes it."""
    return Actor(
        actor.id, actor.name, actor.kind, country + sector, country,
        role or actor.role, actor.mentions,
    )


def _participle_antecedents(tok: Token) -> list[Token]:
    """"commented on *the British deployment*, calling *it* a provocation": what "it" in a
    participle clause stands for, the objects of the verb the clause hangs on (the topic
    of a stance noun first: "gave his view on *the decision*, calling it hasty")."""
    verb = tok.head
    if tok.dep_ == "nsubj" and verb.pos_ in ("ADJ", "NOUN"):
        verb = verb.head  # "calling [it hasty]": the small clause's subject
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head is verb:
        return []
    main = verb.head
    out = _topics(main)
    for obj in (c for c in main.children if c.dep_ in ("dobj", "obj")):
        out += [*_topics(obj), obj]
    return [o for o in out if o.i != tok.i]


def _topics(tok: Token) -> list[Token]:
    """Objects of the topic prepositions on ``tok`` ("commented *on* X", "view *of* X")."""
    return [
        o
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ in TOPIC_PREPS
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _behind_twice(tok: Token) -> list[Token]:
    """``tok``, who stands behind it, and who stands behind an act noun there ("the
    assessment of *the decision* of *X*")."""
    first = actors_behind(tok)
    # "the view *that the Greek decision was illegal*": what the stance is about
    first += [
        k
        for c in tok.children
        if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
        for k in c.children
        if k.dep_ in ("nsubj", "nsubjpass")
    ]
    out = [tok, *first]
    for inner in first:
        if inner.pos_ == "NOUN":
            out.extend(t for t in actors_behind(inner) if t not in out)
    return out


def actors_behind(tok: Token) -> list[Token]:
    """Who stands behind an act noun, most likely first: its possessor ("X's move"), a
    named compound or adjective ("Syria peace talks", "a British tanker"), an
    "of/by/with…" phrase ("the decision of X", "talks with X"), any other compound
    ("rebel positions")."""
    out = [c for c in tok.children if c.dep_ == "poss"]
    out += [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "ORG", "NORP")
    ]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ACT_PARTY_PREPS:
            out += [o for o in c.children if o.dep_ == "pobj" and o.pos_ in ("PROPN", "NOUN")]
    # "the talks *proposed by X*", "abuses *committed by X*"
    out += [
        o
        for c in tok.children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for a in c.children
        if a.dep_ == "agent"
        for o in a.children
        if o.dep_ == "pobj"
    ]
    out += [c for c in tok.children if c.dep_ == "compound" and c not in out]
    return out
