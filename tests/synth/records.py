"""Records for demos, tests and the page benchmark, made without running NLP.

``demo_record`` is a fully annotated fictional article written for this
project (quotes by two speakers, actors, events, a removed promo block), with
every offset computed from the text, so the web pages can be shown and tested
whatever state the pipeline stages are in.

``annotate_naively`` gives a record quick stand-in annotations when the
pipeline left it without quotes or events: text between quote marks becomes a
direct quote of the nearest person named before it, and pairs of actors named
in one sentence become an event. It is for generated benchmark data only.

``generate_records`` multiplies base records into many distinct ones (new ids,
titles, dates and a unique closing line) without touching their offsets.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta

from dateline.model import (
    Actor,
    Dateline,
    Event,
    EventActor,
    Mention,
    Quote,
    Record,
    Removed,
    Sentence,
    Span,
)

DEMO_TEXT = """Harbour talks end with a fishing accord

Harbour talks end with a fishing accord

VALLETTA, May 12 (Dateline Demo) - Malta and Tunisia signed an accord on Monday that \
shares the fishing grounds between the two islands, ending a quarrel of three seasons.

"This accord gives our crews certainty for a decade," Maltese Foreign Minister Clara \
Vella told reporters after the signing. "Nobody leaves the table empty-handed."

Tunisian Foreign Minister Hedi Mansour said the deal was fair. "We came to Valletta to \
settle this, and we did," Mansour said.

Vella said Malta would not reopen the quota question before 2030.

READ ALSO
Ferry strike enters its second week

