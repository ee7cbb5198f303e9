"""The clean stage: removed blocks, title, normalised text and its offsets."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.config import Settings
from dateline.document import CleanText, Document
from dateline.errors import DatelineError
from dateline.model import Article
from dateline.pipeline import Pipeline
from dateline.stages.clean import CleanResult, CleanStage, clean_article
from dateline.stages.clean_cues import compile_cues, load_cues
from dateline.stages.clean_normalise import QUOTE_MAP

SHARED = Path(__file__).parents[1] / ".." / "shared"


# --- helpers -----------------------------------------------------------------


def check_offsets(raw: str, clean: CleanText) -> None:
    """Every clean character maps to an input character it came from."""
    assert len(clean.offsets) == len(clean.text) + 1
    prev = -1
    for i, ch in enumerate(clean.text):
        o = clean.offsets[i]
        assert 0 <= o < len(raw), (i, ch, o)
        assert o >= prev, "offsets go backwards"
        prev = o
        src = raw[o]
        if ch in "\n ":
            assert src.isspace()
        else:
            assert QUOTE_MAP.get(src, src) == ch, (i, ch, src)


def check(raw: str, title: str | None = None) -> CleanResult:
    r = clean_article(raw, title)
    for b in r.removed:
        assert raw[b.start : b.end] == b.text
        assert b.text == b.text.strip()
    if r.title is not None:
        assert raw[r.title.start : r.title.end] == r.title.text
    check_offsets(raw, r.clean)
    # Removed blocks, the title and the clean text never overlap.
    spans = [(b.start, b.end) for b in r.removed]
    if r.title is not None:
        spans.append((r.title.start, r.title.end))
    spans.sort()
    for (_, e1), (s2, _) in pairwise(spans):
        assert e1 <= s2
    for o in r.clean.offsets[:-1]:
        assert not any(s <= o < e for s, e in spans)
    return r


def kinds(r: CleanResult) -> list[str]:
    return [b.kind for b in r.removed]


def removed_of(r: CleanResult, kind: str) -> list[str]:
    return [b.text for b in r.removed if b.kind == kind]


def keeps_all(r: CleanResult, *sentences: str) -> None:
    for s in sentences:
        norm = "".join(QUOTE_MAP.get(c, c) for c in s)
        assert norm in r.clean.text, s


# --- dateline styles stay in the story ---------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "ANKARA (Anatolia Wire) — Turkey and Armenia agreed on Tuesday to reopen the border.",
        "MOSCOW, Oct 30 (Reuters) - Russia accused Britain of wrecking the grain talks.",
        "BEIRUT, Lebanon (AP) — A drone strike hit a village in the south, officials said.",
        "Kyiv, 3 March /TASS/. Ukraine is ready to resume talks on prisoners.",
        "LONDON — Britain imposed sanctions on eleven officials on Tuesday.",
        "VIENNA, 30 October. The decision will not change the position of Russia.",
        "Thousands of people marched through the centre of the capital on Friday.",
    ],
)
def test_dateline_openings_are_kept(opening: str) -> None:
    raw = f"{opening}\n\nThe ministers will meet again next month, officials said."
    r = check(raw)
    assert r.removed == []
    assert r.title is None
    assert r.clean.text == raw


def test_no_quotes_article_is_left_as_is() -> None:
    raw = (
        "Protesters blocked the main avenue outside parliament for several hours.\n\n"
        "Police used water cannon to disperse them. At least twenty people were detained.\n"
        "The opposition plans another rally on Sunday."
    )
    r = check(raw)
    assert r.removed == []
    assert r.clean.text == raw


# --- title -------------------------------------------------------------------


def test_duplicated_title_at_top_machine_translation() -> None:
    head = "Minister: Ruritania is ready to resume talks on the border"
    body = "STRELSAU, 4 May. Ruritania is ready to resume talks, the minister said."
    raw = f"{head}\n\n{head}\n\n{body}"
    r = check(raw)
    assert r.title is not None and r.title.text == head and r.title.start == 0
    assert removed_of(r, "duplicate_title") == [head]
    assert r.clean.text.startswith("STRELSAU, 4 May.")
    assert head not in r.clean.text


def test_duplicated_title_on_adjacent_lines() -> None:
    head = "Ruritania warned Borduria about provocations on the river"
    raw = f"{head}\n{head}\n\nThe foreign ministry lodged a protest on Sunday."
    r = check(raw)
    assert r.title is not None and r.title.start == 0
    assert kinds(r) == ["duplicate_title"]


def test_title_from_first_headline_line_sets_record_title() -> None:
    raw = "Ruritania and Borduria sign water deal\n\nThe two countries signed a deal on Tuesday."
    doc = Document.from_article(Article(id="t", text=raw))
    CleanStage(Settings()).process(doc)
    assert doc.record.title == "Ruritania and Borduria sign water deal"
    assert doc.record.title_span is not None and doc.record.title_span.start == 0
    assert doc.record.removed == []
    assert doc.record.text == "The two countries signed a deal on Tuesday."


def test_given_title_is_kept_and_its_line_found() -> None:
    raw = "Talks resume in Geneva\n\nDiplomats met again on Monday."
    doc = Document.from_article(Article(id="t", text=raw, title="Talks Resume in Geneva"))
    CleanStage(Settings()).process(doc)
    assert doc.record.title == "Talks Resume in Geneva"  # the reader's title wins
    assert (
        doc.record.title_span is not None and doc.record.title_span.text == "Talks resume in Geneva"
    )


def test_given_title_repeated_at_the_end_is_duplicate() -> None:
    raw = (
        "Researchers found a clue to why the vaccine fails, the university said.\n"
        "Scientists find vaccine clue"
    )
    r = check(raw, "Scientists find vaccine clue")
    assert r.title is None
    assert removed_of(r, "duplicate_title") == ["Scientists find vaccine clue"]


def test_title_ending_with_question_mark_when_given() -> None:
    head = "What did the ministers agree in Ankara?"
    raw = f"{head}\n\nSite name 27/01/2024\n\nThe ministers agreed on a new border regime."
    r = check(raw, head)
    assert r.title is not None and r.title.text == head


def test_first_line_sentence_is_not_a_title() -> None:
    raw = "The minister arrived in Paris on Monday.\nHe met his French counterpart."
    r = check(raw)
    assert r.title is None
    assert r.clean.text == raw


def test_dateline_line_is_not_a_title() -> None:
    raw = "BEIJING, Feb. 13, Kyodo\n\nChina's foreign minister is considering talks with Japan."
    r = check(raw)
    assert r.title is None
    assert r.removed == []


# --- promo, teaser -----------------------------------------------------------


def test_special_project_promo_box_is_one_block() -> None:
    box = "SPECIAL project\n\nPeace by other means\nHow envoys of the region look for a compromise"
    raw = (
        "VIENNA, 2 June. The talks ended without a deal.\n\n"
        f"{box}\n\n"
        "“Our position is firm, he said. – We will come back next week.”"
    )
    r = check(raw)
    assert r.removed[0].kind == "promo" and r.removed[0].text == box
    keeps_all(
        r,
        "The talks ended without a deal.",
        "“Our position is firm, he said. – We will come back next week.”",
    )


def test_read_also_and_subscribe_lines() -> None:
    raw = (
        "The minister said the talks would resume.\n\n"
        "Read also: Neighbours extend emergency on the border.\n\n"
        "The ministry later confirmed the date.\n\n"
        "Subscribe to our channel in Telegram"
    )
    r = check(raw)
    assert kinds(r) == ["promo", "promo"]
    assert r.removed[0].text.startswith("Read also:")
    keeps_all(
        r, "The minister said the talks would resume.", "The ministry later confirmed the date."
    )


def test_cookie_notice_and_share_buttons() -> None:
    raw = (
        "We use cookies to improve your experience. By continuing you agree to our cookie policy.\n"
        "Accept all cookies\n\n"
        "LONDON — The government froze the assets of nine officials.\n\n"
        "Share this article\nFacebook\nTwitter\nEmail"
    )
    r = check(raw)
    assert kinds(r) == ["promo", "promo"]
    assert r.removed[1].text == "Share this article\nFacebook\nTwitter\nEmail"
    assert r.clean.text == "LONDON — The government froze the assets of nine officials."


def test_trailing_teaser_is_removed() -> None:
    raw = (
        "The minister said the talks were useful.\n\n"
        "“I hope we meet again soon”, – the Minister added.\n\n"
        "What the negotiators discussed in Oslo"
    )
    r = check(raw)
    assert removed_of(r, "teaser") == ["What the negotiators discussed in Oslo"]
    keeps_all(r, "“I hope we meet again soon”, – the Minister added.")


def test_trailing_related_headlines_between_separators() -> None:
    raw = (
        "The summit ended on Sunday.\nEpisodes\n-\nJanuary 15, 2025\n"
        "Neighbours agree to reopen the rail link\n-\nJanuary 15, 2025\n"
        "Rights groups criticise the new police law"
    )
    r = check(raw)
    assert removed_of(r, "teaser") == [
        "Neighbours agree to reopen the rail link",
        "Rights groups criticise the new police law",
    ]
    assert r.clean.text == "The summit ended on Sunday."


@pytest.mark.parametrize(
    "last",
    [
        "He says the government will begin holding talks",  # opens like a sentence
        "A crisis in relations between the two capitals",  # headlines drop articles
        "The minister is meeting his counterparts from Germany and",  # ends in a function word
        "Ruritania is considering revoking some b",  # cut mid-word
        "Ruritania",  # too short to be a headline
    ],
)
def test_cut_off_last_sentence_is_not_a_teaser(last: str) -> None:
    raw = f"The talks went on for hours.\n\n{last}"
    r = check(raw)
    assert r.removed == []
    assert r.clean.text.endswith(last)


# --- captions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Photo: The two ministers at the press conference in Berlin",
        "Rescue workers search the rubble of a building. (Photo: Reuters)",
        "The spokeswoman speaks during a briefing in Moscow, May 3, 2025. REUTERS/Anna Petrova",
        "FILE - The State Department building in Washington, Jan. 26, 2017.",
        "File photo: The minister entering the embassy. May 2013. (Ali Hamdan/Reuters)",
        "© Pavel Orlov/TASS",
    ],
)
def test_caption_lines(caption: str) -> None:
    raw = f"The minister spoke for an hour.\n\n{caption}\n\nHe then left for the airport."
    r = check(raw)
    assert removed_of(r, "caption") == [caption]
    assert r.clean.text == "The minister spoke for an hour.\n\nHe then left for the airport."


def test_caption_printed_twice_is_removed_as_one_block() -> None:
    cap = "The two presidents shake hands in Nairobi, July 15, 2025."
    body = "NAIROBI, Kenya — The two countries signed a deal."
    raw = f"Leaders sign river deal\n\n{cap}\n{cap}\n\n{body}"
    r = check(raw)
    assert r.title is not None and r.title.text == "Leaders sign river deal"
    assert removed_of(r, "caption") == [f"{cap}\n{cap}"]
    assert r.clean.text == "NAIROBI, Kenya — The two countries signed a deal."


# --- boilerplate -------------------------------------------------------------


def test_navigation_lines_and_comment_furniture() -> None:
    raw = (
        "Accessibility links\n\nBreaking News\n\nMinisters meet in Tallinn\n\n"
        "The ministers met on Monday.\n\nComments\nLeave a Reply\n"
        "Your email address will not be published."
    )
    r = check(raw)
    assert r.title is not None and r.title.text == "Ministers meet in Tallinn"
    assert r.removed[0].kind == "boilerplate"
    assert r.removed[0].text == "Accessibility links\n\nBreaking News"
    assert (
        r.removed[-1].text == "Comments\nLeave a Reply\nYour email address will not be published."
    )
    assert r.clean.text == "The ministers met on Monday."


def test_wiki_page_furniture() -> None:
    raw = (
        "From the example news wiki, the free news source\nJump to: navigation, search\n"
        "Friday, September 5, 2025\n\nThe leaders met in Brussels on Thursday.\n\n"
        "More about:\nMigration\nUnited States\n\nSources"
    )
    r = check(raw)
    assert set(kinds(r)) == {"boilerplate"}
    assert r.removed[-1].text == "More about:\nMigration\nUnited States\n\nSources"
    assert r.clean.text == "The leaders met in Brussels on Thursday."


def test_byline_and_timestamp_lines() -> None:
    raw = (
        "By Anna Kowalska and Piotr Nowak\nUpdated 27 January 2025, 14:05 GMT\n"
        "November 23, 2016 / 1:29 PM / 9 months ago\n\n"
        "TOKYO, Jan 27 (Kyodo) - Japan offered aid on Monday.\n\n"
        "Reporting by Oleg Smirnov; Editing by Claire Dawson"
    )
    r = check(raw)
    assert kinds(r) == ["boilerplate", "boilerplate"]
    assert r.clean.text == "TOKYO, Jan 27 (Kyodo) - Japan offered aid on Monday."


def test_by_phrase_in_a_sentence_is_not_a_byline() -> None:
    raw = "By the time the talks ended, both sides had left.\nBy Tuesday the border was open"
    r = check(raw)
    assert r.removed == []


# --- the story is never cut ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "– We are ready to continue the dialogue",
        "“We share a common enemy”",
        "«Our door remains open»",
        "„We will not be blackmailed“",
        '"Water should unite us"',
        "— Looking tired but confident",
    ],
)
def test_quote_and_dash_paragraphs_are_never_removed(line: str) -> None:
    raw = f"The minister spoke to reporters.\n\n{line}\n\nSubscribe to our channel\n\n{line}"
    r = check(raw)
    keeps_all(r, line)
    assert r.clean.text.count("".join(QUOTE_MAP.get(c, c) for c in line)) == 2


def test_mixed_nested_and_translation_quotes_kept() -> None:
    raw = (
        'He called it "a war by proxy".\n\n'
        "“Our position has not changed, he said. – Our task is to find a common enemy.”\n\n"
        "“I hope the experts meet in Vienna”, – the Minister added.\n\n"
        "\"The statement says, and I quote, 'the enemy will pay',\" Park told lawmakers.\n\n"
        "According to the Minister, the decision makes cooperation more urgent.\n\n"
        "The ministry said:"
    )
    r = check(raw)
    assert r.removed == []
    assert r.clean.text == raw


def test_short_subheading_without_cue_is_kept() -> None:
    raw = "The talks ended.\n\nA new round\n\nThe next round will be in Oslo."
    r = check(raw)
    assert r.removed == []
    assert "A new round" in r.clean.text


# --- normalisation -----------------------------------------------------------


def test_whitespace_and_quote_normalisation_with_offsets() -> None:
    raw = (
        "  The\u00a0minister \t said\u200b «we are ready»  and „soon“.  \r\n"
        "Next line\u2009‚quoted‘ ‟odd” text.\r\n\r\n\r\n"
        "New paragraph ends here.\n"
    )
    r = check(raw)
    assert r.clean.text == (
        "The minister said “we are ready” and “soon“.\n"
        "Next line ‘quoted‘ “odd” text.\n\n"
        "New paragraph ends here."
    )
    # A clean span maps back to an input span that reads the same words.
    doc = Document.from_article(Article(id="n", text=raw))
    doc.clean = r.clean
    i = r.clean.text.index("“we are ready”")
    span = doc.raw_span(i, i + len("“we are ready”"))
    assert span.text == "«we are ready»"
    assert raw[span.start : span.end] == span.text
    assert r.clean.offsets[-1] == raw.index("here.") + len("here.")


def test_removed_block_between_paragraphs_leaves_one_paragraph_break() -> None:
    raw = "First paragraph.\n\nRead also: Something else\n\nSecond paragraph."
    r = check(raw)
    assert r.clean.text == "First paragraph.\n\nSecond paragraph."


def test_empty_and_blank_inputs() -> None:
    for raw in ("", "\n\n  \n", "Accessibility links"):
        r = check(raw)
        assert r.clean.text == ""
        assert r.clean.offsets == [0]


# --- the stage -----------------------------------------------------------------


def test_stage_declaration_and_pipeline() -> None:
    assert CleanStage.name == "clean"
    assert CleanStage.needs == frozenset()
    assert CleanStage.adds == {"clean", "removed", "title"}
    raw = "Leaders meet in Oslo\n\nOSLO — The leaders met on Friday.\n\nRead also: Other news"
    rec = Pipeline(stages=["clean"]).process_one(Article(id="p", text=raw))
    assert rec.title == "Leaders meet in Oslo"
    assert rec.text == "OSLO — The leaders met on Friday."
    assert [x.kind for x in rec.removed] == ["promo"]
    assert rec.raw_text == raw


def test_cues_are_data_and_broken_data_fails_clearly() -> None:
    cues = load_cues()
    assert "facebook" in cues.share_buttons
    with pytest.raises(DatelineError, match=r"clean_cues\.yaml"):
        compile_cues({"boilerplate_lines": ["("]})


# --- the worked example and the development set -------------------------------


def test_worked_example() -> None:
    txt = SHARED / "examples" / "lavrov-vienna.txt"
    exp_path = SHARED / "examples" / "lavrov-vienna.expected.json"
    if not txt.exists() or not exp_path.exists():
        pytest.skip("shared worked example not present")
    raw = txt.read_text(encoding="utf-8")
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    doc = Document.from_article(Article(id="lavrov", text=raw))
    CleanStage(Settings()).process(doc)
    rec = doc.record
    assert rec.title == exp["title"]
    assert (
        rec.title_span is not None
        and raw[rec.title_span.start : rec.title_span.end] == exp["title"]
    )
    dups = [b for b in rec.removed if b.kind == "duplicate_title"]
    assert len(dups) == 1 and dups[0].text == exp["title"]
    for want, kind in zip(exp["boilerplate"], ["promo", "teaser"], strict=True):
        got = [b for b in rec.removed if b.kind == kind]
        assert got, kind
        assert raw[got[0].start : got[-1].end] == want
        assert all(raw[b.start : b.end] == b.text for b in got)
    # No sentence of the story is lost: every quote and every sentence line is kept.
    for q in exp["quotes"]:
        if q["text"] in raw:
            assert q["text"] in rec.text, q["text"][:40]
    removed_chars = sum(len(b.text) for b in rec.removed)
    story_lines = [ln for ln in raw.split("\n") if re.search(r"[.!?”]\s*$", ln)]
    for ln in story_lines:
        assert ln.strip() in rec.text
    assert removed_chars < len(raw) // 3


def test_dev_set_never_removes_a_gold_quote() -> None:
    path = SHARED / "eval" / "dev" / "quotes.jsonl"
    if not path.exists():
        pytest.skip("shared development set not present")
    total = removed = 0
    by_kind: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        raw = item["text"]
        r = check(raw, item.get("title"))
        total += len(raw)
        for b in r.removed:
            removed += len(b.text)
            by_kind[b.kind] = by_kind.get(b.kind, 0) + len(b.text)
            for q in item["quotes"]:
                assert not (q["start"] < b.end and b.start < q["end"]), (item["id"], b, q["text"])
    print(f"\ndev: removed {removed} of {total} chars ({removed / total:.1%}); by kind {by_kind}")
    assert removed > total * 0.05  # the pages do carry furniture: the cleaner must find it


def test_hard_wrapped_text_is_not_taken_for_headlines() -> None:
    raw = (
        "Thousands of people marched through the centre of\n"
        "the capital on Friday, and the two sides agreed to share\n"
        "the costs of the new border crossing with\n"
        "Ruritania, officials said.\n\n"
        "The ministers will meet again in the spring, a spokesman for the\n"
        "foreign ministry said on Saturday."
    )
    r = check(raw)
    assert r.title is None
    assert r.removed == []
    assert r.clean.text == raw


_ALPHABET = "aZ .,:!?\n\n\t\u00a0\u200b«»„“”‚‘’\"'–-—()/0"
_WORDS = ["Read also: ", "Photo: ", "Share", "By Ann Lee", "REUTERS/Ann", "Comments", "Minister"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=30), st.sampled_from(_WORDS))))
def test_offsets_hold_on_any_input(parts: list[str]) -> None:
    raw = "".join(parts)
    r = check(raw)
    assert "  " not in r.clean.text
    assert "\n\n\n" not in r.clean.text
    assert not any(c in r.clean.text for c in "\u00a0\u200b«»„‚\t")


def test_sentence_case_headline_directly_above_the_lede() -> None:
    head = "Kenya and Ethiopia sign deal on shared water resources"
    lede = (
        "Kenya and Ethiopia signed an agreement on Tuesday to share data on rivers that flow "
        "across their border, ending a long dispute."
    )
    r = check(f"{head}\n{lede}")
    assert r.title is not None and r.title.text == head
    assert r.clean.text == lede
