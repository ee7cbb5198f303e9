"""``dateline demo``: the main job on the bundled sample articles, summarised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.config import Settings
from dateline.model import Record


def _dateline_cell(r: Record) -> str:
    dl = r.dateline
    if dl is None:
        return "—"
    return " ".join(x for x in (dl.place or "", f"({dl.country})" if dl.country else "") if x)


def summary_table(records: Sequence[Record]) -> Table:
    """One row per article: dateline, removed blocks, quotes, events."""
    table = Table(title=f"dateline: {len(records)} sample articles")
    table.add_column("article", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("dateline", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("removed", max_width=15)
    table.add_column("quotes", justify="right")
    table.add_column("events", max_width=22)
    for r in records:
        removed = Counter(x.kind.replace("duplicate_title", "title") for x in r.removed)
        events = Counter(e.plover or e.cameo for e in r.events)
        table.add_row(
            Text(r.id),
            Text(_dateline_cell(r)),
            " ".join(f"{k}" + (f"×{n}" if n > 1 else "") for k, n in sorted(removed.items()))
            or "—",
            str(len(r.quotes)),
            " ".join(f"{k}×{n}" for k, n in events.most_common(3)) or "—",
        )
    return table


def most_quoted(records: Sequence[Record], top: int = 6) -> str:
    speakers = Counter(q.speaker for r in records for q in r.quotes if q.speaker)
    return "most quoted: " + ", ".join(f"{s} ({n})" for s, n in speakers.most_common(top))


def totals_line(records: Sequence[Record]) -> str:
    removed = sum(len(r.removed) for r in records)
    datelines = sum(1 for r in records if r.dateline is not None)
    quotes = sum(len(r.quotes) for r in records)
    attributed = sum(1 for r in records for q in r.quotes if q.speaker)
    events = sum(len(r.events) for r in records)
    return (
        f"{len(records)} articles · {removed} removed blocks · {datelines} datelines · "
        f"{quotes} quotes ({attributed} attributed) · {events} events"
    )


def run_demo(db: str, serve: bool, port: int, settings: Settings | None = None) -> None:
    """Ingest the bundled samples into ``db``, print what came out, then serve it.

    ``settings``: default, ``load_settings()``. The stages are those ``ingest`` runs;
    a configuration it refuses raises ``DatelineError`` before anything is written.
    """
    import tempfile

    from dateline.config import load_settings
    from dateline.runner.local import run_ingest
    from dateline.samples import write_samples_jsonl
    from dateline.store.open import open_store

    console = Console()
    settings = settings or load_settings()
    if serve:
        from dateline.web.server import check_address

        check_address("127.0.0.1", port)  # before the work, not after it
    with tempfile.TemporaryDirectory(prefix="dateline-samples-") as tmp:
        src = write_samples_jsonl(f"{tmp}/samples.jsonl")
        with console.status("ingesting the sample articles…"):
            summary = run_ingest([str(src)], db=db, settings=settings)
    store = open_store(db)
    try:
        records = list(store.iter_records())
    finally:
        store.close()
    console.print(summary_table(records))
    console.print(Text(totals_line(records)))
    console.print(Text(most_quoted(records)))
    console.print(Text(
        f"this run: read {summary.read}, stored {summary.processed}, "
        f"duplicates {summary.duplicates}, quarantined {summary.quarantined} "
        f"in {summary.seconds:.1f} s; store: {db}"
    ))
    if serve:
        from dateline.web.server import serve as serve_web

        console.print(f"serving the web UI at http://127.0.0.1:{port}/  (Ctrl-C stops it)")
        serve_web(db, port=port, settings=settings)
