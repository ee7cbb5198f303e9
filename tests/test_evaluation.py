"""Tests for dateline.evaluation: same numbers as the shared reference scorer, plus diagnostics.

The reference scorer and the dev gold are read from ../shared/eval at test time;
tests that need them are skipped when they are absent.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dateline.actors.names import SCORER_TITLE_WORDS as TITLE_WORDS
from dateline.errors import InputError
from dateline.evaluation import (
    CodeScores,
    EventScores,
    QuoteScores,
    evaluate_files,
    event_breakdown,
    format_report,
    load_jsonl_by_id,
    locate_quote,
    name_tokens,
    precision_recall_f1,
    same_speaker,
    score_codes,
    score_events,
    score_quotes,
)

# ../shared beside the checkout; DATELINE_SHARED points elsewhere (e.g. from a git worktree).
SHARED_EVAL = (
    Path(os.environ.get("DATELINE_SHARED") or Path(__file__).parents[1] / ".." / "shared") / "eval"
)
REFERENCE = SHARED_EVAL / "score.py"
DEV_GOLD = SHARED_EVAL / "dev" / "quotes.jsonl"
DEV_NEWS = SHARED_EVAL / "dev" / "news.jsonl"

Records = dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not REFERENCE.is_file():
        pytest.skip("reference scorer ../shared/eval/score.py is absent")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_gold() -> Records:
    if not DEV_GOLD.is_file():
        pytest.skip("dev gold ../shared/eval/dev/quotes.jsonl is absent")
    return load_jsonl_by_id(DEV_GOLD)


# ---------------------------------------------------------------- synthetic articles


def quote(text: str, fragment: str, kind: str | None = "direct", speaker: str | None = None,
          occurrence: int = 0, **extra: Any) -> dict[str, Any]:  # fmt: skip
    """A quote dict for ``fragment`` (its ``occurrence``-th appearance) in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    q: dict[str, Any] = {"text": fragment, "start": start, "end": start + len(fragment),
                         "speaker": speaker}  # fmt: skip
    if kind is not None:
        q["kind"] = kind
    q.update(extra)
    return q


HARBOUR = (
    "PORT ELLIS — \"We will not close the harbour,\" the mayor, Tomas Ferreira, said on "
    "Monday, \"and nobody should expect us to.\" Ferreira added that the council would "
    "meet again next week. Union leaders said the dispute could last for months. The "
    "mayor called the plan \"a reckless gamble with people's jobs\" and left."
)
TREATY = (
    "Foreign Minister Anna Kowalczyk-Nowak said the treaty was \"dead on arrival\". "
    "\"We have waited long enough,\" she said. – Now it is their turn. "
    "José Núñez, the ambassador, replied that talks would go on. "
    "A spokesman, who declined to be named, said: \"No comment at this stage.\""
)
QUIET = "The committee met for four hours on Tuesday and published no statement afterwards."


def harbour_gold() -> dict[str, Any]:
    t = HARBOUR
    return {
        "id": "h1",
        "text": t,
        "quotes": [
            quote(t, "We will not close the harbour,\" the mayor, Tomas Ferreira, said on "
                     "Monday, \"and nobody should expect us to.", "direct", "Tomas Ferreira"),
            quote(t, "the council would meet again next week", "indirect", "Tomas Ferreira"),
            quote(t, "the dispute could last for months", "indirect", None),
            quote(t, "called the plan \"a reckless gamble with people's jobs\"", "mixed",
                  "Tomas Ferreira"),
        ],
        "events": [
            {"source": "Tomas Ferreira", "source_country": "PRT", "target": None,
             "target_country": None, "plover": "REJECT", "negated": False, "optional": False},
            {"source": "Unions", "source_country": "PRT", "target": "Council",
             "target_country": "PRT", "plover": "PROTEST", "negated": False, "optional": True},
            {"source": "Council", "source_country": "PRT", "target": "Unions",
             "target_country": "PRT", "plover": "CONSULT", "negated": True, "optional": False},
        ],
    }  # fmt: skip


def treaty_gold() -> dict[str, Any]:
    t = TREATY
    return {
        "id": "t1",
        "text": t,
        "quotes": [
            quote(t, "the treaty was \"dead on arrival\"", "mixed",
                  "Foreign Minister Anna Kowalczyk-Nowak"),
            quote(t, "We have waited long enough,", "direct", "Anna Kowalczyk-Nowak"),
            quote(t, "Now it is their turn.", "direct", "Anna Kowalczyk-Nowak"),
            quote(t, "talks would go on", "indirect", "José Núñez"),
            quote(t, "No comment at this stage.", "direct", None),
        ],
        "events": [
            {"source": "Poland", "target": "Russia", "plover": "reject",
             "negated": False, "optional": False},
            {"source": "Anna Kowalczyk-Nowak", "source_country": "POL", "target": "Spain",
             "target_country": "ESP", "plover": "CONSULT"},
        ],
    }  # fmt: skip


def quiet_gold() -> dict[str, Any]:
    return {"id": "q1", "text": QUIET, "quotes": [], "events": []}


def gold_set() -> Records:
    return {r["id"]: r for r in (harbour_gold(), treaty_gold(), quiet_gold())}


