"""The demo corpus: its loader, its coverage of styles, and how the clean stage reads it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dateline.model import Article
from dateline.samples import load_samples, parse_sample
from dateline.stages.clean import clean_article
from dateline.stages.clean_normalise import QUOTE_MAP

SAMPLES = load_samples()
BY_ID = {a.id: a for a in SAMPLES}

#: What the cleaner should take out of each sample, in order, and whether a title line is there.
EXPECTED: dict[str, tuple[list[str], bool]] = {
    "01-wire-ankara-talks": ([], False),
    "02-reuters-moscow-accuse": (["caption", "boilerplate"], False),
    "03-ap-beirut-strike": (["caption"], False),
    "04-tass-kyiv-translated": (["duplicate_title", "promo", "teaser"], True),
    "05-london-sanctions": (["promo", "promo", "teaser"], True),
    "06-geneva-translated-promo": (["duplicate_title", "promo", "teaser"], True),
    "07-no-quotes-protest": ([], False),
    "08-berlin-aid-lowquotes": (["caption"], False),
    "09-minsk-dash-quotes": (["promo", "promo"], False),
    "10-navigation-agreement": (["boilerplate", "caption", "boilerplate"], True),
    "11-seoul-threat-nested": ([], False),
    "12-indirect-speech": (["boilerplate", "boilerplate"], False),
    "13-tokyo-aid-byline": (["boilerplate", "caption"], False),
    "14-beijing-guillemets": (["duplicate_title", "caption", "teaser"], True),
    "15-mixed-quotes-wiki": (["boilerplate", "promo", "teaser", "boilerplate"], False),
}

_QUOTE_CHARS = '"“”«»„'


def _norm(s: str) -> str:
    return " ".join("".join(QUOTE_MAP.get(c, c) for c in s).split())


def test_loader_reads_every_file_with_its_header() -> None:
    assert len(SAMPLES) >= 14
    assert sorted(BY_ID) == sorted(EXPECTED)
    for a in SAMPLES:
        assert isinstance(a, Article)
        assert a.title and a.source
        date.fromisoformat(a.published or "")
        assert not a.text.startswith("#"), a.id
        assert not a.text.startswith("\n"), a.id
        words = len(a.text.split())
        assert 150 <= words <= 450, (a.id, words)


def test_parse_sample_splits_header_from_text() -> None:
    raw = (
        "# fictional: true\n# title: A: B\n# published: 2025-01-02\n# source: S\n"
        "\nBody.\n# not header"
    )
    a = parse_sample("x", raw)
    assert (a.id, a.title, a.published, a.source, a.url) == ("x", "A: B", "2025-01-02", "S", None)
    assert a.text == "Body.\n# not header"


def test_corpus_covers_the_styles() -> None:
    texts = {a.id: a.text for a in SAMPLES}
    everything = "\n".join(texts.values())
    for pattern in [
        r"^[A-Z]+ \([A-Z][\w ]+\) — ",  # CITY (Agency) —
        r"^[A-Z]+, [A-Z][a-z]{2} \d+ \(Reuters\) - ",
        r"^[A-Z]+, [A-Z][a-z]+ \(AP\) — ",
        r"^[A-Z][a-z]+, \d+ [A-Z][a-z]+ /TASS/\. ",
        r"^LONDON — ",
        r"^[A-Z]+, \d+ [A-Z][a-z]+\. ",  # VIENNA, 30 October.
        r"«[^»]+»",
        r"„[^“]+“",
        r"“[^”]+, (he|she) said\. – [^”]+”",
        r"”, – the [\w ]+ added\.",
        r"^– We are ready",
        r"'[^']+'",  # nested single quotes
        r"called [\w ]+\"[^\"]+\"",  # mixed quote
        r"^Read also:",
        r"^Subscribe to our channel",
        r"^Share",
        r"cookies",
        r"^SPECIAL project$",
        r"^Photo: ",
        r"\(Photo: \w+\)$",
        r"REUTERS/[A-Z]",
        r"^Accessibility links$",
        r"^Breaking News$",
        r"^Jump to: navigation, search$",
        r"^Comments$",
        r"^Leave a Reply$",
        r"^More about:$",
    ]:
        assert re.search(pattern, everything, re.MULTILINE), pattern
    no_quotes = [i for i, t in texts.items() if not any(c in t for c in _QUOTE_CHARS)]
    assert no_quotes, "one article has no quotes at all"
    no_dateline = [
        i for i, t in texts.items() if not re.search(r"^[A-Z][A-Za-z]+,? .{0,30}[—.-] ", t)
    ]
    assert no_dateline


@pytest.mark.parametrize("article", SAMPLES, ids=lambda a: a.id)
def test_clean_reads_each_sample(article: Article) -> None:
    raw = article.text
    r = clean_article(raw, article.title)
    want_kinds, has_title = EXPECTED[article.id]
    assert [b.kind for b in r.removed] == want_kinds
    assert (r.title is not None) == has_title
    if r.title is not None:
        assert raw[r.title.start : r.title.end] == r.title.text == article.title
    for b in r.removed:
        assert raw[b.start : b.end] == b.text
    assert len(r.clean.offsets) == len(r.clean.text) + 1
    clean = _norm(r.clean.text)
    # Every quotation and every sentence-ending line of the story is in the clean text.
    removed_text = {line for b in r.removed for line in b.text.split("\n")}
    for line in raw.split("\n"):
        line = line.strip()
        if not line or line in removed_text:
            continue
        if line[0] in _QUOTE_CHARS + "–—" or re.search(r"[.!?:”»“\"]$", line):
            assert _norm(line) in clean, line
    # Nothing that was removed has a quotation mark at its start.
    for b in r.removed:
        assert b.text[0] not in _QUOTE_CHARS + "–—"
