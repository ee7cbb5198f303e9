"""Clauses of a parsed sentence: a trigger matched to a pattern, with its arguments.

For each verb or noun whose lemma is a trigger, the most specific pattern
whose conditions hold is chosen (a particle, a direct-object word, an
infinitive complement, a preposition). The clause's source is the subject
(or the passive's "by" agent, a noun trigger's possessor or "by" phrase, or
the subject of the light verb that governs it); its target the direct or
indirect object, or the object of the pattern's preposition, or of a
preposition that commonly introduces a target. A trigger that is the
complement of another matched trigger ("offered … to *coordinate*",
"accused … of *violating*") is part of that clause, not an event of its own,
unless the governor is a plain statement or an intention that gives way to
it ("is considering *holding* talks"). Target candidates come in order of
likelihood; the ``events.resolve`` module picks the first that names actors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from dateline import rules
from dateline.codes import VerbPattern, word_forms, word_list
from dateline.events.lexicon import patterns_by_lemma

OBJ_DEPS = frozenset({"dobj", "obj"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
#: Prepositions that usually introduce an event's target.
TARGET_PREPS = rules.ordered(rules.EVENTS, "target_preps")
#: Prepositions of place, which in a complement name where, not whom.
PLACE_PREPS = rules.words(rules.EVENTS, "place_preps")
#: Prepositions that set an act as the occasion of another ("during talks", "at a meeting").
SETTING_PREPS = rules.words(rules.EVENTS, "setting_preps")
#: Prepositions whose object is the occasion of what governs them, never its content.
OCCASION_PREPS = rules.words(rules.EVENTS, "occasion_preps")
#: Prepositions that give the topic of talks ("talks *on* Syria"), not their party.
CONSULT_TOPIC_PREPS = rules.words(rules.EVENTS, "consult_topic_preps")
#: Prepositions whose object is more often a topic than a target ("accuse X *of* Y").
WEAK_TARGET_PREPS = rules.words(rules.EVENTS, "weak_target_preps")
#: Verbs that carry a noun trigger ("hold talks", "impose sanctions", "launch an attack").
LIGHT_VERBS = rules.words(rules.EVENTS, "light_verbs")
#: Verbs that carry out or make public a noun's act: their agent is its source.
ENACTING_VERBS = rules.words(rules.EVENTS, "enacting_verbs")
#: Heads that only measure their "of" phrase ("thousands of troops"), from the pattern file.
QUANTITY_HEADS = word_list("quantity_heads")
#: Roots of acts addressed to someone (appeals, demands): the subject of their content
#: clause is the one addressed.
ADDRESSED_ROOTS = rules.roots(rules.CAMEO_POLICY, "addressed_roots")
#: CAMEO roots of the use of force (unconventional violence, fighting, mass violence).
FORCE_ROOTS = rules.roots(rules.CAMEO_POLICY, "force_roots")
#: Subordinators of a condition: what they introduce has not happened.
CONDITIONAL_MARKS = rules.words(rules.EVENTS, "conditional_marks")
#: Relative pronouns whose clause's subject is the noun they attach to.
RELATIVE = rules.words(rules.EVENTS, "relative")

#: "talks with X *by* Y", "aid *from* Y": phrases that give a noun trigger's source.
SOURCE_PREPS = rules.words(rules.EVENTS, "source_preps")
#: "expressed support *for* X": topics that may name the target.
NEED_PREPS = rules.words(rules.EVENTS, "need_preps")
#: "*with* X doing …": a clause with its own subject after these is an act of its own.
ACCOMPANIMENT_PREPS = rules.words(rules.EVENTS, "accompaniment_preps")


@dataclass(slots=True)
class Clause:
    """A matched trigger with the head tokens of its source and target phrases."""

    trigger: Token
    pattern: VerbPattern
    source: Token | None
    targets: list[Token]  # candidate heads of the target phrase, most likely first
    passive: bool = False
    #: candidates that are the pattern's own object words ("suspended X's *membership*"):
    #: only an actor named inside them, with a country, can be the target
    weak: frozenset[int] = frozenset()


def _children(tok: Token, deps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _preps(tok: Token) -> list[Token]:
    """Prepositions attached to ``tok`` (and agents, datives realised with "to")."""
    return [c for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP"]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _dobj(tok: Token) -> Token | None:
    objs = _children(tok, OBJ_DEPS) or _children(tok, ("oprd",))
    if objs:
        return measured(objs[0])
    # "the sanctions (that) X imposed on Y": the relativised noun is the object
    if (
        tok.dep_ == "relcl"
        and tok.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in SUBJ_DEPS and c.lower_ in RELATIVE for c in tok.children)
    ):
        return tok.head
    return None


def _lemma_in(tok: Token, lemmas: frozenset[str]) -> bool:
    """Whether ``tok``'s lemma is one of ``lemmas``, also when the lemmatizer got it wrong
    ("staged" -> "stag"): its written form is then an inflection of one of them."""
    if tok.lemma_.lower() in lemmas:
        return True
    return bool(_forms_of(lemmas).get(tok.lower_))


@lru_cache(maxsize=8)
def _forms_of(lemmas: frozenset[str]) -> dict[str, str]:
    return {f: lemma for lemma in lemmas for f in word_forms(lemma)}


def _light_carried(tok: Token) -> bool:
    """A noun that is the object of a light verb ("*launched* a probe", "*staged* a strike")."""
    return tok.dep_ in OBJ_DEPS and _lemma_in(tok.head, LIGHT_VERBS)


def measured(tok: Token) -> Token:
    """What a quantity head measures ("tens of thousands *of troops*" -> troops)."""
    for _ in range(3):
        if tok.lemma_.lower() not in QUANTITY_HEADS and tok.lower_ not in QUANTITY_HEADS:
            return tok
        inner = [
            o
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if not inner:
            return tok
        tok = inner[0]
    return tok


def _passive(tok: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in tok.children)


def _words_of(tokens: list[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _xcomps(tok: Token) -> list[Token]:
    """Infinitive or -ing complements of ``tok`` ("offered … to coordinate", "stop attacking")."""
    out = [
        c
        for c in tok.children
        if (c.dep_ in ("xcomp", "ccomp") or _bare_infinitive(c)) and c.pos_ in ("VERB", "AUX")
    ]
    for obj in _children(tok, OBJ_DEPS):
        out.extend(c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
    for prep in _preps(tok):
        out.extend(c for c in prep.children if c.dep_ == "pcomp" and c.pos_ == "VERB")
    return out


def _object_words(tok: Token) -> set[str]:
    """Words of the trigger's object phrase, prepositional objects and complement."""
    tokens: list[Token] = []
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "prep", "acl"):
                tokens.extend(c.subtree)
        if _light_carried(tok):
            # "launched a probe *into the fraud allegations*": the carrier's phrases
            tokens.extend(t for c in tok.head.children if c.dep_ == "prep" for t in c.subtree)
        return _words_of(tokens)
    for c in tok.children:
        if c.dep_ in OBJECT_PHRASE_DEPS or _bare_infinitive(c):
            tokens.extend(c.subtree)
    if tok.dep_ == "relcl":
        tokens.extend(t for t in tok.head.subtree if t.i < tok.i)
    return _words_of(tokens)