def pred_split_and_merge() -> Records:
    """Splits the harbour quote at its cue, merges the treaty's two direct quotes."""
    h, t = HARBOUR, TREATY
    return {
        "h1": {"id": "h1", "quotes": [
            quote(h, "We will not close the harbour,", "direct", "Ferreira"),
            quote(h, "and nobody should expect us to.", "direct", "Mayor Tomas Ferreira"),
            quote(h, "the council would meet again next week", "indirect", "Union leaders"),
            quote(h, "a reckless gamble with people's jobs", "direct", "Ferreira"),
        ], "events": [
            {"plover": "REJECT", "source": {"name": "Ferreira", "country": "PRT"},
             "target": None},
            {"plover": "PROTEST", "source": "PRTLAB", "target": "PRTGOV"},
            {"plover": "CONSULT", "source": "PRTGOV", "target": "PRTLAB"},
            {"plover": "THREATEN", "source": "PRTGOV", "target": "PRTLAB", "negated": True},
        ]},
        "t1": {"id": "t1", "quotes": [
            quote(t, "We have waited long enough,\" she said. – Now it is their turn.",
                  "direct", "Kowalczyk-Nowak"),
            quote(t, "talks would go on", "indirect", "Jose Nunez"),
            {"kind": "direct", "text": "The committee", "start": 3, "end": 16,
             "speaker": None},  # not in this text: left out
            {"kind": "direct", "text": "", "start": 0, "end": 16, "speaker": "Anna"},
        ], "events": [
            {"plover": "REJECT", "source": {"code": "POLGOV"}, "target": {"code": "RUSGOV"}},
            {"plover": "CONSULT", "source": "POL", "target": "ESPGOV"},
            {"plover": "CONSULT", "source": "POL", "target": "FRA"},
        ]},
    }  # fmt: skip


def pred_kinds_and_nulls() -> Records:
    """Wrong kinds, missing kinds, empty and null speakers, stale offsets, extra ids."""
    h, t = HARBOUR, TREATY
    stale = quote(h, "the dispute could last for months", "indirect", None)
    stale["start"] += 3  # offsets no longer agree with the text: found by search
    stale["end"] += 3
    return {
        "h1": {"quotes": [
            quote(h, "the mayor, Tomas Ferreira, said on Monday", None, "Tomas Ferreira"),
            stale,
            quote(h, "The mayor called the plan", "indirect", ""),
            quote(h, "Union leaders said", "indirect", None),
        ], "events": None},
        "t1": {"quotes": [
            quote(t, "dead on arrival", "indirect", "Foreign Minister"),
            quote(t, "We have waited long enough", "mixed", "Anna"),
            quote(t, "No comment at this stage.", "direct", ""),
            quote(t, "José Núñez, the ambassador, replied that talks would go on", "indirect",
                  "the ambassador"),
            quote(t, "A spokesman, who declined to be named,", "direct", None),
            {"kind": None, "text": "Now it is their turn.", "start": None, "end": None,
             "speaker": "Anna Kowalczyk-Nowak"},
        ]},
        "q1": {"quotes": [quote(QUIET, "published no statement", "direct", "The committee")],
               "events": [{"plover": "CONSULT", "source": "GBR", "target": "GBR"}]},
        "zz": {"quotes": [{"kind": "direct", "text": "x", "start": 0, "end": 1}]},
    }  # fmt: skip


def pred_speaker_ties() -> Records:
    """Two predicted speakers cover a gold quote equally: the first one seen counts."""
    h = HARBOUR
    gold_text = ("We will not close the harbour,\" the mayor, Tomas Ferreira, said on "
                 "Monday, \"and nobody should expect us to.")  # fmt: skip
    start = h.index(gold_text)
    mid = start + len(gold_text) // 2
    end = start + len(gold_text)
    return {
        "h1": {"quotes": [
            {"kind": "direct", "text": h[start:mid], "start": start, "end": mid,
             "speaker": "Someone Else"},
            {"kind": "direct", "text": h[mid:end], "start": mid, "end": end,
             "speaker": "Tomas Ferreira"},
            {"kind": "direct", "text": h[start:end], "start": start, "end": end,
             "speaker": "Tomas Ferreira"},
        ]},
    }  # fmt: skip


SYNTHETIC_PREDICTIONS = {
    "split_and_merge": pred_split_and_merge,
    "kinds_and_nulls": pred_kinds_and_nulls,
    "speaker_ties": pred_speaker_ties,
    "nothing": dict,
}


@pytest.mark.parametrize("case", sorted(SYNTHETIC_PREDICTIONS))
def test_synthetic_quotes_match_reference(reference: ModuleType, case: str) -> None:
    gold, pred = gold_set(), SYNTHETIC_PREDICTIONS[case]()
    assert score_quotes(gold, pred).to_dict() == reference.score_quotes(gold, pred)


@pytest.mark.parametrize("case", sorted(SYNTHETIC_PREDICTIONS))
def test_synthetic_events_match_reference(reference: ModuleType, case: str) -> None:
    gold, pred = gold_set(), SYNTHETIC_PREDICTIONS[case]()
    assert score_events(gold, pred).to_dict() == reference.score_events(gold, pred)


