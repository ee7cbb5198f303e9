"""Ingest at scale: throughput, store overhead, flat memory, and the --workers speed-up.

    .venv/bin/python bench/ingest_scale.py [--small 2000] [--large 10000] [--stages a,b]

Prints ratios measured in this one run:
- articles/s of `run_ingest` and of reading + the pipeline alone on the same
  articles, in one process with the model loaded (store overhead = ingest time /
  pipeline time - 1; target <= 10%);
- peak RSS of an ingest of --large vs --small articles, each in its own process
  (target: within 15%);
- `--workers 2` vs `--workers 1` speed-up.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

PEOPLE = ["Maria Lopez", "Ahmed Karimi", "Jonas Berg", "Li Wen", "Grace Okafor", "Pavel Novak"]
ROLES = ["the foreign minister", "the trade envoy", "the mayor", "the defence secretary"]
PLACES = ["Lisbon", "Nairobi", "Oslo", "Jakarta", "Lima", "Warsaw", "Accra", "Hanoi"]
ACTS = ["met", "criticised", "praised", "thanked", "accused", "visited"]


def article(i: int) -> dict[str, str]:
    """A generated news item (about 90 words) with a dateline, a quote and an event."""
    p, q = PEOPLE[i % 6], PEOPLE[(i + 1 + i // 6) % 6]
    role, place, act = ROLES[i % 4], PLACES[(i // 3) % 8], ACTS[(i // 7) % 6]
    text = (
        f"{place.upper()}, March {i % 28 + 1} (Wire) - {p}, {role}, {act} {q} on Tuesday "
        f"during talks on item {i} of the regional agenda. "
        f"“We have agreed to continue the work on point {i},” {p} told reporters. "
        f"{q} said the two delegations would meet again next month in {place}. "
        f"Officials described session {i} as useful but said differences remained."
    )
    return {"id": f"g{i}", "text": text, "published": f"2024-03-{i % 28 + 1:02d}"}


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(article(i)) + "\n")
    return path


CHILD = """
import json, resource, sys, time
from dateline.runner.local import run_ingest
stages = None if sys.argv[4] == "-" else [s for s in sys.argv[4].split(",") if s]
t = time.perf_counter()
s = run_ingest([sys.argv[1]], db=sys.argv[2], workers=int(sys.argv[3]), stages=stages)
print(json.dumps({"seconds": time.perf_counter() - t, "read": s.read, "processed": s.processed,
                  "quotes": s.quotes, "events": s.events,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# Store overhead, in one process with the model loaded: the same articles through
# read + pipeline alone and through run_ingest, alternated, best of ``reps`` each.
OVERHEAD = """
import json, os, sys, tempfile, time
from dateline.config import Settings
from dateline.ingest import read_sources
from dateline.model import Article
from dateline.pipeline import Pipeline, resolve_stages
from dateline.runner.local import run_ingest
src, reps = sys.argv[1], int(sys.argv[3])
settings = Settings()
names = sys.argv[2].split(",") if sys.argv[2] != "-" else resolve_stages(settings)
names = [s for s in names if s]
pipe = Pipeline(settings, names)
pipe.process([Article(id="warm", text="The minister said talks went well, officials said.")])
alone, ingest = [], []
for rep in range(reps):
    t = time.perf_counter()
    n = sum(1 for _ in pipe.stream(a for a in read_sources([src]) if isinstance(a, Article)))
    alone.append(time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        run_ingest([src], db=os.path.join(d, "o.db"), settings=settings, stages=names)
        ingest.append(time.perf_counter() - t)
print(json.dumps({"alone": min(alone), "ingest": min(ingest), "n": n}))
"""


def child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"child failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=2, help="repetitions for the overhead ratio")
    ap.add_argument("--stages", default="-", help="comma-separated; '-' = configured stages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        small = write_corpus(d / "small.jsonl", args.small)
        large = write_corpus(d / "large.jsonl", args.large)

        over = child(OVERHEAD, str(small), args.stages, str(args.reps))
        one = child(CHILD, str(small), str(d / "w1.db"), "1", args.stages)
        two = child(CHILD, str(small), str(d / "w2.db"), "2", args.stages)
        big = child(CHILD, str(large), str(d / "big.db"), "1", args.stages)
        print(f"articles: small={args.small} large={args.large}  stages={args.stages}")
        print(f"pipeline alone      : {over['n'] / over['alone']:8.1f} articles/s (model loaded)")
        print(f"ingest, same process: {over['n'] / over['ingest']:8.1f} articles/s (model loaded)")
        print(f"store overhead      : {over['ingest'] / over['alone'] - 1:+8.1%}"
              " (run_ingest / read + pipeline, best of --reps each)")
        print(f"ingest (workers 1)  : {args.small / one['seconds']:8.1f} articles/s"
              f"  quotes={one['quotes']} events={one['events']} (new process, incl. model load)")
        print(f"ingest (workers 2)  : {args.small / two['seconds']:8.1f} articles/s"
              f"  speed-up x{one['seconds'] / two['seconds']:.2f}")
        print(f"ingest large        : {args.large / big['seconds']:8.1f} articles/s")
        rss_small, rss_large = one["maxrss_kb"] / 1024, big["maxrss_kb"] / 1024
        print(f"peak RSS small/large: {rss_small:.0f} MiB / {rss_large:.0f} MiB"
              f"  ratio {rss_large / rss_small:.3f}")


if __name__ == "__main__":
    main()