def _bare_infinitive(tok: Token) -> bool:
    """"threatened on Thursday *to impose* …": a to-infinitive the parser attached as an
    adverbial clause (no subject, no "in order") is the verb's complement."""
    if tok.dep_ != "advcl" or tok.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(tok.children)
    if _children(tok.head, (*OBJ_DEPS, "oprd", "dative")):
        return False  # "called X on Friday *to offer* condolences": a purpose, not content
    return (
        any(k.dep_ == "aux" and k.lower_ == "to" for k in kids)
        and not any(k.dep_ in ("nsubj", "nsubjpass", "mark") for k in kids)
        and not any(t.lower_ == "order" for t in tok.doc[max(tok.i - 3, 0) : tok.i])
    )


def _attached_preps(tok: Token) -> list[Token]:
    """Prepositions and particles on the trigger or its object ("call *on*", "accuse X *of*")."""
    holders = [tok, *_children(tok, OBJ_DEPS), *_children(tok, PASSIVE_SUBJ)]
    # "X was accused by Y *of* …": the parser hangs the "of" phrase on the agent
    holders += [o for a in _children(tok, ("agent",)) for o in _children(a, ("pobj",))]
    return [
        c
        for h in holders
        for c in h.children
        if c.dep_ in ("prep", "prt", "agent", "dative", "advmod")
        and c.pos_ in ("ADP", "ADV", "PART")
    ]


