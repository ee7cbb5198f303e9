"""Processing a pasted or uploaded article for the web app.

The pipeline is built once per app from the configured stages that are
registered. A stage that fails to build or to run on a short probe article is
left out together with every stage after it (the stages are in dependency
order), so the page still works, with fewer annotations, while a stage is
broken; ``skipped_stages`` says which were left out.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from dateline.config import Settings
from dateline.model import Article, Record
from dateline.pipeline import Pipeline, registered_stages

log = logging.getLogger(__name__)

#: Pasted or uploaded articles longer than this many characters are refused.
MAX_PASTE_CHARS = 100_000

_PROBE = Article(
    id="probe",
    text=(
        "GENEVA, March 3 (Probe) - The foreign minister met his counterpart on Monday.\n\n"
        '"We agreed to meet again," the minister said.\n'
    ),
    title="Probe",
)


@dataclass(slots=True)
class WebPipeline:
    pipeline: Pipeline | None
    stages: list[str]
    skipped_stages: list[str] = field(default_factory=list)

    def process(self, article: Article) -> Record:
        if self.pipeline is None:
            return Record.from_article(article)
        return self.pipeline.process([article])[0]


def build_pipeline(settings: Settings | None = None) -> WebPipeline:
    """The longest working prefix of the configured, registered stages."""
    settings = settings or Settings()
    known = registered_stages()
    wanted = [s for s in settings.stages if s in known]
    for n in range(len(wanted), 0, -1):
        names = wanted[:n]
        try:
            pipe = Pipeline(settings.with_options(stages=tuple(names)))
            pipe.process([_PROBE])
        except Exception as e:  # a stage being broken must not take the page down
            log.warning("web pipeline without stage %s: %s", names[-1], e)
            continue
        return WebPipeline(pipe, names, wanted[n:])
    return WebPipeline(None, [], wanted)


def article_id_for(text: str) -> str:
    return "pasted-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
