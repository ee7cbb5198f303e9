"""One output-format option on every query command (issue 15, item 13): ``--format``
(``-f``), with ``--output-format`` and ``--as`` kept as its old names, and the
``--json`` / ``--csv`` flags; ``stats`` has CSV like the others.

The option matrix runs in-process (CliRunner); ``stats --csv`` as a user runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _cli import run_cli
from dateline.cli.main import app
from dateline.store import open_store
from test_cli_text_cells import SPEAKER, bracket_record

runner = CliRunner()
QUERIES = (["quotes"], ["events"], ["search", "extradition"], ["stats"], ["problems"])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "s.db"
    with open_store(str(path)) as store:
        store.save(bracket_record())
        store.add_quarantine("x.jsonl", "line 2", "broken JSON")
    return path


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("command", QUERIES, ids=lambda c: c[0])
def test_every_query_command_takes_the_same_format_options(
    command: list[str], db: Path
) -> None:
    outs = {}
    for opts in (["--format", "json"], ["-f", "json"], ["--json"], ["--as", "json"],
                 ["--output-format", "json"]):
        res = runner.invoke(app, [*command, "--db", str(db), *opts])
        assert res.exit_code == 0, (opts, res.output)
        outs[" ".join(opts)] = json.loads(res.stdout)
    assert len({json.dumps(v, sort_keys=True) for v in outs.values()}) == 1
    as_csv = runner.invoke(app, [*command, "--db", str(db), "--csv"])
    assert as_csv.exit_code == 0 and _csv(as_csv.stdout)
    assert as_csv.stdout == runner.invoke(app, [*command, "--db", str(db), "--format",
                                                "csv"]).stdout
    bad = runner.invoke(app, [*command, "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 2 and "--format must be table, json or csv" in bad.stderr


def test_stats_as_csv(db: Path) -> None:
    res = run_cli("stats", "--db", str(db), "--csv", cwd=db.parent)
    assert res.returncode == 0, res.stderr
    rows = _csv(res.stdout)
    assert list(rows[0]) == ["section", "name", "value"]
    got = {(r["section"], r["name"]): r["value"] for r in rows}
    assert got[("counts", "articles")] == "1" and got[("counts", "quarantine")] == "1"
    assert got[("top_speakers", SPEAKER)] == "1"
    assert got[("", "backend")] == "sqlite"
