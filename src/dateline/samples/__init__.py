"""The project's demo corpus: short fictional news articles written for dateline.

Each ``*.txt`` file starts with a header of ``# key: value`` lines (``fictional``,
``title``, ``published``, ``source``, optionally ``url``), then one blank line,
then the article text exactly as a scraper would deliver it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from dateline.model import Article

_HEADER_PREFIX = "# "


def parse_sample(stem: str, raw: str) -> Article:
    """An ``Article`` from one sample file's content; the header gives its metadata."""
    meta: dict[str, str] = {}
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith(_HEADER_PREFIX):
        key, _, value = lines[i][len(_HEADER_PREFIX) :].partition(":")
        meta[key.strip().lower()] = value.strip()
        i += 1
    if i < len(lines) and lines[i].strip() == "":
        i += 1  # the one blank line that ends the header
    text = "\n".join(lines[i:])
    return Article(
        id=stem,
        text=text,
        title=meta.get("title") or None,
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        published=meta.get("published") or None,
        lang=meta.get("lang") or "en",
    )


def load_samples() -> list[Article]:
    """All sample articles, sorted by file name."""
    root = files(__name__)
    out: list[Article] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            out.append(parse_sample(entry.name[: -len(".txt")], entry.read_text(encoding="utf-8")))
    return out


def write_samples_jsonl(path: str | Path) -> Path:
    """Write the samples as JSON Lines (id, text, title, published, source, url) to ``path``.

    This is the form ``dateline ingest`` reads, so the demo runs the real ingest job.
    """
    import json

    out = Path(path)
    with out.open("w", encoding="utf-8") as fh:
        for a in load_samples():
            row = {
                "id": a.id,
                "text": a.text,
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "lang": a.lang,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out
