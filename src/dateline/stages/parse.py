"""Stage ``parse``: spaCy parses of only the sentences that later stages want.

Parsing and NER dominate the cost of the whole pipeline, so this stage runs
the model only on sentences that some later stage cues (a quote mark, a dash,
a speech verb, an event trigger): each stage that reads parses declares a
``cues`` regex, and the pipeline hands them here. Sentences of every document
in a batch go through one ``nlp.pipe`` call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.config import Settings
from dateline.document import Document, Parse
from dateline.nlp import load_nlp
from dateline.pipeline import Stage, register_stage


def sentence_texts(doc: Document) -> list[str]:
    """The clean text of each sentence of ``doc``."""
    if doc.clean is None:
        return [s.text for s in doc.record.sentences]
    return [doc.clean.text[a:b] for a, b in doc.sentence_bounds]


def sentence_base(doc: Document, i: int) -> int:
    """Clean offset of sentence ``i`` (input offset when there is no clean text)."""
    if doc.clean is None:
        return doc.record.sentences[i].start
    return doc.sentence_bounds[i][0]


@register_stage
class ParseStage(Stage):
    """Parse (tag, lemmatise, parse, NER) the sentences some later stage cues."""

    name = "parse"
    needs = frozenset({"sentences"})
    adds = frozenset({"parses"})

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._selector: re.Pattern[str] | None = None
        self.parse_all = False

    def set_cues(self, patterns: list[re.Pattern[str]]) -> None:
        """Parse sentences matching any of ``patterns``; with none, parse every sentence."""
        if not patterns:
            self._selector = None
            self.parse_all = True
            return
        self.parse_all = False
        self._selector = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))

    def wanted(self, text: str) -> bool:
        if self.parse_all or self._selector is None:
            return True
        return self._selector.search(text) is not None

    def process(self, doc: Document) -> None:
        self.process_batch([doc])

    def process_batch(self, docs: Sequence[Document]) -> None:
        jobs: list[tuple[Document, int]] = []
        texts: list[str] = []
        for doc in docs:
            for i, text in enumerate(sentence_texts(doc)):
                if text.strip() and self.wanted(text):
                    jobs.append((doc, i))
                    texts.append(text)
        if not texts:
            return
        nlp = load_nlp(self.settings.model)
        for (doc, i), parsed in zip(jobs, nlp.pipe(texts, batch_size=64), strict=True):
            doc.parses[i] = Parse(sentence_index=i, base=sentence_base(doc, i), doc=parsed)
