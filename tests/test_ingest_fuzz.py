"""Property tests: whatever the bytes, readers never raise and always account for the input."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.ingest.feeds import parse_feed
from dateline.ingest.html import html_to_article
from dateline.ingest.items import Quarantined, ReadOptions, Skipped
from dateline.ingest.jsonl import read_jsonl_stream
from dateline.ingest.sources import read_sources, read_stdin, read_stream
from dateline.ingest.text import read_text_stream
from dateline.ingest.warc import read_warc_stream
from dateline.model import Article
from ingest_samples import STORY, STORY_2, feed_xml, page, warc_bytes

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAX_CHARS = 2_000

HTML = page("Ferry line to open", STORY)
WARC = warc_bytes([("https://example.test/1", HTML)], gz=False)
WARC_GZ = warc_bytes([("https://example.test/1", HTML)], gz=True)
JSONL = (json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "text": STORY_2})
         + "\n").encode()
FEED = feed_xml().encode()


def check(items: Iterable[object], at_least_one: bool = True) -> list[object]:
    out = list(items)
    for item in out:
        assert isinstance(item, Article | Quarantined | Skipped), item
        if isinstance(item, Article):
            assert item.text.strip() and len(item.text) <= MAX_CHARS * 4
            assert isinstance(item.id, str) and item.id
        else:
            assert item.reason and isinstance(item.source, str)
    if at_least_one:
        assert out, "the input left no trace"
    return out


def cut(data: bytes) -> st.SearchStrategy[bytes]:
    return st.integers(0, len(data)).map(lambda n: data[:n])


def mangle(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a stretch replaced by random bytes."""
    return st.tuples(st.integers(0, len(data)), st.integers(0, 200), st.binary(max_size=64)).map(
        lambda t: data[: t[0]] + t[2] + data[t[0] + t[1] :]
    )


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_as_text(data: bytes) -> None:
    check([read_text_stream(io.BytesIO(data), "t.txt", "t", MAX_CHARS)])


@FUZZ
@given(st.one_of(st.binary(max_size=2000), cut(JSONL), mangle(JSONL)))
def test_jsonl_bytes(data: bytes) -> None:
    check(read_jsonl_stream(io.BytesIO(data), "f.jsonl", max_chars=MAX_CHARS))


@FUZZ
@given(st.one_of(cut(gzip.compress(JSONL)), mangle(gzip.compress(JSONL))))
def test_jsonl_gzip_bytes(data: bytes) -> None:
    stream = io.BufferedReader(io.BytesIO(data))
    check(read_stream(stream, "f.jsonl.gz", "jsonl", ReadOptions(max_chars=MAX_CHARS)))


@FUZZ
@given(
    st.one_of(
        st.text(max_size=3000),
        cut(HTML.encode()).map(lambda b: b.decode("utf-8", "ignore")),
        mangle(HTML.encode()).map(lambda b: b.decode("utf-8", "replace")),
    )
)
def test_html_text(html: str) -> None:
    check([html_to_article(html, "p.html", "p")])


@FUZZ
@given(st.one_of(st.binary(max_size=2000), cut(WARC), mangle(WARC), cut(WARC_GZ), mangle(WARC_GZ)))
def test_warc_bytes(data: bytes) -> None:
    check(read_warc_stream(io.BytesIO(data), "c.warc", MAX_CHARS))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), cut(FEED), mangle(FEED)))
def test_feed_bytes(data: bytes) -> None:
    check(parse_feed(data, "f.rss", MAX_CHARS))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), cut(JSONL), cut(WARC), cut(FEED), cut(HTML.encode())))
def test_stdin_sniffing(data: bytes) -> None:
    check(read_stdin(ReadOptions(max_chars=MAX_CHARS), io.BytesIO(data)), at_least_one=False)


@settings(max_examples=10, deadline=None)
@given(st.integers(MAX_CHARS * 4 + 1, MAX_CHARS * 40), st.sampled_from(["x", "é", "\n"]))
def test_huge_inputs_are_quarantined(n: int, ch: str) -> None:
    big = (ch * n).encode()
    line = b'{"id": "h", "text": "' + (b"y" * n) + b'"}\n{"id": "ok", "text": "small"}\n'
    items = check(read_jsonl_stream(io.BytesIO(line), "h.jsonl", max_chars=MAX_CHARS))
    assert isinstance(items[0], Quarantined) and "oversize" in items[0].reason
    assert isinstance(items[-1], Article)
    (t,) = check([read_text_stream(io.BytesIO(big), "h.txt", "h", MAX_CHARS)])
    assert isinstance(t, Quarantined)


def test_files_of_every_kind_with_garbage(tmp_path: Path) -> None:
    """read_sources over a folder of damaged files: one trace (at least) per file."""
    names = ["a.txt", "b.html", "c.jsonl", "d.jsonl.gz", "e.warc", "f.warc.gz", "g.rss", "h.atom"]
    for i, name in enumerate(names):
        (tmp_path / name).write_bytes(bytes((i * 37 + k * 11) % 256 for k in range(500)))
    items = check(read_sources([str(tmp_path)], ReadOptions(max_chars=MAX_CHARS)))
    assert {str(getattr(i, "source", "")) for i in items} == {str(tmp_path / n) for n in names}
