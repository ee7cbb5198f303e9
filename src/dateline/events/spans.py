"""Token ↔ input-offset bridging for sentence parses."""

from __future__ import annotations

from spacy.tokens import Token

from dateline.document import Document, Parse
from dateline.model import Span


def token_span(doc: Document, parse: Parse, start_tok: int, end_tok: int) -> Span:
    """The input-text span of tokens ``start_tok:end_tok`` of a sentence parse."""
    sdoc = parse.doc
    a = parse.base + sdoc[start_tok].idx
    last = sdoc[end_tok - 1]
    b = parse.base + last.idx + len(last.text)
    return doc.raw_span(a, b)


def tok_span(doc: Document, parse: Parse, tok: Token) -> Span:
    return token_span(doc, parse, tok.i, tok.i + 1)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end
