"""Named people and organisations from the parsed sentences, with role and country.

"Russian foreign Minister Sergey Lavrov" gives the person "Sergey Lavrov" with
role "foreign minister" and country RUS: the words just before a PERSON
entity that are titles, roles or country words describe that person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.quotes.actors import ActorInfo, ActorTable, name_key
from dateline.quotes.lexicon import Lexicon, country_code, lexicon
from dateline.quotes.textview import TextView

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_TOKEN = re.compile(r"^[A-Z][\w.’'-]*$")


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text).strip()


def _person_name(ent: SpacySpan, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the bare name inside a PERSON entity (titles and 's cut)."""
    i, j = ent.start, ent.end
    doc = ent.doc
    while i < j and (
        doc[i].lower_.rstrip(".") in lex.honorifics
        or doc[i].lower_ in lex.title_words
        or doc[i].lower_ in lex.role_words()
        # "Ukraine Dmytro Kovalenko": a country word the tagger took into the name
        or (j - i > 2 and country_code(doc[i].text) is not None)
    ):
        i += 1
    while j > i and (doc[j - 1].text in ("'s", "’s", "'", "’") or doc[j - 1].is_punct):
        j -= 1
    if i >= j or not any(doc[k].text[:1].isupper() for k in range(i, j)):
        return None
    return i, j


def describe_left(tok: Token, lex: Lexicon) -> tuple[str | None, str | None, str | None, int]:
    """Role, country and gender given by the words just left of token ``tok``.

    Returns (role, country, gender, index of the first describing token).
    """
    doc = tok.doc
    roles: list[str] = []
    country: str | None = None
    gender: str | None = None
    first = tok.i
    k = tok.i - 1
    role_words = lex.role_words()
    while k >= 0 and tok.i - k <= 8:
        t = doc[k]
        low = t.lower_
        if t.text in ("'s", "’s") and k > 0:
            c = country_code(doc[k - 1].text)
            if c:
                country = country or c
                first = k - 1
                k -= 2
                continue
            break
        if low.rstrip(".") in lex.honorifics:
            gender = gender or lex.honorifics[low.rstrip(".")]
            first = k
            k -= 1
            continue
        c = country_code(t.text) if t.ent_type_ in ("NORP", "GPE") or t.text[:1].isupper() else None
        if c and low not in role_words:
            country = country or c
            first = k
            k -= 1
            continue
        if low in role_words or low in lex.title_words:
            if low not in ("the", "and") or roles:
                roles.insert(0, low)
            first = k
            k -= 1
            continue
        if t.ent_type_ == "ORG" and t.text[:1].isupper():
            # "State Department spokesman": the organisation is part of the title.
            roles.insert(0, low)
            first = k
            k -= 1
            continue
        break
    while roles and roles[0] in ("the", "of", "and", "for"):
        roles.pop(0)
    while roles and roles[-1] in ("the", "of", "and", "for"):
        roles.pop()
    role = " ".join(roles) if any(r in role_words for r in roles) else None
    for r in roles:
        gender = gender or lex.gendered_roles.get(r)
    return role, country, gender, first


def _role_nouns(role: str, lex: Lexicon) -> set[str]:
    """Role nouns within a role title: "foreign minister" -> {"foreign minister", "minister"}."""
    out = {r for r in lex.person_roles if re.search(rf"\b{re.escape(r)}\b", role)}
    # a vice president is not "the president", nor a deputy minister "the minister"
    qualifier = r"\b(?:vice|deputy|former|ex|assistant)\b"
    if re.search(qualifier, role):
        out = {r for r in out if re.search(rf"{qualifier}.*\b{re.escape(r)}\b", role) is None}
        out.add(role)
    return out


def apply_description(actor: ActorInfo, role: str | None, country: str | None,
                      gender: str | None, lex: Lexicon) -> None:
    if role:
        if actor.role is None or len(role) > len(actor.role):
            actor.role = role
        actor.roles |= _role_nouns(role, lex)
    if country and actor.country is None:
        actor.country = country
    if gender and actor.gender is None:
        actor.gender = gender


