"""The stage contract: which stage-level name owns each field of a ``Document``.

A stage may change a field of the document (or of its record) only when it
declares, in ``adds``, one of the names that own that field. ``OWNERS`` maps
every field to those names; fields several stages build in turn (the record's
actors: named by ``entities``, joined by the speakers ``quotes`` finds, coded
and linked by ``actors``) list one name per step. Parts of a field another
stage fills in have their own entry: the actors' codes (``actor_codes``) and
the quotes' speaker codes and types (``speaker_codes``). Inputs (the article, the
record's id, text as read and metadata) belong to no stage.

``snapshot`` freezes a document into comparable values per entry;
``undeclared_changes`` says which entries a stage changed outside its adds;
``run_checked`` runs a pipeline stage by stage and collects every such change.
The tests run it over the samples.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.document import Document
from dateline.pipeline import Pipeline, Stage

_NONE: frozenset[str] = frozenset()

#: Entry -> the names that may change it. ``document.X`` is a ``Document`` field,
#: ``record.X`` a ``Record`` field; ``.code``, ``.speaker_code`` and ``.speaker_type``
#: entries are the parts of a list field that a later stage fills in (left out of the
#: list's entry).
OWNERS: dict[str, frozenset[str]] = {
    "document.article": _NONE,
    "document.clean": frozenset({"clean"}),
    "document.story_start": frozenset({"story_start"}),
    "document.sentence_bounds": frozenset({"sentences"}),
    "document.parses": frozenset({"parses"}),
    "document.actor_table": frozenset({"actor_table", "speakers"}),
    "document.actor_index": frozenset({"actor_index"}),
    "document.home_country": frozenset({"home_country"}),
    "record.id": _NONE,
    "record.raw_text": _NONE,
    "record.source": _NONE,
    "record.url": _NONE,
    "record.published": _NONE,
    "record.lang": _NONE,
    "record.author": _NONE,
    "record.schema": _NONE,
    "record.title": frozenset({"title"}),
    "record.title_span": frozenset({"title"}),
    "record.removed": frozenset({"removed"}),
    "record.text": frozenset({"clean"}),
    "record.dateline": frozenset({"dateline"}),
    "record.date": frozenset({"dateline"}),
    "record.date_source": frozenset({"dateline"}),
    "record.sentences": frozenset({"sentences"}),
    "record.actors": frozenset({"entities", "speakers", "actors"}),
    "record.actors.code": frozenset({"actor_codes"}),
    "record.quotes": frozenset({"quotes"}),
    "record.quotes.speaker_code": frozenset({"speaker_codes"}),
    "record.quotes.speaker_type": frozenset({"speaker_codes"}),
    "record.events": frozenset({"events"}),
}
#: Bookkeeping of the pipeline itself (which names are done), no stage's output.
PIPELINE_FIELDS = frozenset({"done"})
#: List fields whose items have parts another stage fills in: field -> item attributes.
_SPLIT = {"actors": ("code",), "quotes": ("speaker_code", "speaker_type")}


def freeze(value: Any) -> Any:
    """A comparable copy of ``value``: dataclasses, lists, dicts and sets as tuples.

    Attributes whose names start with ``_`` are caches and back references, left
    out; a spaCy ``Doc`` is its tokens' text, tags, heads, dependencies and entities.
    """
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, freeze(getattr(value, f.name)))
                for f in dataclasses.fields(value)
                if not f.name.startswith("_")
            ),
        )
    if isinstance(value, dict):
        return tuple(sorted((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return tuple(sorted(freeze(v) for v in value))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if type(value).__name__ == "Doc" and hasattr(value, "ents"):
        return (
            tuple((t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in value),
            tuple((e.start, e.end, e.label_) for e in value.ents),
        )
    raise TypeError(f"cannot snapshot a {type(value).__name__}")



def snapshot(doc: Document) -> dict[str, Any]:
    """Every entry of ``OWNERS``, frozen."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(doc):
        if f.name not in ("record", *PIPELINE_FIELDS):
            out[f"document.{f.name}"] = freeze(getattr(doc, f.name))
    for f in dataclasses.fields(doc.record):
        if f.name in _SPLIT:
            split = _SPLIT[f.name]
            items = getattr(doc.record, f.name)
            out[f"record.{f.name}"] = tuple(
                tuple((k, v) for k, v in freeze(item)[1] if k not in split) for item in items
            )
            for part in split:
                out[f"record.{f.name}.{part}"] = tuple(
                    (i, getattr(x, part)) for i, x in enumerate(items) if getattr(x, part)
                )
        else:
            out[f"record.{f.name}"] = freeze(getattr(doc.record, f.name))
    return out


def undeclared_changes(
    adds: frozenset[str], before: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    """Entries that changed although none of their owners is in ``adds``."""
    return sorted(
        k
        for k in after
        if before.get(k) != after[k] and not OWNERS.get(k, _NONE) & adds
    )


@dataclass(frozen=True, slots=True)
class Violation:
    """A stage changed an entry it does not own, in the document ``doc_id``."""

    stage: str
    doc_id: str
    entry: str

    def __str__(self) -> str:
        owners = sorted(OWNERS.get(self.entry, _NONE)) or ["no stage"]
        return (
            f"stage '{self.stage}' changed {self.entry} of {self.doc_id!r}, which belongs to "
            f"{', '.join(owners)}; declare it in the stage's adds or leave it alone"
        )


def check_stage(stage: Stage, docs: Sequence[Document]) -> list[Violation]:
    """Run ``stage`` on ``docs``; what it changed outside its ``adds``."""
    before = [snapshot(d) for d in docs]
    stage.process_batch(docs)
    out: list[Violation] = []
    for d, b in zip(docs, before, strict=True):
        for entry in undeclared_changes(stage.adds, b, snapshot(d)):
            out.append(Violation(stage.name, d.record.id, entry))
        d.done |= stage.adds
    return out


def run_checked(pipeline: Pipeline, docs: Sequence[Document]) -> list[Violation]:
    """Run ``pipeline`` over ``docs`` a stage at a time, checking each stage's writes."""
    out: list[Violation] = []
    for stage in pipeline.stages:
        out.extend(check_stage(stage, docs))
    return out


__all__ = [
    "OWNERS",
    "Violation",
    "check_stage",
    "freeze",
    "run_checked",
    "snapshot",
    "undeclared_changes",
]
