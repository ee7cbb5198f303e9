"""Characters no stored field may hold: the one check every reader's articles pass.

A lone UTF-16 surrogate (``"\\ud800"`` in a JSON string) cannot be encoded as
UTF-8, so no store can hold it; a NUL byte is refused by PostgreSQL; control
characters (tabs and line breaks included) in a one-line field (id, title, url,
source, author, date, language) break the tables and tab-separated exports.
An article with any of them is quarantined with the field named, never stored.
"""

from __future__ import annotations

import re

from dateline.model import Article

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


def article_problem(article: Article) -> str | None:
    """Why ``article`` cannot be stored as read (bad characters in a field), or ``None``."""
    for name in LINE_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            reason = text_problem(name, value, one_line=True)
            if reason:
                return reason
    return text_problem("text", article.text, one_line=False)


__all__ = ["LINE_FIELDS", "article_problem", "text_problem"]
