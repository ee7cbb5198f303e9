"""Where the actor phrases of each parsed sentence are: shared by ``actors`` and ``events``."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.document import Document
from dateline.events.actorcode import PhraseCode


@dataclass(slots=True)
class ActorIndex:
    """Where each actor phrase of the parses is: per sentence, token ranges → actor id."""

    tokens: dict[int, list[tuple[int, int, int, str]]] = field(default_factory=dict)

    def add(self, sent: int, pc: PhraseCode, actor_id: str) -> None:
        self.tokens.setdefault(sent, []).append((pc.start, pc.end, pc.head, actor_id))

    def actor_at(self, sent: int, tok: int) -> str | None:
        """The actor whose phrase contains token ``tok`` (the innermost one, the first
        registered when joined parties share it)."""
        ids = self.actors_at(sent, tok)
        return ids[0] if ids else None

    def actors_at(self, sent: int, tok: int) -> list[str]:
        """Every actor of the innermost phrase containing ``tok`` (joined parties of one
        phrase, "the French and Indian navies", share it), first registered first."""
        spans = [(e - s, aid) for s, e, _h, aid in self.tokens.get(sent, ()) if s <= tok < e]
        if not spans:
            return []
        inner = min(n for n, _ in spans)
        return [aid for n, aid in spans if n == inner]


def actor_index(doc: Document) -> ActorIndex:
    """The document's actor phrase index (made empty when the actors stage did not run)."""
    if doc.actor_index is None:
        doc.actor_index = ActorIndex()
    return doc.actor_index
