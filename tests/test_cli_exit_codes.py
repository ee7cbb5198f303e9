"""Exit codes and messages of a first day (issue 15, items 5 and 8), in a subprocess.

A read command never creates the store it is pointed at; a bad or busy port is
said before "serving at"; a missing input file is exit 2, naming it.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from _cli import run_cli
from conftest_store import fresh_postgres_db, postgres_cluster
from dateline.model import Record
from dateline.store import open_store

READ_COMMANDS = (
    ["quotes"], ["events"], ["search", "grain"], ["stats"], ["export", "--format", "jsonl"],
    ["serve", "--port", "1"],  # the store is checked first: the port never matters here
)


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_on_a_missing_store_exits_2(command: list[str], tmp_path: Path) -> None:
    res = run_cli(*command, "--db", "misspelt.db", cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert "no store at misspelt.db; create one with `dateline ingest`" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "misspelt.db").exists()


def test_the_default_store_is_not_created_either(tmp_path: Path) -> None:
    res = run_cli("stats", cwd=tmp_path)
    assert res.returncode == 2 and "no store at dateline.db" in res.stderr
    assert not (tmp_path / "dateline.db").exists()


def test_postgres_database_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    url = postgres_cluster().replace("postgresql:///postgres", "postgresql:///no_such_db")
    res = run_cli("quotes", "--db", url, cwd=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "cannot connect to PostgreSQL" in res.stderr and "no_such_db" in res.stderr


def test_postgres_database_without_a_store_exits_2(tmp_path: Path) -> None:
    url = fresh_postgres_db()
    res = run_cli("stats", "--db", url, cwd=tmp_path)
    assert res.returncode == 2 and "no store at postgresql://" in res.stderr


def test_unreachable_postgres_server_exits_2(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/x?connect_timeout=3"
    res = run_cli("events", "--db", url, cwd=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "cannot connect to PostgreSQL" in res.stderr


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A directory with a store ``s.db`` holding one article."""
    text = "ROME (Wire) - Ministers met on Monday.\n"
    with open_store(str(tmp_path / "s.db")) as st:
        st.save(Record(id="a", raw_text=text, text=text))
    return tmp_path


@pytest.mark.parametrize("port", ["99999", "0", "eighty"])
def test_serve_refuses_a_port_that_is_not_one(store: Path, port: str) -> None:
    res = run_cli("serve", "--db", "s.db", "--port", port, cwd=store)
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "--port" in res.stderr
    assert "serving" not in res.stderr


def test_serve_on_a_busy_port_says_so_before_serving(store: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = run_cli("serve", "--db", "s.db", "--port", str(port), cwd=store, timeout=60)
    assert res.returncode == 2, res.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in res.stderr
    assert "serving" not in res.stderr and "Traceback" not in res.stderr


def test_serve_on_a_host_that_is_not_one(store: Path) -> None:
    res = run_cli("serve", "--db", "s.db", "--host", "no.such.host.invalid", cwd=store)
    assert res.returncode == 2 and "cannot listen on host" in res.stderr


@pytest.mark.parametrize(
    ("command", "missing"),
    [(["extract"], "nofile.txt"), (["extract"], "no*.jsonl"),
     (["ingest", "--db", "n.db"], "nofile.txt")],
    ids=["extract-file", "extract-pattern", "ingest-file"],
)
def test_a_missing_input_is_exit_2_naming_it(
    command: list[str], missing: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("ROME (Wire) - Ministers met.\n", encoding="utf-8")
    res = run_cli(command[0], "a.txt", missing, *command[1:], cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert f"dateline: error: [E010] {missing}:" in res.stderr
    assert res.stdout == "" and not (tmp_path / "n.db").exists()


@pytest.mark.parametrize(
    "command", [["export", "--format", "jsonl", "--db", "s.db"], ["extract", "a.txt"]],
    ids=lambda c: c[0],
)
def test_an_output_that_cannot_be_written_is_exit_2(store: Path, command: list[str]) -> None:
    (store / "a.txt").write_text("ROME (Wire) - Ministers met.\n", encoding="utf-8")
    res = run_cli(*command, "-o", "no/such/folder/out.jsonl", cwd=store)
    assert res.returncode == 2, res.stderr
    assert "cannot write no/such/folder/out.jsonl: No such file or directory" in res.stderr
    assert "Traceback" not in res.stderr
