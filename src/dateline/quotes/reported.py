"""Reported speech from the dependency parse.

A speech verb of the lexicon ("say", "stress", "warn" …) with a clausal
complement gives the reported clause (without "X said that"); its subject or
passive agent is the speaker. Also handled: "according to X, …", "in the words
of X, …", "This was stated by X" (the clause is the sentence before),
"expressed confidence that …", "…, he said" after the clause, and framing verbs
that embed a quoted fragment ("called it “a war by proxy”").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline import rules
from dateline.quotes.lexicon import Lexicon, lexicon
from dateline.quotes.marks import DOUBLE_CLOSE, DOUBLE_OPEN
from dateline.quotes.textview import TextView

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUOTE_CHARS = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_FRAME_DEPS = {"dobj", "oprd", "attr", "xcomp", "ccomp", "acomp", "prep", "dative"}
#: "Poroshenko, *who* said …": the relative speaks for its noun.
_RELATIVE = rules.words(rules.QUOTES, "relative")
#: "the statement *from* the ministry" speaks for the ministry.
_DOCUMENT_SOURCE_PREPS = rules.words(rules.QUOTES, "document_source_preps")
#: Subordinators dropped from the start of a reported clause; those of a question.
_CLAUSE_MARKS = rules.words(rules.QUOTES, "clause_marks")
_QUESTION_MARKS = rules.words(rules.QUOTES, "question_marks")
_MENTION_DROP = {"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep", "advmod"}


@dataclass
class Reported:
    """A reported clause: clean range, speaker words and cue, all in clean offsets."""

    start: int
    end: int
    cue: tuple[int, int]
    speaker: tuple[int, int] | None
    has_marks: bool
    framing: bool = False
    #: The cue only reports a state of mind ("hoped"): an outer cue of this kind does
    #: not hide a reported clause inside it.
    weak: bool = False


def mention_tokens(tok: Token) -> list[Token]:
    """The words of a noun phrase headed by ``tok``, without clauses or trailing apposition.

    A common noun with a named apposition ("Its spokesman, Andrei Lukin,") gives the name.
    """
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return mention_tokens(child)
    if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in lexicon().role_words():
        # "the Minister of Energy, Aminata Sow," / "the envoy for the South Caucasus,
        # Henrik Lindqvist,": the parser may hang the name on the description's last noun
        for t in tok.subtree:
            if (t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > tok.i
                    and t.ent_type_ in ("PERSON", "")
                    and t.doc[t.left_edge.i - 1].text == ","):
                return mention_tokens(t)
    keep = [tok]
    for child in tok.children:
        if child.dep_ == "punct" and not child.whitespace_ and child.i > 0 and (
            not child.doc[child.i - 1].whitespace_
        ):
            keep.append(child)  # the hyphen of "Jae-won"
            continue
        if child.dep_ in _MENTION_DROP:
            # keep "of"-phrases in descriptions like "the head of the ministry"
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i:
                keep.extend(child.subtree)
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # contiguous run around the head
    lo = hi = keep.index(tok)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    run = keep[lo : hi + 1]
    while run and (run[0].is_punct or run[0].dep_ == "case"):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].dep_ == "case"):
        run = run[:-1]
    return run or [tok]


def speaker_token(verb: Token, lex: Lexicon) -> Token | None:
    """The subject or passive agent of a speech verb, climbing through participles and conjuncts."""
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if v.lemma_.lower() == "quote" and any(
            c.dep_ == "prep" and c.lower_ == "as" for c in v.children
        ):
            # "the agency quoted spokesman X as saying …": X speaks
            for c in v.children:
                if c.dep_ == "dobj":
                    return c
        subjects = [
            c for c in v.children
            if c.dep_ in ("nsubj", "csubj")
            or (c.dep_ == "nsubjpass" and v.lemma_.lower() == "quote")  # "X was quoted as"
        ]
        if len(subjects) > 1:
            # "ASUNCIÓN, PARAGUAY - Young voters say …": the subject next to the verb
            before = [c for c in subjects if c.i < v.i]
            subjects = [before[-1]] if before else subjects
        for c in subjects:
            if c.lower_ in _RELATIVE and v.dep_ == "relcl":
                return v.head  # "Poroshenko, who said ..."
            return c
        if v.dep_ == "acl" and v.head.pos_ in ("PROPN", "NOUN"):
            return v.head  # "quoted Foreign Minister Zarif saying ..."
        inverted = _inverted_subject(v, lex)
        if inverted is not None:
            return inverted
        if v.dep_ in ("advcl", "xcomp", "conj", "pcomp") and v.head is not v:
            participle = v.tag_ == "VBG" and v.dep_ == "advcl"
            v = v.head
            if v.pos_ == "ADP" and v.head is not v:
                v = v.head  # "quoted as saying": through the preposition
            if participle and v.dep_ == "ccomp" and lex.is_speech_verb(
                v.head.lemma_.lower(), v.head.lower_
            ):
                # "X said the government had lost trust, adding that …": the parser hung
                # "adding" on the reported clause; X adds, not the government
                v = v.head
            continue
        break
    return None


#: Speech verbs whose object is the addressee, never the speaker ("told reporters").
_ADDRESSEE_VERBS = rules.words(rules.QUOTES, "addressee_verbs")


def _inverted_subject(v: Token, lex: Lexicon) -> Token | None:
    """A speaker the parser missed: the object of an inverted cue ("…,” declared the
    Minister), or a name opening the sentence that the tagger did not take for the
    subject ("Osmonov promised …, and said …")."""
    if v.lemma_.lower() not in lex.speech_verbs and v.lower_ not in lex.all_speech_forms:
        return None
    if v.lemma_.lower() not in _ADDRESSEE_VERBS:
        before = v.doc[v.i - 1] if v.i > 0 else None
        inverted = before is not None and (before.is_punct or before.dep_ in ("ccomp", "punct"))
        for c in v.children:
            if c.dep_ == "dobj" and c.i > v.i and inverted and (
                c.pos_ == "PROPN" or c.lower_ in lex.role_words()
            ):
                return c
    for c in v.children:
        if c.dep_ in ("advmod", "npadvmod", "dep") and c.pos_ == "PROPN" and c.i < v.i and (
            c.i == c.sent.start or c.doc[c.i - 1].is_punct
        ) and c.text[:1].isupper():
            return c
    return None


def document_author(tok: Token, lex: Lexicon) -> Token:
    """ "the ministry's statement" speaks for the ministry."""
    if tok.lemma_.lower() in lex.document_nouns:
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _DOCUMENT_SOURCE_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def _range(view: TextView, toks: list[Token]) -> tuple[int, int]:
    base = view.base_of(toks[0])
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def _clause_range(view: TextView, toks: list[Token]) -> tuple[int, int] | None:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and ((toks[0].is_punct and toks[0].text not in _QUOTE_CHARS)
                    or (toks[0].dep_ == "mark" and toks[0].lower_ in _CLAUSE_MARKS)
                    or toks[0].is_space or toks[0].dep_ == "cc"):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].text in (",", ";", ":", "–", "—", "-")):
        toks = toks[:-1]
    if len(toks) < 3:
        return None
    a, b = _range(view, toks)
    # take the sentence-final stop along
    sent = toks[-1].doc
    nxt = toks[-1].i + 1
    if nxt < len(sent) and sent[nxt].text in (".", "!", "?") and nxt == len(sent) - 1:
        b = view.base_of(toks[0]) + sent[nxt].idx + 1
    return a, b


def _has_marks(view: TextView, a: int, b: int) -> bool:
    """Quoted words (a quoted stretch the mark finder paired) inside clean range ``a:b``."""
    return any(qa < b and a < qb for qa, qb in view.quoted)


def _subtree_without(tok: Token, skip: Token) -> list[Token]:
    skipped = {t.i for t in skip.subtree}
    return [t for t in tok.subtree if t.i not in skipped]


def _contiguous_side(toks: list[Token], pivot: int) -> list[Token]:
    """The longer contiguous run of ``toks`` before or after token index ``pivot``."""
    before = [t for t in toks if t.i < pivot]
    after = [t for t in toks if t.i > pivot]
    return after if len(after) >= len(before) else before


def find_reported(view: TextView) -> list[Reported]:
    lex = lexicon()
    out: list[Reported] = []
    for si in sorted(view.doc.parses):
        parse = view.doc.parses[si]
        for tok in parse.doc:
            low = tok.lower_
            lemma = tok.lemma_.lower()
            # "according to X, ..." / "in the words of X, ..."
            nxt = parse.doc[tok.i + 1] if tok.i + 1 < len(parse.doc) else None
            if low == "according" and nxt is not None and nxt.lower_ == "to":
                r = _source_phrase(view, tok, parse.doc[tok.i + 1])
                if r:
                    out.append(r)
                continue
            if low == "words" and tok.i >= 2 and parse.doc[tok.i - 2].lower_ == "in":
                of = [c for c in tok.children if c.lower_ == "of"]
                if of:
                    r = _source_phrase(view, parse.doc[tok.i - 2], of[0])
                    if r:
                        out.append(r)
                    continue
            if low == "words" and tok.i >= 2 and parse.doc[tok.i - 2].lower_ == "in" and (
                parse.doc[tok.i - 1].dep_ == "poss"
            ):
                # "In his words, …"
                r = _source_phrase(view, parse.doc[tok.i - 2], tok, speaker=parse.doc[tok.i - 1])
                if r:
                    out.append(r)
                continue
            if tok.pos_ == "NOUN" and lemma in lex.speech_nouns:
                r = _from_noun(view, tok, lex)
                if r:
                    out.append(r)
                continue
            if tok.pos_ not in ("VERB", "AUX") or not (
                lex.is_speech_verb(lemma, low) or lemma in lex.framing_verbs
            ):
                continue
            r = _from_verb(view, tok, lex)
            if r:
                out.append(r)
    return out


def _from_noun(view: TextView, noun: Token, lex: Lexicon) -> Reported | None:
    """ "Lavrov's pledge that Russia has no intention of ...": the possessor speaks."""
    speaker = None
    for c in noun.children:
        if c.dep_ == "poss":
            speaker = c
    if speaker is None:
        return None
    clauses = [
        c for c in noun.children
        if c.dep_ in ("acl", "ccomp", "relcl", "appos")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if not clauses:
        # the parser may hang the that-clause on the verb: "learned of X's pledge – … – that"
        doc = noun.doc
        k = noun.right_edge.i + 1
        while k < len(doc) and doc[k].is_punct:
            k += 1
        if k < len(doc) and doc[k].lower_ == "that" and doc[k].dep_ == "mark" and (
            doc[k].head.left_edge.i == k
        ):
            clauses = [doc[k].head]
    if not clauses:
        return None
    rng = _clause_range(view, list(clauses[0].subtree))
    if rng is None:
        return None
    return Reported(rng[0], rng[1], _range(view, [noun]),
                    _range(view, mention_tokens(speaker)), _has_marks(view, *rng))


def _source_phrase(view: TextView, according: Token, prep: Token,
                   speaker: Token | None = None) -> Reported | None:
    pobj = [speaker] if speaker is not None else [c for c in prep.children if c.dep_ == "pobj"]
    if not pobj or pobj[0].lower_ in lexicon().not_sources:
        return None
    head = according.head
    # climb from the preposition to the clause it modifies
    while head.dep_ in ("prep", "pobj") and head.head is not head:
        head = head.head
    phrase = list(according.subtree) if according.head is not according else [according]
    if prep not in phrase:
        phrase = sorted(set(phrase) | set(prep.subtree) | {according}, key=lambda t: t.i)
    skipped = {t.i for t in phrase}
    clause = [t for t in head.subtree if t.i not in skipped] if head is not according else []
    clause = _contiguous_side(clause, according.i)
    if not clause:
        return None
    rng = _clause_range(view, clause)
    if rng is None:
        return None
    spk = mention_tokens(pobj[0])
    return Reported(rng[0], rng[1], _range(view, [according, prep]), _range(view, spk),
                    _has_marks(view, *rng))


def _from_verb(view: TextView, verb: Token, lex: Lexicon) -> Reported | None:
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "to assure the population ...": a purpose, not speech
    clause_head: Token | None = None
    framing = False
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    # a clause after the verb is its content; one before it only when there is no other
    # ("Russia will win, he said"), never across a semicolon
    after = [c for c in ccomps if c.i > verb.i]
    before = [
        c for c in ccomps
        if c.i < verb.i and not any(t.text == ";" for t in verb.doc[c.right_edge.i : verb.i])
    ]
    if after or before:
        clause_head = (after or before)[0]
        if any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in clause_head.children):
            return None  # "did not say whether …": no statement is reported
        if _trailing_cue(clause_head, verb, lex):
            return None  # "X declared Y, the ministry announced": the cue is not the content
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "did not confirm that …"
    if clause_head is None and lex.is_speech_verb(lemma, verb.lower_):
        clause_head = _that_clause(verb)
    anaphoric = None
    if clause_head is None:
        for c in verb.children:
            if c.dep_ == "nsubjpass" and c.lower_ in lex.anaphoric_subjects:
                anaphoric = c
    if clause_head is None and anaphoric is None and lemma == "express":
        for c in verb.children:
            if c.dep_ == "dobj" and c.lemma_.lower() in lex.stance_nouns:
                for cc in c.children:
                    if cc.dep_ in ("acl", "ccomp", "relcl") and any(
                        m.dep_ == "mark" for m in cc.children
                    ):
                        clause_head = cc
    if clause_head is None and anaphoric is None and verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ) and not any(c.dep_ in _FRAME_DEPS - {"prep"} for c in verb.children) and _set_off(verb):
        # "As the Minister noted, the talks were useful."
        toks = _contiguous_side(_subtree_without(verb.head, verb), verb.i)
        return _make(view, verb, toks, lex, framing=False)
    if clause_head is None and anaphoric is None and verb.dep_ in ("conj", "ccomp") and (
        verb.head.i < verb.i and _after_comma(verb) and lex.is_speech_verb(lemma, verb.lower_)
    ):
        # "Moldova expelled a diplomat, the ministry announced." / "…, reported the
        # Ministry": the parser hung the cue on the reported clause
        speaker = speaker_token(verb, lex)
        if speaker is not None and speaker.i >= verb.left_edge.i:
            toks = [t for t in _subtree_without(verb.head, verb) if t.i < verb.i]
            return _make(view, verb, toks, lex, framing=False, speaker=speaker)
    if clause_head is None and anaphoric is None and verb.dep_ == "parataxis":
        # "Our position is firm, he said." / "At that point, he says, forces will ..."
        toks = _contiguous_side(_subtree_without(verb.head, verb), verb.i)
        if any(c.dep_ == "nsubj" for c in verb.children):
            return _make(view, verb, toks, lex, framing=False)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if clause_head is None and anaphoric is None and len(subjects) >= 2 and (
        lex.is_speech_verb(lemma, verb.lower_)
    ):
        # "Talks stalled on Sunday, two diplomats said.": the parser took the reported
        # clause for a first subject; the subject next to the verb speaks
        first, last = subjects[0], subjects[-1]
        between = verb.doc[first.right_edge.i + 1 : last.left_edge.i]
        if any(t.text == "," for t in between):
            return _make(view, verb, list(first.subtree), lex, framing=False, speaker=last)
    speaker = speaker_token(verb, lex)
    if anaphoric is not None:
        agent = [c for c in verb.children if c.dep_ == "agent"]
        if not agent:
            return None
        si = view.sentence_of_token(verb)
        if si == 0:
            return None
        a, b = view.sentences[si - 1]
        a, b = _strip(view.text, a, b)
        if b - a < 10:
            return None
        spk_tok = speaker_token(verb, lex)
        return Reported(a, b, _range(view, [verb]),
                        _range(view, mention_tokens(spk_tok)) if spk_tok is not None else None,
                        _has_marks(view, a, b))
    if clause_head is None:
        if lemma not in lex.framing_verbs:
            return None
        # "called it “a war by proxy”", "described X as “…”", "urged X to “…”"
        toks = [
            t
            for c in verb.children
            if c.i > verb.i and c.dep_ in _FRAME_DEPS
            for t in c.subtree
        ]
        if not toks:
            return None
        toks = sorted(toks, key=lambda t: t.i)
        a, b = _range(view, toks)
        if not _has_marks(view, a, b + 1):
            return None
        # the quoted words end the framed phrase: "described the coup as “null and void” ..."
        closes = [qb for qa, qb in view.quoted if qa < b + 1 and a < qb and qb <= b + 3]
        if closes:
            close_at = max(closes)  # just after the closing mark
            toks = [t for t in toks if view.offset(t) < close_at - 1]
        framing = True
        return _make(view, verb, toks, lex, framing=framing, speaker=speaker)
    # "…, adding that …" inside the clause is a report of its own
    added = {
        t.i
        for c in clause_head.children
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > clause_head.i
        and lex.is_speech_verb(c.lemma_.lower(), c.lower_)
        for t in c.subtree
    }
    toks = [t for t in clause_head.subtree if t.i not in added]
    # "said A, and that B": take the conjoined clauses along
    for c in verb.children:
        if c.dep_ == "conj" and c.i > clause_head.i and any(
            m.dep_ == "mark" for m in c.children
        ):
            toks.extend(c.subtree)
    # a clause in front of the verb must not swallow the verb's subject
    return _make(view, verb, toks, lex, framing=framing, speaker=speaker)


def _trailing_cue(clause: Token, verb: Token, lex: Lexicon) -> bool:
    """``clause``, hung on ``verb`` by the parser, is really a cue that closes the
    sentence after a comma ("…, the Moldovan Foreign Ministry announced on Monday.")."""
    return (
        clause.i > verb.i
        and lex.is_speech_verb(clause.lemma_.lower(), clause.lower_)
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in clause.children)
        and any(c.dep_ == "nsubj" for c in clause.children)
        and _after_comma(clause)
    )


def _after_comma(tok: Token) -> bool:
    """The phrase of ``tok`` opens with a comma or follows one."""
    left = tok.left_edge
    return left.text == "," or (left.i > 0 and tok.doc[left.i - 1].text == ",")


def _set_off(verb: Token) -> bool:
    """The verb's clause is set off by a comma ("As the Minister noted, …")."""
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    return (
        doc[right].text == ","
        or (right + 1 < len(doc) and doc[right + 1].text == ",")
        or (left > 0 and doc[left - 1].text == ",")
    )


