"""The ``clean`` stage: the story body of a scraped or machine-translated article.

It finds the headline, takes out what is not the story — repeated titles, promo
boxes, a trailing teaser for another story, photo captions and credits, page
furniture — reports each removed block with its input offsets, and builds the
normalised clean text with a map back to the input.

The evidence is general: a line's length, its final punctuation, an opening
quotation mark or dash, repetition, position in the page, and cue patterns kept
as data (``stages/data/clean_cues.yaml``). One pass classifies the lines; a few
short passes look at position and neighbours. A line that opens with a
quotation mark or a dash is never removed, and a line that ends a sentence is
removed only when a caption or promo cue says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from dateline.document import CleanText, Document
from dateline.model import Removed, Span
from dateline.pipeline import Stage, register_stage
from dateline.stages.clean_cues import CleanCues, load_cues
from dateline.stages.clean_lines import (
    BLANK,
    BOILERPLATE,
    CAPTION,
    DUPLICATE_TITLE,
    KEPT,
    PROMO,
    QUOTE,
    REMOVED,
    SHORT,
    STORY,
    TEASER,
    TITLE,
    Line,
    classify_line,
    looks_like_dateline,
    split_lines,
    title_key,
)
from dateline.stages.clean_normalise import build_clean_text

#: Headline length limits (words).
TITLE_MAX_WORDS = 25
#: A trailing teaser is a headline: this many words, no more, no fewer.
TEASER_MIN_WORDS, TEASER_MAX_WORDS = 3, 14
#: Before the story starts, a short line of at most this many words is page furniture.
FURNITURE_MAX_WORDS = 3
#: A short line at least this long that ends in a lower-case word may be a wrapped line.
WRAPPED_MIN_CHARS = 50
#: ... when the next line is no longer than this (a wrapped line, not a whole paragraph).
WRAPPED_MAX_CHARS = 100
#: A caption repeated on the page is at most this long (words).
CAPTION_MAX_WORDS = 60


@register_stage
class CleanStage(Stage):
    """Story body, title and removed blocks of each article."""

    name = "clean"
    needs = frozenset()
    adds = frozenset({"clean", "removed", "title"})

    def process(self, doc: Document) -> None:
        result = clean_article(doc.raw, doc.article.title)
        record = doc.record
        if result.title is not None:
            record.title_span = result.title
            if not record.title:
                record.title = result.title.text
        record.removed = result.removed
        doc.clean = result.clean
        record.text = result.clean.text


@dataclass(slots=True)
class CleanResult:
    """What ``clean_article`` finds: the title span, the removed blocks, the clean text."""

    title: Span | None
    removed: list[Removed]
    clean: CleanText
    lines: list[Line]


def clean_article(
    raw: str, given_title: str | None = None, cues: CleanCues | None = None
) -> CleanResult:
    """Clean one article's input text; ``given_title`` is the title a reader supplied."""
    cues = cues or load_cues()
    lines = split_lines(raw)
    for line in lines:
        classify_line(line, cues)
    content = [ln for ln in lines if ln.kind != BLANK]
    _mark_wrapped(lines, cues)
    title = _mark_title(content, given_title)
    _mark_repeated_captions(content)
    first_story = _first_story(content)
    _mark_top_furniture(content, first_story)
    _mark_teasers(content, first_story, cues)
    _grow_blocks(content)
    removed = _removed_blocks(raw, lines)
    kept = [ln for ln in content if ln.kind in KEPT]
    paragraph_before = _paragraph_breaks(lines, kept)
    clean = build_clean_text(raw, kept, paragraph_before)
    title_span = Span(title.text, title.start, title.end) if title is not None else None
    return CleanResult(title_span, removed, clean, lines)


# --- hard-wrapped text -----------------------------------------------------


def _mark_wrapped(lines: list[Line], cues: CleanCues) -> None:
    """A short line that runs on into the next line is part of a wrapped sentence.

    Evidence: the next line (no blank line between) starts in lower case; or the
    short line ends with a function word; or both lines have the width of wrapped
    lines and the short one ends with a comma, a hyphen or a lower-case word (a
    headline followed by an unwrapped paragraph fails the width test).
    """
    for a, b in pairwise(lines):
        if a.kind != SHORT or b.kind not in (STORY, SHORT, QUOTE) or a.key == b.key:
            continue
        last = a.norm.split()[-1]
        if (
            b.norm[0].islower()
            or last.casefold() in cues.function_words
            or (
                len(a.norm) >= WRAPPED_MIN_CHARS
                and len(b.norm) <= WRAPPED_MAX_CHARS
                and (last[-1] in ",-" or last.islower())
            )
        ):
            a.kind = STORY
            a.seed = False


# --- title -------------------------------------------------------------------


def _is_headline(line: Line) -> bool:
    return (
        line.kind == SHORT
        and 2 <= line.words <= TITLE_MAX_WORDS
        and not looks_like_dateline(line.norm)
    )


def _mark_title(content: list[Line], given_title: str | None) -> Line | None:
    """Find the headline; mark it TITLE and its other copies DUPLICATE_TITLE."""
    candidates = [ln for ln in content if ln.kind not in REMOVED]
    if not candidates:
        return None
    given_key = title_key(given_title) if given_title and given_title.strip() else ""
    title: Line | None = None
    if given_key:
        copies = [ln for ln in content if ln.key == given_key and ln.kind != QUOTE]
        # The first copy is the headline when no sentence of the story comes before it.
        if copies and copies[0].index < _first_sentence_index(content, given_key):
            title = copies[0]
        for ln in copies:
            if ln is not title:
                ln.kind = DUPLICATE_TITLE
    if title is None:
        title = _guess_title(content, candidates)
    if title is None:
        return None
    title.kind = TITLE
    for ln in content:
        if ln is not title and ln.kind in KEPT and ln.kind != QUOTE and ln.key == title.key:
            ln.kind = DUPLICATE_TITLE
    return title


