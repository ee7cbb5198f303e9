"""Leftover page furniture that survives body extraction: whole lines only.

A line is dropped when it matches one of these patterns entirely (case is
ignored). They name page furniture (comment widgets, share prompts, link
lists, rulers), never story content.
"""

from __future__ import annotations

import re

BOILERPLATE_LINES: tuple[str, ...] = (
    r"[_\-=*~.•·]{3,}",
    r"\d*\s*comments?",
    r"comments? (?:are|is) closed\.?",
    r"(?:all|show|view|hide|load|loading) comments?(?:\.\.\.|…)?",
    r"leave a (?:reply|comment)",
    r"(?:tell us|let us know) what you think.*",
    r"want to join the discussion\??",
    r"feel free to contribute!?",
    r"(?:you may|you might) also like.*",
    r"(?:read more|related|see also|more)\s*:.*",
    r"\[related:.*\]",
    r"share (?:this|on \w+)\W*",
    r"follow us on .*",
    r"©.{0,60}",
    r"advertisement",
    r"(?:sign up|subscribe) (?:for|to) our newsletter.*",
)

_PATTERN = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_LINES), re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    return bool(_PATTERN.fullmatch(line.strip()))


def drop_boilerplate_lines(text: str) -> str:
    """``text`` without the lines that are page furniture."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate_line(line))