def test_gold_against_itself_is_perfect(reference: ModuleType) -> None:
    gold = gold_set()
    ours = score_quotes(gold, gold)
    assert ours.to_dict() == reference.score_quotes(gold, gold)
    for bucket in ours.buckets.values():
        assert bucket.attributed.f1 == 1.0
    assert not ours.misses and not ours.false_alarms and not ours.wrong_speakers
    assert score_events(gold, gold).to_dict() == reference.score_events(gold, gold)


# ---------------------------------------------------------------- hand-checked numbers


def test_split_at_cue_costs_nothing_and_merge_is_right() -> None:
    scores = score_quotes(gold_set(), pred_split_and_merge())
    direct = scores.buckets["direct"].span
    # gold direct+mixed: 1 harbour direct, 1 harbour mixed, 1 treaty mixed, 3 treaty direct
    assert direct.gold == 6
    # found: the split harbour quote, its mixed quote (fragment covers > half), both merged
    # treaty quotes; missed: the treaty mixed quote and the spokesman's quote.
    assert direct.recall == round(4 / 6, 4)
    # direct bucket: 2 split halves, 1 fragment, 1 merged (all right) and the text-less
    # prediction placed by its offsets on "Foreign Minister" (wrong); the unplaceable one
    # is left out.
    assert (direct.predicted, direct.precision) == (5, 0.8)
    assert [(d.article_id, d.text) for d in scores.false_alarms] == [("t1", "Foreign Minister")]
    missed = {(d.article_id, d.text) for d in scores.misses}
    assert ("t1", "No comment at this stage.") in missed
    assert ("t1", "the treaty was \"dead on arrival\"") in missed


def test_wrong_speaker_is_listed_with_both_names() -> None:
    scores = score_quotes(gold_set(), pred_split_and_merge())
    wrong = [d for d in scores.wrong_speakers if d.kind == "indirect"]
    assert [(d.speaker, d.predicted_speaker) for d in wrong] == [
        ("Tomas Ferreira", "Union leaders")
    ]
    assert scores.buckets["indirect"].attributed.recall == round(1 / 3, 4)


def test_diagnostic_texts_are_slices_of_the_gold_text() -> None:
    gold = gold_set()
    scores = score_quotes(gold, pred_kinds_and_nulls())
    assert scores.misses and scores.false_alarms
    for d in [*scores.misses, *scores.false_alarms, *scores.wrong_speakers]:
        assert gold[d.article_id]["text"][d.start : d.end] == d.text
    alarms = {(d.article_id, d.text) for d in scores.false_alarms}
    assert ("q1", "published no statement") in alarms
    assert ("h1", "Union leaders said") in alarms
    assert scores.missing_predictions == []
    assert score_quotes(gold, {}).missing_predictions == ["h1", "q1", "t1"]


def test_null_speakers_agree_only_when_both_null() -> None:
    t = TREATY
    gold = {"t1": {"text": t, "quotes": [quote(t, "No comment at this stage.", "direct", None)]}}
    for speaker, attributed in ((None, 1.0), ("", 0.0), ("A spokesman", 0.0)):
        pred = {"t1": {"quotes": [quote(t, "No comment at this stage.", "direct", speaker)]}}
        assert score_quotes(gold, pred).buckets["direct"].attributed.precision == attributed


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        ("Foreign Minister Anna Kowalczyk-Nowak", "Kowalczyk-Nowak", True),
        ("Tomas Ferreira", "Mayor Ferreira", True),
        ("José Núñez", "Jose Nunez", True),
        ("Anna Kowalczyk-Nowak", "Anna Kowalczyk", True),  # half the words shared
        ("the Minister", "Minister", True),  # titles only: kept
        ("Tomas Ferreira", "Tomas Ribeiro", True),  # one of two words shared
        ("Tomas Ferreira", "Anna Kowalczyk", False),
        ("Tomas Ferreira", None, False),
        (None, None, False),
        ("United States", "U.S.", True),  # aliases are one name
        ("U.S. Defense Department", "United States Defense Department", True),
        ("Britain", "UK", True),
        ("Great Britain", "U.K.", True),
        ("UN", "United Nations", True),
        ("EU", "European Union", True),
        ("EU", "UN", False),
    ],
)
def test_same_speaker(gold: str | None, pred: str | None, same: bool) -> None:
    assert same_speaker(gold, pred) is same


def test_title_words_and_name_matching_match_reference(
    reference: ModuleType, dev_gold: Records
) -> None:
    assert set(TITLE_WORDS) == set(reference.TITLES)
    names = sorted({q["speaker"] for r in dev_gold.values() for q in r["quotes"] if q["speaker"]})
    names += ["the Minister", "Mr. Pope", "Sheikh", "", "Ó Súilleabháin", "Vice President X"]
    variants = names + [n.split()[-1] for n in names if n] + [f"Minister {n}" for n in names]
    for gold_name in names:
        assert name_tokens(gold_name) == reference.norm_name(gold_name)
        for pred_name in variants:
            assert same_speaker(gold_name, pred_name) == reference.same_speaker(
                gold_name, pred_name
            ), (gold_name, pred_name)


