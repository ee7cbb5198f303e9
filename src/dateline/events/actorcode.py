"""Coding noun phrases of a parse as CAMEO-style actors.

An actor phrase has a head that is itself an actor word (a country, capital,
institution, organisation, group, person, or a role word such as "minister",
"forces", "rebels"); its modifiers ("Russian", "foreign", "Turkish
security", "of Burkina Faso", "Russia's") add the country and the sector.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dateline import rules
from dateline.codes import ActorCode, act_heads, body_heads, weak_role_words
from dateline.events.lexicon import lookup_actor
from dateline.events.location import place_country

#: Dependency labels of modifiers that belong to the head's phrase.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
#: Entity types whose text may name an actor.
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
#: Heads that never name an actor, even when a modifier is one ("the Russian position").
PERSON_ENT = "PERSON"
#: Key of the token → entity map cached in a parse's ``user_data``.
_ENT_INDEX = "dateline.entity_index"
#: The country part of a role-only code ("---GOV": a government, country unknown).
NO_COUNTRY = "---"


@dataclass(slots=True)
class PhraseCode:
    """The coding of one actor phrase in a parse (token indices into the sentence doc)."""

    head: int
    start: int  # first token of the mention
    end: int  # one past the last token
    code: str | None
    country: str | None
    sector: str | None
    kind: str  # person | country | organisation | group
    name: str
    role: str | None = None


def entity_of(tok: Token) -> SpacySpan | None:
    """The named entity ``tok`` belongs to, if of an actor-like type."""
    if not tok.ent_type_ or tok.ent_type_ not in ACTOR_ENTS:
        return None
    doc = tok.doc
    index = doc.user_data.get(_ENT_INDEX)
    if index is None:  # token → entity, built once per parse
        index = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        doc.user_data[_ENT_INDEX] = index
    return index.get(tok.i)

#: Articles dropped before a phrase is coded, tried in turn (with their space).
_ARTICLES = tuple(f"{w} " for w in rules.ordered(rules.EVENTS, "articles"))
#: "leaders *of* Burkina Faso": the phrase after a role head that names its country.
ROLE_OF_PREPS = rules.words(rules.EVENTS, "role_of_preps")


def _strip_det(text: str) -> str:
    low = text.lower()
    for det in _ARTICLES:
        if low.startswith(det):
            return text[len(det) :]
    return text


def _own(tok: Token) -> tuple[ActorCode | None, SpacySpan | None]:
    """What the head token names on its own (its entity's text, else its word)."""
    ent = entity_of(tok)
    if ent is not None:
        if ent.label_ == PERSON_ENT:
            # "Jordan", "Boko Haram": a country or body the tagger took for a person
            hit = lookup_actor(ent.text)
            if hit is not None and hit.kind != "role" and hit.matched == (ent.text,):
                return hit, None
            return None, ent
        text = _strip_det(ent.text)
        hit = lookup_actor(text)
        if hit is None and text.endswith(("'s", "’s")):
            hit = lookup_actor(text[:-2])
        if hit is not None and not _names_whole(hit, ent):
            return None, ent  # "The Washington Post": a place inside a proper name
        return hit, ent
    # A name written as compounds ("Human Rights Watch"), a role with its "of" phrase
    # ("secretary of state"), then two-word roles ("security forces", "foreign ministry").
    for text in _longer_forms(tok):
        hit = lookup_actor(text)
        if hit is not None and tok.text in " ".join(hit.matched).split():
            return hit, None
    for left in tok.lefts:
        if left.dep_ in ("compound", "amod") and left.i == tok.i - 1:
            hit = lookup_actor(f"{left.text} {tok.text}")
            # the pair must be one term ("security forces"), not a name plus any noun
            if hit is not None and tok.text in " ".join(hit.matched).split():
                return hit, None
            # a generic body named by its role word ("a *militant* group")
            role = lookup_actor(left.text) if tok.lemma_.lower() in body_heads() else None
            if role is not None and role.kind == "role" and role.role:
                return role, None
        if left.dep_ in ("compound", "nmod") and tok.lemma_.lower() in body_heads():
            # "a *United Nations* commission": a body of the organisation
            ent = entity_of(left)
            org = lookup_actor(ent.text if ent is not None else left.text)
            if org is not None and org.kind == "organisation" and org.placed_code:
                return org, None
    hit = lookup_actor(tok.text) or (
        lookup_actor(tok.lemma_) if tok.lemma_.lower() != tok.text.lower() else None
    )
    return hit, None


PLACE_PREPS = rules.words(rules.EVENTS, "actor_place_preps")


def is_place(head: Token) -> bool:
    """A place named as the object of a locative preposition ("in Vienna")."""
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in PLACE_PREPS
        and head.ent_type_ in ("GPE", "LOC", "FAC")
    )


def _names_whole(hit: ActorCode, ent: SpacySpan) -> bool:
    """Whether a dictionary hit names the entity, not just a word inside its name: the
    entity's head word is matched, or is a common noun ("Kremlin press service")."""
    root = ent.root
    if ent.label_ not in ("ORG", "FAC") or not hit.matched:
        return True
    matched = " ".join(hit.matched).lower().split()
    return root.lower_ in matched or not root.text[:1].isupper()


