"""`dateline extract` as a user runs it: inputs, formats, ids, offsets, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
EXAMPLE = SHARED / "examples" / "lavrov-vienna.txt"
DEV = SHARED / "eval" / "dev" / "quotes.jsonl"
FAST = ["--stages", "clean,dateline,sentences"]

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def assert_offsets(rec: dict) -> None:
    raw = rec["raw_text"]
    spans = list(rec["removed"]) + list(rec["sentences"])
    spans += [q for q in rec["quotes"]] + [m for a in rec["actors"] for m in a["mentions"]]
    spans += [e["trigger"] for e in rec["events"]] + [e["sentence"] for e in rec["events"]]
    if rec["dateline"]:
        spans.append(rec["dateline"])
    for s in spans:
        assert raw[s["start"] : s["end"]] == s["text"], s


def test_help_explains_every_command() -> None:
    res = run("--help")
    assert res.exit_code == 0
    for cmd in ("extract", "demo", "eval"):
        assert cmd in res.output
    res = run("extract", "--help")
    assert "--format" in res.output and "--date" in res.output


def test_text_file_to_json(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(
        "Talks resume in Geneva\n\nGENEVA, 4 May (Reuters) - Delegations from the two "
        "countries met again on Monday. \u201cWe are close,\u201d an envoy said.\n",
        encoding="utf-8",
    )
    res = run("extract", str(f), "--format", "json", "--date", "2024-06-01", *FAST)
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output)
    assert rec["id"] == "story"
    assert rec["title"] == "Talks resume in Geneva"
    assert rec["dateline"]["place"] == "GENEVA"
    assert rec["dateline"]["agency"] == "Reuters"
    assert rec["dateline"]["date"] == "2024-05-04"
    assert_offsets(rec)


def test_jsonl_keeps_ids_and_bad_lines_are_reported(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps({"id": "a-1", "text": "The minister met the envoy in Rome on Tuesday."})
        + "\n{not json\n"
        + json.dumps({"id": "a-3", "title": "no text here"})
        + "\n"
        + json.dumps({"id": "a-4", "text": "Protesters gathered outside parliament."})
        + "\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["extract", str(f), *FAST])
    assert res.exit_code == 1
    out = records(res.stdout)
    assert [r["id"] for r in out] == ["a-1", "a-4"]
    assert f"{f}:2:" in res.stderr
    assert f"{f}:3:" in res.stderr


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 4, ""),
        ("latin.txt", b"caf\xe9 \xff\xfe\x00\x00 broken \x80\x81", ""),
    ],
)
def test_bad_files_are_named_and_the_rest_is_processed(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The two leaders agreed to meet again next month.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(bad), str(good), *FAST])
    assert res.exit_code == 1
    assert [r["id"] for r in records(res.stdout)] == ["good"]
    line = [x for x in res.stderr.splitlines() if str(bad) in x]
    assert len(line) == 1 and reason in line[0]


def test_stdin_and_directories(tmp_path: Path) -> None:
    res = run("extract", "-", *FAST, input="LONDON \u2014 Ministers met on Friday.\n")
    assert res.exit_code == 0, res.output
    (rec,) = records(res.stdout)
    assert rec["dateline"]["place"] == "LONDON"
    d = tmp_path / "folder" / "sub"
    d.mkdir(parents=True)
    (d / "one.txt").write_text("Envoys met in Oslo.", encoding="utf-8")
    (tmp_path / "folder" / "two.txt").write_text("Envoys met in Bern.", encoding="utf-8")
    res = run("extract", str(tmp_path / "folder"), *FAST)
    assert res.exit_code == 0
    assert sorted(r["id"] for r in records(res.stdout)) == ["one", "two"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("extract", "x.txt", "--format", "xml").exit_code == 2
    assert run("extract", "x.txt", "--date", "30/10/2015").exit_code == 2
    res = run("extract", "x.txt", "--stages", "sentences,clean")
    assert res.exit_code == 2
    assert "needs" in res.stderr


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared is absent")
def test_worked_example_title_dateline_and_boilerplate() -> None:
    expected = json.loads(EXAMPLE.with_suffix(".expected.json").read_text(encoding="utf-8"))
    res = run("extract", str(EXAMPLE), "--format", "json")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    raw = rec["raw_text"]
    assert rec["title"] == expected["title"]
    assert rec["text"].count(expected["title"]) == 0
    assert [r["kind"] for r in rec["removed"]].count("duplicate_title") == 1
    assert rec["dateline"]["place"] == expected["dateline"]["place"]
    assert rec["dateline"]["date_text"] == expected["dateline"]["date"]
    removed_texts = [r["text"] for r in rec["removed"]]
    for block in expected["boilerplate"]:
        assert block in removed_texts
    for r in rec["removed"]:
        assert raw[r["start"] : r["end"]] == r["text"]
    # no sentence of the story is removed: every quote and the body lines survive
    for q in expected["quotes"]:
        assert q["text"].split(",")[0][:40] in rec["text"].replace("\u201c", '"')
    assert_offsets(rec)


@pytest.mark.skipif(not DEV.exists(), reason="../shared is absent")
def test_dev_gold_ids_and_offsets(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    res = run("extract", "--format", "jsonl", str(DEV), "-o", str(out))
    assert res.exit_code == 0, res.output
    gold = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    pred = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in pred] == [g["id"] for g in gold]
    for g, p in zip(gold, pred, strict=True):
        assert p["raw_text"] == g["text"]
        assert_offsets(p)
