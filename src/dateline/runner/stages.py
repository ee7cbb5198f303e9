"""Which stages a run can use while not every default stage is registered yet."""

from __future__ import annotations

from dateline.config import Settings
from dateline.pipeline import BASE_FIELDS, registered_stages


def available_stages(settings: Settings) -> list[str]:
    """The configured stages that are registered and whose needs are met, in order."""
    registry = registered_stages()
    have = set(BASE_FIELDS)
    names = []
    for name in settings.stages:
        cls = registry.get(name)
        if cls is None or not cls.needs <= have:
            continue
        names.append(name)
        have |= cls.adds
    return names