def _appos_person(head: Token) -> SpacySpan | None:
    """A named person in apposition to a role head ("counterpart *David Cameron*")."""
    for c in head.children:
        if c.dep_ in ("appos", "compound") and c.ent_type_ == PERSON_ENT:
            ent = entity_of(c)
            if ent is not None and ent.root.i == c.i:
                return ent
    return None


def _longer_forms(tok: Token) -> list[str]:
    """Multi-word forms headed by ``tok``: its compound chain and "X of Y" (lower-cased Y)."""
    out: list[str] = []
    lefts = [t for t in tok.subtree if t.i < tok.i and t.dep_ == "compound"]
    if lefts and all(t.i >= lefts[0].i for t in lefts):
        start = min(t.i for t in lefts)
        if all(tok.doc[i].dep_ == "compound" for i in range(start, tok.i)):
            out.append(tok.doc[start : tok.i + 1].text)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs and objs[0].i == c.i + 1:
                out.append(f"{tok.text} of {objs[0].text}")
    return out


def _weak_role(tok: Token) -> bool:
    """A role word that decides only when nothing stronger is said ("spokesman")."""
    return tok.lower_ in weak_role_words() or tok.lemma_.lower() in weak_role_words()


def _left_modifiers(head: Token) -> list[Token]:
    """The words before a head that modify it ("Pakistan's *army* spokesman")."""
    return [
        t
        for c in head.lefts
        if c.dep_ in ("compound", "amod", "nmod", "poss")
        for t in c.subtree
    ]


