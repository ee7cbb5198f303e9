"""An article's text as HTML, built from the record's offsets into ``raw_text``.

The input text is cut at every span boundary; each piece is escaped with
``markupsafe.escape`` and wrapped in the elements of the spans that cover it,
so the page shows exactly the characters the record points at, and nothing of
the (untrusted) article text can become markup. Removed blocks become
collapsed ``<details>`` elements that say why they were removed.

Layers, outermost first: event sentences, quotes, then actor mentions, speaker
mentions, attribution cues and event triggers. Spans of one layer that overlap
an earlier one of the same layer are dropped (records should not have them);
spans of different layers nest, an inner one being split where an outer one
ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from dateline.model import Record

PALETTE_SIZE = 8
_LAYER_SENTENCE, _LAYER_QUOTE, _LAYER_INNER = 0, 1, 2


@dataclass(slots=True)
class Mark:
    """One highlighted span: where, which element, and its attributes."""

    start: int
    end: int
    layer: int
    tag: str
    classes: str
    attrs: dict[str, str] = field(default_factory=dict)

    def open(self) -> str:
        extra = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs.items())
        return f'<{self.tag} class="{escape(self.classes)}"{extra}>'

    def close(self) -> str:
        return f"</{self.tag}>"


@dataclass(slots=True)
class Speaker:
    name: str
    colour: int
    quotes: int


@dataclass(slots=True)
class Highlighted:
    """The rendered article body and the legend of speakers."""

    html: Markup
    speakers: list[Speaker]


def speaker_colours(record: Record) -> dict[str, int]:
    """A palette index per speaker, in order of first quote."""
    colours: dict[str, int] = {}
    for q in record.quotes:
        key = q.speaker or "(unknown speaker)"
        if key not in colours:
            colours[key] = len(colours) % PALETTE_SIZE
    return colours


def _valid(record: Record, start: int, end: int) -> bool:
    return 0 <= start < end <= len(record.raw_text)


def _quote_tip(q_kind: str, speaker: str, code: str | None, cue: str | None) -> str:
    parts = [f"{q_kind} quote", f"speaker: {speaker}"]
    if code:
        parts.append(f"code: {code}")
    if cue:
        parts.append(f"cue: {cue}")
    return " · ".join(parts)


def collect_marks(record: Record) -> list[Mark]:
    """Every span the page highlights, as ``Mark``s."""
    marks: list[Mark] = []
    colours = speaker_colours(record)
    ev_by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, e in enumerate(record.events):
        ev_by_sentence.setdefault((e.sentence.start, e.sentence.end), []).append(i)
    for (s, t), idxs in ev_by_sentence.items():
        if _valid(record, s, t):
            marks.append(
                Mark(s, t, _LAYER_SENTENCE, "span", "evsent",
                     {"data-events": " ".join(str(i) for i in idxs)})
            )
    for i, q in enumerate(record.quotes):
        if not _valid(record, q.start, q.end):
            continue
        speaker = q.speaker or "(unknown speaker)"
        attrs = {
            "data-kind": "quote",
            "data-quote": str(i),
            "data-speaker": speaker,
            "data-quote-kind": q.kind,
            "title": _quote_tip(q.kind, speaker, q.speaker_code, q.cue.text if q.cue else None),
            "tabindex": "0",
        }
        if q.speaker_code:
            attrs["data-code"] = q.speaker_code
        if q.cue:
            attrs["data-cue"] = q.cue.text
        marks.append(
            Mark(q.start, q.end, _LAYER_QUOTE, "q",
                 f"quote q-{q.kind} spk-{colours[speaker]}", attrs)
        )
        if q.speaker_mention and _valid(record, q.speaker_mention.start, q.speaker_mention.end):
            sm = q.speaker_mention
            marks.append(
                Mark(sm.start, sm.end, _LAYER_INNER, "span",
                     f"speaker-mention spk-{colours[speaker]}",
                     {"data-kind": "speaker", "data-speaker": speaker,
                      "title": f"speaker of quote {i + 1}: {speaker}"})
            )
        if q.cue and _valid(record, q.cue.start, q.cue.end):
            marks.append(
                Mark(q.cue.start, q.cue.end, _LAYER_INNER, "span", "cue",
                     {"data-kind": "cue", "title": f"attribution cue of quote {i + 1}"})
            )
    for a in record.actors:
        tip = f"{a.kind}: {a.name}" + (f" · role: {a.role}" if a.role else "")
        tip += f" · code: {a.code}" if a.code else ""
        tip += f" · country: {a.country}" if a.country else ""
        for m in a.mentions:
            if _valid(record, m.start, m.end):
                attrs = {"data-kind": "actor", "data-actor": a.name,
                         "data-actor-kind": a.kind, "title": tip, "tabindex": "0"}
                if a.code:
                    attrs["data-code"] = a.code
                if a.country:
                    attrs["data-country"] = a.country
                if a.role:
                    attrs["data-role"] = a.role
                marks.append(
                    Mark(m.start, m.end, _LAYER_INNER, "span", f"actor actor-{a.kind}", attrs)
                )
    for i, e in enumerate(record.events):
        trig = e.trigger
        if not _valid(record, trig.start, trig.end):
            continue
        who = e.source.name or e.source.code or "?"
        whom = (e.target.name or e.target.code or "?") if e.target else "—"
        tip = (
            f"event: CAMEO {e.cameo} · PLOVER {e.plover or '?'} · {who} → {whom}"
            f" · confidence {e.confidence:.2f}"
            + (" · negated" if e.negated else "")
            + (f" · modality: {e.modality}" if e.modality else "")
        )
        attrs = {"data-kind": "event", "data-event": str(i), "data-cameo": e.cameo,
                 "data-plover": e.plover or "", "data-confidence": f"{e.confidence:.2f}",
                 "title": tip, "tabindex": "0"}
        marks.append(Mark(trig.start, trig.end, _LAYER_INNER, "span", "trigger", attrs))
    return drop_overlaps(marks)


def drop_overlaps(marks: list[Mark]) -> list[Mark]:
    """Within a layer, keep the earlier (then longer) of two overlapping spans."""
    kept: list[Mark] = []
    last_end: dict[int, int] = {}
    for m in sorted(marks, key=lambda m: (m.layer, m.start, -m.end)):
        if m.start < last_end.get(m.layer, -1):
            continue
        kept.append(m)
        last_end[m.layer] = m.end
    return kept


def render_region(text: str, offset: int, marks: list[Mark]) -> str:
    """``text`` (which starts at ``offset`` in the input) with ``marks`` as nested elements."""
    end_at = offset + len(text)
    inside = [m for m in marks if m.start < end_at and m.end > offset]
    cuts = {offset, end_at}
    for m in inside:
        cuts.add(max(m.start, offset))
        cuts.add(min(m.end, end_at))
    points = sorted(cuts)
    # A sweep over the cut points: marks enter where they start and leave where they end.
    starting: dict[int, list[Mark]] = {}
    for m in inside:
        starting.setdefault(max(m.start, offset), []).append(m)
    live: list[Mark] = []
    out: list[str] = []
    open_: list[Mark] = []
    for a, b in pairwise(points):
        live = [m for m in live if m.end > a] + starting.get(a, [])
        active = sorted(live, key=lambda m: (m.layer, m.start, -m.end))
        keep = 0
        while keep < len(open_) and keep < len(active) and open_[keep] is active[keep]:
            keep += 1
        for m in reversed(open_[keep:]):
            out.append(m.close())
        for m in active[keep:]:
            out.append(m.open())
        open_ = active
        out.append(str(escape(text[a - offset : b - offset])))
    for m in reversed(open_):
        out.append(m.close())
    return "".join(out)


def highlight(record: Record) -> Highlighted:
    """The whole input text: story with its marks, removed blocks collapsed."""
    raw = record.raw_text
    marks = collect_marks(record)
    removed = sorted(
        (r for r in record.removed if _valid(record, r.start, r.end)), key=lambda r: r.start
    )
    out: list[str] = []
    pos = 0
    for r in removed:
        if r.start < pos:
            continue  # overlapping removed blocks: the first one wins
        if r.start > pos:
            out.append(render_region(raw[pos : r.start], pos, marks))
        out.append(
            '<details class="removed"><summary>removed: '
            f"{escape(r.kind.replace('_', ' '))} ({r.end - r.start} characters)</summary>"
            f'<span class="removed-text">{escape(raw[r.start : r.end])}</span></details>'
        )
        pos = r.end
    if pos < len(raw):
        out.append(render_region(raw[pos:], pos, marks))
    colours = speaker_colours(record)
    counts: dict[str, int] = {}
    for q in record.quotes:
        key = q.speaker or "(unknown speaker)"
        counts[key] = counts.get(key, 0) + 1
    speakers = [Speaker(name, colours[name], counts[name]) for name in colours]
    return Highlighted(Markup("".join(out)), speakers)


def snippet_html(text: str | None, marks: list[list[int]] | None) -> Markup:
    """A search snippet with its matched words in ``<mark>``, every part escaped."""
    from dateline.store.snippets import snippet_parts

    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if matched else escape(part)
        for part, matched in snippet_parts(text or "", marks or [])
    )
