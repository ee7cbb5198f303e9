"""Named people and organisations from the parsed sentences, with role and country.

"Russian foreign Minister Sergey Lavrov" gives the person "Sergey Lavrov" with
role "foreign minister" and country RUS: the words just before a PERSON
entity that are titles, roles or country words describe that person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline import rules
from dateline.actors.names import name_key, particle_pattern, strip_particle
from dateline.actors.table import ActorInfo, ActorTable
from dateline.quotes.lexicon import Lexicon, country_code, lexicon
from dateline.quotes.textview import TextView

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_TOKEN = re.compile(r"^[A-Z][\w.’'-]*$")
#: Words that join the words of a role ("secretary *of* state"), never a role themselves.
_ROLE_JOINERS = rules.words(rules.QUOTES, "role_joiners")
#: Title words kept only inside a role, never at its start ("*the*", "*and*").
_ROLE_FILLERS = rules.words(rules.QUOTES, "role_fillers")
#: Prepositions of an office or institution ("Minister *of* Transport", "head *for* …").
_OFFICE_PREPS = rules.words(rules.QUOTES, "office_preps")


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
    if i == ent.start:
        # "President To Lam": capitalised words the tagger left out between a title
        # and the name belong to the name
        k = i
        while k > 0 and doc[k - 1].is_title and not doc[k - 1].is_sent_start and (
            doc[k - 1].lower_ not in lex.role_words() and doc[k - 1].lower_ not in lex.title_words
        ):
            k -= 1
        if k < i and k > 0 and i - k <= 2 and (
            doc[k - 1].lower_ in lex.role_words() or doc[k - 1].lower_.rstrip(".") in lex.honorifics
        ):
            i = k
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
        if t.text in ("-", "‐") and roles and k > 0 and doc[k - 1].lower_ in role_words:
            # "Secretary-General", tokenised in three: one role word
            roles[0] = f"{doc[k - 1].lower_}-{roles[0]}"
            first = k - 1
            k -= 2
            continue
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
            if low not in _ROLE_FILLERS or roles:
                roles.insert(0, low)
            first = k
            k -= 1
            continue
        if t.text[:1].isupper() and k > 0 and doc[k - 1].lower_ in _OFFICE_PREPS:
            # "Minister of Transport Oleg Lukin": the portfolio is part of the title
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
    while roles and roles[0] in _ROLE_JOINERS:
        roles.pop(0)
    while roles and roles[-1] in _ROLE_JOINERS:
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
    head_of = re.match(r"(\w+) (?:of|for) (.+)$", role)
    if head_of and head_of.group(1) in lex.head_words:
        # "head of the ministry of energy" is "the minister"
        for org, office in sorted(lex.head_of.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{re.escape(org)}\b", head_of.group(2)):
                out.add(office)
                break
    for r in list(out):
        for alias in lex.role_aliases.get(r, ()):
            out.add(alias)
            # "prime minister" is also "the minister"
            out |= {x for x in lex.person_roles - lex.head_words
                    if re.search(rf"\b{re.escape(x)}\b", alias)}
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
                if _not_a_person(span, lex):
                    continue
                actor = table.add_person(name, start, start + len(name))
                if span.root.dep_ in ("nsubj", "nsubjpass"):
                    table.subjects.add((start, start + len(name)))
                role, country, gender, _ = describe_left(parse.doc[a], lex)
                apply_description(actor, role, country, gender, lex)
                described = appositive_role(span.root, lex)
                if described is not None:
                    role, country, gender, subject = described
                    apply_description(actor, role, country, gender, lex)
                    if subject:
                        table.subjects.add((start, start + len(name)))
            elif ent.label_ == "ORG":
                orgs.append((parse.base, ent))
            elif ent.label_ == "GPE" and (gender := _person_by_pronoun(list(ent))):
                # "Kovalenkova stressed that her government …": a surname, not a place
                start = parse.base + ent.start_char
                _add_surname_person(table, ent.text, start, gender)
    return orgs


#: Prepositions whose object is a place rather than a person ("the ceremony in Dakar").
_PLACE_PREPS = rules.words(rules.QUOTES, "place_preps")
#: Heads of institution names that take "of" ("Institute of Water Resources").
_INSTITUTION_OF = rules.words(rules.QUOTES, "institution_of")


def _not_a_person(span: SpacySpan, lex: Lexicon) -> bool:
    """A PERSON entity that is really a place or part of an institution's name."""
    doc = span.doc
    root = span.root
    if all(t.pos_ == "PRON" or t.is_stop for t in span):
        return True  # "It accused him …": the tagger took a pronoun for a name
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS and not any(
        t.text in ("'s", "’s") for t in span
    ):
        return True
    i = span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].text[:1].isupper() and (
        doc[i - 2].lower_ in _INSTITUTION_OF or doc[i - 2].lower_ in lex.organisation_heads
    )


