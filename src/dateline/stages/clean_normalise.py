"""Build the normalised story text, with a map of every character back to the input.

Whitespace runs become one space, zero-width marks are dropped, no-break and
other spaces become a plain space, and quotation marks are normalised one for
one (« „ ‟ → “, » → ”, ‚ → ‘). Lines are joined with "\\n", or "\\n\\n" where
the input had a blank line (or a removed block standing on its own) between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.document import CleanText
from dateline.stages.clean_lines import ZERO_WIDTH, Line

QUOTE_MAP = {"«": "“", "„": "“", "‟": "“", "»": "”", "‚": "‘"}
_DROP = frozenset(ZERO_WIDTH)


def _break_offset(raw: str, after: int, before: int) -> int:
    """Input offset of the line break between two kept lines (first whitespace there)."""
    for j in range(after, before):
        if raw[j].isspace():
            return j
    return after


def build_clean_text(raw: str, kept: Sequence[Line], paragraph_before: Sequence[bool]) -> CleanText:
    """Join ``kept`` lines of ``raw`` into a ``CleanText``.

    ``paragraph_before[i]`` says whether a paragraph break (rather than a line
    break) separates ``kept[i]`` from the kept line before it.
    """
    out: list[str] = []
    offsets: list[int] = []
    last_raw = 0
    for n, line in enumerate(kept):
        if out:
            sep = "\n\n" if paragraph_before[n] else "\n"
            brk = _break_offset(raw, last_raw, line.start)
            for ch in sep:
                out.append(ch)
                offsets.append(brk)
        space_pending = False
        for i in range(line.start, line.end):
            ch = raw[i]
            if ch in _DROP:
                continue
            if ch.isspace():
                if not space_pending:
                    out.append(" ")
                    offsets.append(i)
                    space_pending = True
                continue
            space_pending = False
            out.append(QUOTE_MAP.get(ch, ch))
            offsets.append(i)
        if out and out[-1] == " ":  # a line that ended in dropped marks after a space
            out.pop()
            offsets.pop()
        last_raw = line.end
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return CleanText(text="".join(out), offsets=offsets)
