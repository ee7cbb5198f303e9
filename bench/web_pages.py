"""Page latency of the web app on stores of generated articles (default 10,000 and 100,000).

Records are made without NLP: the sample articles go through the pipeline once,
then ``synth.records.generate_records`` (in tests/) multiplies them (new ids, titles,
dates and a unique closing line each). The server runs in this process
(uvicorn in a thread, SQLite store); every page is requested ``--warmup`` times,
then ``--repeat`` times one after another over one keep-alive connection, and
p50/p95 wall-clock latencies are printed per page, and for two or more sizes the
ratio of each page's p50 on the largest store to its p50 on the smallest.
Targets (issue 16): p95 < 100 ms on every store, and p50 at the largest at most
1.5 times p50 at the smallest when they are 10,000 and 100,000 articles.

The stores are built in one transaction each (2 to 20 ms an article, by the load); ``--keep DIR``
keeps them there as ``web-<n>.db`` and reuses them on the next run.

    .venv/bin/python bench/web_pages.py [--articles 10000 100000] [--repeat 30] [--keep DIR]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn

import _synth_path  # noqa: F401
from dateline.samples import load_samples
from dateline.store import open_store
from dateline.web import create_app
from dateline.web.process import build_pipeline
from synth.records import annotate_naively, demo_record, generate_records

TARGET_MS = 100.0
TARGET_RATIO = 1.5


def build_store(path: str, n: int) -> dict[str, str]:
    """Fill ``path`` with ``n`` generated articles; return ids and names to request."""
    t0 = time.perf_counter()
    with open_store(path) as store:
        if store.count("articles") != n:
            if store.count("articles"):
                sys.exit(f"{path} holds {store.count('articles'):,} articles, not {n:,}")
            pipe = build_pipeline()
            base = [annotate_naively(pipe.process(a), seed=i)
                    for i, a in enumerate(load_samples())]
            base.append(demo_record())
            t0 = time.perf_counter()
            with store.transaction():
                for rec in generate_records(base, n):
                    store.save(rec)
        n_quotes, n_events = store.count("quotes"), store.count("events")
        top = store.rows(
            "SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker"
            " ORDER BY count(*) DESC LIMIT 1"
        )
        some = store.rows("SELECT id FROM articles ORDER BY pk LIMIT 1 OFFSET ?", [n // 2])
    print(f"store of {n:,} articles, {n_quotes:,} quotes, {n_events:,} events"
          f" ready in {time.perf_counter() - t0:.1f} s")
    return {"article": some[0]["id"], "speaker": top[0]["speaker"] if top else "nobody"}


def pages(ids: dict[str, str]) -> list[tuple[str, str]]:
    art, spk = quote(ids["article"], safe=""), quote(ids["speaker"], safe="")
    return [
        ("home", "/"),
        ("search", "/search"),
        ("search words", "/search?q=minister+talks"),
        ("search filters", "/search?source=Wire&since=2025-03-01&until=2025-06-30"),
        ("search partial", "/search?q=agreement&partial=1"),
        ("article", f"/articles/{art}"),
        ("article json", f"/articles/{art}.json"),
        ("speakers", "/speakers"),
        ("speaker", f"/speakers/{spk}"),
        ("events", "/events"),
        ("events filtered", "/events?plover=AGREE&since=2025-04-01&until=2025-04-30"),
        ("events negated", "/events?negated=true&cameo=03"),
        ("events csv", "/events.csv?plover=AGREE"),
        ("quotes", "/quotes"),
        ("quotes filtered", f"/quotes?exact_speaker={spk}&since=2025-03-01"),
        ("search csv", "/search.csv?since=2025-05-01"),
        ("stories", "/clusters"),
        ("story", f"/clusters/{art}"),
        ("paste form", "/paste"),
        ("api articles", "/api/articles?q=sanctions&limit=50"),
        ("api quotes", f"/api/quotes?speaker={spk}"),
        ("api events", "/api/events?source=RUS&limit=100"),
        ("api speakers", "/api/speakers"),
        ("api stats", "/api/stats"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(path: str, ids: dict[str, str], warmup: int, repeat: int
            ) -> dict[str, tuple[float, float, int]]:
    """``{page: (p50, p95, status)}`` of every page, served from the store at ``path``."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(path, read_only=True), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    out = {}
    print(f"\n{'page':<18} {'status':>6} {'first':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
          "  url")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for name, url in pages(ids):
            t0 = time.perf_counter()
            client.get(url)  # the first request: nothing cached by SQLite or the OS yet
            first = (time.perf_counter() - t0) * 1000
            for _ in range(warmup - 1):
                client.get(url)
            times, status = [], 0
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                status = r.status_code
            times.sort()
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            out[name] = (p50, p95, status)
            print(f"{name:<18} {status:>6} {first:>8.1f} {p50:>8.1f} {p95:>8.1f} {times[-1]:>8.1f}"
                  f"  {url}")
    server.should_exit = True
    thread.join(timeout=10)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--warmup", type=int, default=3, help="requests before measuring (>= 1)")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--keep", help="keep the generated stores in this folder and reuse them")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="dateline-webbench-")
    folder = Path(args.keep or tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    slow: list[str] = []
    for n in sorted(args.articles):
        path = str(folder / f"web-{n}.db")
        ids = build_store(path, n)
        results[n] = measure(path, ids, args.warmup, args.repeat)
        slow += [f"{name} ({n:,})" for name, (_, p95, status) in results[n].items()
                 if p95 >= TARGET_MS or status != 200]
    tmp.cleanup()
    sizes = sorted(results)
    over = []
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"\n{'page':<18} {f'p50 {lo:,}':>12} {f'p50 {hi:,}':>12} {'ratio':>7}")
        for name, (p50_hi, _, _) in results[hi].items():
            p50_lo = results[lo][name][0]
            ratio = p50_hi / p50_lo if p50_lo else float("inf")
            if ratio > TARGET_RATIO:
                over.append(name)
            print(f"{name:<18} {p50_lo:>12.1f} {p50_hi:>12.1f} {ratio:>7.2f}")
    print(f"\ntarget p95 < {TARGET_MS:.0f} ms:"
          f" {'all pages met it' if not slow else 'missed by ' + ', '.join(slow)}")
    if len(sizes) > 1:
        print(f"target p50 ratio <= {TARGET_RATIO}:"
              f" {'all pages met it' if not over else 'missed by ' + ', '.join(over)}")
    return 1 if slow or over else 0


if __name__ == "__main__":
    raise SystemExit(main())
