"""``db`` in dateline.toml is the store of every command that takes ``--db``.

Order: the default (./dateline.db), then ``[dateline] db`` in the TOML file,
then ``$DATELINE_DB``, then ``--db``.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.store.open import open_store

runner = CliRunner()
FAST = ["--stages", "clean,dateline,sentences"]
TEXT = "GENEVA (Wire) - Envoys met on Monday to discuss the ceasefire.\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with one article and a dateline.toml naming toml.db."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATELINE_DB", raising=False)
    (tmp_path / "dateline.toml").write_text('[dateline]\ndb = "toml.db"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    res = runner.invoke(app, list(args), env=env)
    assert res.exit_code == 0, res.output
    return res


def articles(db: Path) -> int:
    with open_store(str(db)) as store:
        return store.count("articles")


def test_ingest_order_default_toml_env_option(workdir: Path) -> None:
    invoke("ingest", "a.txt", *FAST)
    assert articles(workdir / "toml.db") == 1
    assert not (workdir / "dateline.db").exists()
    invoke("ingest", "a.txt", *FAST, env={"DATELINE_DB": str(workdir / "env.db")})
    assert articles(workdir / "env.db") == 1
    invoke("ingest", "a.txt", *FAST, "--db", "opt.db", env={"DATELINE_DB": "env.db"})
    assert articles(workdir / "opt.db") == 1
    (workdir / "dateline.toml").unlink()
    invoke("ingest", "a.txt", *FAST)
    assert articles(workdir / "dateline.db") == 1


def test_the_query_commands_read_the_toml_db(workdir: Path) -> None:
    invoke("ingest", "a.txt", *FAST)
    stats = json.loads(invoke("stats", "--json").stdout)
    assert Path(stats["db"]).name == "toml.db" and stats["counts"]["articles"] == 1
    hits = json.loads(invoke("search", "ceasefire", "--json").stdout)
    assert [h["id"] for h in hits] == ["a"]
    assert json.loads(invoke("quotes", "--json").stdout) == []
    assert json.loads(invoke("events", "--json").stdout) == []
    out = invoke("export", "--format", "jsonl").stdout
    assert [json.loads(x)["id"] for x in out.splitlines() if x.startswith("{")] == ["a"]
    # the option still wins (and a read command never creates the store it names)
    invoke("ingest", "a.txt", *FAST, "--db", "other.db")
    other = json.loads(invoke("stats", "--json", "--db", "other.db").stdout)
    assert Path(other["db"]).name == "other.db" and other["counts"]["articles"] == 1


def test_serve_uses_the_toml_db(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_serve(db: str, **kwargs: Any) -> None:
        seen["db"] = db

    monkeypatch.setattr("dateline.web.server.serve", fake_serve)
    invoke("ingest", "a.txt", *FAST)
    invoke("ingest", "a.txt", *FAST, "--db", "env.db")
    port = str(free_port())
    res = invoke("serve", "--port", port)
    assert seen["db"] == "toml.db" and "serving toml.db" in res.stderr
    invoke("serve", "--port", port, env={"DATELINE_DB": "env.db"})
    assert seen["db"] == "env.db"


def test_a_bad_toml_is_a_usage_error(workdir: Path) -> None:
    (workdir / "dateline.toml").write_text("[dateline]\ndb = \n", encoding="utf-8")
    res = runner.invoke(app, ["stats"])
    assert res.exit_code == 2 and "E001" in res.stderr and "Traceback" not in res.output
