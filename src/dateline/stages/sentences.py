"""Stage "sentences": split the story (from ``document.story_start``, after any
dateline) into sentences.

Sentences go to ``record.sentences`` with input offsets and, in parallel, to
``document.sentence_bounds`` with clean-text offsets.
"""

from __future__ import annotations

from dateline.document import Document
from dateline.model import Sentence
from dateline.pipeline import Stage, register_stage
from dateline.stages.dateline import clean_of
from dateline.stages.sentences_split import split_sentences


@register_stage
class SentencesStage(Stage):
    """Rule-based sentence splitting of the clean story text."""

    name = "sentences"
    needs = frozenset({"clean", "story_start"})
    adds = frozenset({"sentences"})

    def process(self, doc: Document) -> None:
        clean = clean_of(doc)
        start = doc.story_start
        bounds = split_sentences(clean.text, start)
        sentences: list[Sentence] = []
        for cs, ce in bounds:
            span = doc.raw_span(cs, ce)
            sentences.append(Sentence(span.text, span.start, span.end))
        doc.record.sentences = sentences
        doc.sentence_bounds = bounds