Features = tuple[list[Token], set[str], set[str]]


def _matches(p: VerbPattern, tok: Token, feats: Features) -> Token | bool | None:
    """Whether ``p`` holds at ``tok``; returns the preposition token it used, or True."""
    preps, objects, xcomps = feats
    if not p.matches(preps=[t.lower_ for t in preps], object_lemmas=objects, xcomp_lemmas=xcomps):
        return False
    if p.prep:
        return next((t for t in preps if t.lower_ in p.prep), True)
    return True


def _regard_sense(tok: Token) -> bool:
    """"considers X (to be) Y", "calls X Y": an object with its own predicate is an opinion
    about X, not an act (a bare trigger entry does not code it)."""
    small_clause = any(  # "considers X and Y, …, to be Z": X is the subject of "be"
        c.dep_ in ("xcomp", "ccomp")
        and c.lemma_ == "be"
        and any(k.dep_ == "nsubj" for k in c.children)
        and any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children)
        for c in tok.children
    )
    if small_clause:
        return True
    if not _children(tok, OBJ_DEPS):
        return False
    return any(
        c.dep_ == "oprd" or (c.dep_ in ("xcomp", "ccomp") and c.lemma_ == "be")
        for c in tok.children
    )


def _verb_like(tok: Token) -> bool:
    """A participle the tagger called an adjective but that takes an object
    ("Greece has *pressured* Skopje")."""
    return tok.pos_ == "ADJ" and tok.tag_ in ("JJ", "VBN", "VBD") and bool(
        _children(tok, OBJ_DEPS)
    )


def _stems(word: str) -> list[str]:
    """Likely lemmas of an inflected verb form the lemmatiser left alone."""
    out = []
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def _candidates(tok: Token) -> tuple[VerbPattern, ...]:
    """Pattern entries for a token's lemma and part of speech."""
    index = patterns_by_lemma()
    pos = tok.pos_ if tok.pos_ != "PROPN" else "NOUN"
    if pos not in ("VERB", "NOUN", "ADJ"):
        return ()
    lemma = tok.lemma_.lower()
    cands = index.get((lemma, pos)) or index.get((tok.lower_, pos)) or ()
    if not cands and _verb_like(tok):
        for stem in (lemma, *_stems(tok.lower_)):
            cands = index.get((stem, "VERB")) or ()
            if cands:
                break
    return cands


def match_pattern(tok: Token) -> tuple[VerbPattern, Token | None] | None:
    """The most constrained pattern that holds at ``tok`` and the preposition it used."""
    cands = _candidates(tok)
    if not cands:
        return None
    feats = (
        _attached_preps(tok),
        _object_words(tok),
        {c.lemma_.lower() for c in _xcomps(tok)},
    )
    for p in cands:
        hit = _matches(p, tok, feats)
        if hit is False:
            continue
        if p.specificity == 0 and _regard_sense(tok):
            return None
        return p, hit if isinstance(hit, Token) else None
    return None


