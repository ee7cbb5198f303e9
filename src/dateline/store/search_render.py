"""A parsed search (``dateline.store.search_syntax``) in each store's own query syntax.

SQLite gets an FTS5 ``MATCH`` expression over a ``porter unicode61`` index: each
phrase is one quoted FTS5 string of the words' letter/digit runs (the tokenizer
stems them), ``*`` after it for a prefix. PostgreSQL gets a ``to_tsquery('english',
…)`` text: each word is one quoted operand, so the server splits and stems it
exactly as it did the stored text (``empty-handed`` becomes ``'empty-hand' <->
'empti' <-> 'hand'``, as in the document), ``<->`` joins a phrase's words and
``:*`` marks a prefix. Neither rendering holds anything of the user's text that
the target syntax could read as an operator.
"""

from __future__ import annotations

from dateline.store.search_syntax import Group, Phrase, SearchQuery


def _fts5_phrase(p: Phrase) -> str:
    # Pieces are letters and digits only, so they never hold a '"'.
    text = " ".join(piece for w in p.words for piece in w.pieces)
    return f'"{text}"' + (" *" if p.prefix else "")


def _fts5_group(g: Group) -> str:
    sql = " AND ".join(_fts5_phrase(p) for p in g.include)
    for p in g.exclude:  # FTS5's NOT is binary: what is left of it, less what is right of it
        sql = f"({sql}) NOT {_fts5_phrase(p)}"
    return f"({sql})"


def to_fts5(q: SearchQuery) -> str:
    """``q`` as an FTS5 MATCH expression."""
    return " OR ".join(_fts5_group(g) for g in q.groups)


def _ts_operand(text: str, prefix: bool) -> str:
    quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _ts_phrase(p: Phrase) -> str:
    last = len(p.words) - 1
    parts = [_ts_operand(w.text, p.prefix and i == last) for i, w in enumerate(p.words)]
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _ts_group(g: Group) -> str:
    parts = [_ts_phrase(p) for p in g.include] + [f"!{_ts_phrase(p)}" for p in g.exclude]
    return "(" + " & ".join(parts) + ")"


def to_tsquery(q: SearchQuery) -> str:
    """``q`` as the text of ``to_tsquery('english', …)``."""
    return " | ".join(_ts_group(g) for g in q.groups)
