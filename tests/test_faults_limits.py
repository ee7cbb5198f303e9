"""Every reader enforces ``--max-chars`` and bounds the time and memory of one input
(issue 17 item 2); truncated WARC records are quarantined (item 3)."""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.ingest import html as html_reader
from dateline.ingest.items import Quarantined, ReadOptions
from dateline.ingest.sources import read_sources
from dateline.model import Article
from dateline.store import open_store
from faults_helpers import cli_env
from ingest_samples import STORY, page, warc_bytes

# The CLI, writing its own peak memory (kB, VmHWM: ru_maxrss would count the forking
# parent's memory too, as Linux keeps it across exec) to the file named first.
MEASURED_CLI = """
import re, runpy, sys
out = sys.argv.pop(1)
sys.argv[0] = "dateline"
try:
    runpy.run_module("dateline.cli.main", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    open(out, "w").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
"""


def _items(path: Path, max_chars: int = 1_000_000) -> list[object]:
    return list(read_sources([str(path)], ReadOptions(max_chars=max_chars, languages=())))


def long_body(chars: int) -> str:
    sentences = []
    i = 0
    while sum(map(len, sentences)) < chars:
        sentences.append(f"The council of district {i} voted on Monday to repair bridge {i}")
        i += 1
    return ". ".join(sentences)


def bare_page(body: str) -> str:
    """Little markup: the page is shorter in bytes than 4 x its body's characters."""
    head = "<html><head><title>Long</title></head>"
    return f"{head}<body><article><p>{body}.</p></article></body></html>"


def test_html_body_longer_than_max_chars_is_quarantined(tmp_path: Path) -> None:
    f = tmp_path / "long.html"
    f.write_text(bare_page(long_body(2500)))
    assert f.stat().st_size < 4 * 1000
    [item] = _items(f, max_chars=1000)
    assert isinstance(item, Quarantined) and item.reason.startswith("oversize:")
    [ok] = _items(f, max_chars=10_000)
    assert isinstance(ok, Article) and len(ok.text) > 2000


def test_html_gz_that_expands_past_the_bound_is_quarantined_not_cut(tmp_path: Path) -> None:
    f = tmp_path / "bomb.html.gz"
    filler = b"<p>" + b"word " * (50_000_000 // 5) + b"</p>"
    f.write_bytes(gzip.compress(b"<html><body>" + filler + b"</body></html>", 1))
    t0 = time.monotonic()
    [item] = _items(f)
    assert isinstance(item, Quarantined) and "decompressed" in item.reason
    assert time.monotonic() - t0 < 10


def test_a_huge_html_page_is_refused_before_parsing_in_bounded_time_and_memory(
    tmp_path: Path,
) -> None:
    f = tmp_path / "huge.html"
    div = "<div class='x'><span>" + "the council met on monday " * 3 + "</span></div>\n"
    body = div * (3_900_000 // len(div))
    f.write_text(f"<html><body><article>{body}</article></body></html>")
    db = tmp_path / "h.db"
    peak = tmp_path / "peak_kb"
    t0 = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-c", MEASURED_CLI, str(peak), "ingest", str(f), "--db", str(db),
         "--stages", "clean"],
        capture_output=True, text=True, timeout=120, env=cli_env(),
    )
    assert time.monotonic() - t0 < 60
    assert r.returncode == 1, r.stderr
    assert int(peak.read_text()) / 1024 < 600  # peak memory of that process, MB
    with open_store(str(db)) as store:
        [q] = store.quarantine_items()
        assert q["reason"].startswith("oversize: HTML page of more than")


def test_slow_extraction_is_stopped_and_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(html: str) -> str:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(html_reader, "HTML_SECONDS", 0.3)
    monkeypatch.setattr(html_reader, "extract_body", endless)
    f = tmp_path / "slow.html"
    f.write_text(page("Slow", STORY))
    t0 = time.monotonic()
    [item] = _items(f)
    assert isinstance(item, Quarantined) and item.reason.startswith("too slow:")
    assert time.monotonic() - t0 < 5


def test_warc_text_longer_than_max_chars_is_quarantined(tmp_path: Path) -> None:
    f = tmp_path / "long.warc.gz"
    f.write_bytes(warc_bytes([("https://e.test/long", bare_page(long_body(2500))),
                              ("https://e.test/short", page("Short", STORY))]))
    items = _items(f, max_chars=1000)
    assert [type(i).__name__ for i in items] == ["Quarantined", "Article"]
    assert items[0].reason.startswith("oversize:")  # type: ignore[union-attr]


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.5, 0.7, 0.85, 0.95, 0.99])
def test_a_truncated_warc_record_is_quarantined(tmp_path: Path, gz: bool, keep: float) -> None:
    from ingest_samples import STORY_2

    data = warc_bytes([("https://e.test/a", page("A", STORY)),
                       ("https://e.test/b", page("B", STORY_2))], gz=gz)
    f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    f.write_bytes(data[: int(len(data) * keep)])
    items = _items(f)
    *whole, last = items
    assert isinstance(last, Quarantined) and last.reason.startswith("truncated WARC record")
    assert all(isinstance(i, Article) for i in whole)
    assert [i.text for i in whole] == [i.text for i in _items_of(data, tmp_path, gz)][: len(whole)]


def _items_of(data: bytes, tmp_path: Path, gz: bool) -> list[Article]:
    f = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    f.write_bytes(data)
    items = _items(f)
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    return items  # type: ignore[return-value]
