"""Tests of the "sentences" stage and its rule-based splitter."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from dateline.config import Settings
from dateline.document import CleanText, Document
from dateline.model import Article
from dateline.stages.dateline import DatelineStage, identity_clean
from dateline.stages.sentences import SentencesStage
from dateline.stages.sentences_split import split_sentences

SHARED = Path(__file__).parents[1] / ".." / "shared"


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def run(text: str, clean: CleanText | None = None) -> Document:
    doc = Document.from_article(Article(id="t", text=text))
    doc.clean = clean if clean is not None else identity_clean(text)
    settings = Settings()
    DatelineStage(settings).process(doc)
    SentencesStage(settings).process(doc)
    return doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The vote was close. Ministers will meet again on Friday.",
            ["The vote was close.", "Ministers will meet again on Friday."],
        ),
        (
            "“Nothing has changed, she said. – We still want a deal.”",
            ["“Nothing has changed, she said.", "– We still want a deal.”"],
        ),
        (
            "“We will keep talking”, – the Ambassador added. Talks resume today.",
            ["“We will keep talking”, – the Ambassador added.", "Talks resume today."],
        ),
        (
            "He called it a mistake.” The aides left. “Why now?” he asked.",
            ["He called it a mistake.”", "The aides left.", "“Why now?” he asked."],
        ),
        (
            "«We are ready,» the envoy said. «Are you?»",
            ["«We are ready,» the envoy said.", "«Are you?»"],
        ),
        (
            "The U.S. and Canada signed. Gen. Ortiz and Mr. Lee met Dr. Ray.",
            ["The U.S. and Canada signed.", "Gen. Ortiz and Mr. Lee met Dr. Ray."],
        ),
        (
            "Talks began on Sept. 15 in Doha. Aug. 3 is the next date.",
            ["Talks began on Sept. 15 in Doha.", "Aug. 3 is the next date."],
        ),
        (
            "Resolution No. 2254 was cited by J. R. Ewing at 4 p.m. on Monday.",
            ["Resolution No. 2254 was cited by J. R. Ewing at 4 p.m. on Monday."],
        ),
        (
            "Growth was 2.5 percent. Prices rose 3.1 percent.",
            ["Growth was 2.5 percent.", "Prices rose 3.1 percent."],
        ),
        (
            "They waited… Nobody came. Then... Silence.",
            ["They waited…", "Nobody came.", "Then...", "Silence."],
        ),
        (
            "The meeting ended at 6 p.m. The ministers then left.",
            ["The meeting ended at 6 p.m.", "The ministers then left."],
        ),
        (
            "Sanctions were lifted by the U.S. “in good faith,” aides said.",
            ["Sanctions were lifted by the U.S. “in good faith,” aides said."],
        ),
        (
            "First paragraph without a stop\n\nSecond paragraph",
            ["First paragraph without a stop", "Second paragraph"],
        ),
        (
            "Leaders Meet In Geneva\nThe leaders met on Monday.",
            ["Leaders Meet In Geneva", "The leaders met on Monday."],
        ),
        (
            "The talks went on for hours and\nended without a statement.",
            ["The talks went on for hours and\nended without a statement."],
        ),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_cases(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_no_sentence_has_outer_whitespace() -> None:
    text = "  One.   Two!\n\n  Three?  \n"
    parts = split(text)
    assert parts == ["One.", "Two!", "Three?"]
    assert all(p == p.strip() for p in parts)


def test_stage_skips_the_dateline_and_maps_offsets() -> None:
    raw = "Headline\n\nHeadline\n\nSOFIA, 2 May /BTA/. The cabinet resigned. Elections follow."
    body = raw.index("SOFIA")
    clean = CleanText(raw[body:], list(range(body, len(raw) + 1)))
    doc = run(raw, clean=clean)
    texts = [s.text for s in doc.record.sentences]
    assert texts == ["The cabinet resigned.", "Elections follow."]
    for sent, (cs, ce) in zip(doc.record.sentences, doc.sentence_bounds, strict=True):
        assert raw[sent.start : sent.end] == sent.text
        assert clean.text[cs:ce] == sent.text


def test_stage_offsets_through_collapsed_whitespace() -> None:
    # A clean text in which a run of spaces became one: offsets still slice the input.
    raw = "The  minister   spoke.  He left."
    keep = [i for i, ch in enumerate(raw) if not (ch == " " and raw[i - 1] == " ")]
    clean = CleanText("".join(raw[i] for i in keep), [*keep, len(raw)])
    doc = run(raw, clean=clean)
    assert [s.text for s in doc.record.sentences] == ["The  minister   spoke.", "He left."]
    for s in doc.record.sentences:
        assert raw[s.start : s.end] == s.text


def test_stage_without_clean_text_uses_the_input() -> None:
    raw = "KABUL (AP) — Talks opened. Both sides attended."
    doc = Document.from_article(Article(id="t", text=raw))
    DatelineStage(Settings()).process(doc)
    SentencesStage(Settings()).process(doc)
    assert [s.text for s in doc.record.sentences] == ["Talks opened.", "Both sides attended."]
    assert doc.sentence_bounds == [(s.start, s.end) for s in doc.record.sentences]


def test_worked_example_sentences() -> None:
    path = SHARED / "examples" / "lavrov-vienna.txt"
    if not path.exists():
        pytest.skip("worked example not present")
    raw = path.read_text(encoding="utf-8")
    doc = run(raw)
    texts = [s.text for s in doc.record.sentences]
    for s in doc.record.sentences:
        assert raw[s.start : s.end] == s.text
    # The translation dash after "he said." opens a new sentence.
    assert any(t.startswith("– Our task") for t in texts)
    # ", – the Minister added." stays with its quotation.
    assert any(t.endswith(", – the Minister added.") and t.startswith("“") for t in texts)
    assert not any(t.startswith("S. ") or t == "U.S." for t in texts)


def test_dev_texts_split_cleanly() -> None:
    path = SHARED / "eval" / "dev" / "quotes.jsonl"
    if not path.exists():
        pytest.skip("dev gold not present")
    count = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        bounds = split_sentences(text)
        prev_end = 0
        for s, e in bounds:
            assert prev_end <= s < e <= len(text)
            piece = text[s:e]
            assert piece == piece.strip()
            prev_end = e
        count += len(bounds)
        # Through the stage, too: input offsets slice the input exactly.
        doc = run(text)
        for sent in doc.record.sentences:
            assert text[sent.start : sent.end] == sent.text
    assert count > 0


def test_stage_in_pipeline_when_clean_exists() -> None:
    if importlib.util.find_spec("dateline.stages.clean") is None:
        pytest.skip("clean stage not written yet")
    from dateline.pipeline import Pipeline

    text = "VALLETTA (AP) — Malta's prime minister resigned. A vote follows in June."
    rec = Pipeline(stages=["clean", "dateline", "sentences"]).process_one(Article("p", text))
    assert [s.text for s in rec.sentences] == [
        "Malta's prime minister resigned.",
        "A vote follows in June.",
    ]
    for s in rec.sentences:
        assert rec.raw_text[s.start : s.end] == s.text


_ALPHABET = "aAbB .!?…”“«»–-\n\t,U.S3"


@given(st.text(alphabet=_ALPHABET, max_size=200))
@hyp_settings(max_examples=300, deadline=None)
def test_split_bounds_are_ordered_and_stripped(text: str) -> None:
    prev_end = 0
    for s, e in split_sentences(text):
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev_end = e
    # Nothing but whitespace is lost between sentences.
    covered = "".join(text[s:e] for s, e in split_sentences(text))
    assert "".join(covered.split()) == "".join(text.split())
