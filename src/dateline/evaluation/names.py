"""Deciding whether a predicted speaker names the same person as the gold speaker."""

from __future__ import annotations

import re
import unicodedata

from dateline import rules

# Honorifics, offices and filler words that do not identify a person; dropped
# before names are compared ("Foreign Minister Sergey Lavrov" -> "sergey lavrov").
TITLE_WORDS = rules.words(rules.EVALUATION, "title_words")

_WORD = re.compile(r"[a-z0-9]+")

# Spellings of one name that a reader treats as the same, as name tokens: a known
# alias at the start of a name ("U.S. State Department") stands for its full form.
_UNITED_STATES = ("united", "states")
_UNITED_KINGDOM = ("united", "kingdom")
NAME_ALIASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("u", "s"): _UNITED_STATES, ("us",): _UNITED_STATES, ("usa",): _UNITED_STATES,
    ("america",): _UNITED_STATES,
    ("u", "k"): _UNITED_KINGDOM, ("uk",): _UNITED_KINGDOM, ("britain",): _UNITED_KINGDOM,
    ("great", "britain"): _UNITED_KINGDOM,
    ("un",): ("united", "nations"), ("u", "n"): ("united", "nations"),
    ("eu",): ("european", "union"),
}  # fmt: skip


def name_tokens(name: str | None) -> list[str]:
    """Lower-case ASCII word tokens of a name, accents removed, titles dropped.

    A name made only of title words ("the Minister") keeps them, so it can
    still match itself.
    """
    if not name:
        return []
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    tokens = _WORD.findall(plain)
    return [t for t in tokens if t not in TITLE_WORDS] or tokens


def canonical_tokens(tokens: list[str]) -> list[str]:
    """``tokens`` with a known alias at their start (two words first) written out in full."""
    for size in (2, 1):
        head = tuple(tokens[:size])
        if len(head) == size and head in NAME_ALIASES:
            return [*NAME_ALIASES[head], *tokens[size:]]
    return tokens


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Same normalised name, same last token (surname), or half the words shared;
    aliases ("U.S.", "US", "United States") are one name."""
    gold_tokens = canonical_tokens(name_tokens(gold))
    pred_tokens = canonical_tokens(name_tokens(predicted))
    if not gold_tokens or not pred_tokens:
        return False
    if gold_tokens == pred_tokens or gold_tokens[-1] == pred_tokens[-1]:
        return True
    gold_set, pred_set = set(gold_tokens), set(pred_tokens)
    shared = len(gold_set & pred_set)
    return shared / max(1, min(len(gold_set), len(pred_set))) >= 0.5


def speakers_agree(gold: str | None, predicted: str | None) -> bool:
    """Same person, or both unknown (``None``)."""
    return same_speaker(gold, predicted) or (gold is None and predicted is None)
