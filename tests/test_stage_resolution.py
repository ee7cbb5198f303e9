"""One function decides which stages run; every command and engine refuses what it refuses.

With ``stages = ["clean", "events"]`` in ``dateline.toml``, ``extract``,
``ingest`` (local and Dask), ``demo``, ``serve`` and the web app all stop with
the same E002 error, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.config import DEFAULT_STAGES, Settings, load_settings
from dateline.errors import PipelineError
from dateline.pipeline import Pipeline, Stage, register_stage, registered_stages, resolve_stages

runner = CliRunner()
BAD = ("clean", "events")


def _message(stages: tuple[str, ...]) -> str:
    with pytest.raises(PipelineError) as e:
        resolve_stages(Settings(stages=stages))
    return str(e.value)


def test_default_and_given_stages() -> None:
    assert resolve_stages(Settings()) == list(DEFAULT_STAGES)
    assert resolve_stages() == list(DEFAULT_STAGES)
    assert resolve_stages(Settings(stages=BAD), ["clean", "dateline"]) == ["clean", "dateline"]
    assert resolve_stages(Settings(), []) == []


def test_bad_order_unknown_and_repeated_names_are_refused() -> None:
    msg = _message(BAD)
    assert msg.startswith("[E002] stage 'events' needs")
    assert "'parses' is added by 'parse'" in msg and "put that stage before 'events'" in msg
    assert "unknown stage(s) ['nope']" in _message(("clean", "nope"))
    assert "listed more than once" in _message(("clean", "clean"))


def test_the_pipeline_gives_the_same_error() -> None:
    with pytest.raises(PipelineError) as e:
        Pipeline(Settings(stages=BAD))
    assert str(e.value) == _message(BAD)


def test_two_stages_under_one_name_are_refused() -> None:
    registered_stages()  # the built-in stages are registered

    class Other(Stage):
        name = "clean"

    with pytest.raises(PipelineError, match="two stages are registered as 'clean'"):
        register_stage(Other)
    assert registered_stages()["clean"] is not Other
    same = registered_stages()["clean"]
    assert register_stage(same) is same  # the same class again is no second stage


@pytest.fixture
def bad_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory whose dateline.toml asks for stages that cannot run."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATELINE_STAGES", raising=False)
    monkeypatch.delenv("DATELINE_DB", raising=False)
    (tmp_path / "dateline.toml").write_text(
        '[dateline]\nstages = ["clean", "events"]\ndb = "store.db"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("GENEVA (Wire) - Envoys met on Monday.\n", encoding="utf-8")
    return tmp_path


def _refused(args: list[str]) -> str:
    from dateline.cli.main import app

    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    return res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "a.txt"],
        ["ingest", "a.txt"],
        ["ingest", "a.txt", "--engine", "dask"],
        ["demo", "--no-serve", "--db", "samples.db"],
        ["serve"],
    ],
    ids=["extract", "ingest", "ingest-dask", "demo", "serve"],
)
def test_every_command_refuses_the_configuration(bad_config: Path, args: list[str]) -> None:
    err = _refused(args)
    assert f"dateline: error: {_message(BAD)}" in err
    assert not (bad_config / "store.db").exists()
    assert not (bad_config / "samples.db").exists()


def test_the_dask_engine_refuses_it_before_a_cluster_starts(bad_config: Path) -> None:
    from dateline.runner.dask_engine import run_dask

    with pytest.raises(PipelineError) as e:
        run_dask(["a.txt"], load_settings())
    assert str(e.value) == _message(BAD)


def test_the_web_app_refuses_it_at_startup(bad_config: Path) -> None:
    from dateline.web.app import create_app

    with pytest.raises(PipelineError) as e:
        create_app(str(bad_config / "store.db"))
    assert str(e.value) == _message(BAD)
    assert not (bad_config / "store.db").exists()


def test_the_paste_page_runs_the_configured_stages(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dateline.web.app import create_app

    settings = Settings(stages=("clean", "dateline", "sentences"))
    with TestClient(create_app(str(tmp_path / "w.db"), settings=settings)) as client:
        res = client.post("/api/process", json={"text": "OSLO (AP) - Envoys met on Monday."})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["stages"] == ["clean", "dateline", "sentences"]
    assert body["record"]["dateline"]["place"] == "OSLO"