def test_locate_quote_prefers_offsets_then_searches() -> None:
    text = "abc \"hello\" and hello"
    assert locate_quote(text, {"text": "hello", "start": 16, "end": 21}) == (16, 21)
    assert locate_quote(text, {"text": "hello", "start": 15, "end": 20}) == (5, 10)
    assert locate_quote(text, {"start": 0, "end": 3}) == (0, 3)
    assert locate_quote(text, {"text": "absent", "start": 0, "end": 6}) is None
    assert locate_quote(text, {"start": 3, "end": 3}) is None


def test_precision_conventions_for_empty_sets() -> None:
    assert precision_recall_f1(0, 0, 0, 0).f1 == 1.0
    nothing_predicted = precision_recall_f1(0, 0, 0, 5)
    assert (nothing_predicted.precision, nothing_predicted.recall) == (0.0, 0.0)
    assert precision_recall_f1(1, 3, 1, 2).precision == 0.3333


def test_events_optional_and_negated() -> None:
    scores = score_events(gold_set(), pred_split_and_merge())
    strict = scores.levels["plover+actors"]
    # required: REJECT PRT-None (h1), REJECT POL-RUS and CONSULT POL-ESP (t1)
    assert strict.scores.gold == 3
    # h1: REJECT found; PROTEST optional and CONSULT negated: neither counted; THREATEN
    # negated prediction ignored. t1: both found, CONSULT POL-FRA is a false alarm.
    assert (strict.scores.predicted, strict.scores.recall) == (4, 1.0)
    assert [(d.article_id, d.plover, d.source, d.target) for d in strict.false_alarms] == [
        ("t1", "CONSULT", "POL", "FRA")
    ]
    assert strict.misses == []
    loose = scores.levels["plover"]
    assert (loose.scores.predicted, loose.scores.gold, loose.scores.f1) == (3, 3, 1.0)


def test_event_country_fields_win_even_when_null() -> None:
    """A gold side's ``*_country`` key decides its country, null meaning none."""
    t = TREATY
    gold = {"t1": {"text": t, "quotes": [], "events": [
        {"source": "Islamic State", "source_country": None, "target": "Iraq",
         "target_country": "IRQ", "plover": "ASSAULT"},
        {"source": "Poland", "target": "Russia", "plover": "ACCUSE"},
    ]}}  # fmt: skip
    pred = {"t1": {"events": [
        {"plover": "ASSAULT", "source": None, "target": "IRQMIL"},
        {"plover": "ACCUSE", "source": "POLGOV", "target": {"country": "RUS"}},
        {"plover": None, "cameo": "111", "source": "POLGOV", "target": "RUSGOV"},
        {"cameo": "036", "source": "POLGOV", "target": "RUSGOV"},
    ]}}  # fmt: skip
    strict = score_events(gold, pred).levels["plover+actors"]
    assert (strict.scores.predicted, strict.scores.gold, strict.scores.f1) == (2, 2, 1.0)
    islamic_state = {"t1": {"events": [{"plover": "ASSAULT", "source": "ISL", "target": "IRQ"}]}}
    assert score_events(gold, islamic_state).levels["plover+actors"].scores.precision == 0.0


def test_optional_gold_quotes_are_neither_required_nor_penalised() -> None:
    t = TREATY
    gold = {"t1": {"text": t, "quotes": [
        quote(t, "We have waited long enough,", "direct", "Anna Kowalczyk-Nowak",
              optional=True),
        quote(t, "talks would go on", "indirect", "José Núñez"),
    ]}}  # fmt: skip
    inside = {"t1": {"quotes": [quote(t, "waited long enough", "direct", "Nobody")]}}
    scores = score_quotes(gold, inside)
    assert (scores.buckets["all"].span.predicted, scores.buckets["all"].span.gold) == (0, 1)
    assert not scores.false_alarms and len(scores.misses) == 1
    spilling = {"t1": {"quotes": [quote(t, "enough,\" she said. – Now it is", "direct")]}}
    assert score_quotes(gold, spilling).buckets["all"].span.predicted == 1


def test_best_jaccard_prediction_gives_the_speaker() -> None:
    """A short prediction nested in a long one is judged by the gold quote it fits."""
    t = TREATY
    outer = "We have waited long enough,\" she said. – Now it is their turn."
    gold = {"t1": {"text": t, "quotes": [quote(t, outer, "direct", "Anna Kowalczyk-Nowak"),
                                         quote(t, "she said", "indirect", None)]}}  # fmt: skip
    pred = {"t1": {"quotes": [quote(t, "waited long enough,\" she said. – Now it is their",
                                    "direct", "Anna"),
                              quote(t, "she said", "direct", None)]}}  # fmt: skip
    scores = score_quotes(gold, pred)
    assert scores.buckets["direct"].attributed.recall == 1.0
    assert scores.buckets["indirect"].attributed.precision == 1.0
    assert not scores.wrong_speakers


