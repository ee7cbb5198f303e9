"""What a person reads an article by, for tables and pages: its title (else its site
and day), and dates as ISO days.

Query answers keep the stored values (ids, timestamps as given); these only
label them for display, the same way in the CLI and the web app.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from typing import Any

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def iso_day(value: Any) -> str:
    """A stored date or timestamp as ``YYYY-MM-DD``: ISO (``2025-03-04T10:00Z``) and
    RFC 2822 (``Tue, 04 Mar 2025 10:00:00 GMT``, as feeds write) are read; another
    text is shown as it is; nothing is ``""``."""
    if not value:
        return ""
    text = str(value).strip()
    if _ISO_DAY.match(text):
        return text[:10]
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return text


def article_label(row: Mapping[str, Any]) -> str:
    """An article's title; without one, its site and day; without those, its id.

    ``row`` is a query answer: ``title``, ``source``, ``published`` and ``article_id``
    or ``id``.
    """
    title = " ".join(str(row.get("title") or "").split())
    if title:
        return title
    site = str(row.get("source") or "").strip()
    parts = [x for x in (site, iso_day(row.get("published"))) if x]
    return " · ".join(parts) or str(row.get("article_id") or row.get("id") or "")
