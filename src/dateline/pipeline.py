"""Ordered stages from a registry; each stage says what it needs and what it adds.

A stage is a class registered under a name with ``@register_stage``. It
declares ``needs`` and ``adds`` (names of things on the ``Document``), and
processes a batch of documents. Stages pass data only through typed fields of
the document; ``dateline.contract`` says which names own which field, and the
tests check that a stage changes nothing outside its ``adds``. ``Pipeline``
checks the order when it is built and refuses, with the fix in the message, a
stage whose needs no earlier stage adds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar, TypeVar

from dateline.config import Settings
from dateline.document import Document
from dateline.errors import PipelineError
from dateline.model import Article, Record

#: What a document has before any stage ran.
BASE_FIELDS = frozenset({"raw_text", "meta"})


class Stage:
    """Base class of all stages.

    ``needs``: fields that must exist before this stage runs.
    ``adds``: fields this stage makes; it may change no field it does not add
    (see ``dateline.contract.OWNERS``).
    ``cues``: for stages that read parses, a regex that marks sentences worth
    parsing (the ``parse`` stage parses only sentences some later stage cues).
    """

    name: ClassVar[str] = ""
    needs: ClassVar[frozenset[str]] = frozenset()
    adds: ClassVar[frozenset[str]] = frozenset()
    cues: ClassVar[re.Pattern[str] | None] = None

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, doc: Document) -> None:
        raise NotImplementedError

    def process_batch(self, docs: Sequence[Document]) -> None:
        for doc in docs:
            self.process(doc)


S = TypeVar("S", bound=type[Stage])
_REGISTRY: dict[str, type[Stage]] = {}


def register_stage(cls: S) -> S:
    """Class decorator: make a stage available by its ``name``."""
    if not cls.name:
        raise PipelineError(f"stage class {cls.__qualname__} has no name")
    known = _REGISTRY.get(cls.name)
    if known is not None and known is not cls:
        raise PipelineError(
            f"two stages are registered as '{cls.name}': {_where(known)} and {_where(cls)}; "
            "give one of them another name"
        )
    _REGISTRY[cls.name] = cls
    return cls


def _where(cls: type[Stage]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _load_builtin_stages() -> None:
    # Importing the modules registers their stages.
    from dateline.stages import builtin  # noqa: F401


def registered_stages() -> dict[str, type[Stage]]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def check_order(stage_classes: Sequence[type[Stage]]) -> None:
    """Raise ``PipelineError`` when a stage needs a field no earlier stage adds."""
    have = set(BASE_FIELDS)
    names = [c.name for c in stage_classes]
    for cls in stage_classes:
        missing = sorted(cls.needs - have)
        if missing:
            makers = {
                f: sorted(n for n, c in _REGISTRY.items() if f in c.adds) for f in missing
            }
            hint = "; ".join(
                f"'{f}' is added by {', '.join(repr(m) for m in ms) or 'no known stage'}"
                for f, ms in makers.items()
            )
            raise PipelineError(
                f"stage '{cls.name}' needs {missing}, which no earlier stage adds "
                f"(order: {' -> '.join(names)}). {hint}: put that stage before '{cls.name}'."
            )
        have |= cls.adds


def resolve_stages(
    settings: Settings | None = None, stages: Sequence[str] | None = None
) -> list[str]:
    """The stages a run uses, in order: ``stages`` when given, else the configured ones.

    The one place that decides: every command and engine builds its pipeline from
    this list. Raises ``PipelineError`` for an unknown or repeated name and for a
    stage whose needs no earlier stage adds; nothing is left out silently.
    """
    names = list(stages if stages is not None else (settings or Settings()).stages)
    registry = registered_stages()
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise PipelineError(
            f"unknown stage(s) {unknown}; known stages: {', '.join(sorted(registry))}"
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise PipelineError(f"stage(s) {repeated} listed more than once; list each stage once")
    check_order([registry[n] for n in names])
    return names


class Pipeline:
    """Runs the configured stages over articles, a batch at a time."""

    def __init__(self, settings: Settings | None = None, stages: Sequence[str] | None = None):
        self.settings = settings or Settings()
        registry = registered_stages()
        names = resolve_stages(self.settings, stages)
        self.stages: list[Stage] = [registry[n](self.settings) for n in names]
        self._wire_cues()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _wire_cues(self) -> None:
        """Tell parse-making stages which sentences later stages want parsed."""
        for i, stage in enumerate(self.stages):
            setter: Callable[[list[re.Pattern[str]]], None] | None = getattr(
                stage, "set_cues", None
            )
            if setter is not None:
                setter([s.cues for s in self.stages[i + 1 :] if s.cues is not None])

    def run_documents(self, docs: Sequence[Document]) -> list[Document]:
        for stage in self.stages:
            stage.process_batch(docs)
            for d in docs:
                d.done |= stage.adds
        return list(docs)

    def process(self, articles: Sequence[Article]) -> list[Record]:
        docs = [Document.from_article(a) for a in articles]
        return [d.record for d in self.run_documents(docs)]

    def process_one(self, article: Article) -> Record:
        return self.process([article])[0]

    def stream(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Record]:
        """Process an iterable lazily, ``batch_size`` articles at a time."""
        size = batch_size or self.settings.batch_size
        batch: list[Article] = []
        for a in articles:
            batch.append(a)
            if len(batch) >= size:
                yield from self.process(batch)
                batch = []
        if batch:
            yield from self.process(batch)