def joined_variants(doc: Doc | SpacySpan, pc: PhraseCode) -> list[PhraseCode]:
    """The other parties of a phrase whose country adjectives are joined ("the French *and
    Indian* navies", "Russian *and American* military"): one coding per further country,
    same span and role."""
    if pc.kind == "person" or not pc.country or not pc.sector:
        return []
    head = doc.doc[pc.head]
    out: list[PhraseCode] = []
    seen = {pc.country}
    # "the *French and Indian* navies", "the heads of *Russian and Ukrainian* administrations"
    holders = [head, *(o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj")]
    for adj in (c for h in holders for c in h.children if c.dep_ in ("amod", "compound", "nmod")):
        for other in (c for c in adj.subtree if c.dep_ == "conj" and c.head.i != head.i):
            hit = lookup_actor(other.text)
            if hit is None or hit.kind != "country" or not hit.country or hit.country in seen:
                continue
            seen.add(hit.country)
            out.append(
                PhraseCode(
                    head=pc.head,
                    start=pc.start,
                    end=pc.end,
                    code=hit.country + pc.sector,
                    country=hit.country,
                    sector=pc.sector,
                    kind=pc.kind,
                    name=f"{other.text} {head.text}",
                    role=pc.role,
                )
            )
    return out


def _deed_author(adj: Token) -> bool:
    """A country adjective on a noun of a state's deed names who acted ("the *Israeli*
    strike", "the *Russian* decision"); on other nouns ("Russian territory") nobody."""
    if adj.dep_ != "amod" or not {adj.head.lower_, adj.head.lemma_.lower()} & act_heads():
        return False
    hit = lookup_actor(adj.text)
    return hit is not None and hit.kind == "country" and bool(hit.country)


def _own_subtree(tok: Token) -> list[Token]:
    """``tok`` and its dependents, without phrases joined to it ("X *and Russian leader Y*")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("conj", "cc"):
            out.extend(_own_subtree(c))
    return out


def _modifiers(head: Token) -> list[Token]:
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS or child.dep_ == "appos":
            out.extend(_own_subtree(child))
    return out


def _of_phrase(head: Token) -> list[Token]:
    """Tokens of an "of/from X" phrase after a role head ("leaders of Burkina Faso")."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ROLE_OF_PREPS:
            return list(child.subtree)
    return []


def _scan(tokens: list[Token]) -> tuple[str | None, str | None, str | None, str | None]:
    """Country, sector, the first role word and an organisation's own code among modifiers."""
    country = sector = role = org = None
    seen: set[int] = set()
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.i in seen or tok.is_punct or tok.pos_ in ("DET", "ADP", "PART"):
            continue
        ent = entity_of(tok)
        texts: list[str] = []
        if ent is not None and ent.label_ != PERSON_ENT:
            seen.update(range(ent.start, ent.end))
            texts = [_strip_det(ent.text)]
            if texts[0].endswith(("'s", "’s")):
                texts.append(texts[0][:-2])
        else:
            texts = [tok.text, tok.lemma_]
        for text in texts:
            hit = lookup_actor(text)
            if hit is None and ent is not None and ent.label_ == "GPE":
                place = place_country(text)  # a city: "police in Lagos"
                hit = ActorCode(place, place, None, "country") if place else None
            if hit is None:
                continue
            if hit.country and not country:
                country = hit.country
                if hit.kind == "organisation" and hit.placed_code:
                    org = hit.placed_code
            if hit.role and not sector:
                sector = hit.role
                role = role or tok.lemma_.lower()
            break
    return country, sector, role, org


def _compose(country: str | None, sector: str | None, own: ActorCode | None) -> str | None:
    own_code = own.placed_code if own is not None else None  # "---GOV": the words place it
    if own is not None and own_code and (own.country or not country):
        if own.country and sector and not own.role and len(own_code) == 3:
            return own_code + sector
        return own_code
    if country and sector:
        return country + sector
    if country:
        return country
    return NO_COUNTRY + sector if sector else None


def _shared_country(head: Token) -> str | None:
    """A bare role noun joined to a placed one shares its country adjective ("the Syrian
    government and opposition" → the opposition is Syrian)."""
    if head.dep_ != "conj" or any(
        c.dep_ in ("amod", "compound", "poss", "nmod") or (c.dep_ == "det" and c.lower_ != "the")
        for c in head.children
    ):
        return None
    first = head.head
    return _scan([c for c in first.children if c.dep_ == "amod"])[0]


def code_phrase(head: Token) -> PhraseCode | None:
    """Code the actor phrase headed by ``head``; None when the head names no actor."""
    if head.pos_ not in ("NOUN", "PROPN", "ADJ") or (head.is_stop and head.pos_ != "PROPN"):
        return None
    if (
        head.pos_ == "ADJ"
        and head.dep_ in ("amod", "acomp", "advmod", "conj")
        and not _deed_author(head)
    ):
        return None  # "official mourning": an adjective names nobody
    own, ent = _own(head)
    if own is not None and ent is not None and is_place(head):
        return None  # "in Vienna", "at the White House": where, not who
    is_person = ent is not None and ent.label_ == PERSON_ENT
    if own is None and not is_person:
        return None
    mods = _modifiers(head)
    tokens = list(mods)
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and own is not None and own.role:
        # "*Ukrainian* army positions": the country word sits on the compound's head
        tokens += [
            c
            for c in head.head.children
            if c.dep_ in ("amod", "compound") and c.i < head.i and c not in tokens
        ]
    role_head = own is not None and own.role is not None and not own.country
    if role_head or is_person:
        of = _of_phrase(head)
        # only a phrase that places the actor belongs to it ("leaders of Burkina Faso",
        # not "the mayor of lying")
        if of and _scan(of)[0]:
            tokens += of
    if ent is not None:
        inside = set(range(ent.start, ent.end))
        tokens = [t for t in tokens if t.i not in inside]
    country, sector, role, org = _scan(tokens)
    if own is not None:
        country = own.country or country
        if _weak_role(head):
            # "an *army* spokesman" speaks for the army: a role in the words before it wins
            sector = _scan(_left_modifiers(head))[1] or own.role or sector
        else:
            sector = own.role or sector
        role = head.lemma_.lower() if own.role and not own.country else role
    if not country and sector:
        country = _shared_country(head)
    code = _compose(country, sector, own)
    if org and (own is None or not own.country):
        # an organisation's officials are coded as the organisation ("NATO's secretary-general")
        code = org
    if is_person:
        kind = "person"
    elif own is not None and own.kind in ("group", "militant", "armed_group"):
        kind = "group"
    elif own is not None and own.country and not own.role and len(own.placed_code or "") == 3:
        kind = "country"
    else:
        kind = "organisation"
    span_tokens = [head, *tokens]
    if ent is not None:
        span_tokens += list(ent)
    start = min(t.i for t in span_tokens)
    end = max(t.i for t in span_tokens) + 1
    doc = head.doc
    while start < end and (doc[start].is_punct or doc[start].dep_ == "case"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "case"):
        end -= 1
    named = _appos_person(head) if not is_person and own is not None and own.role else None
    if named is not None:
        # "his British counterpart David Cameron": the role phrase places the person
        is_person, kind, ent = True, "person", named
        head = named.root
    name = ent.text if is_person and ent is not None else _strip_det(doc[start:end].text)
    return PhraseCode(
        head=head.i,
        start=start,
        end=end,
        code=code or None,
        country=country,
        sector=sector,
        kind=kind,
        name=name,
        role=role,
    )


def phrase_heads(doc: Doc | SpacySpan) -> list[PhraseCode]:
    """Every top-level actor phrase of a parsed sentence, left to right.

    A coded phrase that only modifies another coded phrase ("Russian" in
    "Russian foreign Minister Sergey Lavrov") is part of it, not an actor of its own.
    """
    coded: dict[int, PhraseCode] = {}
    for tok in doc:
        ent = entity_of(tok)
        if ent is not None and tok.i != ent.root.i:
            continue
        pc = code_phrase(tok)
        if pc is not None:
            coded[tok.i] = pc
    out: list[PhraseCode] = []
    covered: set[int] = set()
    for i in sorted(coded, key=lambda i: -(coded[i].end - coded[i].start)):
        pc = coded[i]
        if i in covered:
            continue
        covered.update(range(pc.start, pc.end))
        out.append(pc)
    return sorted(out, key=lambda p: p.start)
