"""Article text in query tables is text, never console markup (issue 15, item 1).

Titles, quotations, speakers, triggers and search snippets holding brackets,
backslashes and markup-like text (``[bold]``, ``[/]``, ``\\[``) print as written,
on both stores; search snippets keep the matched word (styled, not bracketed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _cli import run_cli
from conftest_store import BACKENDS, make_store_url
from dateline.model import Event, EventActor, Quote, Record, Span
from dateline.store import open_store

QUOTE = "doing it [breaking their friendship] over nothing"
SPEAKER = "Anna [red]Kovac[/red] \\[aide]"
TITLE = "Talks [bold]end[/] in \\[Vienna\\] [/]"
TRIGGER = "[struck]"
TEXT = (
    f"The minister said they were \"{QUOTE},\" and asked for the [extradition] of two men.\n"
    f"Police {TRIGGER} a deal [/bold] on Monday \\[1] [link=x]here[/link].\n"
)


def bracket_record() -> Record:
    q = TEXT.index(QUOTE)
    t = TEXT.index(TRIGGER)
    line2 = TEXT.index("Police")
    event = Event(
        cameo="061", plover="COOPERATE", mode=None, negated=False,
        source=EventActor("Police [x]", "UKRCOP", "UKR"), target=None,
        trigger=Span(TRIGGER, t, t + len(TRIGGER)),
        sentence=Span(TEXT[line2:-1], line2, len(TEXT) - 1),
    )
    return Record(
        id="bracket-1", raw_text=TEXT, text=TEXT, title=TITLE, source="Wire [b]",
        published="2025-03-04T10:00:00+00:00",
        quotes=[Quote("direct", QUOTE, q, q + len(QUOTE), speaker=SPEAKER)],
        events=[event],
    )


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = make_store_url(request.param, tmp_path)
    with open_store(url) as store:
        store.save(bracket_record())
    return url


def test_quotes_table_keeps_brackets(db: str, tmp_path: Path) -> None:
    res = run_cli("quotes", "--db", db, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert QUOTE in res.stdout
    assert SPEAKER in res.stdout
    assert TITLE in res.stdout  # the article is shown by its title
    assert "2025-03-04" in res.stdout and "T10:00" not in res.stdout


def test_events_table_keeps_brackets(db: str, tmp_path: Path) -> None:
    res = run_cli("events", "--db", db, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert TRIGGER in res.stdout and TITLE in res.stdout


def test_search_snippet_keeps_the_matched_word_and_brackets(db: str, tmp_path: Path) -> None:
    res = run_cli("search", "extradition", "--db", db, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    # the matched word, and the text's own brackets around it and after it
    # (PostgreSQL's headline starts at the matched word, SQLite's before it)
    assert "extradition]" in res.stdout and TRIGGER in res.stdout
    assert TITLE in res.stdout
    rows = json.loads(run_cli("search", "extradition", "--db", db, "--json",
                              cwd=tmp_path).stdout)
    snippet, marks = rows[0]["snippet"], rows[0]["snippet_marks"]
    assert "extradition]" in snippet and TRIGGER in snippet
    assert [snippet[s:e].lower() for s, e in marks] == ["extradition"]


def test_stats_prints_speakers_as_text(db: str, tmp_path: Path) -> None:
    res = run_cli("stats", "--db", db, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert SPEAKER in res.stdout
