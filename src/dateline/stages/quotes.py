"""Stage "quotes": every quotation of the story, with its speaker.

Direct quotations in every mark style (and translation dashes), mixed quotes
that embed quoted words in a reported clause, and indirect speech from the
dependency parse; speakers through in-document coreference. People and
organisations found as speakers join the actor table and ``record.actors``
(declared as ``speakers``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from dateline.actors.table import table_of
from dateline.document import Document
from dateline.pipeline import Stage, register_stage
from dateline.quotes.cues import parse_cues
from dateline.quotes.finder import QuoteFinder


@register_stage
class QuotesStage(Stage):
    """Direct, mixed and indirect quotations with resolved speakers."""

    name = "quotes"
    needs = frozenset({"entities", "actor_table", "story_start"})
    adds = frozenset({"quotes", "speakers"})
    cues: ClassVar[re.Pattern[str] | None] = parse_cues()

    def process(self, doc: Document) -> None:
        doc.record.quotes = QuoteFinder(doc).quotes()
        doc.record.actors = table_of(doc).to_records(doc)
