"""Pipeline speed against bare spaCy, measured in one process on the same texts.

    python bench/pipeline_speed.py [--repeat N] [--copies K] [--stages a,b,c]

The corpus is the bundled sample articles plus, when ../shared is beside the
project, the dev gold texts; ``--copies`` repeats it. Both sides load the same
model with the same components; the model is loaded and warmed before timing.
Prints words/s of each, their ratio (ours / bare spaCy) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from dateline.config import Settings
from dateline.model import Article
from dateline.nlp import load_nlp
from dateline.pipeline import Pipeline, registered_stages
from dateline.samples import load_samples

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def corpus(copies: int) -> list[Article]:
    arts = list(load_samples())
    gold = SHARED / "eval" / "dev" / "quotes.jsonl"
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                arts.append(Article(id=d["id"], text=d["text"], title=d.get("title")))
    out: list[Article] = []
    for k in range(copies):
        out.extend(Article(id=f"{a.id}#{k}", text=a.text, title=a.title) for a in arts)
    return out


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side; the best counts")
    ap.add_argument("--copies", type=int, default=2, help="how many times to repeat the corpus")
    ap.add_argument("--stages", default="", help="comma-separated stages (default: all)")
    a = ap.parse_args(argv)

    settings = Settings()
    known = registered_stages()
    stages = [s for s in (a.stages.split(",") if a.stages else settings.stages) if s in known]
    pipe = Pipeline(settings, stages=stages)
    arts = corpus(a.copies)
    texts = [x.text for x in arts]
    n_words = words(texts)
    nlp = load_nlp(settings.model)
    list(nlp.pipe(texts[:4]))  # warm up
    pipe.process(arts[:4])

    t_spacy = best_of(a.repeat, lambda: list(nlp.pipe(texts, batch_size=32)))
    mem_spacy = peak_mb()
    t_ours = best_of(a.repeat, lambda: pipe.process(arts))
    mem_ours = peak_mb()

    wps_spacy, wps_ours = n_words / t_spacy, n_words / t_ours
    print(f"corpus: {len(arts)} articles, {n_words} words; stages: {' -> '.join(stages)}")
    print(f"bare spaCy nlp.pipe ({', '.join(nlp.pipe_names)}): {wps_spacy:,.0f} words/s")
    print(f"dateline pipeline: {wps_ours:,.0f} words/s")
    print(f"ratio (dateline / bare spaCy): {wps_ours / wps_spacy:.2f}")
    print(f"peak RSS: {mem_spacy:.0f} MB after spaCy, {mem_ours:.0f} MB after dateline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