def _verb_subject(tok: Token, depth: int = 0) -> Token | None:
    """The subject of verb ``tok``, through conjunctions, control and relative clauses."""
    subj = _children(tok, SUBJ_DEPS)
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE and tok.dep_ == "relcl":
            return tok.head
        return s
    if depth > 3:
        return None
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and _coordinated(tok):
        return _verb_subject(tok.head, depth + 1)
    if tok.dep_ == "acomp":
        return _verb_subject(tok.head, depth + 1)  # "we are *prepared* to sit down"
    if tok.dep_ == "xcomp":
        # "X is expected to sign": a passive raising verb's subject is the complement's
        raised = _children(tok.head, PASSIVE_SUBJ)
        if raised and not _children(tok.head, SUBJ_DEPS):
            return raised[0]
        return _verb_subject(tok.head, depth + 1)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ != "ROOT":
        # "the ceasefire *agreed* last year": a reduced passive (unless the parser hung
        # the main verb on its subject: "A commander *threatened* on Saturday to …")
        return _agent(tok)
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN") and not _passive(tok):
        return tok.head
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        return _verb_subject(tok.head, depth + 1)
    return None


def _coordinated(tok: Token) -> bool:
    """A conjunct with "and", "but" or a comma before it; the parser also attaches
    reduced relatives as conjuncts ("violating the ceasefire *agreed* last year")."""
    lo, hi = sorted((tok.head.i, tok.i))
    return any(t.pos_ == "CCONJ" or t.is_punct for t in tok.doc[lo + 1 : hi])


def _noun_source(tok: Token, consult: bool = False) -> Token | None:
    """Source of a noun trigger: its "by" phrase, possessor, actor compound, or the
    subject of the verb that carries it ("hold talks", "prepares for talks"); for talks
    and meetings (``consult``) also the verb they are the setting of ("X said this
    *during talks*"), never for other acts ("called up reservists *after the attack*")."""
    for prep in _preps(tok):
        if prep.lower_ in SOURCE_PREPS:
            obj = _pobj(prep)
            if obj is not None:
                return obj
    # "sanctions *imposed by* the US", "new sanctions … have been *announced by* the UK":
    # the agent of the participle that describes the act, or of the passive it is subject of
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma_in(c, ENACTING_VERBS):
            agent = _agent(c)
            if agent is not None:
                return agent
    if tok.dep_ == "nsubjpass" and _lemma_in(tok.head, ENACTING_VERBS):
        agent = _agent(tok.head)
        if agent is not None:
            return agent
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):
            return c
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
            return c
    carrier = carrier_verb(tok, setting=consult)
    if carrier is None:
        return None
    if _passive(carrier):  # "this was stated by X after talks": the agent
        return _agent(carrier)
    return _verb_subject(carrier)


def carrier_verb(tok: Token, setting: bool = True) -> Token | None:
    """The light or intention verb that carries a noun trigger ("*hold* talks",
    "*prepares* for talks"), or None; with ``setting``, also the verb whose setting it is
    ("said this *during talks*")."""
    head = tok.head
    carriers = LIGHT_VERBS | YIELDING_HEADS
    if tok.dep_ == "pobj" and head.lower_ == "of" and measured(head.head) == tok:
        tok, head = head.head, head.head.head  # "began *a week of* joint exercises"
    if tok.dep_ in OBJ_DEPS and _lemma_in(head, carriers):
        return head
    if (
        tok.dep_ == "pobj"
        and head.head.pos_ in ("VERB", "ADJ")
        and _lemma_in(head.head, carriers)
    ):
        return head.head
    if (
        setting
        and tok.dep_ == "pobj"
        and head.lower_ in SETTING_PREPS
        and head.head.pos_ in ("VERB", "AUX")
    ):
        # "X said this *during talks with Y*": the talks' party is the one who spoke there
        return _acting_verb(head.head)
    return None


def _acting_verb(verb: Token) -> Token:
    """A copula inside a content clause does not act ("X reaffirmed that Y *is* Z during a
    call with W"): the occasion belongs to the nearest verb above it."""
    cur = verb
    for _ in range(4):
        if cur.lemma_ != "be" or cur.dep_ not in ("acl", "ccomp", "relcl") or cur.head is cur:
            return cur
        cur = cur.head
        while cur.pos_ not in ("VERB", "AUX") and cur.head is not cur:
            cur = cur.head
    return cur


