"""QuoteFinder: direct, mixed and indirect quotations of one document, with speakers."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from dateline.actors.table import ActorInfo, ActorTable, table_of
from dateline.document import Document
from dateline.model import Quote, Span
from dateline.quotes.attribution import (
    Attribution,
    attribution_after,
    attribution_before,
    cues_inside,
    valid_subject,
)
from dateline.quotes.coref import PRONOUNS, Resolver
from dateline.quotes.cues import cue_paragraph, speech_form_pattern, subject_pattern
from dateline.quotes.marks import Marked, dash_paragraphs, find_marked, word_count
from dateline.quotes.reported import Reported, find_reported
from dateline.quotes.textview import TextView

#: A dateline the dateline stage left in the story ("BERLIN (dpa) — ").
_DATELINE_LEAD = re.compile(r"[A-Z][A-Z .,'’-]{2,40}(?:\([^)\n]{1,30}\))?\s*[—–-]\s+")
#: First or second person: a dash paragraph without a cue is speech only in someone's voice.
_SPEAKER_VOICE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me|you|You|your|Your)\b")
_BREAKS = re.compile(r"\n\s*")
_TRIM = " \t\n,;:–—-"
#: Minimum words of a quoted stretch that opens a sentence without any attribution.
MIN_BARE_WORDS = 4
#: Minimum words of a quoted phrase that is the whole object of a framing verb to count as
#: a quotation (fewer are a term or a scare quote: called for "restraint").
MIN_FRAMED_WORDS = 4


@dataclass
class Candidate:
    kind: str
    start: int
    end: int
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    paragraph: int = 0
    continues: bool = False  # a paragraph that carries on the previous quotation
    unclosed: bool = False  # the paragraph ended before a closing mark
    actor: ActorInfo | None = None
    inherited: bool = False  # the speaker was carried on from the quotation before


#: Two names joined in the attributing words ("Shavkat Mirziyoyev and Vladimir Putin").
_JOINT = re.compile(r"\b[A-Z][\w.’'-]*\s+(?:and|&)\s+(?:[A-Z]|the\s+[A-Z])")


def named_speaker(actor: ActorInfo | None, mention: str | None) -> str | None:
    """The speaker's name, or None for collectives and joint statements.

    The annotation contract gives unnamed and non-unique people and collectives
    ("officials", "Afghan officials", "analysts") and a joint statement of two named
    parties no speaker; the actor stays linked through ``speaker_id``.
    """
    if actor is None or actor.kind == "group":
        return None
    if actor.kind == "person" and mention and _JOINT.search(mention):
        return None
    return actor.name


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


class QuoteFinder:
    """Finds the quotations of a document and attributes them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.view = TextView.of(doc)
        self.table: ActorTable = table_of(doc)
        self.text = self.view.text

    # -- boundaries -----------------------------------------------------------
    def _paragraph_index(self, pos: int) -> int:
        return len(_BREAKS.findall(self.text, 0, pos))

    def _boundary_before(self, pos: int, marked: list[Marked]) -> int:
        """Where the clause holding ``pos`` starts: sentence, paragraph or previous quote."""
        pa, _ = self.view.paragraph(pos)
        si = self.view.sentence_at(pos)
        b = max(pa, self.view.sentences[si][0] if si is not None else pa)
        for m in marked:
            if m.outer_end <= pos:
                b = max(b, m.outer_end)
        return b

    def _limit_after(self, pos: int, marked: list[Marked]) -> int:
        _, pb = self.view.paragraph(max(0, pos - 1))
        nxt = [m.outer_start for m in marked if m.outer_start >= pos]
        return min([pb, pos + 160, *nxt])

    # -- direct quotations ------------------------------------------------------
    def _split(self, a: int, b: int) -> tuple[list[tuple[int, int]], Attribution | None]:
        """Cut translation cues out of quoted text ``a:b``."""
        inner = cues_inside(self.view, a, b)
        if not inner:
            return [(a, b)], None
        parts: list[tuple[int, int]] = []
        pos = a
        for c in inner:
            parts.append((pos, c.start))
            pos = c.end
        parts.append((pos, b))
        parts = [_trim(self.text, x, y) for x, y in parts]
        parts = [(x, y) for x, y in parts if y - x >= 2]
        first = inner[0]
        return parts, Attribution(first.speaker, first.verb)

    def _announced(self, pos: int) -> Attribution | None:
        """The paragraph before ``pos`` announces a speaker ("Dorian Jones reports.")."""
        pa, _ = self.view.paragraph(pos)
        if self.text[pa:pos].strip():
            return None
        prev_end = pa - 1
        while prev_end > 0 and self.text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end <= 0:
            return None
        qa, _ = self.view.paragraph(prev_end - 1)
        if self.text[prev_end - 1] == ":":
            # "In a statement, the ministry said:" and the quotation below it
            sa = self.view.sentence_at(prev_end - 1)
            start = max(qa, self.view.sentences[sa][0]) if sa is not None else qa
            return attribution_before(self.view, start, prev_end)
        m = cue_paragraph().match(self.text[qa:prev_end])
        if m is None or not valid_subject(m.group("subj")):
            return None
        return Attribution(
            (qa + m.start("subj"), qa + m.end("subj")), (qa + m.start("verb"), qa + m.end("verb"))
        )

    def direct(self, marked: list[Marked]) -> tuple[list[Candidate], list[Marked]]:
        """Direct quotations, and the marked stretches left for mixed quotes or dropped."""
        out: list[Candidate] = []
        rest: list[Marked] = []
        text = self.text
        for m in marked:
            boundary = self._boundary_before(m.outer_start, marked)
            before_text = text[boundary : m.outer_start]
            at_start = before_text.strip(" \t\n–—-") == ""
            att = attribution_before(self.view, boundary, m.outer_start)
            if att is None and m.close_mark is not None:
                limit = self._limit_after(m.outer_end, marked)
                att = attribution_after(self.view, m.outer_end, limit)
            if att is None and at_start:
                att = self._announced(m.outer_start)
            parts, inner = self._split(m.start, m.end)
            if inner is not None and att is None:
                att = inner
            words = word_count(text[m.start : m.end])
            content = text[m.start : m.end]
            sentence_like = words >= 8 or re.search(r"[.!?,…]\W*$", content) is not None
            # a short sentence right after an attributed quotation carries it on ("None.")
            carries_on = bool(out) and out[-1].paragraph == self._paragraph_index(m.start) and (
                m.outer_start - out[-1].end <= 120 and re.search(r"[.!?…]\W*$", content)
            )
            if att is None and not (
                at_start and sentence_like and (words >= MIN_BARE_WORDS or carries_on)
            ):
                # unattributed and not a sentence of its own: a title, a name, a scare quote
                rest.append(m)
                continue
            introduced = re.search(r"[,:]\s*[–—-]?\s*$", before_text) is not None
            if not at_start and not introduced and words < MIN_BARE_WORDS:
                # quoted words inside a clause ("called it “a war by proxy”, he said")
                rest.append(m)
                continue
            para = self._paragraph_index(m.start)
            for x, y in parts:
                out.append(
                    Candidate(
                        "direct", x, y,
                        speaker=att.speaker if att else None,
                        cue=att.cue if att else None,
                        paragraph=para,
                        continues=at_start and m.open_mark is not None,
                        unclosed=m.close_mark is None,
                    )
                )
        return out, rest

    def dashes(self, taken: list[tuple[int, int]]) -> list[Candidate]:
        """Translation-style dash quotations: a paragraph opening with a dash, or
        a paragraph closing with `, – the Minister added.`"""
        out: list[Candidate] = []
        for a, b in dash_paragraphs(self.text):
            if any(x < b and a < y for x, y in taken):
                continue
            parts, att = self._split(a, b)
            body = self.text[a:b]
            if att is None and not (
                word_count(body) >= MIN_BARE_WORDS
                and re.search(r"[.!…]\s*$", body)
                and _SPEAKER_VOICE.search(body)
            ):
                # a list item, a dash after a byline, or an interviewer's question:
                # not a quotation unless someone answers in their own voice
                continue
            para = self._paragraph_index(a)
            for x, y in parts:
                out.append(Candidate("direct", x, y, speaker=att.speaker if att else None,
                                     cue=att.cue if att else None, paragraph=para,
                                     continues=att is None))
        tail = re.compile(
            rf"[,.!?…]\s*[–—]\s*(?P<subj>{subject_pattern()})\s+(?P<verb>{speech_form_pattern()})"
            r"\b[^.\n]*\.?\s*$"
        )
        pos = 0
        for line in self.text.split("\n"):
            a, b = pos, pos + len(line)
            pos = b + 1
            if any(c in line for c in "“”\"«»") or any(x < b and a < y for x, y in taken):
                continue
            m = tail.search(line)
            if m is None or any(c.start < b and a < c.end for c in out):
                continue
            qa, qb = _trim(self.text, a, a + m.start())
            if word_count(self.text[qa:qb]) < 3:
                continue
            out.append(Candidate("direct", qa, qb, speaker=(a + m.start("subj"), a + m.end("subj")),
                                 cue=(a + m.start("verb"), a + m.end("verb")),
                                 paragraph=self._paragraph_index(a)))
        return out

    # -- reported speech --------------------------------------------------------
    def reported(self, reported: list[Reported], direct: list[Candidate],
                 rest: list[Marked], marked: list[Marked]) -> list[Candidate]:
        out: list[Candidate] = []
        direct_spans = [(c.start, c.end) for c in direct]
        quoted = [(m.outer_start, m.outer_end) for m in marked]
        # mixed quotes take the nearest clause round the quoted words, indirect the widest
        ordered = sorted([r for r in reported if r.has_marks], key=lambda r: r.end - r.start)
        ordered += sorted([r for r in reported if not r.has_marks],
                          key=lambda r: r.end - r.start, reverse=True)
        for r in ordered:
            if any(a <= r.cue[0] < b for a, b in quoted):
                continue  # a speech verb inside quoted words
            overlaps_direct = any(a < r.end and r.start < b for a, b in direct_spans)
            if r.has_marks:
                inner = [m for m in marked if m.outer_start < r.end and r.start < m.outer_end]
                if not inner:
                    continue
                if overlaps_direct:
                    continue
                only = inner[0]
                before = self.text[r.start : only.outer_start].strip(" \t\n–—-")
                after = self.text[only.outer_end : r.end].strip(" \t\n.,;:!?–—-")
                if len(inner) == 1 and not before and not after:
                    # the clause is just the quotation: it is direct ("evoked « a model
                    # of cooperation »"), and already found unless its cue was not next to it
                    if only in rest and word_count(
                        self.text[only.start : only.end]
                    ) >= MIN_FRAMED_WORDS and not any(
                        c.start < only.end and only.start < c.end for c in out
                    ):
                        out.append(Candidate("direct", only.start, only.end, speaker=r.speaker,
                                             cue=r.cue, paragraph=self._paragraph_index(r.start)))
                    continue
                kind = "mixed"
            else:
                if overlaps_direct or r.framing:
                    continue
                if any(self._reports_inside(r, o) for o in reported):
                    continue  # "a source said [Fidan stressed that …]": the inner report wins
                kind = "indirect"
            if any(c.start <= r.start and r.end <= c.end for c in out):
                continue
            if any(c.start < r.end and r.start < c.end for c in out):
                continue
            out.append(Candidate(kind, r.start, r.end, speaker=r.speaker, cue=r.cue,
                                 paragraph=self._paragraph_index(r.start)))
        return out

    def _reports_inside(self, outer: Reported, inner: Reported) -> bool:
        """``inner`` is a named speaker's report nested in ``outer``'s clause."""
        if inner is outer or inner.weak or inner.has_marks or inner.speaker is None:
            return False
        s, e = inner.speaker
        if not (outer.start <= s and e <= outer.end and inner.end <= outer.end
                and e <= inner.cue[0] <= e + 30):
            return False
        if self.text[outer.cue[0] : outer.cue[1]].lower().startswith("according"):
            # "She told him X, according to a readout": the readout only vouches for it
            return True
        return self.text[s : s + 1].isupper() and self.text[s:e].lower() not in PRONOUNS

    # -- attribution --------------------------------------------------------------
    def attribute(self, cands: list[Candidate], quoted: list[tuple[int, int]]) -> None:
        resolver = Resolver(self.table, quoted, [s for s, _ in self.view.sentences], self.text)
        prev: Candidate | None = None
        for c in cands:
            if c.speaker is not None:
                a, b = c.speaker
                c.actor = resolver.resolve(self.text[a:b], a, b).actor
            elif c.kind == "direct" and prev is not None and prev.kind == "direct" and (
                prev.paragraph == c.paragraph
                or (c.continues and prev.paragraph == c.paragraph - 1)
            ):
                # the same speaker carries on: later parts of one quotation
                c.actor = prev.actor
                c.speaker = prev.speaker
                c.cue = prev.cue
                c.inherited = True
            prev = c
        # a quotation over several paragraphs is attributed once, often at its end
        for c, nxt in reversed(list(itertools.pairwise(cands))):
            # (a paragraph left open takes the attribution of the paragraph that closes it,
            # rather than the speaker of a closed quotation before it)
            if ((c.speaker is None or (c.inherited and nxt.speaker is not None
                                       and not nxt.inherited))
                    and c.kind == "direct" and nxt.kind == "direct" and c.unclosed
                    and nxt.continues and nxt.paragraph == c.paragraph + 1):
                c.actor, c.speaker, c.cue = nxt.actor, nxt.speaker, nxt.cue
                c.inherited = nxt.inherited
        for c in cands:
            if c.actor is None and c.speaker is None and c.kind == "direct":
                c.actor = self._introduced_before(c.start, quoted)
                c.inherited = c.actor is not None

    def _introduced_before(self, pos: int, quoted: list[tuple[int, int]]) -> ActorInfo | None:
        """The person a quotation with no attribution of its own continues: the first person
        named, outside quotation marks, in the sentence just before it in its paragraph
        ("Pashinyan presented the treaty. \"You know that …\"")."""
        at = self.view.sentence_at(max(0, pos - 1))
        if at is None:
            return None
        start, end = self.view.sentences[at]
        if end > pos:  # the quotation opens inside this sentence: take the one before
            if at == 0:
                return None
            start, end = self.view.sentences[at - 1]
        para_start, _ = self.view.paragraph(pos)
        if start < para_start:
            return None
        for s, e, actor in reversed(self.table.mentions_before(end)):
            inside = any(a <= s < b for a, b in quoted)
            if s >= start and e <= end and not inside:
                return actor if actor.kind == "person" else None
        return None

    # -- all together -----------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        marked = find_marked(self.text)
        self.view.quoted = [(m.outer_start, m.outer_end) for m in marked]
        direct, rest = self.direct(marked)
        direct += self.dashes([(m.outer_start, m.outer_end) for m in marked])
        reported = self.reported(find_reported(self.view), direct, rest, marked)
        cands = sorted(direct + reported, key=lambda c: (c.start, c.end))
        # cues resolved left to right so that earlier speakers are antecedents
        self.attribute(cands, [(c.start, c.end) for c in cands if c.kind == "direct"])
        return cands

    def quotes(self) -> list[Quote]:
        out: list[Quote] = []
        story = self.doc.story_start
        for c in self.candidates():
            a, b = max(c.start, story), c.end
            lead = _DATELINE_LEAD.match(self.text, a, b)
            if lead is not None and c.kind != "direct":
                a = lead.end()
            if b <= a:
                continue
            span = self.view.span(a, b)
            if not span.text.strip():
                continue
            # the words naming the speaker, even when they name nobody ("a spokesman")
            sm = self.view.span(*c.speaker) if c.speaker else None
            cue = self.view.span(*c.cue) if c.cue else None
            out.append(
                Quote(
                    kind=c.kind,
                    text=span.text,
                    start=span.start,
                    end=span.end,
                    speaker=named_speaker(c.actor, sm.text if sm else None),
                    speaker_id=c.actor.id if c.actor else None,
                    speaker_mention=Span(sm.text, sm.start, sm.end) if sm else None,
                    cue=Span(cue.text, cue.start, cue.end) if cue else None,
                )
            )
        return out
