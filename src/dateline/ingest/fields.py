"""Characters no stored field may hold, and dates that are dates: the one check every
reader's articles pass.

A lone UTF-16 surrogate (``"\\ud800"`` in a JSON string) cannot be encoded as
UTF-8, so no store can hold it; a NUL byte is refused by PostgreSQL; control
characters (tabs and line breaks included) in a one-line field (id, title, url,
source, author, date, language) break the tables and tab-separated exports.
An article with any of them is quarantined with the field named, never stored.
So is one whose ``published`` is not a date (``2024-13-45``, ``not a date``): it
would match every date filter wrongly. A date is ISO 8601: ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` (or ``YYYYMMDD``), optionally followed by a time (``T09:00:00Z``).
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.model import Article

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", re.DOTALL)
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T.*)?", re.DOTALL)  # 20240506

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# In one-line fields: every C0 control character (tab and line breaks too) and DEL.
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In the text: tab, line feed, vertical tab, form feed and carriage return are layout.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

#: The one-line fields of an article, by name.
LINE_FIELDS = ("id", "title", "url", "source", "author", "published", "lang")


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def text_problem(name: str, value: str | None, one_line: bool) -> str | None:
    """Why ``value`` cannot be stored in field ``name``, or ``None``."""
    if not value:
        return None
    m = _SURROGATE.search(value)
    if m:
        return f"bad characters: field '{name}' holds a lone surrogate {_describe(m.group())}"
    m = (_LINE_CONTROL if one_line else _TEXT_CONTROL).search(value)
    if m:
        return (
            f"bad characters: field '{name}' holds the control character {_describe(m.group())}"
        )
    return None


def valid_date(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date (year, year-month or full date, time optional)."""
    m = _ISO_DATE.fullmatch(value.strip()) or _ISO_BASIC.fullmatch(value.strip())
    if m is None:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def article_problem(article: Article) -> str | None:
    """Why ``article`` cannot be stored as read (bad characters in a field, a published
    date that is not a date), or ``None``."""
    for name in LINE_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            reason = text_problem(name, value, one_line=True)
            if reason:
                return reason
    if article.published and not valid_date(article.published):
        return (
            f"bad date: field 'published' is {article.published[:40]!r}, not a date "
            "(YYYY-MM-DD, optionally with a time)"
        )
    return text_problem("text", article.text, one_line=False)


__all__ = ["LINE_FIELDS", "article_problem", "text_problem", "valid_date"]
