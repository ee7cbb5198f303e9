"""Hashes of the records the default pipeline makes, to catch unintended output changes.

Inputs are the bundled samples (always there) and, when they are present, the
shared worked example and the dev sets. ``tests/snapshots/records.sha256``
holds, one input a line, the sha256 of the input article (as JSON), the sha256
of its record's JSON and a label: hashes only, never a text. An input is looked
up by its own hash, so a shared file that changed is seen as new inputs, not as
changed records. ``scripts/update_snapshot.py`` rewrites the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from dateline.config import Settings
from dateline.model import Article
from dateline.pipeline import Pipeline
from dateline.samples import load_samples

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "records.sha256"
#: The shared data beside the repository, or beside its parent folder (a worktree).
_PLACES = (HERE.parents[1] / "shared", HERE.parents[2] / "shared")
SHARED = next((d for d in _PLACES if d.is_dir()), _PLACES[0])
EXAMPLE = SHARED / "examples" / "lavrov-vienna.txt"
DEV = SHARED / "eval" / "dev"
#: The input groups, in order; only "samples" must be present.
GROUPS = ("samples", "example", "dev/quotes.jsonl", "dev/news.jsonl")
UPDATE_HINT = (
    "If this change of output is intended, run "
    "`PYTHONPATH=src .venv/bin/python scripts/update_snapshot.py` and commit "
    "tests/snapshots/records.sha256."
)


@dataclass(frozen=True, slots=True)
class Entry:
    group: str
    label: str
    input_hash: str
    record_hash: str


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_hash(article: Article) -> str:
    return sha256(json.dumps(asdict(article), ensure_ascii=False, sort_keys=True))


def _jsonl_articles(path: Path) -> Iterator[tuple[str, Article]]:
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        yield f"{path.name}:{n}", Article(
            id=str(d.get("id", n)),
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            published=d.get("published"),
        )


def group_articles(group: str) -> list[tuple[str, Article]] | None:
    """Labelled articles of ``group``; None when its files are absent."""
    if group == "samples":
        return [(f"samples/{a.id}.txt", a) for a in load_samples()]
    if group == "example":
        if not EXAMPLE.is_file():
            return None
        return [(EXAMPLE.name, Article(id=EXAMPLE.stem, text=EXAMPLE.read_text("utf-8")))]
    path = DEV / group.removeprefix("dev/")
    if not path.is_file():
        return None
    return list(_jsonl_articles(path))


def compute(group: str, pipeline: Pipeline | None = None) -> list[Entry] | None:
    """The entries of ``group`` as the current code makes them; None when it is absent."""
    labelled = group_articles(group)
    if labelled is None:
        return None
    pipe = pipeline or Pipeline(Settings())
    records = pipe.process([a for _, a in labelled])
    return [
        Entry(group, label, article_hash(a), sha256(r.to_json()))
        for (label, a), r in zip(labelled, records, strict=True)
    ]


def read_snapshot(path: Path = SNAPSHOT) -> list[Entry]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, input_hash, record_hash, label = line.split(" ", 3)
            out.append(Entry(group, label, input_hash, record_hash))
    return out


def write_snapshot(entries: list[Entry], path: Path = SNAPSHOT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# group input-sha256 record-sha256 label; written by scripts/update_snapshot.py",
        *(f"{e.group} {e.input_hash} {e.record_hash} {e.label}" for e in entries),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def update(path: Path = SNAPSHOT) -> dict[str, int]:
    """Recompute every present group; keep the old entries of absent groups."""
    old = read_snapshot(path) if path.exists() else []
    pipe = Pipeline(Settings())
    entries: list[Entry] = []
    counts: dict[str, int] = {}
    for group in GROUPS:
        now = compute(group, pipe)
        if now is None:
            now = [e for e in old if e.group == group]
        entries.extend(now)
        counts[group] = len(now)
    write_snapshot(entries, path)
    return counts
