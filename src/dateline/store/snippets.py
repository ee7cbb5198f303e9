"""Search snippets: plain text and the offsets of the matched words, never markup.

The backends mark the matched words of a snippet with ``MARK_START`` and
``MARK_END`` (private-use characters, which news text does not hold), so
brackets and the like in the text stay text. ``split_snippet`` turns such a
string into the snippet's text and ``[start, end]`` offsets into it; the CLI
styles those ranges and the web app wraps them in ``<mark>`` after escaping.
"""

from __future__ import annotations

MARK_START = "\ue000"
MARK_END = "\ue001"


def split_snippet(marked: str | None) -> tuple[str | None, list[list[int]]]:
    """``marked`` without its markers, and the ``[start, end]`` of each marked range."""
    if marked is None:
        return None, []
    out: list[str] = []
    marks: list[list[int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == MARK_START:
            start = pos
        elif ch == MARK_END:
            if start is not None and pos > start:
                marks.append([start, pos])
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), marks


def snippet_parts(text: str, marks: list[list[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into ``(part, matched)`` pieces, in order."""
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(marks):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts
