"""When an event happened: the date words its clause gives, resolved against the story.

"On Tuesday", "yesterday", "last week", "three days ago", "on March 5", "in 2014": a
DATE entity attached to the trigger (not through another verb) is read against the
story's date (the dateline's, else ``published``). Only forms whose day is certain are
turned into a day; "in 2014" gives a year and no day. An event whose own date lies more
than ``BACKGROUND_DAYS`` before the story's, or in an earlier year, is background told
as context (the exports give it its own date, or leave it out when it has none).
Durations ("for three days", "two years of talks") are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dateline import rules

#: An event this many days or more before the story's date is background.
BACKGROUND_DAYS = 30
#: Steps from the date's head up to the trigger (prep → pobj is two).
MAX_HOPS = 3
#: Prepositions of a span of time, not a point: "for three days", "during two years".
DURATION_PREPS = frozenset({"for", "during", "over", "within", "throughout"})

WEEKDAYS = rules.ordered(rules.EVENTS, "weekdays")
MONTHS = rules.ordered(rules.EVENTS, "months")
SAME_DAY = rules.words(rules.EVENTS, "same_day_words")
DAY_BEFORE = rules.words(rules.EVENTS, "day_before_words")

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(day|week|month|year)s?\s+ago\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DAY_NUMBER = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


@dataclass(frozen=True, slots=True)
class When:
    """The date words of an event and what they resolve to."""

    span: SpacySpan
    day: date | None
    year: int | None
    background: bool


def event_when(trigger: Token, story_day: date | None) -> When | None:
    """The date the trigger's clause gives, or None (see the module's doc)."""
    for ent in _attached_dates(trigger):
        day, year = resolve(ent.text, story_day)
        if day is None and year is None:
            continue
        background = story_day is not None and (
            (day is not None and day <= story_day - timedelta(days=BACKGROUND_DAYS))
            or (day is None and year is not None and year < story_day.year)
        )
        return When(ent, day, year if day is None else day.year, background)
    return None


def _attached_dates(trigger: Token) -> list[SpacySpan]:
    """DATE entities of the sentence that modify the trigger, nearest first."""
    found: list[tuple[int, SpacySpan]] = []
    for ent in trigger.doc.ents:
        if ent.label_ != "DATE" or ent.start <= trigger.i < ent.end:
            continue
        hops = _hops_to(ent.root, trigger)
        if hops is not None:
            found.append((hops, ent))
    return [e for _, e in sorted(found, key=lambda x: (x[0], abs(x[1].start - trigger.i)))]


def _hops_to(tok: Token, trigger: Token) -> int | None:
    """Steps from ``tok`` up to ``trigger``, not through another verb or a duration."""
    for hops in range(1, MAX_HOPS + 1):
        head = tok.head
        if head is tok:
            return None
        if tok.dep_ == "pobj" and head.lower_ in DURATION_PREPS:
            return None
        if head == trigger:
            return hops
        if head.pos_ in ("VERB", "AUX"):
            return None
        tok = head
    return None


def resolve(text: str, story_day: date | None) -> tuple[date | None, int | None]:
    """(day, year) of date words, read against the story's day; (None, None) when they
    name no point in time that can be placed."""
    low = text.lower()
    words = re.findall(r"[a-z]+", low)
    if story_day is not None:
        rel = _relative(low, words, story_day)
        if rel is not None:
            return rel, rel.year
    names = _month_names()
    month = next((names[w] for w in words if w in names), None)
    year_match = _YEAR.search(low)
    year = int(year_match.group(1)) if year_match else None
    if month is not None:
        rest = _YEAR.sub(" ", low)
        num = _DAY_NUMBER.search(rest)
        if num is None:
            return None, year
        if year is None and story_day is None:
            return None, None
        try:
            day = date(year or story_day.year, month, int(num.group(1)))  # type: ignore[union-attr]
        except ValueError:
            return None, year
        if year is None and story_day is not None and day > story_day + timedelta(days=7):
            day = day.replace(year=day.year - 1)  # "on December 30" in a January story
        return day, day.year
    return None, year


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Month number by name and by abbreviation ("jan", "sept")."""
    names = {m: i for i, m in enumerate(MONTHS, 1)}
    names.update({m[:3]: i for i, m in enumerate(MONTHS, 1)})
    names["sept"] = 9
    return names


def _relative(low: str, words: list[str], story_day: date) -> date | None:
    if any(w in DAY_BEFORE for w in words) or "last night" in low:
        return story_day - timedelta(days=1)
    if any(w in SAME_DAY for w in words) and not _YEAR.search(low):
        return story_day
    ago = _AGO.search(low)
    if ago:
        n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBERS[ago.group(1)]
        unit = ago.group(2)
        if unit == "day":
            return story_day - timedelta(days=n)
        if unit == "week":
            return story_day - timedelta(days=7 * n)
        return None  # months and years ago: no certain day
    if "last week" in low:
        return None  # a week, not a day
    for i, name in enumerate(WEEKDAYS):
        if name in words:
            back = (story_day.weekday() - i) % 7
            if "last" in words and back == 0:
                back = 7
            return story_day - timedelta(days=back)
    return None
