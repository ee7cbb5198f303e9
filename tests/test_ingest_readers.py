"""Readers: every format, quarantine reasons, language skips, folders, globs and stdin."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.ingest import (
    JsonFields,
    Quarantined,
    ReadOptions,
    Skipped,
    check_sources,
    read_jsonl,
    read_sources,
    read_text_file,
)
from dateline.ingest.boilerplate import drop_boilerplate_lines
from dateline.ingest.decode import DecodeFailure, decode_bytes
from dateline.ingest.feeds import read_feed
from dateline.ingest.html import html_to_article
from dateline.ingest.sources import kind_of, read_stdin, sniff
from dateline.ingest.warc import read_warc
from dateline.model import Article
from ingest_samples import (
    GERMAN,
    STORY,
    STORY_2,
    atom_xml,
    feed_xml,
    page,
    warc_bytes,
    write_jsonl,
)


def test_text_file_is_read_exactly(tmp_path: Path) -> None:
    p = tmp_path / "ferry-story.txt"
    p.write_text("  " + STORY + "\r\n", encoding="utf-8")
    a = read_text_file(p)
    assert isinstance(a, Article)
    assert a.id == "ferry-story" and a.text == "  " + STORY + "\r\n" and a.source == str(p)


def test_text_file_bom_and_cp1252(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    a = read_text_file(tmp_path / "bom.txt")
    assert isinstance(a, Article) and a.text == STORY
    (tmp_path / "w.txt").write_bytes("Caf\xe9 owners said \x93yes\x94.".encode("latin-1"))
    b = read_text_file(tmp_path / "w.txt")
    assert isinstance(b, Article) and b.text == "Café owners said “yes”."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty text"),
        (b" \n\t \n", "empty text"),
        (b"\x00\x01\x02\x03abc", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_text_file_quarantine(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    q = read_text_file(p)
    assert isinstance(q, Quarantined) and reason in q.reason and q.source == str(p)


def test_oversize_text_names_the_option(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 100)
    q = read_text_file(p, max_chars=50)
    assert isinstance(q, Quarantined) and "oversize" in q.reason and "--max-chars" in q.reason
    assert isinstance(read_text_file(p, max_chars=500), Article)


def test_missing_file_is_quarantined(tmp_path: Path) -> None:
    q = read_text_file(tmp_path / "nope.txt")
    assert isinstance(q, Quarantined) and "cannot read" in q.reason


def test_decode_refuses_undecodable() -> None:
    with pytest.raises(DecodeFailure):
        decode_bytes(b"abc \x81\x8d\x8f\x90\x9d \xff\xfe"[::-1][2:] + b"\x81\xc3")
    assert decode_bytes("Grüße".encode("utf-16")) == "Grüße"


def test_jsonl_fields_ids_and_broken_lines(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "batch.jsonl", [
        {"id": "a", "text": STORY, "title": "Ferry", "url": "https://e.test/a",
         "published": "2024-05-06", "author": "Jo"},
        {"text": STORY_2, "id": 17},
        "",
        "{not json",
        "[1, 2]",
        {"id": "no-text", "body": "x"},
        {"id": "empty", "text": "   "},
        {"id": "b", "text": STORY_2, "published": 20240506},
    ])
    items = list(read_jsonl(p))
    arts = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert [a.id for a in arts] == ["a", "17", "b"]
    assert arts[0].title == "Ferry" and arts[0].url == "https://e.test/a"
    assert arts[0].published == "2024-05-06" and arts[0].author == "Jo"
    assert arts[2].published == "20240506"
    assert [(q.position, q.reason.split(":")[0]) for q in bad] == [
        ("line 4", "broken JSON"),
        ("line 5", "JSON value is a list, not an object"),
        ("line 6", "no text"),
        ("line 7", "empty text"),
    ]


def test_jsonl_custom_fields_gzip_and_default_ids(tmp_path: Path) -> None:
    p = write_jsonl(tmp_path / "dump.jsonl.gz", [{"body": STORY, "link": "u"}, {"body": STORY_2}],
                    gz=True)
    fields = JsonFields.parse("text=body,url=link")
    arts = list(read_jsonl(p, fields))
    assert [a.id for a in arts if isinstance(a, Article)] == ["dump-1", "dump-2"]
    assert isinstance(arts[0], Article) and arts[0].url == "u" and arts[0].text == STORY
    with pytest.raises(ValueError):
        JsonFields.parse("nonsense=body")


def test_jsonl_huge_line_is_quarantined_without_losing_the_next(tmp_path: Path) -> None:
    p = tmp_path / "huge.jsonl"
    p.write_text('{"id": "big", "text": "' + "x" * 5000 + '"}\n{"id": "ok", "text": "fine"}\n')
    items = list(read_jsonl(p, max_chars=200))
    assert isinstance(items[0], Quarantined) and items[0].position == "line 1"
    assert "oversize" in items[0].reason
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_truncated_gzip_jsonl(tmp_path: Path) -> None:
    rows = "".join(f'{{"id": "{i}", "text": "{os.urandom(60).hex()}"}}\n' for i in range(200))
    data = gzip.compress(rows.encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    items = list(read_jsonl(p))
    assert any(isinstance(i, Article) for i in items)
    assert isinstance(items[-1], Quarantined)


def test_html_reader_text_and_metadata() -> None:
    html = page("Ferry line to open", STORY)
    a = html_to_article(html, "p.html", "p")
    assert isinstance(a, Article)
    assert "new ferry line would open in spring" in a.text
    assert "Most read" not in a.text and "Home" not in a.text.split()
    assert a.title == "Ferry line to open"
    assert a.url == "https://example.test/news/ferry"
    assert a.published == "2024-05-06"
    assert a.author == "Jo Reporter"


def test_html_without_body_is_quarantined() -> None:
    q = html_to_article("<html><head><title>x</title></head><body></body></html>", "e.html", "e")
    assert isinstance(q, Quarantined) and "no article text" in q.reason


def test_boilerplate_lines_are_dropped() -> None:
    # The reader drops a few lines itself; the rest of the furniture is the clean stage's.
    text = "A real sentence about ports.\nComments\nLeave a reply\n___\nRead more: other\nEnd."
    assert drop_boilerplate_lines(text) == "A real sentence about ports.\nLeave a reply\n___\nEnd."


def test_warc_html_responses(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(warc_bytes([("https://example.test/1", page("Ferry", STORY)),
                              ("https://example.test/2", page("Apples", STORY_2,
                                                              url="https://example.test/2"))]))
    items = list(read_warc(p))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    assert "ferry line" in items[0].text and "apple harvest" in items[1].text  # type: ignore[union-attr]
    assert items[1].url == "https://example.test/2"  # type: ignore[union-attr]
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(warc_bytes([("https://example.test/1", page("Ferry", STORY))], gz=False))
    assert [type(i) for i in read_warc(plain)] == [Article]


def test_broken_warc_keeps_earlier_records(tmp_path: Path) -> None:
    good = warc_bytes([("https://example.test/1", page("Ferry", STORY))], gz=False)
    p = tmp_path / "broken.warc"
    p.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ngarbage")
    items = list(read_warc(p))
    assert isinstance(items[0], Article)
    p.write_bytes(b"this is not a warc file at all\n" * 3)
    items = list(read_warc(p))
    assert len(items) == 1 and isinstance(items[0], Quarantined)
    assert "WARC" in items[0].reason


def test_rss_and_atom(tmp_path: Path) -> None:
    rss = tmp_path / "news.rss"
    rss.write_text(feed_xml())
    items = list(read_feed(rss))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == ["ferry-1", "https://example.test/news/apples"]
    assert arts[0].text == STORY and arts[0].title == "Ferry line to open"
    assert arts[0].published == "2024-05-07T10:00:00Z"
    assert [(q.position, q.reason) for q in items if isinstance(q, Quarantined)] == [
        ("entry 3", "empty text")
    ]
    atom = tmp_path / "feed.atom"
    atom.write_text(atom_xml())
    (a,) = list(read_feed(atom))
    assert isinstance(a, Article) and a.text == STORY_2 and a.url == "https://example.test/a/apples"
    junk = tmp_path / "junk.xml"
    junk.write_text("<<<not a feed")
    assert isinstance(next(iter(read_feed(junk))), Quarantined)


def test_read_sources_folder_glob_language(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "one.txt").write_text(STORY)
    (d / "sub" / "two.html").write_text(page("Apples", STORY_2, url="https://example.test/2"))
    (d / "sub" / "de.txt").write_text(GERMAN)
    (d / "ignored.png").write_bytes(b"\x89PNG")
    (d / ".hidden.txt").write_text(STORY)
    write_jsonl(d / "rows.jsonl", [{"id": "r1", "text": STORY_2 + " Again."}, "{bad"])
    items = list(read_sources([str(d)]))
    kinds = [type(i).__name__ for i in items]
    assert kinds.count("Article") == 3 and kinds.count("Skipped") == 1
    assert kinds.count("Quarantined") == 1
    skipped = next(i for i in items if isinstance(i, Skipped))
    assert skipped.lang == "de" and "language 'de'" in skipped.reason
    assert all(i.lang == "en" for i in items if isinstance(i, Article))
    globbed = list(read_sources([str(d / "**" / "*.txt")]))
    assert len(globbed) == 2  # one.txt and sub/de.txt; hidden files are not matched
    keep_all = list(read_sources([str(d / "sub" / "de.txt")], ReadOptions(languages=())))
    assert isinstance(keep_all[0], Article)


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        check_sources([str(tmp_path / "absent.txt")])
    with pytest.raises(InputError):
        check_sources([str(tmp_path / "*.nothing")])
    (q,) = list(read_sources([str(tmp_path / "absent.txt")]))
    assert isinstance(q, Quarantined)


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    assert kind_of("a/b.WARC.GZ") == "warc" and kind_of("x.jsonl.gz") == "jsonl"
    assert kind_of("x.dat") is None
    assert sniff(b'{"id": 1}') == "jsonl" and sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b"<?xml version='1.0'?><rss>") == "feed" and sniff(b"<!DOCTYPE html>") == "html"
    p = tmp_path / "export.dat"
    write_jsonl(p, [{"id": "s", "text": STORY}])
    (a,) = list(read_sources([str(p)]))
    assert isinstance(a, Article) and a.id == "s"


def test_stdin_text_and_jsonl() -> None:
    (a,) = list(read_stdin(ReadOptions(), io.BytesIO(STORY.encode())))
    assert isinstance(a, Article) and a.text == STORY and a.source == "-"
    data = f'{{"id": "x", "text": "{STORY}"}}\n{{"id": "y", "text": "{STORY_2}"}}\n'.encode()
    assert [i.id for i in read_stdin(ReadOptions(), io.BytesIO(data))] == ["x", "y"]  # type: ignore[union-attr]