def _arg_candidates(
    tok: Token, pattern: VerbPattern, prep: Token | None, complement: bool = False
) -> list[Token]:
    """Target candidates of a verb (or adjective) trigger, most likely first. In a
    complement ("to conduct checks *at* the border") places are not targets."""
    target_preps = [p for p in TARGET_PREPS if not (complement and p in PLACE_PREPS)]
    out: list[Token] = []
    if prep is not None and prep.lower_ not in WEAK_TARGET_PREPS:
        out.extend(_pobjs(prep))
    for c in tok.children:
        if c.dep_ == "dative":
            out.extend(_pobjs(c) if c.pos_ == "ADP" else [c])
    obj = _dobj(tok)
    words = pattern.object_words
    if obj is not None and not (obj.lemma_.lower() in words or obj.lower_ in words):
        out.append(obj)
    holders = [tok] + ([obj] if obj is not None else [])
    # "massed *thousands* of troops along the border": the measuring head's phrases too;
    # "imposed freezes and *bans on X*": a joined object's phrases too
    holders += [o for o in _children(tok, OBJ_DEPS) if o not in holders]
    holders += [c for h in holders[1:] for c in h.children if c.dep_ == "conj"]
    for h in holders:
        for p in _preps(h):
            if p.lower_ in target_preps and p is not prep:
                out.extend(o for o in _pobjs(p) if o.pos_ in ("PROPN", "NOUN", "PRON"))
    if prep is not None and prep.lower_ in WEAK_TARGET_PREPS:
        out.extend(_pobjs(prep))
    # "expressed support *for* X", "stressed the need *for* X": a topic that may name the target
    for h in holders:
        for p in _preps(h):
            if p.lower_ in NEED_PREPS and p is not prep:
                out.extend(o for o in _pobjs(p) if o.pos_ in ("PROPN", "NOUN"))
    if obj is not None and obj not in out:
        out.append(obj)
    # "stressed the need *for X to* withdraw", "called for X to …": X is the one asked
    for h in holders:
        out.extend(_for_to_subjects(h))
    # "branded *the referendum* illegal": the subject of a verbless small clause
    out.extend(_small_clause_subjects(tok))
    out = [t for t in out if t.ent_type_ not in ("DATE", "TIME")]  # "on *Monday*"
    if pattern.code[:2] in ADDRESSED_ROOTS:
        # "demanded that *Belarus* release …": the one asked is the content's subject
        out.extend(
            k
            for c in tok.children
            if c.dep_ == "ccomp"
            for k in c.children
            if k.dep_ in ("nsubj", "nsubjpass") and k.pos_ in ("PROPN", "NOUN")
        )
    return out


def _small_clause_subjects(tok: Token) -> list[Token]:
    """Subjects of a verbless complement ("branded *X* illegal", "called *X* a threat")."""
    return [
        k
        for c in tok.children
        if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ in ("ADJ", "NOUN")
        for k in c.children
        if k.dep_ == "nsubj" and k.pos_ in ("NOUN", "PROPN")
    ]


def _for_to_subjects(tok: Token) -> list[Token]:
    """Subjects of "for X to V" clauses attached to ``tok``."""
    out: list[Token] = []
    for c in tok.children:
        if _for_to_clause(c):
            out.extend(k for k in c.children if k.dep_ == "nsubj")
    return out


def _for_to_clause(tok: Token) -> bool:
    """A "for X to V" clause ("the need for the army to withdraw")."""
    if tok.dep_ not in ("advcl", "acl", "relcl", "ccomp") or tok.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(tok.children)
    return any(k.dep_ == "mark" and k.lower_ == "for" for k in kids) and any(
        k.dep_ == "aux" and k.lower_ == "to" for k in kids
    )


def _weak(tok: Token, pattern: VerbPattern) -> bool:
    words = pattern.object_words
    return tok.lemma_.lower() in words or tok.lower_ in words


