"""Quotes across articles: one quotation, several outlets."""

from __future__ import annotations

import pytest

from dateline.cluster.quotes import merge_quotes, same_speaker, speaker_key, text_similarity
from dateline.model import Quote, Record


def _record(rid: str, outlet: str | None, published: str | None, raw: str,
            quotes: list[tuple[str, str | None]]) -> Record:
    r = Record(id=rid, raw_text=raw, text=raw, source=outlet, published=published)
    for text, speaker in quotes:
        i = raw.index(text)
        q = Quote(kind="direct", text=text, start=i, end=i + len(text), speaker=speaker)
        r.quotes.append(q)
    return r


Q1 = "We are ready to continue the dialogue, but not at any price"
Q1_CURLY = "We are ready to continue the dialogue – but not at any price"
Q1_EDIT = "We are ready to continue the dialogue, but not at any cost"
Q2 = "The sanctions have not changed our course in the slightest"


def _records() -> list[Record]:
    a = _record("a", "Wire One", "2026-03-02T09:00:00+00:00",
                f"“{Q1},” Sergey Lavrov said. “{Q2},” he added.",
                [(Q1, "Sergey Lavrov"), (Q2, "Sergey Lavrov")])
    b = _record("b", "Daily Two", "2026-03-02T11:00:00+00:00",
                f"Lavrov told reporters: «{Q1_CURLY}».", [(Q1_CURLY, "Lavrov")])
    c = _record("c", "Herald Three", "2026-03-02T08:30:00+00:00",
                f'"{Q1_EDIT}," said Sergei Lavrov.', [(Q1_EDIT, "Sergei Lavrov")])
    # Same words, another speaker: another quote.
    d = _record("d", "Post Four", "2026-03-02T12:00:00+00:00",
                f'"{Q1}," said Anna Berg.', [(Q1, "Anna Berg")])
    # Same words, no speaker known: never merged.
    e = _record("e", "Post Four", "2026-03-02T13:00:00+00:00", f'"{Q1}," a source said.',
                [(Q1, None)])
    # Same surname, other first name: another person.
    f = _record("f", "Wire One", "2026-03-03T10:00:00+00:00",
                f'"{Q2}," Pavel Lavrov, a banker, said.', [(Q2, "Pavel Lavrov")])
    return [a, b, c, d, e, f]


def test_fixture_spans_are_valid() -> None:
    for r in _records():
        for q in r.quotes:
            assert r.raw_text[q.start : q.end] == q.text


def test_merge_quotes() -> None:
    records = _records()
    merged = merge_quotes(records, {"a": "a", "b": "a", "c": "c"})
    top = merged[0]
    assert top.num_articles == 3 and top.num_sources == 3
    assert {s.article_id for s in top.sources} == {"a", "b", "c"}
    # The earliest report gives the text; the fullest name is the speaker.
    assert top.text == Q1_EDIT and top.sources[0].article_id == "c"
    assert top.speaker in {"Sergey Lavrov", "Sergei Lavrov"}
    assert top.first_seen == "2026-03-02T08:30:00" and top.last_seen == "2026-03-02T11:00:00"
    assert [s.cluster_id for s in top.sources] == ["c", "a", "a"]
    raw = {r.id: r.raw_text for r in records}
    for s in top.sources:
        assert raw[s.article_id][s.span.start : s.span.end] == s.span.text
    # Everything else stays on its own.
    assert sorted(q.num_articles for q in merged) == [1, 1, 1, 1, 3]
    assert len(merged) == 5
    assert all(q.to_dict()["sources"] for q in merged)


def test_threshold_is_an_option() -> None:
    records = _records()
    strict = merge_quotes(records, threshold=1.0)
    # Only word-identical quotes merge now: the edited one (c) drops out, and the
    # dash-for-comma variant (b) has the same words as a's, so it stays.
    assert max(q.num_articles for q in strict) == 2
    with pytest.raises(ValueError):
        merge_quotes(records, threshold=0.0)


def test_speaker_and_text_helpers() -> None:
    assert speaker_key("Sergey Lavrov") == ("lavrov", "s")
    assert speaker_key("LAVROV") == ("lavrov", "")
    assert speaker_key(None) is None and speaker_key("  ") is None
    assert same_speaker(("lavrov", "s"), ("lavrov", ""))
    assert not same_speaker(("lavrov", "s"), ("lavrov", "p"))
    assert not same_speaker(("lavrov", "s"), ("berg", "s"))
    assert text_similarity(Q1, Q1_CURLY) == 1.0
    assert 0.85 <= text_similarity(Q1, Q1_EDIT) < 1.0
    assert text_similarity(Q1, Q2) < 0.3
    # Two words changed in twelve is no longer the same quotation.
    assert text_similarity(Q1, Q1_EDIT.replace("the dialogue", "this dialogue")) < 0.85
