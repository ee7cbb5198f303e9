"""Lines of a scraped article and what each one looks like on its own.

``split_lines`` cuts the input into lines with their offsets; ``classify_line``
gives each line a first kind from general evidence — length, final punctuation,
an opening quotation mark or dash, cue patterns from data. The ``clean`` stage
then looks at lines in context (position, repetition, neighbours).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.stages.clean_cues import CleanCues

# Kinds a line can have.
BLANK = "blank"
STORY = "story"  # a sentence line: kept
SHORT = "short"  # a short line without final punctuation: kept unless context says otherwise
QUOTE = "quote"  # opens with a quotation mark or a dash: always kept
BOILERPLATE = "boilerplate"
CAPTION = "caption"
PROMO = "promo"
TEASER = "teaser"
TITLE = "title"
DUPLICATE_TITLE = "duplicate_title"

#: Kinds that are taken out of the story.
REMOVED = frozenset({BOILERPLATE, CAPTION, PROMO, TEASER, DUPLICATE_TITLE})
#: Kinds that stay in the story.
KEPT = frozenset({STORY, SHORT, QUOTE})

#: Longest line (in words) without final punctuation that may still be page furniture.
SHORT_MAX_WORDS = 20

#: Longest caption line (in words) recognised by its opening ("Photo:") or by its credit.
CAPTION_PREFIX_MAX_WORDS = 80
CAPTION_SUFFIX_MAX_WORDS = 45

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_STRIP = ZERO_WIDTH + " \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
_STRIP += "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

_QUOTE_FOLD = str.maketrans({"«": "“", "„": "“", "‟": "“", "»": "”", "‚": "‘"})
_OPENS_QUOTE_OR_DASH = re.compile(r"[\"'“”„‟«»‘’‚‹›–—―‒−-]")
# Ends a sentence: final punctuation, possibly followed by closing marks; or a
# closing double quotation mark on its own.
_ENDS_SENTENCE = re.compile(r"(?:[.!?…:;][\"'”“’»)\]]*|[\"”“»])\Z")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_TOKENS = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\d+")
# "LONDON —", "BEIJING, Feb. 13", "MOSCOW (Reuters)": a dateline on a line of its own.
_DATELINE_LIKE = re.compile(r"[A-Z][A-Z.'’ -]{2,}?(?:,|\s*[—–-]|\s*\(|\s*/)")


@dataclass(slots=True)
class Line:
    """One input line: ``raw[start:end]`` is its text without surrounding whitespace."""

    index: int
    start: int
    end: int
    text: str
    norm: str  # whitespace collapsed, zero-width marks dropped
    words: int
    kind: str = BLANK
    seed: bool = False  # a promo/boilerplate cue that may grow over short neighbours
    header: bool = False  # a boilerplate line like "More about:" that heads a list

    @property
    def key(self) -> str:
        """Comparison key for repeated lines and titles."""
        return title_key(self.norm)


def title_key(text: str) -> str:
    """Case-folded, quote-folded, whitespace-collapsed text for equality tests."""
    folded = text.translate(_QUOTE_FOLD).replace("’", "'").replace("‘", "'")
    folded = folded.replace("“", '"').replace("”", '"')
    return " ".join(folded.casefold().split())


def split_lines(raw: str) -> list[Line]:
    """The input's lines (split on ``\\n``) with offsets of their stripped content."""
    lines: list[Line] = []
    pos = 0
    for i, piece in enumerate(raw.split("\n")):
        lead = len(piece) - len(piece.lstrip(_STRIP))
        content = piece.strip(_STRIP)
        start = pos + lead
        end = start + len(content)
        norm = " ".join(content.translate({ord(c): None for c in ZERO_WIDTH}).split())
        lines.append(Line(i, start, end, content, norm, len(norm.split())))
        pos += len(piece) + 1
    return lines


def ends_sentence(norm: str) -> bool:
    return _ENDS_SENTENCE.search(norm) is not None


def opens_quote_or_dash(norm: str) -> bool:
    return _OPENS_QUOTE_OR_DASH.match(norm) is not None


def looks_like_dateline(norm: str) -> bool:
    return _DATELINE_LIKE.match(norm) is not None


def is_timestamp(norm: str, cues: CleanCues) -> bool:
    """A line made only of dates, times and time words ("Updated 3 May 2024, 10:42 GMT")."""
    tokens = _TOKENS.findall(norm)
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    return all(t.isdigit() or t.rstrip(".").casefold() in cues.timestamp_words for t in tokens)


def is_share_button(norm: str, cues: CleanCues) -> bool:
    return norm.casefold().strip(" :|•·") in cues.share_buttons


def classify_line(line: Line, cues: CleanCues) -> None:
    """Give ``line`` its kind from its own evidence (context comes later)."""
    norm = line.norm
    if not norm:
        line.kind = BLANK
        return
    if not _HAS_LETTER.search(norm):
        line.kind = BOILERPLATE  # separators, lone numbers, player timers
        return
    if opens_quote_or_dash(norm):
        line.kind = QUOTE
        return
    sentence = ends_sentence(norm)
    if line.words <= SHORT_MAX_WORDS and cues.boilerplate_line.match(norm):
        line.kind = BOILERPLATE
        line.header = norm.endswith(":")
        return
    if not sentence and cues.byline.match(norm):
        line.kind = BOILERPLATE
        return
    if line.words <= SHORT_MAX_WORDS and is_timestamp(norm, cues):
        line.kind = BOILERPLATE
        return
    if (line.words <= CAPTION_PREFIX_MAX_WORDS and cues.caption_prefix.match(norm)) or (
        line.words <= CAPTION_SUFFIX_MAX_WORDS and cues.caption_suffix.search(norm)
    ):
        line.kind = CAPTION
        return
    if line.words <= 60 and cues.promo_prefix.match(norm):
        line.kind = PROMO
        line.seed = True
        return
    if sentence or line.words > SHORT_MAX_WORDS:
        line.kind = STORY
        return
    line.kind = SHORT
    if cues.promo_word.search(norm) or is_share_button(norm, cues):
        line.seed = True
