"""Quotation marks: pair them into quoted stretches of the clean text.

Handles curly, straight, guillemet and single marks, nested quotes (only the
outermost stretch is returned), closing marks that scraping lost (the stretch
ends with its paragraph) and quotations running over several paragraphs
(each paragraph opens with the mark again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
DOUBLE_AMBIGUOUS = '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_AMBIGUOUS = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS + SINGLE_OPEN + SINGLE_CLOSE + "'"
DASHES = "–—-"
_OPEN_LEFT = " \t\n([{/" + DASHES + ALL_MARKS
_CLOSE_RIGHT = " \t\n.,;:!?)]}…" + DASHES + ALL_MARKS


@dataclass
class Marked:
    """A quoted stretch: ``start:end`` is the text inside the marks (clean offsets)."""

    start: int
    end: int
    open_mark: int | None  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended first
    single: bool = False

    @property
    def outer_start(self) -> int:
        return self.open_mark if self.open_mark is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def _left(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else "\n"


def _right(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else "\n"


def opens_here(text: str, i: int) -> bool:
    return _left(text, i) in _OPEN_LEFT and not _right(text, i).isspace()


def closes_here(text: str, i: int) -> bool:
    return not _left(text, i).isspace() and _right(text, i) in _CLOSE_RIGHT


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_double(text: str) -> list[Marked]:
    """Outermost double-quoted stretches, paragraph by paragraph."""
    found: list[Marked] = []
    for pa, pb in _paragraphs(text):
        stack: list[int] = []
        for i in range(pa, pb):
            ch = text[i]
            if ch not in DOUBLE_OPEN and ch not in DOUBLE_CLOSE and ch != DOUBLE_AMBIGUOUS:
                continue
            if ch in DOUBLE_OPEN:
                closing = bool(stack) and closes_here(text, i) and not opens_here(text, i)
            elif ch in DOUBLE_CLOSE:
                closing = True
            else:
                o, c = opens_here(text, i), closes_here(text, i)
                closing = (c and not o) if o != c else bool(stack)
            if not closing:
                stack.append(i)
                continue
            if not stack:
                continue  # a stray closing mark
            opened = stack.pop()
            if not stack:
                a, b = _trimmed(text, opened + 1, i)
                if b > a:
                    found.append(Marked(a, b, opened, i))
        if stack:
            opened = stack[0]
            a, b = _trimmed(text, opened + 1, pb)
            if b > a:
                found.append(Marked(a, b, opened, None))
    return found


def find_single(text: str, taken: list[Marked]) -> list[Marked]:
    """Single-quoted stretches outside the double-quoted ones."""
    found: list[Marked] = []

    def inside(i: int) -> bool:
        return any(m.outer_start <= i < m.outer_end for m in taken)

    for pa, pb in _paragraphs(text):
        i = pa
        while i < pb:
            ch = text[i]
            if (
                (ch in SINGLE_OPEN or ch == SINGLE_AMBIGUOUS)
                and not inside(i)
                and opens_here(text, i)
                and not _left(text, i).isalnum()
            ):
                j = i + 1
                while j < pb:
                    cj = text[j]
                    if (
                        (cj in SINGLE_CLOSE or cj == SINGLE_AMBIGUOUS)
                        and closes_here(text, j)
                        and not (_left(text, j).isalpha() and _right(text, j).isalpha())
                    ):
                        break
                    j += 1
                if j < pb:
                    a, b = _trimmed(text, i + 1, j)
                    if b > a:
                        found.append(Marked(a, b, i, j, single=True))
                    i = j + 1
                    continue
            i += 1
    return found


def find_marked(text: str) -> list[Marked]:
    double = find_double(text)
    return sorted(double + find_single(text, double), key=lambda m: m.start)


_DASH_PARAGRAPH = re.compile(r"^[ \t]*[–—-][ \t]+(?=\S)")


def dash_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs in translation style that open with a dash (“– We are ready …”)."""
    out = []
    for pa, pb in _paragraphs(text):
        m = _DASH_PARAGRAPH.match(text[pa:pb])
        if m is None:
            continue
        body = text[pa + m.end() : pb]
        if any(c in body for c in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIGUOUS):
            continue
        a, b = _trimmed(text, pa + m.end(), pb)
        if b > a:
            out.append((a, b))
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