def org_heads(text: str, lex: Lexicon) -> set[str]:
    low = text.lower()
    return {h for h in lex.organisation_heads if re.search(rf"\b{re.escape(h)}\b", low)}


def collect_entities(view: TextView, table: ActorTable) -> list[tuple[int, SpacySpan]]:
    """Add the PERSON entities of every parsed sentence to ``table``; return the ORG
    entities (with their sentence's clean base) for ``add_organisations``, which runs
    once every person is known (NER tags some surnames as organisations)."""
    lex = lexicon()
    orgs: list[tuple[int, SpacySpan]] = []
    for i in sorted(view.doc.parses):
        parse = view.doc.parses[i]
        for ent in parse.doc.ents:
            if ent.label_ == "PERSON":
                rng = _person_name(ent, lex)
                if rng is None:
                    continue
                a, b = rng
                span = parse.doc[a:b]
                name = strip_possessive(span.text)
                if not name or not _NAME_TOKEN.match(name.split()[-1]):
                    continue
                if country_code(name) is not None:
                    continue  # a place the tagger took for a person
                start = parse.base + span.start_char
                if b < len(parse.doc) and parse.doc[b].lower_ in lex.organisation_heads:
                    continue  # "Labour Party": a name inside an organisation's name
                actor = table.add_person(name, start, start + len(name))
                if span.root.dep_ in ("nsubj", "nsubjpass"):
                    table.subjects.add((start, start + len(name)))
                role, country, gender, _ = describe_left(parse.doc[a], lex)
                apply_description(actor, role, country, gender, lex)
            elif ent.label_ == "ORG":
                orgs.append((parse.base, ent))
    return orgs


def add_organisations(orgs: list[tuple[int, SpacySpan]], table: ActorTable) -> None:
    lex = lexicon()
    for base, ent in orgs:
        _add_org(base, ent, table, lex)


def _add_org(base: int, ent: SpacySpan, table: ActorTable, lex: Lexicon) -> None:
    toks = list(ent)
    while toks and toks[0].lower_ == "the":
        toks = toks[1:]
    if not toks:
        return
    text = strip_possessive(ent.doc[toks[0].i : toks[-1].i + 1].text)
    if not text:
        return
    start = base + toks[0].idx
    person = table.find_person(text) if len(text.split()) == 1 else None
    if person is None:
        overlap = table.actor_at(start, start + len(text))
        if overlap is not None and overlap.kind == "person":
            person = overlap  # "Spokeswoman Marie Harf" tagged as an organisation
    if person is not None:
        # NER sometimes tags a known (sur)name as an organisation
        person.add_mention(start, start + len(text))
        return
    actor = table.add_organisation(text, start, start + len(text), org_heads(text, lex))
    _, country, _, _ = describe_left(toks[0], lex)
    country = country or country_code(text)
    if country is None:
        for w in text.split():
            country = country_code(w)
            if country:
                break
    if country and actor.country is None:
        actor.country = country


def match_known_names(view: TextView, table: ActorTable) -> None:
    """Find known people's names (full name, surname) in every sentence, parsed or not."""
    forms: dict[str, ActorInfo | None] = {}
    for actor in [a for a in table.actors if a.kind == "person"]:
        words = actor.name.split()
        mine = {actor.name}
        last = words[-1]
        if len(words) > 1 and len(name_key(last)) >= 3:
            mine.add(last)
            bare = re.sub(r"^(?:al|el)-", "", last)
            if bare != last and len(bare) >= 3:
                mine.add(bare)
        for form in mine:
            # a surname shared by two people names neither of them
            forms[form] = actor if forms.get(form, actor) is actor else None
    usable = sorted((f for f, a in forms.items() if a is not None), key=len, reverse=True)
    if not usable:
        return
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(f) for f in usable)})(?![\w-])")
    for m in pattern.finditer(view.text):
        s, e = m.start(), m.end()
        actor = forms[m.group(0)]
        if actor is None or table.actor_at(s, e) is not None:
            continue  # already a mention, of this actor or another
        actor.add_mention(s, e)
        if _opens_sentence(view, s, e):
            table.subjects.add((s, e))


