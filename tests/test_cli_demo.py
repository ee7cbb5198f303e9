"""`dateline demo` (what `make run` runs): ingest the samples, summarise, idempotent."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.samples import load_samples
from dateline.store.open import open_store

runner = CliRunner()


def test_demo_ingests_samples_and_prints_summary(tmp_path: Path) -> None:
    db = tmp_path / "samples.db"
    res = runner.invoke(app, ["demo", "--no-serve", "--db", str(db)])
    assert res.exit_code == 0, res.output
    n = len(load_samples())
    assert f"{n} articles" in res.stdout
    assert "removed blocks" in res.stdout and "most quoted:" in res.stdout
    with open_store(str(db)) as store:
        records = list(store.iter_records())
    assert len(records) == n
    assert sum(len(r.quotes) for r in records) > 0
    assert f"{sum(len(r.quotes) for r in records)} quotes" in res.stdout
    again = runner.invoke(app, ["demo", "--no-serve", "--db", str(db)])
    assert again.exit_code == 0
    assert f"duplicates {n}" in again.stdout
