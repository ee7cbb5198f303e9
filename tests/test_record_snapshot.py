"""The records of the bundled samples (and of the shared files, when present) are unchanged.

Compared by sha256 against tests/snapshots/records.sha256; after a deliberate
change of output, rerun scripts/update_snapshot.py.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from _record_snapshot import GROUPS, SNAPSHOT, UPDATE_HINT, Entry, compute, read_snapshot
from dateline.config import Settings
from dateline.pipeline import Pipeline


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.mark.slow
@pytest.mark.parametrize("group", GROUPS)
def test_records_match_the_snapshot(group: str) -> None:
    now = compute(group, _pipeline())
    if now is None:
        pytest.skip(f"{group}: input files not present")
    saved = {e.input_hash: e for e in read_snapshot() if e.group == group}
    known = [e for e in now if e.input_hash in saved]
    new = [e for e in now if e.input_hash not in saved]
    if group == "samples":
        gone = sorted(set(saved) - {e.input_hash for e in now})
        assert not new and not gone, (
            f"the bundled samples are not those of {SNAPSHOT.name} ({len(new)} new or "
            f"changed, {len(gone)} gone). {UPDATE_HINT}"
        )
    elif not known:
        pytest.skip(f"{group}: the shared inputs changed since the snapshot. {UPDATE_HINT}")
    changed: list[Entry] = [e for e in known if saved[e.input_hash].record_hash != e.record_hash]
    assert not changed, (
        f"{len(changed)} of {len(known)} records of {group} differ from {SNAPSHOT.name}: "
        + ", ".join(e.label for e in changed[:10])
        + f". {UPDATE_HINT}"
    )
