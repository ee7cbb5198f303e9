"""Readers and exporters are chosen by name from registries; unknown names list the known."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from typer.testing import CliRunner

from dateline.cli.main import app
from dateline.errors import ConfigError
from dateline.export import formats
from dateline.export.formats import ExportOptions, export_format, format_names, register_format
from dateline.ingest import readers
from dateline.ingest.items import Quarantined, ReadOptions
from dateline.ingest.readers import kind_of, reader, register_reader
from dateline.ingest.sources import read_sources, read_stream
from dateline.model import Article
from dateline.store.base import Store
from dateline.store.open import open_store


def test_reader_registry() -> None:
    assert list(readers.READERS) == ["text", "html", "jsonl", "warc", "feed"]
    assert kind_of("a/b.WARC.GZ") == "warc" and kind_of("x.html.gz") == "html"
    assert kind_of("x.dat") is None
    with pytest.raises(ConfigError, match="text, html, jsonl, warc, feed"):
        reader("pdf")
    with pytest.raises(ConfigError, match="'pdf'"):
        list(read_stream(io.BytesIO(b"x"), "s", "pdf", ReadOptions()))


def test_a_registered_reader_is_used_by_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "READERS", dict(readers.READERS))

    @register_reader("upper", (".up",))
    def read_upper(
        stream: BinaryIO, source: str, options: ReadOptions
    ) -> Iterator[Article | Quarantined]:
        yield Article(id="u", text=stream.read().decode().upper(), source=source)

    (tmp_path / "a.up").write_text("the harbour reopened on monday")
    (tmp_path / "b.txt").write_text("the ferry line opened in spring")
    items = list(read_sources([str(tmp_path)], ReadOptions(languages=())))
    assert [i.text for i in items if isinstance(i, Article)] == [
        "THE HARBOUR REOPENED ON MONDAY",
        "the ferry line opened in spring",
    ]


def test_export_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert format_names()[:5] == ["jsonl", "csv", "parquet", "gdelt", "plover"]
    assert export_format("csv").folder and not export_format("gdelt").folder
    with pytest.raises(ConfigError, match="jsonl, csv, parquet, gdelt, plover, not 'xml'"):
        export_format("xml")
    r = CliRunner().invoke(app, ["export", "-f", "xml", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "jsonl, csv, parquet, gdelt, plover" in r.output

    monkeypatch.setattr(formats, "FORMATS", dict(formats.FORMATS))

    @register_format("ids", unit="records")
    def write_ids(store: Store, out: io.StringIO, options: ExportOptions) -> int:
        ids = [r.id for r in store.iter_records()]
        out.write("\n".join(ids))
        return len(ids)

    out = tmp_path / "ids.txt"
    open_store(str(tmp_path / "x.db")).close()  # an empty store (export never creates one)
    r = CliRunner().invoke(app, ["export", "-f", "ids", "-o", str(out), "--db",
                                 str(tmp_path / "x.db")])
    assert r.exit_code == 0, r.output
    assert "0 records written" in r.output and out.read_text() == ""
