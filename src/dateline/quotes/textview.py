"""A read-only view of a document for the quote finder: clean text, sentences, tokens.

Everything here works in clean-text offsets; ``TextView.span`` turns a clean
range into a ``Span`` of the input text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.document import Document
from dateline.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class TextView:
    doc: Document
    text: str
    sentences: list[tuple[int, int]]
    #: (clean start of the token, token, sentence index), ordered by offset.
    tokens: list[tuple[int, Token, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    #: Clean ranges of quoted stretches (marks included), set by the quote finder.
    quoted: list[tuple[int, int]] = field(default_factory=list)
    #: id of a parsed spaCy Doc -> (sentence index, clean base offset).
    _bases: dict[int, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> TextView:
        if doc.clean is not None:
            text = doc.clean.text
            sents = list(doc.sentence_bounds)
        else:
            text = doc.raw
            sents = [(s.start, s.end) for s in doc.record.sentences]
        if not sents and text.strip():
            sents = [(0, len(text))]
        view = cls(doc=doc, text=text, sentences=sents)
        for i in sorted(doc.parses):
            p = doc.parses[i]
            view._bases[id(p.doc)] = (i, p.base)
            for tok in p.doc:
                view.tokens.append((p.base + tok.idx, tok, i))
        view.tokens.sort(key=lambda t: t[0])
        view._starts = [t[0] for t in view.tokens]
        return view

    def span(self, start: int, end: int) -> Span:
        """Input-text span of clean range ``start:end``."""
        return self.doc.raw_span(start, end)

    def offset(self, tok: Token) -> int:
        """Clean offset of a parsed token."""
        return self._bases[id(tok.doc)][1] + tok.idx

    def sentence_of_token(self, tok: Token) -> int:
        return self._bases[id(tok.doc)][0]

    def base_of(self, tok: Token) -> int:
        return self._bases[id(tok.doc)][1]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Parsed tokens that start inside clean range ``start:end``."""
        i = bisect.bisect_left(self._starts, start)
        out: list[Token] = []
        while i < len(self.tokens) and self.tokens[i][0] < end:
            out.append(self.tokens[i][1])
            i += 1
        return out

    def sentence_at(self, pos: int) -> int | None:
        """Index of the sentence holding clean offset ``pos``."""
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < max(self.sentences[i][1], pos + 1):
            return i
        return None

    def paragraph(self, pos: int) -> tuple[int, int]:
        """Clean range of the paragraph (line) holding ``pos``."""
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return a, (len(self.text) if b < 0 else b)
