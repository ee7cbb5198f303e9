"""Quality floors for event coding, measured with ../shared/eval/score.py.

The floors, and the figures measured when they were set, are in tests/floors.toml
(the README's table shows the same numbers; tests/test_floors.py checks that).
The dev gold is ../shared/eval/dev/quotes.jsonl (36 articles) and the real-news gold
../shared/eval/dev/news.jsonl, whose ``check`` split is scored only as a whole. The
sentence suites are the project's own (tests/suites/); the third blind batch is held
out. The dev figures also depend on the entities and quotes stages (speakers,
coreference), so their floors have room.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from _events_dev import (
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    DEV_GOLD,
    EXAMPLE,
    EXPECTED,
    SCORER,
    SUITE,
    dev_records,
    example_record,
    score_dev,
    score_news,
    score_suite,
)
from _floors import assert_floors
from _news_dev import NEWS, SPLITS

needs_shared = pytest.mark.skipif(
    not (DEV_GOLD.exists() and SCORER.exists()), reason="../shared/eval not available"
)


@needs_shared
def test_dev_gold_floors() -> None:
    assert_floors("events_dev", score_dev())


@pytest.mark.skipif(not (NEWS.exists() and SCORER.exists()), reason="../shared/eval not available")
@pytest.mark.parametrize("split", SPLITS)
def test_real_news_floors(split: str, tmp_path: Path) -> None:
    assert_floors(f"events_news_{split}", score_news(split, tmp_path))


@pytest.mark.skipif(not SUITE.exists(), reason="suite missing")
def test_suite_floors() -> None:
    assert_floors("codes_suite", score_suite())


@pytest.mark.parametrize(
    ("path", "key"),
    [(BLIND, "codes_blind1"), (BLIND2, "codes_blind2"), (BLIND3, "codes_blind3"),
     (BLIND4, "codes_blind4")],
    ids=["blind", "blind2", "blind3", "blind4"],
)  # fmt: skip
def test_blind_batch_floors(path: Path, key: str) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} missing")
    assert_floors(key, score_suite(path))


def _accepted(ev: dict) -> set[str]:
    return {ev["cameo"], *ev.get("accept", [])}


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _same_actor(predicted: str | None, wanted: str | None) -> bool:
    """A full gold code ("RUSGOV") must match whole; a country ("RUS") by country."""
    if not predicted or not wanted:
        return False
    return predicted == wanted if len(wanted) > 3 else _country(predicted) == wanted


def _required(plover: str) -> list[dict]:
    if not EXPECTED.exists():
        return []
    expected = json.loads(EXPECTED.read_text("utf-8"))
    return [e for e in expected["events"] if not e.get("optional") and e["plover"] == plover]


@pytest.mark.skipif(not (EXAMPLE.exists() and EXPECTED.exists()), reason="example missing")
@pytest.mark.parametrize("plover", ["AGREE", "ACCUSE"])
def test_worked_example_required_events(plover: str) -> None:
    rec = example_record()
    want = _required(plover)
    assert want
    for w in want:
        hits = [
            e
            for e in rec.events
            if e.cameo in _accepted(w)
            and _same_actor(e.source.code, w["source"])
            and e.target is not None
            and _same_actor(e.target.code, w["target"])
        ]
        assert hits, (w, [(e.cameo, e.source.code, e.target and e.target.code) for e in rec.events])
        assert hits[0].sentence.text.startswith(w["sentence"][:40])
        assert not hits[0].negated


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example missing")
def test_worked_example_no_event_from_boilerplate() -> None:
    rec = example_record()
    blocks = [x for x in rec.removed if x.kind != "duplicate_title"]
    assert blocks, "the example's promo block should be removed by the clean stage"
    for e in rec.events:
        for x in blocks:
            assert not (x.start <= e.sentence.start < x.end)
            assert not (x.start <= e.trigger.start < x.end)


@needs_shared
def test_dev_offsets_hold_for_every_event_and_mention() -> None:
    for r in dev_records():
        for a in r.actors:
            for m in a.mentions:
                assert r.raw_text[m.start : m.end] == m.text, (r.id, a.name, m)
        for e in r.events:
            for sp in (e.trigger, e.sentence):
                assert r.raw_text[sp.start : sp.end] == sp.text, (r.id, sp)
            assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
            assert e.plover is None or e.plover.isupper()
            assert e.cameo[:2].isdigit() and 1 <= int(e.cameo[:2]) <= 20
            assert e.source.code  # never an event without a coded source
            for x in r.removed:  # nothing coded from boilerplate
                assert not (x.start < e.sentence.end and e.sentence.start < x.end), (r.id, x)
