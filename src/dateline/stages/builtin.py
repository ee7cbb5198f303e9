"""Imports every built-in stage module so that their stages register.

Each stage module adds its own import line here.
"""

# ruff: noqa: F401
from dateline.stages import (
    actors,
    clean,
    dateline,
    entities,
    events,
    parse,
    quotes,
    sentences,
)
