"""Processing a pasted or uploaded article for the web app.

The paste page runs the stages every command runs: ``resolve_stages`` decides
them from the settings, so a configuration that ``extract`` and ``ingest``
refuse stops the app when it is created, with the same error. The spaCy model
is loaded on the first paste; an error then is shown on the page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from dateline.config import Settings
from dateline.model import Article, Record
from dateline.pipeline import Pipeline

#: Pasted or uploaded articles longer than this many characters are refused.
MAX_PASTE_CHARS = 100_000


@dataclass(slots=True)
class WebPipeline:
    pipeline: Pipeline

    @property
    def stages(self) -> list[str]:
        return self.pipeline.names

    def process(self, article: Article) -> Record:
        return self.pipeline.process([article])[0]


def build_pipeline(settings: Settings | None = None) -> WebPipeline:
    """The configured stages; raises ``PipelineError`` when they cannot run in that order."""
    return WebPipeline(Pipeline(settings or Settings()))


def article_id_for(text: str) -> str:
    return "pasted-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
