"""A fast rule-based sentence splitter for news copy (no model).

One regex finds candidate ends (terminal punctuation with any closing marks,
and line breaks); a few rules decide each one:

- a full stop, ``?``, ``!`` or ellipsis (with closing quotes/brackets after it)
  ends a sentence when whitespace and then a capital, a digit, an opening quote
  or a dash with a capitalised word after it follow (``… he said. – Our task``);
  a dash followed by a lower-case word continues it (``…”, – the Minister added``);
- a full stop after a listed abbreviation (``Mr.``, ``Gen.``, ``Sept.``) or an
  initial (``J. R. Smith``) does not end a sentence; after a multi-dot form
  (``U.S.``, ``p.m.``) only when a listed sentence opener follows;
- a blank line always ends a sentence; a single line break does too, unless
  the next line goes on in lower case (a hard-wrapped line).
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline import rules

_CLOSERS = "”\"’'»)]"
_OPENERS = "“\"‘'«([„"
_DASHES = "–—-"
_CANDIDATE = re.compile(rf"(?:[.!?]+|…|\.\.\.)[{re.escape(_CLOSERS)}]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"(\S+)$")
_MULTI_DOT = re.compile(r"^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")
_NEXT_WORD = re.compile(r"[^\s]+")


def _read_list(file_name: str) -> list[str]:
    return rules.lines(f"stages/data/{file_name}")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_list("sentences_abbreviations.txt"))


@lru_cache(maxsize=1)
def sentence_starters() -> frozenset[str]:
    return frozenset(_read_list("sentences_starters.txt"))


def _skip_spaces(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t\r\u00a0":
        i += 1
    return i


def _ends_at_punct(text: str, m_start: int, m_end: int, end: int) -> bool:
    """Whether the punctuation run ``text[m_start:m_end]`` ends a sentence."""
    j = _skip_spaces(text, m_end, end)
    if j >= end or text[j] == "\n":
        return True
    c = text[j]
    if c.islower():
        return False
    if c in _DASHES:
        k = _skip_spaces(text, j + 1, end)
        if k >= end:
            return True
        nxt = text[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            return False
    elif c in _OPENERS:
        if j + 1 < end and text[j + 1].islower():
            return False  # a quotation that goes on inside the sentence
    elif not (c.isupper() or c.isdigit()):
        return False
    punct = text[m_start:m_end].rstrip(_CLOSERS)
    if punct != ".":
        return True
    if m_end - m_start > 1:
        # A closing quote or bracket after the full stop: the sentence ends there.
        return True
    wm = _WORD_BEFORE.search(text, max(0, m_start - 40), m_start)
    if wm is None:
        return True
    word = wm.group(1).lstrip(_OPENERS)
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial
    if word.casefold() in abbreviations():
        return False
    if _MULTI_DOT.match(word):
        if c in _DASHES or c in _OPENERS:
            return True
        nm = _NEXT_WORD.match(text, j, end)
        return nm is not None and nm.group(0).rstrip(",;:") in sentence_starters()
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence bounds ``(start, end)`` in ``text[start:end]``, without outer whitespace."""
    stop = len(text) if end is None else end
    cuts: list[int] = []
    for m in _CANDIDATE.finditer(text, start, stop):
        ms, me = m.start(), m.end()
        if text[ms] == "\n":
            j = _skip_spaces(text, me, stop)
            if j >= stop or text[j] == "\n" or not text[j].islower():
                cuts.append(ms)
        elif _ends_at_punct(text, ms, me, stop):
            cuts.append(me)
    bounds: list[tuple[int, int]] = []
    prev = start
    for cut in [*cuts, stop]:
        s, e = prev, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            bounds.append((s, e))
        prev = cut
    return bounds
