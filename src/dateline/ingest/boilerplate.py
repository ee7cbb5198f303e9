"""The few furniture lines the HTML reader still drops itself: whole lines only.

Page furniture is the ``clean`` stage's to remove: its cue data
(``stages/data/clean_cues.yaml``) knows every line below, and the stage reports
each removal in the record's ``removed`` list. The reader drops only these
five kinds of line before the text is stored (a line is dropped when it
matches one entirely, case ignored): comment counts, comment prompts,
"you may also like", "Read more:"/"Related:" link lines and "[Related: …]".
Leaving them to the cleaner gives records the same clean text but costs the
reader's own body-extraction score (``dateline eval extraction``: token F1
0.9699 with them, 0.9688 without), so they stay here.
"""

from __future__ import annotations

import re

BOILERPLATE_LINES: tuple[str, ...] = (
    r"\d*\s*comments?",
    r"(?:tell us|let us know) what you think.*",
    r"(?:you may|you might) also like.*",
    r"(?:read more|related|see also|more)\s*:.*",
    r"\[related:.*\]",
)

_PATTERN = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_LINES), re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    return bool(_PATTERN.fullmatch(line.strip()))


def drop_boilerplate_lines(text: str) -> str:
    """``text`` without the lines that are page furniture."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate_line(line))