def test_event_misses_are_listed() -> None:
    scores = score_events(gold_set(), {})
    misses = scores.levels["plover+actors"].misses
    assert {(d.article_id, d.plover) for d in misses} == {
        ("h1", "REJECT"), ("t1", "REJECT"), ("t1", "CONSULT")
    }  # fmt: skip
    assert scores.levels["plover"].scores.precision == 0.0


# ---------------------------------------------------------------- codes


def code_suite() -> tuple[Records, Records]:
    gold = {
        "s1": {"id": "s1", "sentence": "The envoys met in Oslo.",
               "expected": [{"source": "NORGOV", "target": "SWEGOV", "code": "042"}]},
        "s2": {"id": "s2", "sentence": "Rebels shelled the town twice.",
               "expected": [{"source": "SYRREB", "target": "SYRCVL", "code": "194"},
                            {"source": "SYRREB", "target": "SYRCVL", "code": "194"}]},
        "s3": {"id": "s3", "sentence": "The ministry denied the report.",
               "expected": [{"source": "IRNGOV", "target": None, "code": "114"}]},
        "s4": {"id": "s4", "sentence": "Nothing happened.", "expected": []},
    }  # fmt: skip
    pred = {
        "s1": {"events": [{"cameo": "043", "source": {"code": "NORGOV"},
                           "target": {"code": "SWEGOV"}}]},
        "s2": {"events": [{"cameo": " 194 ", "source": "syrreb", "target": "SYRCVL"},
                          {"cameo": "190", "source": "SYRREB", "target": "SYRCVL"}]},
        "s3": {"events": [{"cameo": "114", "source": "IRNGOV", "target": None},
                          {"cameo": "111", "source": "IRNGOV", "target": None,
                           "negated": True}]},
        "s4": {"events": [{"cameo": "010", "source": "USA", "target": "CHN"}]},
    }  # fmt: skip
    return gold, pred


def test_codes_match_reference(reference: ModuleType) -> None:
    gold, pred = code_suite()
    assert score_codes(gold, pred).to_dict() == reference.score_codes(gold, pred)
    assert score_codes(gold, {}).to_dict() == reference.score_codes(gold, {})


def test_codes_levels_and_root_breakdown() -> None:
    gold, pred = code_suite()
    scores = score_codes(gold, pred)
    assert (scores.levels["root"].predicted, scores.levels["root"].gold) == (5, 4)
    assert scores.levels["root"].precision == 0.8  # 04, 19, 19, 11 match
    assert scores.levels["code"].recall == 0.5  # 194 once, 114
    assert scores.roots["19"].gold == 2 and scores.roots["19"].root_matched == 2
    assert scores.roots["19"].code_matched == 1
    assert scores.roots["01"].root_scores.precision == 0.0
    missed = [(d.sentence_id, d.code) for d in scores.misses]
    assert missed == [("s1", "042"), ("s2", "194")]
    assert ("s4", "010", "USA", "CHN") in {
        (d.sentence_id, d.code, d.source, d.target) for d in scores.false_alarms
    }


# ---------------------------------------------------------------- dev gold


def thinned(gold: Records) -> Records:
    """Every other quote dropped, every third kept one given a wrong speaker, one event
    dropped per article, one article without a prediction."""
    pred: Records = {}
    for n, (article_id, record) in enumerate(sorted(gold.items())):
        if n == 5:
            continue
        copy_ = copy.deepcopy(record)
        copy_["quotes"] = copy_.get("quotes", [])[::2]
        for i, q in enumerate(copy_["quotes"]):
            if i % 3 == 1:
                q["speaker"] = "Somebody Unrelated"
        copy_["events"] = (copy_.get("events") or [])[1:]
        pred[article_id] = copy_
    return pred


def test_dev_gold_thinned_matches_reference(reference: ModuleType, dev_gold: Records) -> None:
    pred = thinned(dev_gold)
    ours = score_quotes(dev_gold, pred)
    assert ours.to_dict() == reference.score_quotes(dev_gold, pred)
    assert ours.buckets["all"].span.recall < 1.0
    assert ours.wrong_speakers and ours.misses
    assert score_events(dev_gold, pred).to_dict() == reference.score_events(dev_gold, pred)


# Spellings the reference treats as one name, and names beginning with them.
ALIAS_NAMES = [
    ["U.S.", "US", "United States", "USA", "America"],
    ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    ["UN", "U.N.", "United Nations"],
    ["EU", "European Union"],
]
ALIAS_HEADS = [f"{alias} {rest}" for group in ALIAS_NAMES for alias in group
               for rest in ("State Department", "Embassy in Moscow", "military")]  # fmt: skip


def alias_split(name: str | None) -> tuple[list[str], str] | None:
    """The alias group a name starts with and the rest of the name, if it starts with one."""
    for group in ALIAS_NAMES:
        for alias in sorted(group, key=len, reverse=True):
            if name and (name == alias or name.startswith(alias + " ")):
                return group, name[len(alias) :]
    return None


def alias_of(name: str | None, rng: random.Random) -> str | None:
    """Another spelling of a name starting with a known alias, else the name itself."""
    found = alias_split(name)
    return name if found is None else rng.choice(found[0]) + found[1]