def _target_candidates(tok: Token, pattern: VerbPattern, prep: Token | None) -> list[Token]:
    """Target candidates of a trigger, then of its infinitive complements
    ("threatened to impose sanctions *on Turkey*", "plans to visit *Baghdad*")."""
    if _passive(tok):
        # "our operation, which was requested by X": the relative stands for its noun;
        # "tents were airlifted *to Morocco*": a thing moved goes to the target
        subjects = [
            tok.head if s.lower_ in RELATIVE and tok.dep_ == "relcl" else s
            for s in _children(tok, PASSIVE_SUBJ)
        ]
        agent = _agent(tok)
        rest = [
            t
            for t in _arg_candidates(tok, pattern, prep)
            if t not in subjects and (agent is None or t != agent)
        ]
        return [*subjects, *rest]
    out = _arg_candidates(tok, pattern, prep)
    for comp in _xcomps(tok):
        if comp.dep_ in ("xcomp", "acl", "pcomp") or _bare_infinitive(comp):
            out.extend(_arg_candidates(comp, pattern, None, complement=True))
    if pattern.code.startswith("13") or (pattern.modal_code or "").startswith("13"):
        # "*if Israel* attacks, we will respond": a threat is aimed at the condition's actor
        out.extend(
            k
            for c in tok.children
            if c.dep_ == "advcl" and _conditional(c)
            for k in c.children
            if k.dep_ in ("nsubj", "nsubjpass")
        )
    seen: set[int] = set()
    unique: list[Token] = []
    for t in out:
        if t.i not in seen:
            seen.add(t.i)
            unique.append(t)
    return unique


def _noun_targets(tok: Token, pattern: VerbPattern, prep: Token | None) -> list[Token]:
    """Target candidates of a noun trigger ("attack *on* X", "talks *with* X"). Talks,
    meetings and visits are *on* or *about* a topic, which is not their target."""
    consult = pattern.code.startswith("04")
    out: list[Token] = []
    if prep is not None and not (consult and prep.lower_ in CONSULT_TOPIC_PREPS):
        out.extend(_pobjs(prep))
    for p in _preps(tok):
        if p is prep or (consult and p.lower_ in CONSULT_TOPIC_PREPS):
            continue
        if p.lower_ in (*TARGET_PREPS, "of"):
            out.extend(_pobjs(p))
    if _light_carried(tok):
        # "staged a strike *against the government's cuts*": the carrier's phrases
        for p in _preps(tok.head):
            if p.lower_ in TARGET_PREPS and not (consult and p.lower_ in CONSULT_TOPIC_PREPS):
                out.extend(o for o in _pobjs(p) if o.ent_type_ not in ("DATE", "TIME"))
    return out


#: Children whose words count as the trigger's object phrase for pattern conditions.
OBJECT_PHRASE_DEPS = frozenset(
    {*OBJ_DEPS, *PASSIVE_SUBJ, "dative", "prep", "agent", "xcomp", "ccomp", "attr", "oprd"}
)
#: Relations through which a word is the content of the trigger above it.
GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "acl", "pobj", "prep", "oprd"})
#: Governors that give way to the event in their complement ("considering holding talks",
#: "plans to visit"): the complement is the event, the governor its modality.
YIELDING_HEADS = rules.words(rules.EVENTS, "yielding_heads")


def _governor(tok: Token, matched: dict[int, tuple[VerbPattern, Token | None]]) -> int | None:
    """The nearest matched trigger of which ``tok`` is the complement or object. A trigger
    named as the occasion of another ("… *during a phone call* with X") is not its content
    and stands alone, unless both are of one kind ("did not meet *during the summit*")."""
    if _verdict_of_statement(tok, matched):
        return tok.head.i
    if _absolute_with(tok):
        return None
    cur = tok
    occasion = False
    for _ in range(5):
        dep, head = cur.dep_, cur.head
        if head is cur or (
            dep not in GOVERNED_DEPS and not _for_to_clause(cur) and not _bare_infinitive(cur)
        ):
            return None
        occasion = occasion or (dep == "pobj" and head.lower_ in OCCASION_PREPS)
        if head.i in matched:
            if occasion and matched[head.i][0].code[:2] != matched[tok.i][0].code[:2]:
                return None
            return head.i
        carried = _carried_trigger(head, cur, tok, matched)
        if carried is not None:
            return carried
        cur = head
    return None


