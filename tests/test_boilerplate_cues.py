"""Page furniture the HTML reader used to drop unreported is the clean stage's, reported."""

from __future__ import annotations

import pytest

from dateline.ingest.boilerplate import BOILERPLATE_LINES, is_boilerplate_line
from dateline.stages.clean import clean_article

STORY = (
    "The harbour authority said on Tuesday that the new ferry line would open in spring.\n"
    "Officials expect about four hundred passengers a day once the timetable is settled.\n"
)

#: One line for each pattern the reader once had.
FURNITURE = [
    "-----",
    "• • •",
    "12 comments",
    "Comments are closed.",
    "View comments",
    "Load comments…",
    "Leave a reply",
    "Tell us what you think in the comments below.",
    "Want to join the discussion?",
    "Feel free to contribute!",
    "You might also like",
    "Read more: Harbour reopens after repairs",
    "More: Apple harvest",
    "[Related: The ferry line]",
    "Share on Facebook",
    "Follow us on Twitter",
    "© 2024 The Harbour Times",
    "Advertisement",
    "Subscribe to our newsletter",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_the_clean_stage_removes_and_reports_each_line(line: str) -> None:
    raw = STORY + "\n" + line + "\n"
    result = clean_article(raw)
    assert line not in result.clean.text
    assert [r.text for r in result.removed] == [line]
    start = result.removed[0].start
    assert raw[start : result.removed[0].end] == line


def test_what_the_reader_still_drops_the_cleaner_knows() -> None:
    dropped = [line for line in FURNITURE if is_boilerplate_line(line)]
    assert dropped and len(BOILERPLATE_LINES) == 5
    for line in dropped:
        assert clean_article(STORY + "\n" + line + "\n").removed
