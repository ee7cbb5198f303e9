"""Negation and modality of a trigger in a dependency parse.

Negation: "did not", "never", "no sanctions", or the trigger as the
complement of a refusing/denying verb ("refused to meet", "denied attacking").
Modality: a modal auxiliary ("will", "would", "could") or the trigger as the
complement of an intention/readiness verb or adjective ("plans to", "ready to",
"threatened to"). Modal events are kept; the modality is recorded.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from dateline import codes, rules

NEGATORS = rules.words(rules.EVENTS, "negators")
#: Governors whose complement did not happen ("refused to meet").
NEGATING_HEADS = rules.words(rules.EVENTS, "negating_heads")
MODAL_AUX = rules.words(rules.EVENTS, "modal_aux")
#: Negated, these report a negation rather than negate their complement.
REPORTING_HEADS = rules.words(rules.EVENTS, "reporting_heads")
#: Governors that make their complement intended, possible or threatened.
MODAL_HEADS = rules.words(rules.EVENTS, "modal_heads")


@lru_cache(maxsize=1)
def _negators() -> frozenset[str]:
    """Negating modifiers: the grammatical ones plus the pattern file's negation words."""
    return NEGATORS | codes.negation_words()


@lru_cache(maxsize=1)
def _modal_words() -> frozenset[str]:
    """Modal auxiliaries and intention words, plus the pattern file's modality words."""
    return MODAL_AUX | MODAL_HEADS | codes.modality_words()


def _has_neg(tok: Token) -> bool:
    neg = _negators()
    return any(
        c.dep_ == "neg" or (c.lower_ in neg and c.dep_ in ("advmod", "det", "preconj"))
        for c in tok.children
    )


def _governors(tok: Token) -> list[Token]:
    """The chain of heads that take ``tok`` as a complement (xcomp/ccomp/pcomp/acomp)."""
    out: list[Token] = []
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("xcomp", "ccomp", "acomp") and cur.head is not cur:
            cur = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head is not cur.head:
            cur = cur.head.head
        elif cur.dep_ == "conj" and cur.head is not cur:
            cur = cur.head
            continue
        else:
            break
        out.append(cur)
    return out


def is_negated(trigger: Token) -> bool:
    """Whether the event of ``trigger`` is said not to have happened."""
    if _has_neg(trigger):
        return True
    # A negated object noun: "imposed no sanctions".
    for c in trigger.children:
        if c.dep_ in ("dobj", "nsubjpass") and any(d.lower_ == "no" for d in c.children):
            return True
    # "without consulting X": a negating preposition over the trigger
    if trigger.dep_ == "pcomp" and trigger.head.lower_ in _negators():
        return True
    for gov in _governors(trigger):
        if gov.lemma_.lower() in NEGATING_HEADS or gov.lower_ in _negators():
            return True
        if _has_neg(gov) and gov.lemma_.lower() not in REPORTING_HEADS:
            return True
    return False


def modality_of(trigger: Token) -> str | None:
    """The word that makes the event intended, possible or threatened, else None."""
    modal = _modal_words()
    for c in trigger.children:
        if c.dep_ == "aux" and c.lower_ in MODAL_AUX:
            return "will" if c.lower_ == "wo" else c.lower_
    if trigger.lower_ in ("going",):
        return "going to"
    if trigger.pos_ == "NOUN":
        # "plans talks", "prepares for talks": the carrying verb's intention
        head = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if trigger.dep_ in ("dobj", "pobj") and head.lemma_.lower() in modal:
            return head.lemma_.lower()
    for gov in _governors(trigger):
        lem = gov.lemma_.lower()
        if lem in modal:
            return lem
        for c in gov.children:
            if c.dep_ == "aux" and c.lower_ in MODAL_AUX:
                return c.lower_
            if c.dep_ == "acomp" and c.lemma_.lower() in modal:
                return c.lemma_.lower()
    return None