def _carried_trigger(
    verb: Token, via: Token, tok: Token, matched: dict[int, tuple[VerbPattern, Token | None]]
) -> int | None:
    """"launched *a probe* into the fraud allegations": a phrase on a light verb belongs to
    the noun trigger the verb carries."""
    if via.dep_ != "prep" or not _lemma_in(verb, LIGHT_VERBS):
        return None
    for o in verb.children:
        if o.dep_ in OBJ_DEPS and o.i in matched and o.i != tok.i:
            return o.i
    return None


def _absolute_with(tok: Token) -> bool:
    """"…, *with the African Union suspending* its membership": a clause with its own
    subject after "with" is an act of its own, not the governor's content."""
    return (
        tok.dep_ == "pcomp"
        and tok.head.lower_ in ACCOMPANIMENT_PREPS
        and any(c.dep_ == "nsubj" for c in tok.children)
    )


def _verdict_of_statement(tok: Token, matched: dict[int, tuple[VerbPattern, Token | None]]) -> bool:
    """"commented on X, *calling* it a provocation": a participle that says what a plain
    statement was is the statement's content."""
    head = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and head.i in matched
        and matched[head.i][0].code == "010"
    )


def _yields(pattern: VerbPattern, tok: Token) -> bool:
    """Whether a governing trigger gives way to a trigger in its complement."""
    if pattern.xcomp_any:
        return False
    return pattern.code == "010" or tok.lemma_.lower() in YIELDING_HEADS


def find_clauses(doc: Doc) -> Iterator[Clause]:
    """Every matched trigger clause of a parsed sentence, left to right.

    A trigger inside another trigger's complement or object is part of that
    clause ("accused X of *violating*"), unless the governor is a statement
    or an intention that gives way to it ("said it would *transport* aid",
    "is considering *holding* talks").
    """
    matched: dict[int, tuple[VerbPattern, Token | None]] = {}
    for tok in doc:
        hit = match_pattern(tok)
        if hit is not None:
            matched[tok.i] = hit
    trig = set(matched)
    gov = {i: _governor(doc[i], matched) for i in matched}
    yielded = {
        g for i, g in gov.items() if g is not None and _yields(matched[g][0], doc[g])
    }
    clauses: list[Clause] = []
    for i in sorted(matched):
        tok = doc[i]
        pattern, prep = matched[i]
        if i in yielded:
            continue
        g = gov[i]
        if g is not None and g not in yielded:
            continue
        if _conditional(tok):
            continue  # "*if Israel attacks* our sites, we will respond": not an act
        clause = _clause(tok, pattern, prep, trig)
        if clause is None:
            continue
        if pattern.reverse:
            clause = _reversed(clause)
        clauses.append(clause)
    yield from _merge_consequences(clauses)


