"""The engine interface: one registry, results in input order, one ingest path for all."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import ClassVar, TypeVar

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dateline.config import Settings
from dateline.errors import ConfigError
from dateline.model import Article, Record
from dateline.runner import engine as engine_mod
from dateline.runner.engine import Engine, Result, engine_class, engine_names, register_engine
from dateline.runner.local import LocalEngine, run_ingest
from dateline.store import open_store
from ingest_samples import STORY, STORY_2

T = TypeVar("T")


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"{STORY} Item {i}.") for i in range(n)]


def test_registry_names_and_errors() -> None:
    assert {"local", "dask"} <= set(engine_names())
    assert engine_class("local") is LocalEngine
    with pytest.raises(ConfigError, match=r"--engine must be one of .*dask.*local.*'spark'"):
        engine_class("spark")
    with pytest.raises(ConfigError, match="--scheduler needs --engine dask"):
        LocalEngine(Settings(), [], scheduler="tcp://x:1")
    with pytest.raises(ConfigError, match="--workers"):
        LocalEngine(Settings(), [], 0)
    assert engine_class("dask").check_options(None, "tcp://x:1") == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_keeps_input_order(workers: int) -> None:
    articles = _articles(7)
    with LocalEngine(Settings(), [], workers) as eng:
        got = list(eng.results(articles, 2))
    assert [a.id for a, _ in got] == [a.id for a in articles]
    assert all(isinstance(r, Record) and r.id == a.id for a, r in got)


class _Recording(Engine):
    """A test engine: the pipeline in this process, batches seen recorded."""

    name = "recording-test"
    seen: ClassVar[list[int]] = []

    def open(self, stack: ExitStack) -> None:
        self.inner = stack.enter_context(LocalEngine(self.settings, self.stages))

    def map(
        self, batches: Iterable[tuple[T, Sequence[Article]]]
    ) -> Iterator[tuple[T, list[Result]]]:
        for tag, results in self.inner.map(batches):
            self.seen.append(len(results))
            yield tag, results


def test_run_ingest_uses_a_registered_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_mod, "_REGISTRY", dict(engine_mod._REGISTRY))
    register_engine(_Recording)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY)
    (tmp_path / "in" / "b.txt").write_text(STORY_2)
    db = str(tmp_path / "x.db")
    s = run_ingest([str(tmp_path / "in")], db=db, stages=[], engine="recording-test")
    assert s.processed == 2 and sum(_Recording.seen) == 2
    with open_store(db) as store:
        assert store.count("articles") == 2
        assert '"engine": "recording-test"' in store.runs()[-1]["settings"]