def appositive_role(root: Token, lex: Lexicon) -> tuple[str, str | None, str | None, bool] | None:
    """Role, country, gender and subjecthood that a role noun gives the name in apposition to it:
    "Its spokeswoman, Dewi Harahap, said" / "The head of the Water Institute, Le Minh, said"."""
    if root.dep_ != "appos":
        return None
    role_words = lex.role_words()
    head = root.head
    hops = 0
    # the parser may hang the name on the last noun of the description ("envoy for the
    # South Caucasus, Henrik Lindqvist")
    while head.lower_ not in role_words and head.dep_ in ("pobj", "prep") and hops < 4:
        head = head.head
        hops += 1
    if head.lower_ not in role_words or head.pos_ not in ("NOUN", "PROPN"):
        return None
    role, country, gender, _ = describe_left(head, lex)
    words = [w for w in (role or "").split() if w] + [head.lower_]
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ in _OFFICE_PREPS]
    if of:
        tail = [t.lower_ for t in of[0].subtree if t.i < root.i and not t.is_punct]
        words += tail
    for c in head.children:
        if c.dep_ == "poss" and country is None:
            country = country_code(c.text)
    gender = gender or lex.gendered_roles.get(head.lower_)
    subject = head.dep_ in ("nsubj", "nsubjpass")
    return " ".join(words), country, gender, subject


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
    heads = org_heads(text, lex)
    gender = None if heads else _person_by_pronoun(toks)
    if gender is not None:
        _add_surname_person(table, text, start, gender)
        return
    actor = table.add_organisation(text, start, start + len(text), heads)
    _, country, _, _ = describe_left(toks[0], lex)
    country = country or country_code(text)
    if country is None:
        for w in text.split():
            country = country_code(w)
            if country:
                break
    if country and actor.country is None:
        actor.country = country


#: Personal pronouns: number and gender (coreference resolves speakers through them).
PRONOUNS: dict[str, tuple[str, str | None]] = {
    # pronoun -> (number, gender)
    "he": ("sg", "male"),
    "him": ("sg", "male"),
    "his": ("sg", "male"),
    "she": ("sg", "female"),
    "her": ("sg", "female"),
    "they": ("pl", None),
    "them": ("pl", None),
    "their": ("pl", None),
    "it": ("org", None),
    "its": ("org", None),
}
#: Possessive and subject pronouns that show their antecedent is a person, by gender.
_PERSONAL = {p: PRONOUNS[p][1] for p in ("her", "she", "his", "he")}


def _add_surname_person(table: ActorTable, name: str, start: int, gender: str) -> None:
    person = table.add_person(name, start, start + len(name))
    person.gender = person.gender or gender
    table.subjects.add((start, start + len(name)))


def _person_by_pronoun(toks: list[Token]) -> str | None:
    """The gender of a one-word ORG or GPE entity that is really a surname: in title case
    (not an acronym), not a country, the subject of a verb whose own clause refers to it
    as "her" or "his" ("Zakharova expressed that her country …"); else None."""
    if len(toks) != 1:
        return None
    tok = toks[0]
    if not (tok.is_title and len(tok.text) >= 4) or country_code(tok.text) is not None:
        return None
    if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
        return None
    found = {_PERSONAL[t.lower_] for t in tok.head.subtree if t.lower_ in _PERSONAL}
    return found.pop() if len(found) == 1 else None