def _conditional(tok: Token) -> bool:
    """Whether ``tok`` stands in an "if" or "unless" clause."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children
        ):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _merge_consequences(clauses: list[Clause]) -> list[Clause]:
    """"X bombed a market, *killing* 30 civilians": a participle of force that follows an
    act of force is its consequence, not another act; its object is a target of the act."""
    out: list[Clause] = []
    for c in clauses:
        act = _consequence_of(c, out)
        if act is None:
            out.append(c)
        else:
            act.targets = [*act.targets, *(t for t in c.targets if t not in act.targets)]
    return out


def _consequence_of(c: Clause, earlier: list[Clause]) -> Clause | None:
    trig = c.trigger
    if trig.dep_ != "advcl" or trig.tag_ != "VBG" or not _force(c.pattern.code):
        return None
    head = trig.head
    for act in earlier:
        t = act.trigger
        if _force(act.pattern.code) and (t == head or (t.head == head and t.dep_ in OBJ_DEPS)):
            return act
    return None


def _force(code: str) -> bool:
    return code[:2] in FORCE_ROOTS


def _clause(tok: Token, pattern: VerbPattern, prep: Token | None, trig: set[int]) -> Clause | None:
    if tok.pos_ == "ADJ":
        # "X is hopeful", "X is ready to cooperate": the copula's subject
        if tok.dep_ not in ("acomp", "amod", "ROOT"):
            return None
        head = tok.head if tok.dep_ == "acomp" else tok
        return _with_weak(
            Clause(tok, pattern, _verb_subject(head), _target_candidates(tok, pattern, prep))
        )
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        # a noun trigger carried by a light verb that is itself a trigger: that clause wins
        if tok.dep_ in OBJ_DEPS and head.i in trig:
            return None
        held = _held_under(tok, pattern)
        if held is not None:
            return held
        consult = pattern.code.startswith("04") or pattern.code == "036"
        source = _noun_source(tok, consult)
        if source is None and (consult or _force(pattern.code)):
            parties = _between(tok)
            if parties is not None:
                # "a meeting between A and B", "fighting between A and B": the parties
                # act toward each other
                return Clause(tok, pattern, parties, [])
        return Clause(tok, pattern, source, _noun_targets(tok, pattern, prep))
    if _passive(tok) and _agent(tok) is None and prep is not None and prep.lower_ != "by":
        # "Kerry is headed to Russia": a participle with its pattern's preposition, not a passive
        subj = _children(tok, PASSIVE_SUBJ)
        return _with_weak(
            Clause(tok, pattern, subj[0] if subj else None, _arg_candidates(tok, pattern, prep))
        )
    if _passive(tok):
        agent = _agent(tok)
        return _with_weak(
            Clause(tok, pattern, agent, _target_candidates(tok, pattern, prep), passive=True)
        )
    return _with_weak(
        Clause(tok, pattern, _verb_subject(tok), _target_candidates(tok, pattern, prep))
    )


def _held_under(tok: Token, pattern: VerbPattern) -> Clause | None:
    """"X was placed *under house arrest*", "placed X *under arrest*": a noun trigger in
    an "under" phrase is done by the verb's subject (or agent) to its object (or passive
    subject)."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ != "under" or head.head.pos_ != "VERB":
        return None
    verb = head.head
    if _passive(verb):
        return Clause(tok, pattern, _agent(verb), _children(verb, PASSIVE_SUBJ), passive=True)
    return Clause(tok, pattern, _verb_subject(verb), _children(verb, OBJ_DEPS))


def _between(tok: Token) -> Token | None:
    """The first of joined parties in "… *between* A and B" on a noun trigger, or None;
    also when the parser hangs the phrase on the trigger's place ("fighting in *the
    capital* between A and B")."""
    preps = _preps(tok)
    preps += [q for p in preps if p.lower_ != "between" for o in _pobjs(p) for q in _preps(o)]
    for p in preps:
        if p.lower_ == "between":
            obj = _pobj(p)
            if obj is not None and any(c.dep_ == "conj" for c in obj.children):
                return obj
    return None


def _agent(tok: Token) -> Token | None:
    """The "by" phrase of a passive trigger."""
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            return _pobj(c)
    return None


def _with_weak(clause: Clause) -> Clause:
    clause.weak = frozenset(t.i for t in clause.targets if _weak(t, clause.pattern))
    return clause


def _reversed(clause: Clause) -> Clause:
    """For "X received aid from Y": the source is the "from"/"by" phrase, the target X."""
    tok = clause.trigger
    src = None
    for h in [tok, *_children(tok, OBJ_DEPS)]:
        for prep in _preps(h):
            if prep.lower_ in SOURCE_PREPS:
                src = _pobj(prep)
                break
    targets = [clause.source] if clause.source is not None else []
    return Clause(tok, clause.pattern, src, targets)
