"""Whether an event is asserted: reported as done, decided, promised or threatened.

An event whose ``modality`` only makes it possible, wished or hypothetical ("could
strike", "hopes to sign") stays in the record with that modality, and the event exports
(GDELT, PLOVER), which researchers count, leave it out. The modalities are data:
``unasserted_modality`` in ``codes/data/verb_patterns.yaml``. Background history with a
year and no day (``events.when``) is left out of them too.
"""

from __future__ import annotations

from functools import lru_cache

from dateline.codes import word_list
from dateline.model import Event


@lru_cache(maxsize=1)
def unasserted_modalities() -> frozenset[str]:
    return word_list("unasserted_modality")


def is_asserted(modality: str | None, negated: bool = False) -> bool:
    """True for an event that happened, is happening, was decided, promised or threatened."""
    return not negated and (modality is None or modality.lower() not in unasserted_modalities())


def is_exported(event: Event) -> bool:
    """Whether the event exports (GDELT, PLOVER) carry ``event``: asserted, and not
    background history without a day of its own ("in 2014, Russia annexed …")."""
    if not is_asserted(event.modality, event.negated):
        return False
    return not (event.background and event.date is None)
