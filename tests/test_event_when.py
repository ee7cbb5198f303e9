"""events.when: date words resolved against the story's day (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.events.when import resolve

WEDNESDAY = date(2024, 5, 15)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Tuesday", date(2024, 5, 14)),
        ("last Tuesday", date(2024, 5, 14)),
        ("Wednesday", WEDNESDAY),
        ("last Wednesday", date(2024, 5, 8)),
        ("yesterday", date(2024, 5, 14)),
        ("this morning", WEDNESDAY),
        ("three days ago", date(2024, 5, 12)),
        ("2 weeks ago", date(2024, 5, 1)),
        ("March 5", date(2024, 3, 5)),
        ("5 March 2021", date(2021, 3, 5)),
        ("Sept. 9, 2001", date(2001, 9, 9)),
        ("Dec. 30", date(2023, 12, 30)),  # not in the future: the December before
    ],
)
def test_days(text: str, day: date) -> None:
    assert resolve(text, WEDNESDAY) == (day, day.year)


@pytest.mark.parametrize("text", ["last week", "two years", "the past decade", "months"])
def test_no_certain_day(text: str) -> None:
    assert resolve(text, WEDNESDAY)[0] is None


def test_a_year_alone_gives_no_day() -> None:
    assert resolve("in 2014", WEDNESDAY) == (None, 2014)


def test_relative_words_need_the_story_day() -> None:
    assert resolve("Tuesday", None) == (None, None)
    assert resolve("March 5", None) == (None, None)
    assert resolve("5 March 2021", None) == (date(2021, 3, 5), 2021)


def test_impossible_day_is_no_day() -> None:
    assert resolve("February 30", WEDNESDAY) == (None, None)