def _guess_title(content: list[Line], candidates: list[Line]) -> Line | None:
    """The first headline-like line above the story.

    Very short lines ("update", a section name) are passed over unless the page
    repeats them, which only a title is.
    """
    for ln in candidates:
        if ln.kind in (STORY, QUOTE):
            return None
        if not _is_headline(ln):
            continue
        if ln.words > FURNITURE_MAX_WORDS or any(o is not ln and o.key == ln.key for o in content):
            return ln
    return None


def _first_sentence_index(content: list[Line], title: str) -> int:
    """Input line index of the first sentence (story or quote) line that is not the title."""
    for ln in content:
        if ln.kind in (STORY, QUOTE) and ln.key != title:
            return ln.index
    return 1 << 62


# --- captions ----------------------------------------------------------------


def _mark_repeated_captions(content: list[Line]) -> None:
    """A line printed twice in a row (blank lines apart at most) is a photo caption."""
    for a, b in pairwise(content):
        if (
            a.kind in (STORY, SHORT)
            and b.kind in (STORY, SHORT)
            and a.words <= CAPTION_MAX_WORDS
            and a.key == b.key
        ):
            a.kind = b.kind = CAPTION


# --- position ----------------------------------------------------------------


def _first_story(content: list[Line]) -> int:
    """Index (in ``content``) of the first sentence line, or ``len(content)``."""
    for i, ln in enumerate(content):
        if ln.kind in (STORY, QUOTE):
            return i
    return len(content)


def _mark_top_furniture(content: list[Line], first_story: int) -> None:
    """Very short lines above the story ("update", a section name) are page furniture."""
    for ln in content[:first_story]:
        if (
            ln.kind == SHORT
            and ln.words <= FURNITURE_MAX_WORDS
            and not looks_like_dateline(ln.norm)
        ):
            ln.kind = BOILERPLATE


def _is_teaser(line: Line, cues: CleanCues) -> bool:
    """A headline of another story, not the cut-off end of a sentence."""
    if line.kind != SHORT or not TEASER_MIN_WORDS <= line.words <= TEASER_MAX_WORDS:
        return False
    words = line.norm.split()
    first, last = words[0], words[-1].strip(".,;:!?\"'“”‘’«»()[]")
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    if first.strip("\"'“”‘’«»(").casefold() in cues.sentence_starters:
        return False
    if not last or last.casefold() in cues.function_words:
        return False
    # A short lower-case fragment ("some b", "a representa"): the scraper stopped mid-word.
    return not (last.islower() and len(last) <= 2)


def _mark_teasers(content: list[Line], first_story: int, cues: CleanCues) -> None:
    """Trailing headline lines after the story, read from the end upwards."""
    for i in range(len(content) - 1, first_story, -1):
        ln = content[i]
        if ln.kind in REMOVED:
            continue  # furniture interleaved with teasers ("-", dates, "Share")
        if not _is_teaser(ln, cues):
            return
        ln.kind = TEASER


# --- blocks ------------------------------------------------------------------


def _grow_blocks(content: list[Line]) -> None:
    """Promo cues and list headers ("More about:") take in the short lines around them."""
    n = len(content)
    for i, ln in enumerate(content):
        if not (ln.seed or ln.header) or ln.kind not in (SHORT, PROMO, BOILERPLATE):
            continue
        kind = PROMO if ln.seed else BOILERPLATE
        if ln.seed and ln.kind == SHORT:
            ln.kind = PROMO
        j = i + 1
        while j < n and content[j].kind == SHORT:
            content[j].kind = kind
            j += 1
        if ln.header:
            continue  # a list header heads what follows, never what precedes
        j = i - 1
        while j >= 0 and content[j].kind == SHORT:
            content[j].kind = kind
            j -= 1


def _removed_blocks(raw: str, lines: list[Line]) -> list[Removed]:
    """Removed lines as blocks: same-kind lines with only blank lines between merge."""
    blocks: list[Removed] = []
    cur_kind, cur_start, cur_end = "", -1, -1
    for ln in lines:
        if ln.kind == BLANK:
            continue
        if ln.kind in REMOVED and ln.kind == cur_kind:
            cur_end = ln.end
            continue
        if cur_kind:
            blocks.append(Removed(cur_kind, raw[cur_start:cur_end], cur_start, cur_end))
        if ln.kind in REMOVED:
            cur_kind, cur_start, cur_end = ln.kind, ln.start, ln.end
        else:
            cur_kind = ""
    if cur_kind:
        blocks.append(Removed(cur_kind, raw[cur_start:cur_end], cur_start, cur_end))
    return blocks


def _paragraph_breaks(lines: list[Line], kept: list[Line]) -> list[bool]:
    """For each kept line: is there a blank line between it and the kept line before?"""
    breaks: list[bool] = []
    prev: Line | None = None
    for ln in kept:
        if prev is None:
            breaks.append(False)
        else:
            between = lines[prev.index + 1 : ln.index]
            breaks.append(any(b.kind == BLANK for b in between))
        prev = ln
    return breaks


__all__ = ["TEASER", "CleanResult", "CleanStage", "clean_article"]
