"""A server-rendered SVG chart: events per day (or week), stacked by PLOVER type.

Every label is escaped; the chart needs no script. More than ``MAX_BARS`` days
are grouped by ISO week (Monday) so bars stay readable.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

MAX_BARS = 120
COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1b3a5c", "#a05195", "#17becf", "#8c564b",
    "#bcbd22", "#d62728", "#2ca02c", "#6b6ecf", "#636363", "#e7969c",
)


def plover_colour(types: list[str]) -> dict[str, str]:
    return {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(sorted(types))}


def _bucket(day: str, weekly: bool) -> str:
    if not weekly:
        return day
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def events_chart(rows: list[dict[str, Any]], width: int = 900, height: int = 240) -> dict[str, Any]:
    """``{svg, unit, types}`` from ``[{day, plover, n}]`` rows."""
    valid = []
    for r in rows:
        try:
            date.fromisoformat(str(r["day"]))
        except (TypeError, ValueError):
            continue
        valid.append(r)
    if not valid:
        return {"svg": Markup(""), "unit": "day", "types": {}}
    weekly = len({r["day"] for r in valid}) > MAX_BARS
    stacks: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in valid:
        stacks[_bucket(str(r["day"]), weekly)][str(r["plover"])] += int(r["n"])
    types = sorted({t for s in stacks.values() for t in s})
    colours = plover_colour(types)
    buckets = sorted(stacks)
    top = max(sum(s.values()) for s in stacks.values()) or 1
    left, bottom, pad_top = 40, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - pad_top
    bar_w = min(plot_w / len(buckets), 48.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' class="chart" role="img" aria-label="events per {"week" if weekly else "day"}'
        ' by PLOVER type">',
        f'<line x1="{left}" y1="{pad_top + plot_h}" x2="{width - 10}" y2="{pad_top + plot_h}"'
        ' stroke="#888"/>',
        f'<text x="{left - 6}" y="{pad_top + 8}" text-anchor="end" class="axis">{top}</text>',
        f'<text x="{left - 6}" y="{pad_top + plot_h}" text-anchor="end" class="axis">0</text>',
    ]
    label_every = max(1, len(buckets) // 8)
    for i, b in enumerate(buckets):
        x = left + i * bar_w
        y: float = pad_top + plot_h
        for t in types:
            n = stacks[b].get(t, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(
                f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.5):.1f}"'
                f' height="{h:.1f}" fill="{colours[t]}"><title>{escape(b)}: {escape(t)}'
                f" {n}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{pad_top + plot_h + 16}"'
                f' text-anchor="middle" class="axis">{escape(b)}</text>'
            )
    parts.append("</svg>")
    return {"svg": Markup("".join(parts)), "unit": "week" if weekly else "day",
            "types": colours}
