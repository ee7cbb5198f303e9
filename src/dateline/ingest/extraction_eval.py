"""Scoring article-body extraction against the AEB benchmark (token 4-gram shingles).

The benchmark folder holds ``ground-truth.json`` (``{id: {"articleBody", "url"}}``)
and ``html/<id>.html.gz``. Scoring: ``\\w+`` tokens, 4-gram shingle multisets,
per-page precision and recall, each averaged over pages, F1 of the two means.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOKEN_RE = re.compile(r"\w+")
SHINGLE = 4

Extractor = Callable[[str], str]


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (fewer tokens: one shingle)."""
    toks = TOKEN_RE.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold: str, pred: str) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one page's shingles."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision, recall, F1 (of the means) and accuracy over (gold, pred) pairs."""
    precs: list[float] = []
    recs: list[float] = []
    exact = 0
    for gold, pred in pairs:
        tp, fp, fn = page_counts(gold, pred)
        if fp == 0 and fn == 0:
            precs.append(1.0)
            recs.append(1.0)
        else:
            if tp + fp:
                precs.append(tp / (tp + fp))
            if tp + fn:
                recs.append(tp / (tp + fn))
        exact += TOKEN_RE.findall(gold) == TOKEN_RE.findall(pred)
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "accuracy": exact / len(pairs) if pairs else 0.0,
        "pages": float(len(pairs)),
    }


def load_benchmark(bench_dir: str | Path) -> list[tuple[str, str, str]]:
    """(page id, html, gold body) for every page of the benchmark."""
    root = Path(bench_dir)
    truth: dict[str, dict[str, Any]] = json.loads(
        (root / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = []
    for pid in sorted(truth):
        path = root / "html" / f"{pid}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append((pid, html, truth[pid].get("articleBody") or ""))
    return pages


def trafilatura_plain(html: str) -> str:
    """trafilatura with its default settings: the baseline."""
    import trafilatura

    return trafilatura.extract(html) or ""


def reader_body(html: str) -> str:
    """The body text the project's HTML reader makes."""
    from dateline.ingest.html import extract_body

    return extract_body(html)


EXTRACTORS: dict[str, Extractor] = {"trafilatura": trafilatura_plain, "dateline": reader_body}


def evaluate_extraction(
    bench_dir: str | Path,
    extractors: dict[str, Extractor] | None = None,
    limit: int | None = None,
) -> dict[str, dict[str, float]]:
    """Score each extractor (default: plain trafilatura and the project's reader).

    Returns ``{name: {"precision", "recall", "f1", "accuracy", "pages"}}``.
    """
    pages = load_benchmark(bench_dir)[:limit] if limit else load_benchmark(bench_dir)
    result: dict[str, dict[str, float]] = {}
    for name, fn in (extractors or EXTRACTORS).items():
        pairs = [(gold, fn(html)) for _pid, html, gold in pages]
        result[name] = score(pairs)
    return result