The coast guards of both countries will patrol the shared zone together from June."""


def find_span(text: str, needle: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``needle`` in ``text`` as a ``Span``."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ValueError(f"{needle!r} occurs fewer than {nth + 1} times")
    return Span(needle, start, start + len(needle))


def _mention(text: str, needle: str, nth: int = 0) -> Mention:
    s = find_span(text, needle, nth)
    return Mention(s.text, s.start, s.end)


def _quote(text: str, words: str, speaker: str, sid: str, code: str, who: str,
           nth_who: int, cue: str, nth_cue: int = 0) -> Quote:
    s = find_span(text, words)
    return Quote("direct", s.text, s.start, s.end, speaker, sid, code,
                 find_span(text, who, nth_who), find_span(text, cue, nth_cue))


def _sentences(text: str, start: int) -> list[Sentence]:
    out = []
    for m in re.finditer(r"[^\n]+?(?:[.!?][\"”]?(?=\s)|$)", text[start:], re.M):
        chunk = m.group(0).strip()
        if len(chunk) > 2:
            s = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(Sentence(chunk, s, s + len(chunk)))
    return out


def demo_record(record_id: str = "demo-valletta-accord", published: str = "2025-05-12") -> Record:
    """A fictional, fully annotated article (see the module docstring)."""
    t = DEMO_TEXT
    title = find_span(t, "Harbour talks end with a fishing accord", 1)
    promo = find_span(t, "READ ALSO\nFerry strike enters its second week")
    dl = find_span(t, "VALLETTA, May 12 (Dateline Demo) -")
    body_start = dl.start
    vella = Actor("a1", "Clara Vella", "person", "MLTGOV", "MLT", "foreign minister",
                  [_mention(t, "Clara Vella"), _mention(t, "Vella", 1)])
    mansour = Actor("a2", "Hedi Mansour", "person", "TUNGOV", "TUN", "foreign minister",
                    [_mention(t, "Hedi Mansour"), _mention(t, "Mansour", 1)])
    malta = Actor("a3", "Malta", "country", "MLT", "MLT", None,
                  [_mention(t, "Malta"), _mention(t, "Malta", 1)])
    tunisia = Actor("a4", "Tunisia", "country", "TUN", "TUN", None, [_mention(t, "Tunisia")])
    quotes = [
        _quote(t, "This accord gives our crews certainty for a decade,", "Clara Vella", "a1",
               "MLTGOV", "Clara Vella", 0, "told"),
        _quote(t, "Nobody leaves the table empty-handed.", "Clara Vella", "a1", "MLTGOV",
               "Clara Vella", 0, "told"),
        _quote(t, "We came to Valletta to settle this, and we did,", "Hedi Mansour", "a2",
               "TUNGOV", "Mansour", 1, "said", 1),
    ]
    q4 = find_span(t, "the deal was fair")
    quotes.insert(2, Quote("indirect", q4.text, q4.start, q4.end, "Hedi Mansour", "a2",
                           "TUNGOV", find_span(t, "Hedi Mansour"), find_span(t, "said")))
    s1 = find_span(t, "Malta and Tunisia signed an accord on Monday that shares the fishing "
                      "grounds between the two islands, ending a quarrel of three seasons.")
    s2 = find_span(t, "Vella said Malta would not reopen the quota question before 2030.")
    s3 = find_span(t, "The coast guards of both countries will patrol the shared zone "
                      "together from June.")
    mlt, tun = EventActor("Malta", "MLT", "MLT", "a3"), EventActor("Tunisia", "TUN", "TUN", "a4")
    events = [
        Event("057", "AGREE", None, False, mlt, tun, find_span(t, "signed"), s1,
              "VALLETTA", "2025-05-12", 0.9),
        Event("0312", "AGREE", None, True, EventActor("Clara Vella", "MLTGOV", "MLT", "a1"),
              None, find_span(t, "reopen"), s2, None, "2025-05-12", 0.55, "would"),
        Event("062", "COOPERATE", None, False, mlt, tun, find_span(t, "patrol"), s3,
              None, "2025-05-12", 0.6, "will"),
    ]
    cleaned = t[body_start : promo.start] + t[promo.end :].lstrip("\n")
    return Record(
        id=record_id,
        raw_text=t,
        source="Dateline Demo",
        title=title.text,
        published=published,
        lang="en",
        title_span=find_span(t, title.text, 0),
        dateline=Dateline("VALLETTA", "MLT", "Dateline Demo", "May 12", published,
                          dl.start, dl.end, dl.text),
        removed=[Removed("duplicate_title", title.text, title.start, title.end),
                 Removed("teaser", promo.text, promo.start, promo.end)],
        text=cleaned,
        sentences=[s for s in _sentences(t, body_start)
                   if not (promo.start <= s.start < promo.end)],
        actors=[vella, mansour, malta, tunisia],
        quotes=quotes,
        events=events,
    )


_QUOTE_MARKS = re.compile(r"[\"“«]([^\"”»\n]{12,600})[\"”»]")
_CAMEO_CHOICES = (("036", "CONSULT"), ("040", "CONSULT"), ("057", "AGREE"),
                  ("112", "ACCUSE"), ("0233", "AID"), ("130", "THREATEN"),
                  ("163", "SANCTION"), ("190", "ASSAULT"), ("141", "PROTEST"))


def annotate_naively(record: Record, seed: int = 0) -> Record:
    """Stand-in quotes and events for benchmark data (see the module docstring)."""
    rng = random.Random(seed)
    raw = record.raw_text
    people = [a for a in record.actors if a.kind == "person" and a.mentions]
    if not record.quotes and people:
        for m in _QUOTE_MARKS.finditer(raw):
            before = [(men.start, a) for a in people for men in a.mentions if men.start < m.start()]
            who = max(before, key=lambda x: x[0])[1] if before else people[0]
            record.quotes.append(
                Quote("direct", m.group(1), m.start(1), m.end(1), who.name, who.id, who.code)
            )
    if not record.events and record.sentences:
        coded = [a for a in record.actors if a.mentions]
        for s in record.sentences:
            inside = [a for a in coded if any(s.start <= x.start < s.end for x in a.mentions)]
            if len(inside) < 2:
                continue
            src, tgt = inside[0], inside[1]
            words = list(re.finditer(r"[a-z]{4,}", raw[s.start : s.end]))
            if not words:
                continue
            w = rng.choice(words)
            cameo, plover = rng.choice(_CAMEO_CHOICES)
            record.events.append(
                Event(cameo, plover, None, rng.random() < 0.1,
                      EventActor(src.name, src.code, src.country, src.id),
                      EventActor(tgt.name, tgt.code, tgt.country, tgt.id),
                      Span(w.group(0), s.start + w.start(), s.start + w.end()),
                      Span(s.text, s.start, s.end), None, record.published,
                      round(rng.uniform(0.3, 0.95), 2),
                      "will" if rng.random() < 0.1 else None)
            )
    return record


def generate_records(
    base: Sequence[Record], n: int, seed: int = 7, start: date = date(2025, 1, 1),
    days: int = 365,
) -> Iterator[Record]:
    """``n`` distinct records made from ``base`` by cycling through it."""
    rng = random.Random(seed)
    for i in range(n):
        b = base[i % len(base)]
        day = (start + timedelta(days=rng.randrange(days))).isoformat()
        extra = f"\n\n(Generated copy {i} of {b.id}, reference {rng.getrandbits(48):x}.)"
        events = [replace(e, date=day) for e in b.events]
        yield replace(
            b,
            id=f"{b.id}-g{i:05d}",
            raw_text=b.raw_text + extra,
            title=f"{b.title or b.id} (#{i})",
            published=day,
            url=None,
            events=events,
        )
