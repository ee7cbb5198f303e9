"""Stage "entities": the people and organisations of the story, as ``record.actors``.

Names come from spaCy NER in the sentences the parse stage parsed; known
names are then found again by plain matching in every sentence. Role and
country come from the words before a name ("Russian foreign Minister Sergey
Lavrov"). The actor table, with the role nouns, gender cues and organisation
heads that coreference needs, stays in ``document.actor_table``.
"""

from __future__ import annotations

from dateline.actors.table import table_of
from dateline.document import Document
from dateline.pipeline import Stage, register_stage
from dateline.quotes.names import (
    add_organisations,
    collect_entities,
    match_group_subjects,
    match_known_names,
    match_titled_names,
)
from dateline.quotes.textview import TextView


@register_stage
class EntitiesStage(Stage):
    """People and organisations, with roles, countries and mentions."""

    name = "entities"
    needs = frozenset({"sentences", "parses"})
    adds = frozenset({"entities", "actor_table"})

    def process(self, doc: Document) -> None:
        view = TextView.of(doc)
        table = table_of(doc)
        orgs = collect_entities(view, table)
        match_titled_names(view, table)
        add_organisations(orgs, table)
        match_known_names(view, table)
        match_group_subjects(view, table)
        doc.record.actors = table.to_records(doc)
