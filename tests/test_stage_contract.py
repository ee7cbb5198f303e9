"""Each stage changes only the document fields it declares in ``adds``.

``checked_run`` runs a pipeline a stage at a time over a few articles,
snapshotting every field of the document and its record before and after each
stage (``dateline.contract``), and returns what a stage changed outside its adds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import pytest

from dateline.config import DEFAULT_STAGES, Settings
from dateline.contract import OWNERS, Violation, run_checked, snapshot
from dateline.document import Document
from dateline.model import Article, Event, EventActor, Span
from dateline.pipeline import Pipeline, Stage, check_order, registered_stages
from dateline.samples import load_samples

CheckedRun = Callable[[Sequence[str] | None, Sequence[Article]], list[Violation]]

SHORT = Article(
    id="short",
    text=(
        "GENEVA, March 3 (Wire) - Russian Foreign Minister Sergey Lavrov met his Turkish "
        'counterpart on Monday.\n\n"We agreed to meet again," Lavrov told reporters.\n\n'
        "The government later accused the opposition of staging the protests.\n"
    ),
    title="Ministers meet in Geneva",
)


def builtin_stages() -> dict[str, type[Stage]]:
    return {n: c for n, c in registered_stages().items() if c.__module__.startswith("dateline.")}


@pytest.fixture
def checked_run() -> CheckedRun:
    def run(stages: Sequence[str] | None, articles: Sequence[Article]) -> list[Violation]:
        docs = [Document.from_article(a) for a in articles]
        return run_checked(Pipeline(Settings(), stages), docs)

    return run


def test_every_field_of_document_and_record_has_owners() -> None:
    entries = set(snapshot(Document.from_article(SHORT)))
    assert entries == set(OWNERS), "map new fields in dateline.contract.OWNERS"
    assert {f.name for f in dataclasses.fields(Document)} - {"record", "done"} == {
        e.removeprefix("document.") for e in entries if e.startswith("document.")
    }


def test_added_names_and_owners_match() -> None:
    stages = builtin_stages()
    added = set().union(*(c.adds for c in stages.values()))
    owning = set().union(*OWNERS.values())
    assert added == owning
    needed = set().union(*(c.needs for c in stages.values()))
    assert needed <= added
    check_order([stages[n] for n in DEFAULT_STAGES])


@pytest.mark.slow
def test_stages_change_only_what_they_declare(checked_run: CheckedRun) -> None:
    articles = [SHORT, *load_samples()]
    assert checked_run(None, articles) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "stages",
    [
        ("clean", "dateline", "sentences", "parse", "actors", "events"),
        ("clean", "dateline", "sentences", "parse", "entities", "actors", "events"),
    ],
)
def test_partial_pipelines_keep_the_contract(
    checked_run: CheckedRun, stages: tuple[str, ...]
) -> None:
    assert checked_run(stages, [SHORT, *load_samples()[:4]]) == []


class _WritesEvents(Stage):
    """Adds an event while declaring only a name of its own."""

    name = "rogue-events"
    adds = frozenset({"rogue"})

    def process(self, doc: Document) -> None:
        span = Span(doc.raw[:5], 0, 5)
        actor = EventActor("X", "XXX", "XXX")
        doc.record.events.append(Event("010", None, None, False, actor, None, span, span))


class _RecodesSpeakers(Stage):
    """Declares quotes but rewrites the speaker codes another stage owns."""

    name = "rogue-quotes"
    needs = frozenset({"quotes"})
    adds = frozenset({"quotes"})

    def process(self, doc: Document) -> None:
        for q in doc.record.quotes:
            q.speaker_code = "XXX"


def test_the_check_catches_an_undeclared_write(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline import pipeline

    monkeypatch.setitem(pipeline._REGISTRY, _WritesEvents.name, _WritesEvents)
    docs = [Document.from_article(SHORT)]
    found = run_checked(Pipeline(Settings(), ["clean", "rogue-events"]), docs)
    assert [(v.stage, v.entry) for v in found] == [("rogue-events", "record.events")]
    assert "declare it in the stage's adds" in str(found[0])


@pytest.mark.slow
def test_the_check_catches_a_rewrite_of_another_stages_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dateline import pipeline

    monkeypatch.setitem(pipeline._REGISTRY, _RecodesSpeakers.name, _RecodesSpeakers)
    names = ["clean", "dateline", "sentences", "parse", "entities", "quotes", "rogue-quotes"]
    docs = [Document.from_article(SHORT)]
    found = run_checked(Pipeline(Settings(), names), docs)
    assert [(v.stage, v.entry) for v in found] == [
        ("rogue-quotes", "record.quotes.speaker_code")
    ]
