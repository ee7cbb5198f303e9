"""Test-suite setup: the helper modules beside the tests, and the markers.

- ``tests/`` is on ``sys.path`` so the helpers (``_events_dev``, ``conftest_store``, …)
  import by name from every test module.
- ``slow``: the test needs the spaCy model, a server or a browser, or starts real
  processes (CLI subprocesses, ``kill -9`` trials). Modules that run the pipeline are
  listed in ``MODEL_MODULES``, modules of process trials in ``PROCESS_MODULES``; tests of
  the ``postgres`` and ``browser`` kinds are slow too. ``pytest -m "not slow"`` runs the
  rest, and a test it runs that loads the model fails, saying to mark it, so the fast
  selection stays fast.
- ``postgres``: the test uses a PostgreSQL store (a ``backend``/``store_url`` parameter
  of ``postgres``, or PostgreSQL fixtures); ``browser``: it drives Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

#: Test modules whose tests run the spaCy pipeline (all of their tests are ``slow``).
MODEL_MODULES = frozenset({
    "test_actors", "test_cli_demo", "test_cli_eval", "test_cli_extract", "test_cluster_events",
    "test_cluster_quotes", "test_coref", "test_dask_engine", "test_dask_ingest",
    "test_entities", "test_events", "test_events_dev", "test_quotes", "test_quotes_eval",
    "test_quotes_holdout", "test_record_snapshot", "test_samples", "test_stage_contract",
    "test_web_browser",
})  # fmt: skip
#: Test modules whose tests start processes (CLI subprocesses, kill -9 trials): slow too.
PROCESS_MODULES = frozenset({
    "test_cli_exit_codes", "test_cli_text_cells", "test_faults_concurrent", "test_faults_export",
    "test_faults_input", "test_faults_limits", "test_faults_small", "test_faults_web",
    "test_runner_local", "test_undated",
})  # fmt: skip
POSTGRES_WORDS = ("postgres",)


def _uses_postgres(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if any(w in n for n in names for w in POSTGRES_WORDS):
        return True
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    return any(isinstance(v, str) and v.startswith("postgres") for v in params)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if item.module is not None else ""
        if _uses_postgres(item):
            item.add_marker(pytest.mark.postgres)
        kinds = {m.name for m in item.iter_markers()}
        if module in MODEL_MODULES | PROCESS_MODULES or kinds & {"postgres", "browser"}:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fast_tests_load_no_model(request: pytest.FixtureRequest) -> None:
    """Under ``-m "not slow"``, a test that loads the spaCy model fails (mark it slow)."""
    expr = request.config.getoption("markexpr") or ""
    if "not slow" not in expr or request.node.get_closest_marker("slow"):
        return
    import spacy

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"{request.node.nodeid} loads the spaCy model: add its module to "
                    "MODEL_MODULES in tests/conftest.py or mark it slow")  # fmt: skip

    mp = pytest.MonkeyPatch()
    mp.setattr(spacy, "load", refuse)
    request.addfinalizer(mp.undo)
