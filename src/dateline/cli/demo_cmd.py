"""``dateline demo``: the main job on the bundled sample articles, summarised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from dateline.model import Record


def summary_table(records: Sequence[Record]) -> Table:
    """One row per article: dateline, removed blocks, quotes, events."""
    table = Table(title=f"dateline: {len(records)} sample articles", show_lines=False)
    for col in ("article", "dateline", "removed", "sentences", "quotes", "speakers", "events"):
        table.add_column(col, overflow="fold")
    for r in records:
        dl = r.dateline
        where = "—"
        if dl is not None:
            bits = [
                dl.place or "",
                dl.country or "",
                dl.agency or "",
                dl.date or dl.date_text or "",
            ]
            where = " / ".join(b for b in bits if b)
        removed = Counter(x.kind for x in r.removed)
        speakers = Counter(q.speaker for q in r.quotes if q.speaker)
        events = Counter(e.plover or e.cameo for e in r.events)
        table.add_row(
            r.id,
            where,
            ", ".join(f"{k}×{n}" for k, n in sorted(removed.items())) or "—",
            str(len(r.sentences)),
            str(len(r.quotes)),
            ", ".join(s for s, _ in speakers.most_common(3)) or "—",
            ", ".join(f"{k}×{n}" for k, n in events.most_common(4)) or "—",
        )
    return table


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


def run_demo(db: str, serve: bool, port: int) -> None:
    from dateline.config import load_settings
    from dateline.pipeline import Pipeline
    from dateline.samples import load_samples

    console = Console()
    settings = load_settings()
    pipeline = Pipeline(settings)
    with console.status("processing the sample articles…"):
        records = pipeline.process(load_samples())
    console.print(summary_table(records))
    console.print(totals_line(records))
