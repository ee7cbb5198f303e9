"""The real-news dev gold (``../shared/eval/dev/news.jsonl``), one split at a time.

Only whole-split scores are ever computed from the ``check`` split: nothing here
returns or prints its items.
"""

from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).parents[1] / ".." / "shared"
NEWS = SHARED / "eval" / "dev" / "news.jsonl"
SPLITS = ("tune", "check")


def split_lines(split: str) -> list[dict]:
    """The gold lines of one split."""
    lines = [json.loads(x) for x in NEWS.read_text("utf-8").splitlines() if x.strip()]
    return [d for d in lines if d.get("split") == split]


def write_split(split: str, directory: Path) -> Path:
    """A gold file holding one split, for the scorer."""
    path = directory / f"news-{split}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for d in split_lines(split):
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path