def match_known_names(view: TextView, table: ActorTable) -> None:
    """Find known people's names (full name, surname) in every sentence, parsed or not."""
    forms: dict[str, ActorInfo | None] = {}
    for actor in [a for a in table.actors if a.kind == "person"]:
        words = actor.name.split()
        mine = {actor.name}
        last = words[-1]
        if len(words) > 1 and len(name_key(last)) >= 3:
            mine.add(last)
            bare = strip_particle(last)
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
        owner = forms[m.group(0)]
        if owner is None or table.actor_at(s, e) is not None:
            continue  # already a mention, of this actor or another
        owner.add_mention(s, e)
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
    particle = rf"{particle_pattern()}?"
    return re.compile(
        rf"\b(?P<title>(?i:{roles}))\.?\s+(?P<name>{particle}{name}(?:\s+{particle}{name}){{0,3}})"
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
        if not keep or (m.group("title").lower() in _OFFICE_PREPS and len(keep) < 2):
            continue  # "College of Nursing" names no one
        if keep[0].lower() in _NOT_A_NAME or "." in text[m.end("title") : m.start("name")]:
            continue  # "… the interior minister. *It* accused him": a new sentence
        before = re.findall(r"[\w’'-]+", text[max(0, m.start() - 40) : m.start("title")])
        if m.group("title").lower() in _OFFICE_PREPS and before and before[-1][:1].isupper() and (
            before[-1].lower() in _INSTITUTION_OF or before[-1].lower() in lex.organisation_heads
        ):
            continue  # "Institute of Water Resources" names an institution
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


#: Capitalised words after a title that start a sentence, not a name.
_NOT_A_NAME = rules.words(rules.QUOTES, "not_a_name")
#: Words that show a sentence opens with something other than a group's name
#: ("Protests by residents continued").
_NOT_IN_GROUP_NAME = rules.words(rules.QUOTES, "not_in_group_name")


@lru_cache(maxsize=1)
def _group_subject_pattern() -> re.Pattern[str]:
    """A sentence opening with a group of people: "Malaysian environment officials welcomed"."""
    groups = "|".join(re.escape(g) for g in sorted(lexicon().group_nouns, key=len, reverse=True))
    return re.compile(
        rf"(?:The\s+)?(?P<group>(?:[\w.’'-]+\s+){{0,3}}?(?i:{groups}))"
        r"(?:\s+(?:also|have|had|were|are|on\s+\w+day))?\s+(?P<verb>[a-z]\w+)"
    )


def match_group_subjects(view: TextView, table: ActorTable) -> None:
    """Groups that open a sentence as its subject: antecedents of a later "they"."""
    lex = lexicon()
    pattern = _group_subject_pattern()
    for a, b in view.sentences:
        m = pattern.match(view.text, a, b)
        if m is None:
            continue
        words = m.group("group").split()
        if not words[0][:1].isupper() or any(
            w.lower() in lex.anonymous_groups or w.lower() in lex.indefinite for w in words
        ) or any(w[:1].isdigit() for w in words) or any(
            w.lower() in _NOT_IN_GROUP_NAME for w in words[:-1]
        ):
            continue
        s, e = m.start("group"), m.end("group")
        if table.actor_at(s, e) is not None:
            continue
        actor = table.add_organisation(m.group("group"), s, e, set(), kind="group")
        actor.country = actor.country or next((c for w in words if (c := country_code(w))), None)
        table.subjects.add((s, e))


_SENTENCE_LEAD = re.compile(r"(?:(?:[A-Z][\w.’'-]*|of|the|for|and)\s+)*")


def _opens_sentence(view: TextView, start: int, end: int) -> bool:
    """A name that opens its sentence (after its title) and is followed by a lower-case
    word: most likely the subject ("Foreign Minister Anna Ivanova said ...")."""
    si = view.sentence_at(start)
    if si is None:
        return False
    lead = view.text[view.sentences[si][0] : start]
    if _SENTENCE_LEAD.fullmatch(lead) is None:
        # "The Lithuanian minister Rasa Kazlauskienė supported …": a lower-case title
        lex = lexicon()
        words = lead.split()
        if not words or not all(
            w[:1].isupper() or w.lower() in lex.role_words() or w.lower() in lex.title_words
            for w in words
        ):
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
    tail = words[-7:]
    for i in range(len(tail) - 1, -1, -1):
        w = tail[i]
        low = w.lower()
        bare = re.sub(r"(?:’s|'s)$", "", w)
        if low.rstrip(".") in lex.honorifics:
            gender = gender or lex.honorifics[low.rstrip(".")]
            continue
        if low in role_words or low in lex.title_words:
            roles.insert(0, low)
            continue
        if w[:1].isupper() and i > 0 and tail[i - 1].lower() in _OFFICE_PREPS and (
            country_code(bare) is None
        ):
            roles.insert(0, low)  # "Minister of Transport"
            continue
        c = country_code(bare) if bare[:1].isupper() else None
        if c:
            country = country or c
            continue
        break
    while roles and roles[0] in _ROLE_JOINERS:
        roles.pop(0)
    role = " ".join(roles) if any(r in role_words for r in roles) else None
    for r in roles:
        gender = gender or lex.gendered_roles.get(r)
    return role, country, gender