@lru_cache(maxsize=1)
def _titled_name_pattern() -> re.Pattern[str]:
    """A role title followed by a capitalised name: "Foreign Minister Tomas Berg"."""
    lex = lexicon()
    # "of"/"for" end titles like "the Minister of foreign Affairs of Ukraine Dmytro Kovalenko"
    words = lex.role_words() | lex.name_introducers | {"of", "for"}
    roles = "|".join(re.escape(r) for r in sorted(words, key=len, reverse=True))
    name = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
    particle = r"(?:al-|el-|bin\s+|da\s+|de\s+|van\s+|von\s+)?"
    return re.compile(
        rf"\b(?P<title>(?i:{roles}))\.?\s+(?P<name>{particle}{name}(?:\s+{particle}{name}){{0,2}})"
        r"(?![\w’'-])"
    )


def match_titled_names(view: TextView, table: ActorTable) -> None:
    """People introduced with a title in sentences that were not parsed."""
    lex = lexicon()
    text = view.text
    for m in _titled_name_pattern().finditer(text):
        words = m.group("name").split()
        # the title may go on ("Finance Minister"); the name stops before the next title word
        lead = 0
        keep: list[str] = []
        for w in words:
            low = w.lower()
            titled = low in lex.title_words or low in lex.role_words() or (
                low in lex.organisation_heads or country_code(w) is not None
            )
            if titled and not keep:
                lead += len(w) + 1
                continue
            if titled:
                break
            keep.append(w)
        if not keep or (m.group("title").lower() in ("of", "for") and len(keep) < 2):
            continue  # "College of Nursing" names no one
        name = strip_possessive(" ".join(keep))
        start = m.start("name") + lead
        if text[start : start + len(name)] != name:
            continue
        end = start + len(name)
        if table.actor_at(start, end) is not None:
            continue
        actor = table.add_person(name, start, end)
        if _opens_sentence(view, start, end):
            table.subjects.add((start, end))
        role, country, gender = describe_text_left(text, start, lex)
        apply_description(actor, role, country, gender, lex)


_SENTENCE_LEAD = re.compile(r"(?:(?:[A-Z][\w.’'-]*|of|the|for|and)\s+)*")


def _opens_sentence(view: TextView, start: int, end: int) -> bool:
    """A name that opens its sentence (after its title) and is followed by a lower-case
    word: most likely the subject ("Foreign Minister Anna Ivanova said ...")."""
    si = view.sentence_at(start)
    if si is None:
        return False
    lead = view.text[view.sentences[si][0] : start]
    if _SENTENCE_LEAD.fullmatch(lead) is None:
        return False
    nxt = re.match(r"[\s,]+(?:also\s+)?([a-z]\w*)", view.text[end : end + 40])
    return nxt is not None


def describe_text_left(text: str, pos: int, lex: Lexicon) -> tuple[str | None, str | None,
                                                                     str | None]:
    """Role, country and gender from the words just before ``pos`` (no parse needed)."""
    words = re.findall(r"[\w.’'-]+", text[max(0, pos - 80) : pos])
    roles: list[str] = []
    country: str | None = None
    gender: str | None = None
    role_words = lex.role_words()
    for w in reversed(words[-7:]):
        low = w.lower()
        bare = re.sub(r"(?:’s|'s)$", "", w)
        if low.rstrip(".") in lex.honorifics:
            gender = gender or lex.honorifics[low.rstrip(".")]
            continue
        if low in role_words or low in lex.title_words:
            roles.insert(0, low)
            continue
        c = country_code(bare) if bare[:1].isupper() else None
        if c:
            country = country or c
            continue
        break
    while roles and roles[0] in ("the", "of", "and", "for"):
        roles.pop(0)
    role = " ".join(roles) if any(r in role_words for r in roles) else None
    for r in roles:
        gender = gender or lex.gendered_roles.get(r)
    return role, country, gender
