"""Quality floors for event coding, measured with ../shared/eval/score.py.

Floors sit a little under what was measured, so quality can only go up:
dev gold (36 articles): plover+actors F1 0.689 (P 0.593, R 0.823), plover F1 0.786
(P 0.721, R 0.863); project suite (tests/suites/cameo_suite.jsonl, 215 sentences):
root F1 0.985 (P 0.995, R 0.976), code+actors F1 0.854; four blind batches
(tests/suites/cameo_blind*.jsonl, 60 items each, written by helpers who never saw the
coder's output; their figures are at the floors below, the third is held out).
The dev figures also depend on the entities and quotes stages (speakers, coreference),
so their floor has room.
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
    score_suite,
)

needs_shared = pytest.mark.skipif(
    not (DEV_GOLD.exists() and SCORER.exists()), reason="../shared/eval not available"
)


@needs_shared
def test_dev_gold_floors() -> None:
    res = score_dev()
    assert res["plover+actors"]["f1"] >= 0.66, res
    assert res["plover+actors"]["precision"] >= 0.56, res
    assert res["plover"]["f1"] >= 0.76, res
    assert res["plover"]["precision"] >= 0.68, res


@pytest.mark.skipif(not SUITE.exists(), reason="suite missing")
def test_suite_floors() -> None:
    res = score_suite()
    # the suite belongs to the codes data and grows; the floors hold the target
    assert res["root"]["f1"] >= 0.96, res
    assert res["root"]["recall"] >= 0.95, res
    assert res["root"]["precision"] >= 0.98, res
    assert res["code+actors"]["f1"] >= 0.84, res


@pytest.mark.parametrize(
    ("path", "floors"),
    [
        # root / code / code+actors F1; first scores, before any fix on the batch, in brackets
        (BLIND, (0.97, 0.93, 0.71)),  # 0.991 / 0.955 / 0.739 (0.843 / 0.726 / 0.510)
        (BLIND2, (0.91, 0.91, 0.78)),  # 0.937 / 0.937 / 0.811 (0.816 / 0.660 / 0.447)
        # held out, never looked at item by item: 0.819 / 0.752 / 0.510 (0.778 / 0.736 / 0.486)
        (BLIND3, (0.79, 0.72, 0.48)),
        (BLIND4, (0.88, 0.85, 0.79)),  # 0.903 / 0.877 / 0.813 (0.792 / 0.639 / 0.500)
    ],
    ids=["blind", "blind2", "blind3", "blind4"],
)
def test_blind_batch_floors(path: Path, floors: tuple[float, float, float]) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} missing")
    res = score_suite(path)
    assert res["root"]["f1"] >= floors[0], res
    assert res["code"]["f1"] >= floors[1], res
    assert res["code+actors"]["f1"] >= floors[2], res


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