def perturbed_gold(gold: Records, rng: random.Random) -> Records:
    """The gold with some quotes made optional, some speakers spelt as aliases, some
    event sides made stateless (``*_country: null``) or left without a country field."""
    out = copy.deepcopy(gold)
    for record in out.values():
        for q in record.get("quotes", []):
            if rng.random() < 0.15:
                q["optional"] = True
            if rng.random() < 0.1:
                q["speaker"] = rng.choice(ALIAS_HEADS)
            q["speaker"] = alias_of(q.get("speaker"), rng)
        for e in record.get("events") or []:
            for side in ("source", "target"):
                draw = rng.random()
                if draw < 0.1:
                    e[f"{side}_country"] = None
                elif draw < 0.15:
                    e.pop(f"{side}_country", None)
    return out


def random_speakers(record: dict[str, Any]) -> list[str | None]:
    names: list[str | None] = [q.get("speaker") for q in record.get("quotes", [])]
    names += [None, "", "Unknown Person", *ALIAS_HEADS[::4]]
    names += [n.split()[-1] for n in names if n]
    return names


def random_quotes(record: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Jittered gold spans (so some lie inside optional quotes) and random spans."""
    text = record["text"]
    names = random_speakers(record)
    quotes = []
    for q in record.get("quotes", []):
        if rng.random() < 0.6:
            jitter = rng.randint(-40, 40)
            start = max(0, min(len(text) - 1, q["start"] + jitter))
            end = max(start + 1, min(len(text), q["end"] + rng.randint(-60, 40)))
            speaker = rng.choice([*names, alias_of(q.get("speaker"), rng)])
            quotes.append({"kind": rng.choice(["direct", "mixed", "indirect"]),
                           "text": text[start:end], "start": start, "end": end,
                           "speaker": speaker})  # fmt: skip
    for _ in range(rng.randint(0, 3)):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randint(1, 200))
        q = {"text": text[start:end], "start": start, "end": end,
             "speaker": rng.choice(names)}  # fmt: skip
        if rng.random() < 0.8:
            q["kind"] = rng.choice(["direct", "mixed", "indirect", None])
        quotes.append(q)
    return quotes


def random_side(e: dict[str, Any], side: str, rng: random.Random) -> Any:
    return rng.choice([
        e.get(f"{side}_country"), e.get(side), "USAGOV", None, "", {"code": "RUSGOV"},
        {"country": "UKR"}, {"name": "Islamic State", "country": None, "code": None},
    ])  # fmt: skip


def random_event(e: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A gold event with its type, sides and negation redrawn; some have no PLOVER type
    (CAMEO only), some carry a ``*_country`` field as gold does."""
    event = {
        "plover": rng.choice([e.get("plover"), "CONSULT", "accuse", None, ""]),
        "cameo": rng.choice([e.get("cameo"), "036", None]),
        "source": random_side(e, "source", rng),
        "target": random_side(e, "target", rng),
        "negated": rng.random() < 0.1,
    }
    if rng.random() < 0.1:
        del event["plover"]
    if rng.random() < 0.1:
        event["source_country"] = rng.choice([None, e.get("source_country"), "FRA"])
    return event


def random_prediction(gold: Records, rng: random.Random) -> Records:
    """Random spans, kinds, speakers and events over the dev texts."""
    pred: Records = {}
    for article_id, record in gold.items():
        events = [random_event(e, rng) for e in record.get("events") or [] if rng.random() < 0.7]
        pred[article_id] = {"id": article_id, "quotes": random_quotes(record, rng),
                            "events": events}  # fmt: skip
    return pred


@pytest.fixture(scope="module", params=["quotes", "news-tune"])
def dev_corpus(request: pytest.FixtureRequest) -> Records:
    """dev/quotes.jsonl, or the TUNE lines of dev/news.jsonl (check lines are dropped as
    they are read, before anything else looks at them)."""
    path = DEV_GOLD if request.param == "quotes" else DEV_NEWS
    if not path.is_file():
        pytest.skip(f"dev gold {path.name} is absent")
    if request.param == "quotes":
        return load_jsonl_by_id(path)
    return load_jsonl_by_id(path, split="tune")


def test_random_perturbations_exercise_the_reference_rules(dev_corpus: Records) -> None:
    rng = random.Random(0)
    gold = perturbed_gold(dev_corpus, rng)
    pred = random_prediction(gold, rng)
    gold_quotes = [q for r in gold.values() for q in r["quotes"]]
    gold_events = [e for r in gold.values() for e in r.get("events") or []]
    pred_events = [e for r in pred.values() for e in r["events"]]
    assert any(q.get("optional") for q in gold_quotes)
    assert any(alias_split(q.get("speaker")) for q in gold_quotes)
    assert any(e.get("source_country", "") is None and e.get("source") for e in gold_events)
    assert any(not e.get("plover") for e in pred_events)


@pytest.mark.parametrize("seed", range(8))
def test_dev_gold_random_predictions_match_reference(
    reference: ModuleType, dev_corpus: Records, seed: int
) -> None:
    rng = random.Random(seed)
    gold = perturbed_gold(dev_corpus, rng) if seed % 4 else dev_corpus
    pred = random_prediction(gold, rng)
    assert score_quotes(gold, pred).to_dict() == reference.score_quotes(gold, pred)
    assert score_events(gold, pred).to_dict() == reference.score_events(gold, pred)


# ---------------------------------------------------------------- loading and report


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_jsonl_by_id(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "ok.jsonl", ['{"id": "a", "n": 1}', "", '{"id": 7}',
                                               '{"id": "a", "n": 2}'])  # fmt: skip
    records = load_jsonl_by_id(path)
    assert set(records) == {"a", "7"}
    assert records["a"]["n"] == 2


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (['{"id": "a"}', "{not json"], 2, "not JSON"),
        (['{"id": "a"}', "", "[1, 2]"], 3, "JSON object"),
        (['{"text": "no id here"}'], 1, "no \"id\""),
    ],
)
def test_load_errors_name_file_and_line(
    tmp_path: Path, lines: list[str], line: int, reason: str
) -> None:
    path = write_lines(tmp_path / "bad.jsonl", lines)
    with pytest.raises(InputError) as caught:
        load_jsonl_by_id(path)
    assert caught.value.line == line
    assert f"{path}:{line}" in str(caught.value)
    assert reason in str(caught.value)