def _that_clause(verb: Token) -> Token | None:
    """A that-clause the parser hung elsewhere in the verb's phrase
    ("stressed during the talks that a ceasefire was needed": a relative clause of "talks")."""
    for t in verb.subtree:
        if t.i <= verb.i or t.lower_ != "that" or t.dep_ != "mark":
            continue
        head = t.head
        if head.pos_ in ("VERB", "AUX") and head.left_edge.i == t.i and head is not verb:
            between = verb.doc[verb.i + 1 : t.i]
            if not any(x.pos_ in ("VERB", "AUX") for x in between):
                return head
    return None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _make(view: TextView, verb: Token, toks: list[Token], lex: Lexicon, *, framing: bool,
          speaker: Token | None = None) -> Reported | None:
    if speaker is None:
        speaker = speaker_token(verb, lex)
    if speaker is not None and speaker.pos_ == "NOUN" and speaker.lower_ in lex.non_speakers:
        return None  # "polls indicate that …"
    if speaker is not None:
        speaker = document_author(speaker, lex)
        sp_toks = {t.i for t in speaker.subtree}
        toks = [t for t in toks if t.i not in sp_toks]
    toks = sorted(toks, key=lambda t: t.i)
    # keep the contiguous run (a clause split by the cue keeps its larger part)
    runs: list[list[Token]] = []
    for t in toks:
        if runs and (t.i == runs[-1][-1].i + 1 or all(
            x.is_punct for x in t.doc[runs[-1][-1].i + 1 : t.i]
        )):
            runs[-1].append(t)
        else:
            runs.append([t])
    if not runs:
        return None
    run = max(runs, key=len)
    rng = _clause_range(view, run)
    if rng is None:
        return None
    spk = _range(view, mention_tokens(speaker)) if speaker is not None else None
    weak = verb.lemma_.lower() in lex.weak_verbs or verb.lower_ in lex.weak_forms
    return Reported(rng[0], rng[1], _range(view, [verb]), spk, _has_marks(view, *rng), framing,
                    weak)
