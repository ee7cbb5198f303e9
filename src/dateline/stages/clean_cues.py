"""The cue words and line patterns of the ``clean`` stage, loaded from packaged YAML.

The data lives in ``stages/data/clean_cues.yaml`` so that teaching the cleaner a
new kind of page furniture is a data change, not a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline import rules
from dateline.errors import DatelineError

CUES_FILE = "clean_cues.yaml"


@dataclass(frozen=True, slots=True)
class CleanCues:
    """Compiled cues: each pattern is matched against one whitespace-collapsed line."""

    boilerplate_line: re.Pattern[str]
    byline: re.Pattern[str]
    timestamp_words: frozenset[str]
    caption_prefix: re.Pattern[str]
    caption_suffix: re.Pattern[str]
    promo_prefix: re.Pattern[str]
    promo_word: re.Pattern[str]
    share_buttons: frozenset[str]
    sentence_starters: frozenset[str]
    function_words: frozenset[str]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words(items: list[Any]) -> frozenset[str]:
    return frozenset(str(x).casefold() for x in items)


def compile_cues(data: dict[str, Any]) -> CleanCues:
    """Compile the cue data (the parsed YAML mapping) into patterns and word sets."""
    try:
        return CleanCues(
            boilerplate_line=re.compile(
                rf"(?:{_alternation(data['boilerplate_lines'])})\Z", re.IGNORECASE
            ),
            byline=re.compile(rf"(?:{data['byline']})\Z"),
            timestamp_words=_words(data["timestamp_words"]),
            caption_prefix=re.compile(_alternation(data["caption_prefixes"]), re.IGNORECASE),
            caption_suffix=re.compile(rf"(?:{_alternation(data['caption_suffixes'])})\s*\Z"),
            promo_prefix=re.compile(_alternation(data["promo_prefixes"]), re.IGNORECASE),
            promo_word=re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in data["promo_words"]) + r")\b",
                re.IGNORECASE,
            ),
            share_buttons=_words(data["share_buttons"]),
            sentence_starters=_words(data["sentence_starters"]),
            function_words=_words(data["function_words"]),
        )
    except (KeyError, re.error) as exc:
        raise DatelineError(
            f"clean cue data is broken ({exc!r}); fix dateline/stages/data/{CUES_FILE}"
        ) from exc


@lru_cache(maxsize=1)
def load_cues() -> CleanCues:
    """The packaged cues, read and compiled once per process."""
    return compile_cues(rules.read_yaml(f"stages/data/{CUES_FILE}"))
