"""The search language of ``dateline search``, ``quotes --search`` and the web: one parser.

A query is words, AND-ed (each word stemmed by the store: "extradition" finds
"extradited"); ``"a quoted phrase"``, its words next to each other in order;
``OR`` between two alternatives (lowest precedence: ``a b OR c`` is ``(a b) OR c``);
``NOT word`` or ``-word`` to exclude; ``word*`` for words starting so (the prefix
is stemmed like a word), ``"a phrase"*`` for a phrase whose last word starts so.
``AND`` may be written and means nothing more. Only upper-case ``OR``, ``AND`` and
``NOT`` are operators; in lower case they are words. Characters that are neither
letters nor digits only separate words (``empty-handed`` is the phrase
``"empty handed"``), so user text never breaks the store's own query syntax.

``parse_search`` turns the text into a small tree (``SearchQuery``); the backends
render that tree (``dateline.store.search_render``), so SQLite and PostgreSQL
answer the same question. A query that cannot mean anything (an unbalanced quote,
an ``OR`` with nothing on one side, only excluded words, no word at all) raises
``SearchSyntaxError`` with what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.errors import SearchSyntaxError

#: Letters and digits: what both stores' tokenizers index (unicode61 and the default parser).
_PIECE = re.compile(r"[^\W_]+")
#: A word's text without the punctuation around it (kept inside: "U.S.", "empty-handed").
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_OPERATORS = ("OR", "AND", "NOT")


@dataclass(frozen=True, slots=True)
class Word:
    """One word as typed (``text``, outer punctuation trimmed) and its letter/digit runs."""

    text: str
    pieces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words next to each other, in order (a bare word is a phrase of one word).

    ``prefix``: the last word only has to start with what was typed.
    """

    words: tuple[Word, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Every phrase of ``include`` and none of ``exclude`` (``include`` is never empty)."""

    include: tuple[Phrase, ...]
    exclude: tuple[Phrase, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Any of ``groups`` (the alternatives written with ``OR``)."""

    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class _Op:
    name: str  # OR, AND, NOT (NOT also for a leading '-')


_Token = _Op | Phrase


def _words(raw: str) -> tuple[Word, ...]:
    """The words of ``raw`` (split at white space), punctuation-only ones left out."""
    out = []
    for part in raw.split():
        pieces = tuple(p.lower() for p in _PIECE.findall(part))
        if pieces:
            out.append(Word(_EDGES.sub("", part), pieces))
    return tuple(out)


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise SearchSyntaxError(
                    'a quoted phrase is not closed: add the closing " (or remove the opening one)'
                )
            prefix = text.startswith("*", end + 1)
            words = _words(text[i + 1 : end])
            if words:
                tokens.append(Phrase(words, prefix))
            i = end + (2 if prefix else 1)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] != '"':
                j += 1
            _word_token(text[i:j], text.startswith('"', j), tokens)
            i = j
    return tokens


def _word_token(raw: str, before_quote: bool, tokens: list[_Token]) -> None:
    if raw in _OPERATORS:
        tokens.append(_Op(raw))
        return
    if raw.startswith("-") and (before_quote or _PIECE.search(raw)):
        tokens.append(_Op("NOT"))  # "-word" and '-"a phrase"'
        raw = raw.lstrip("-")
    prefix = raw.endswith("*")
    words = _words(raw.replace("*", " ") if not prefix else raw.rstrip("*"))
    if words:
        tokens.append(Phrase(words, prefix))


def parse_search(text: str) -> SearchQuery:
    """``text`` in the search language as a ``SearchQuery``; ``SearchSyntaxError`` if it is bad."""
    groups: list[Group] = []
    include: list[Phrase] = []
    exclude: list[Phrase] = []
    negate = False
    last: str | None = None  # the operator just read, if any

    def close_group() -> None:
        if not include:
            if exclude:
                raise SearchSyntaxError(
                    "a search cannot only exclude words (NOT or -): add a word to find"
                )
            return
        groups.append(Group(tuple(include), tuple(exclude)))
        include.clear()
        exclude.clear()

    for tok in _tokens(text):
        if isinstance(tok, Phrase):
            (exclude if negate else include).append(tok)
            negate, last = False, None
            continue
        if negate:
            raise SearchSyntaxError(f"NOT (or -) must be followed by a word, not by {tok.name}")
        if tok.name == "NOT":
            negate, last = True, "NOT"
            continue
        if last is not None or not (include or exclude):
            raise SearchSyntaxError(f"{tok.name} needs words on both sides")
        if tok.name == "OR":
            close_group()
        last = tok.name
    if negate:
        raise SearchSyntaxError("NOT (or -) must be followed by a word")
    if last is not None:
        raise SearchSyntaxError(f"{last} needs words on both sides")
    close_group()
    if not groups:
        raise SearchSyntaxError("the search has no words: give at least one word to find")
    return SearchQuery(tuple(groups))
