"""Helpers for the quote tests: run the pipeline up to "quotes", and score the dev set.

Until a "clean" stage is registered, documents get an identity clean text and
the stages after it are run by hand in pipeline order.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dateline.config import Settings
from dateline.document import CleanText, Document
from dateline.model import Article, Record
from dateline.pipeline import Pipeline, registered_stages

SHARED = Path(__file__).parents[1] / ".." / "shared"
DEV_QUOTES = SHARED / "eval" / "dev" / "quotes.jsonl"
SCORER = SHARED / "eval" / "score.py"
EXAMPLE = SHARED / "examples" / "lavrov-vienna.txt"
EXPECTED = SHARED / "examples" / "lavrov-vienna.expected.json"

FULL = ["clean", "dateline", "sentences", "parse", "entities", "quotes"]
AFTER_CLEAN = ["dateline", "sentences", "parse", "entities", "quotes"]

_PIPELINE: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        if "clean" in registered_stages():
            _PIPELINE = Pipeline(Settings(), stages=FULL)
        else:
            _PIPELINE = _NoCleanPipeline()
    return _PIPELINE


class _NoCleanPipeline(Pipeline):
    """The stages after "clean", fed documents whose clean text is the input."""

    def __init__(self) -> None:
        registry = registered_stages()
        self.settings = Settings()
        self.stages = [registry[n](self.settings) for n in AFTER_CLEAN]
        self._wire_cues()

    def process(self, articles: list[Article]) -> list[Record]:  # type: ignore[override]
        docs = []
        for a in articles:
            d = Document.from_article(a)
            d.clean = CleanText(a.text, list(range(len(a.text) + 1)))
            d.done.add("clean")
            docs.append(d)
        return [d.record for d in self.run_documents(docs)]


def run_documents(articles: list[Article]) -> list[Record]:
    return _pipeline().process(articles)


def run_text(text: str, title: str | None = None, art_id: str = "t") -> Record:
    return run_documents([Article(id=art_id, text=text, title=title)])[0]


def predict_dev(gold: Path, out: Path) -> list[Record]:
    """Run the pipeline over a gold JSONL file and write records as JSONL."""
    articles = []
    for line in gold.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            articles.append(Article(id=str(d["id"]), text=d["text"], title=d.get("title")))
    records = run_documents(articles)
    with out.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    return records


def score(gold: Path, pred: Path) -> dict:
    """The official scorer's result for ``pred``."""
    res = subprocess.run(
        [sys.executable, str(SCORER), "quotes", str(gold), str(pred), "--json"],
        check=True, capture_output=True, text=True,
    )
    return json.loads(res.stdout)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/quotes_pred.jsonl")
    predict_dev(DEV_QUOTES, out)
    subprocess.run([sys.executable, str(SCORER), "quotes", str(DEV_QUOTES), str(out)], check=True)
