"""Inputs that gave no article: quarantined (could not be read) and skipped (left out).

``ingest`` writes them to the ``quarantine`` and ``skipped`` tables with the input's
name, the position in it (``line 3``, ``record 2``, ``id …``) and the reason; here
they are one list, the newest first.
"""

from __future__ import annotations

from typing import Any

from dateline.errors import StoreError
from dateline.store.base import Store
from dateline.store.query.filters import PROBLEM_KINDS, Page, ProblemFilter
from dateline.store.query.where import Where, contains, like_escape

_UNION = (
    "SELECT 'quarantined' AS kind, source, position, reason, NULL AS article_id,"
    " NULL AS lang, run_id, created, id FROM quarantine"
    " UNION ALL SELECT 'skipped' AS kind, source, position, reason, article_id, lang,"
    " run_id, created, id FROM skipped"
)


def _where(store: Store, f: ProblemFilter) -> Where:
    if f.kind is not None and f.kind not in PROBLEM_KINDS:
        raise StoreError(f"a problem's kind is quarantined or skipped, not {f.kind!r}")
    w = Where()
    if f.kind:
        w.add("p.kind = ?", f.kind)
    if f.reason:
        w.add(contains(store, "p.reason"), f"%{like_escape(f.reason)}%")
    if f.source:
        w.add(contains(store, "p.source"), f"%{like_escape(f.source)}%")
    return w


def find_problems(
    store: Store, f: ProblemFilter, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """The problems ``f`` asks for, the newest first: ``{kind, source, position, reason,
    article_id, lang, run_id, created}``."""
    w = _where(store, f)
    return store.rows(
        "SELECT p.kind, p.source, p.position, p.reason, p.article_id, p.lang, p.run_id,"
        f" p.created FROM ({_UNION}) p{w.sql()}"
        " ORDER BY p.created DESC, p.kind, p.id DESC LIMIT ? OFFSET ?",
        [*w.params, int(limit), int(offset)],
    )


def count_problems(store: Store, f: ProblemFilter | None = None) -> int:
    w = _where(store, f or ProblemFilter())
    return int(store.scalar(f"SELECT count(*) FROM ({_UNION}) p{w.sql()}", w.params) or 0)


def problems_page(store: Store, f: ProblemFilter, limit: int = 50, offset: int = 0) -> Page:
    return Page(find_problems(store, f, limit, offset), count_problems(store, f), limit, offset)