def test_load_keeps_one_split(tmp_path: Path) -> None:
    splits = {"a": "tune", "b": "check", "c": "tune"}
    lines = [json.dumps({"id": i, "split": s}) for i, s in splits.items()]
    path = write_lines(tmp_path / "split.jsonl", lines)
    assert set(load_jsonl_by_id(path, split="tune")) == {"a", "c"}
    assert set(load_jsonl_by_id(path, split="check")) == {"b"}
    assert set(load_jsonl_by_id(path, split="all")) == {"a", "b", "c"}
    plain = write_lines(tmp_path / "plain.jsonl", ['{"id": "a"}'])
    assert set(load_jsonl_by_id(plain, split="all")) == {"a"}
    with pytest.raises(InputError, match='no "split" field') as caught:
        load_jsonl_by_id(plain, split="check")
    assert caught.value.line == 1
    with pytest.raises(InputError, match="unknown split"):
        load_jsonl_by_id(path, split="dev")


def test_evaluate_files_reads_and_scores(tmp_path: Path) -> None:
    gold = gold_set()
    gold_path = write_lines(tmp_path / "gold.jsonl", [json.dumps(r) for r in gold.values()])
    scores = evaluate_files("quotes", gold_path, gold_path)
    assert isinstance(scores, QuoteScores)
    assert scores.buckets["all"].attributed.f1 == 1.0
    with pytest.raises(InputError, match="unknown evaluation task"):
        evaluate_files("speakers", gold_path, gold_path)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_jsonl_by_id(tmp_path / "absent.jsonl")


