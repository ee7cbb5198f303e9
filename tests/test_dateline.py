"""Tests of the "dateline" stage: shapes, absences, country, ISO date, offsets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.document import CleanText, Document
from dateline.model import Article, Dateline
from dateline.stages.dateline import DatelineStage, identity_clean, resolve_date

SHARED = Path(__file__).parents[1] / ".." / "shared"


def run(
    text: str,
    published: str | None = None,
    date: str | None = None,
    clean: CleanText | None = None,
) -> Document:
    doc = Document.from_article(Article(id="t", text=text, published=published))
    doc.clean = clean if clean is not None else identity_clean(text)
    DatelineStage(Settings(date=date)).process(doc)
    return doc


def dateline_of(text: str, **kw: str | None) -> Dateline:
    doc = run(text, **kw)
    dl = doc.record.dateline
    assert dl is not None, f"no dateline found in {text!r}"
    assert doc.raw[dl.start : dl.end] == dl.text
    return dl


@pytest.mark.parametrize(
    ("text", "whole", "place", "country", "agency", "date_text"),
    [
        (
            "ROME, 12 May. The talks on grain exports went on late into the night.",
            "ROME, 12 May.",
            "ROME",
            "ITA",
            None,
            "12 May",
        ),
        (
            "PARIS (Reuters) - The French cabinet met on Sunday to discuss the budget.",
            "PARIS (Reuters) -",
            "PARIS",
            "FRA",
            "Reuters",
            None,
        ),
        (
            "ANKARA, Nov 4 (Reuters) - Turkey summoned an envoy over the remarks.",
            "ANKARA, Nov 4 (Reuters) -",
            "ANKARA",
            "TUR",
            "Reuters",
            "Nov 4",
        ),
        (
            "AMMAN, Jordan (AP) — Protesters gathered outside the embassy at dawn.",
            "AMMAN, Jordan (AP) —",
            "AMMAN",
            "JOR",
            "AP",
            None,
        ),
        (
            "Minsk, 7 April /TASS/. The two presidents signed a trade accord.",
            "Minsk, 7 April /TASS/.",
            "Minsk",
            "BLR",
            "TASS",
            "7 April",
        ),
        (
            "MADRID — Spain's parliament voted on the measure late on Tuesday.",
            "MADRID —",
            "MADRID",
            "ESP",
            None,
            None,
        ),
        (
            "Windhoek, Namibia — The two governments agreed to share water data.",
            "Windhoek, Namibia —",
            "Windhoek",
            "NAM",
            None,
            None,
        ),
        (
            "SEOUL, Mar. 9, Kyodo\n\nThe foreign ministers spoke by telephone.",
            "SEOUL, Mar. 9, Kyodo",
            "SEOUL",
            "KOR",
            "Kyodo",
            "Mar. 9",
        ),
        (
            "CAIRO, June 2, 2019 (AFP) – Egypt reopened the crossing.",
            "CAIRO, June 2, 2019 (AFP) –",
            "CAIRO",
            "EGY",
            "AFP",
            "June 2, 2019",
        ),
        (
            "NAIROBI: Kenya's president named a new cabinet on Friday.",
            "NAIROBI:",
            "NAIROBI",
            "KEN",
            None,
            None,
        ),
        (
            "HAVANA, July 21. /Prensa Latina/. The island will host the summit.",
            "HAVANA, July 21. /Prensa Latina/.",
            "HAVANA",
            "CUB",
            "Prensa Latina",
            "July 21",
        ),
    ],
)
def test_dateline_styles(
    text: str,
    whole: str,
    place: str,
    country: str,
    agency: str | None,
    date_text: str | None,
) -> None:
    dl = dateline_of(text)
    assert dl.text == whole
    assert dl.place == place
    assert dl.country == country
    assert dl.agency == agency
    assert dl.date_text == date_text


@pytest.mark.parametrize(
    "text",
    [
        "U.S. Secretary of State John Kerry is headed to Moscow for talks on Tuesday.",
        "Russia offered the U.S. to coordinate the strikes, the ministry said.",
        "FILE - A man walks past the ministry building in the capital.",
        "WATCH: Our reporter explains what the vote means.",
        "Petrov: Moscow will answer the sanctions in kind.",
        "Turkey, Greece agree to resume talks on maritime borders",
        "In Vienna, the diplomats met for a second day.",
        "The minister arrived in LONDON — the first visit in years.",
        "",
    ],
)
def test_no_dateline_is_invented(text: str) -> None:
    doc = run(text)
    assert doc.record.dateline is None
    assert doc.story_start == 0


def test_story_start_is_after_the_separator() -> None:
    text = "OSLO (AP) —   Norway's king opened the session."
    doc = run(text)
    start = doc.story_start
    assert text[start:].startswith("Norway's king")


def test_date_gets_year_from_published() -> None:
    dl = dateline_of("ROME, 12 May. The talks went on.", published="2019-05-13T08:00:00Z")
    assert dl.date == "2019-05-12"


def test_date_gets_year_from_settings_date() -> None:
    dl = dateline_of("ROME, 12 May. The talks went on.", date="2021-06-01")
    assert dl.date == "2021-05-12"


def test_date_published_wins_over_settings_date() -> None:
    dl = dateline_of("ROME, 12 May. The talks went on.", published="2018-05-20", date="2021-06-01")
    assert dl.date == "2018-05-12"


def test_date_with_its_own_year() -> None:
    dl = dateline_of("CAIRO, June 2, 2019 (AFP) – Egypt reopened the crossing.", date="2023-01-01")
    assert dl.date == "2019-06-02"


def test_date_without_any_year_stays_unknown() -> None:
    dl = dateline_of("ROME, 12 May. The talks went on.")
    assert dl.date_text == "12 May"
    assert dl.date is None


def test_date_is_not_put_in_the_future() -> None:
    # A late-December dateline on an article published in early January.
    dl = dateline_of("ROME, 30 December. The talks went on.", published="2020-01-02")
    assert dl.date == "2019-12-30"


def test_resolve_date_month_first_abbreviation() -> None:
    from datetime import date

    assert resolve_date("Sept. 15", date(2014, 9, 20)) == "2014-09-15"


def test_dateline_on_a_later_line_needs_a_date_or_agency() -> None:
    text = "By Staff Writer\nLIMA (EFE) - Peru's congress met in a special session."
    dl = dateline_of(text)
    assert dl.text == "LIMA (EFE) -"
    # A bare place on a later line is not taken.
    assert run("A short title\nLIMA — Peru's congress met.").record.dateline is None


def test_offsets_map_through_clean_text() -> None:
    raw = "Title of the piece\n\nTitle of the piece\n\nQUITO, 3 March (Reuters) -  Ecuador voted."
    body = raw.index("QUITO")
    clean = CleanText(raw[body:], list(range(body, len(raw) + 1)))
    doc = run(raw, clean=clean)
    dl = doc.record.dateline
    assert dl is not None
    assert dl.start == body
    assert raw[dl.start : dl.end] == dl.text == "QUITO, 3 March (Reuters) -"
    assert clean.text[doc.story_start :].startswith("Ecuador voted.")


def test_worked_example() -> None:
    path = SHARED / "examples" / "lavrov-vienna.txt"
    if not path.exists():
        pytest.skip("worked example not present")
    raw = path.read_text(encoding="utf-8")
    # The story body starts at the first paragraph that is not a repeated title.
    paras = [p for p in raw.split("\n\n") if p.strip()]
    body = raw.index(next(p for p in paras if paras.count(p) == 1))
    clean = CleanText(raw[body:], list(range(body, len(raw) + 1)))
    doc = run(raw, clean=clean)
    dl = doc.record.dateline
    assert dl is not None
    assert dl.place == "VIENNA"
    assert dl.date_text == "30 October"
    assert dl.country == "AUT"
    assert raw[dl.start : dl.end] == dl.text


def test_stage_in_pipeline_when_clean_exists() -> None:
    if importlib.util.find_spec("dateline.stages.clean") is None:
        pytest.skip("clean stage not written yet")
    from dateline.pipeline import Pipeline

    text = "LISBON (Lusa) - Portugal's parliament approved the budget on Friday."
    rec = Pipeline(stages=["clean", "dateline", "sentences"]).process_one(Article("p", text))
    assert rec.dateline is not None
    assert rec.dateline.place == "LISBON"
    assert rec.raw_text[rec.dateline.start : rec.dateline.end] == rec.dateline.text


def test_worked_example_through_pipeline() -> None:
    path = SHARED / "examples" / "lavrov-vienna.txt"
    if not path.exists():
        pytest.skip("worked example not present")
    if importlib.util.find_spec("dateline.stages.clean") is None:
        pytest.skip("clean stage not written yet")
    from dateline.pipeline import Pipeline

    raw = path.read_text(encoding="utf-8")
    rec = Pipeline(stages=["clean", "dateline", "sentences"]).process_one(Article("l", raw))
    assert rec.dateline is not None
    assert (rec.dateline.place, rec.dateline.date_text) == ("VIENNA", "30 October")
    assert raw[rec.dateline.start : rec.dateline.end] == rec.dateline.text
    # No sentence repeats the dateline.
    assert all(s.start >= rec.dateline.end for s in rec.sentences)


def test_dateline_after_a_caption_paragraph() -> None:
    text = (
        "The envoy speaks to reporters outside the ministry, May 3, 2021.\n\n"
        "DAKAR (AFP) - Senegal recalled its envoy on Monday."
    )
    dl = dateline_of(text)
    assert dl.text == "DAKAR (AFP) -"
    assert dl.country == "SEN"


def test_only_the_opening_paragraphs_are_searched() -> None:
    paras = ["A plain opening paragraph of the story, with no dateline in it."] * 3
    text = "\n\n".join([*paras, "TUNIS (AP) — Too late to be a dateline."])
    assert run(text).record.dateline is None


def test_worked_example_with_identity_clean() -> None:
    path = SHARED / "examples" / "lavrov-vienna.txt"
    if not path.exists():
        pytest.skip("worked example not present")
    raw = path.read_text(encoding="utf-8")
    dl = dateline_of(raw)  # title lines first: the dateline opens the third paragraph
    assert (dl.place, dl.date_text) == ("VIENNA", "30 October")