def reference_output(task: str, gold: Records, pred: Records, tmp_path: Path) -> str:
    gold_path = write_lines(tmp_path / "gold.jsonl", [json.dumps(r) for r in gold.values()])
    pred_path = write_lines(tmp_path / "pred.jsonl",
                            [json.dumps({"id": k, **v}) for k, v in pred.items()])  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(REFERENCE), task, str(gold_path), str(pred_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def test_report_score_lines_match_reference_layout(
    reference: ModuleType, tmp_path: Path
) -> None:
    gold = gold_set()
    pred = pred_kinds_and_nulls()
    pred.pop("zz")
    pred.pop("q1")
    cases: list[tuple[str, QuoteScores | EventScores | CodeScores, Records, Records]] = [
        ("quotes", score_quotes(gold, pred), gold, pred),
        ("events", score_events(gold, pred), gold, pred),
    ]
    suite, suite_pred = code_suite()
    cases.append(("codes", score_codes(suite, suite_pred), suite, suite_pred))
    for task, scores, g, p in cases:
        expected = reference_output(task, g, p, tmp_path)
        report = format_report(scores, limit=2)
        assert report.startswith(expected), task


def test_report_lists_are_truncated() -> None:
    scores = score_quotes(gold_set(), {})
    report = format_report(scores, limit=2)
    assert "misses (gold quotes not found): 9" in report
    assert "… and 7 more" in report
    assert "no prediction for 3 gold ids, e.g. ['h1', 'q1', 't1']" in report
    listed = [line for line in report.splitlines() if line.startswith("  h1 ")]
    assert len(listed) == 2


# ---------------------------------------------------------------- aggregate breakdowns


def breakdown_case() -> tuple[Records, Records]:
    """One article: AGREE RUS→USA predicted as CONSULT, ACCUSE RUS→UKR found, an optional
    CONSULT RUS→CHN predicted, a REQUEST UKR→DEU missed, a wrong ASSAULT predicted."""
    gold = {"a1": {"text": QUIET, "quotes": [], "events": [
        {"plover": "AGREE", "source_country": "RUS", "target_country": "USA"},
        {"plover": "ACCUSE", "source_country": "RUS", "target_country": "UKR"},
        {"plover": "CONSULT", "source_country": "RUS", "target_country": "CHN",
         "optional": True},
        {"plover": "REQUEST", "source_country": "UKR", "target_country": "DEU"},
    ]}}  # fmt: skip
    pred = {"a1": {"events": [
        {"plover": "CONSULT", "source": "RUSGOV", "target": "USA", "confidence": 0.65},
        {"plover": "ACCUSE", "source": "RUS", "target": "UKR", "confidence": 0.99},
        {"plover": "ACCUSE", "source": "RUS", "target": "UKR", "confidence": 0.95},
        {"plover": "CONSULT", "source": "RUSGOV", "target": "CHNGOV", "confidence": 0.8},
        {"plover": "ASSAULT", "source": "RUS", "target": "SYR", "confidence": 0.3},
        {"plover": "AID", "source": "USA", "target": "UKR"},
        {"plover": "REJECT", "source": "RUS", "target": "UKR", "negated": True,
         "confidence": 0.9},
        {"plover": None, "cameo": "020", "source": "UKR", "target": "DEU", "confidence": 0.9},
    ]}}  # fmt: skip
    return gold, pred


def test_per_type_scores_sum_to_the_plover_level() -> None:
    gold, pred = breakdown_case()
    scores = score_events(gold, pred)
    assert scores.breakdown is not None
    per_type = scores.breakdown.per_type
    assert list(per_type)[:3] == ["ACCUSE", "AGREE", "REQUEST"]  # gold 1 each, then by name
    assert (per_type["ACCUSE"].precision, per_type["ACCUSE"].recall) == (1.0, 1.0)
    assert (per_type["AGREE"].predicted, per_type["AGREE"].recall) == (0, 0.0)
    assert "CONSULT" not in per_type  # at type level excused by the optional CONSULT
    assert per_type["ASSAULT"].precision == 0.0
    plover = scores.levels["plover"].scores
    assert sum(p.predicted for p in per_type.values()) == plover.predicted
    assert sum(p.gold for p in per_type.values()) == plover.gold


def test_type_confusions_pair_misses_with_wrong_types_on_the_same_countries() -> None:
    gold, pred = breakdown_case()
    breakdown = event_breakdown(gold, pred)
    assert [(c.gold, c.predicted, c.count) for c in breakdown.confusions] == [
        ("AGREE", "CONSULT", 1)
    ]


def test_reliability_buckets_by_confidence() -> None:
    gold, pred = breakdown_case()
    bins = {b.label: b for b in event_breakdown(gold, pred).reliability}
    assert list(bins) == ["<0.5", "0.5-0.6", "0.6-0.7", "0.7-0.8", "0.8-0.9", ">=0.9",
                          "no confidence"]  # fmt: skip
    assert (bins["<0.5"].count, bins["<0.5"].fraction_right) == (1, 0.0)
    assert (bins["0.6-0.7"].count, bins["0.6-0.7"].right) == (1, 0)
    assert bins["0.8-0.9"].count == 0  # the optional CONSULT is left out
    assert bins["0.8-0.9"].fraction_right is None
    assert (bins[">=0.9"].count, bins[">=0.9"].fraction_right) == (2, 1.0)  # negated, no type: out
    assert bins["no confidence"].count == 1
    no_missing = {"a1": {"events": [e for e in pred["a1"]["events"] if "confidence" in e]}}
    assert event_breakdown(gold, no_missing).reliability[-1].label == ">=0.9"


def test_quote_misses_by_cause() -> None:
    t = TREATY
    gold = {"t1": {"text": t, "quotes": [
        quote(t, "We have waited long enough,", "direct", "Anna Kowalczyk-Nowak"),
        quote(t, "Now it is their turn.", "direct", "Anna Kowalczyk-Nowak"),
        quote(t, "talks would go on", "indirect", "José Núñez"),
        quote(t, "No comment at this stage.", "direct", None),
    ]}}  # fmt: skip
    pred = {"t1": {"quotes": [
        quote(t, "We have waited long enough,", "direct", None),
        quote(t, "Now it is their turn.", "direct", "José Núñez"),
        quote(t, "José Núñez, the ambassador", "direct", "José Núñez"),
    ]}}  # fmt: skip
    scores = score_quotes(gold, pred)
    assert scores.miss_causes() == {"missed_span": 2, "no_speaker": 1, "wrong_speaker": 1,
                                    "false_alarm": 1}  # fmt: skip
    report = format_report(scores, items=False)
    assert "misses by cause: missed span 2, no speaker 1, wrong speaker 1, false alarm 1" in report


def test_aggregate_only_output_names_no_article_and_no_text() -> None:
    gold = gold_set()
    for scores in (score_quotes(gold, pred_split_and_merge()), score_quotes(gold, {}),
                   score_events(gold, pred_split_and_merge())):  # fmt: skip
        shown = format_report(scores, items=False) + json.dumps(
            scores.to_dict(diagnostics=True, items=False)
        )
        for article_id in gold:
            assert article_id not in shown
        assert "harbour" not in shown and "Ferreira" not in shown
        full = format_report(scores) + json.dumps(scores.to_dict(diagnostics=True))
        assert any(article_id in full for article_id in gold)
    counts = score_quotes(gold, {}).to_dict(diagnostics=True, items=False)
    assert counts["missing_prediction_count"] == 3 and "missing_predictions" not in counts
