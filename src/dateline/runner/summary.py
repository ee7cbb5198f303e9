"""What an ingest run reports: progress while it runs, a summary at the end, exit codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

#: Every input was read and processed (duplicates and language skips are fine).
EXIT_OK = 0
#: The run finished, but some inputs were quarantined (see the quarantine table).
EXIT_QUARANTINED = 1
#: Usage or configuration error: bad option, missing source, unreachable database.
EXIT_USAGE = 2


@dataclass(slots=True)
class IngestProgress:
    """Counts so far; passed to the progress callback after each committed batch."""

    read: int = 0
    processed: int = 0
    duplicates: int = 0
    skipped: int = 0
    quarantined: int = 0
    quotes: int = 0
    events: int = 0
    seconds: float = 0.0
    files_done: int = 0
    files_total: int = 0
    current: str = ""

    @property
    def rate(self) -> float:
        """Articles read per second in this process so far."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[IngestProgress], None]


@dataclass(slots=True)
class IngestSummary:
    """The end of a run: what was read, stored, skipped and quarantined."""

    read: int
    processed: int
    duplicates: int
    skipped: int
    quarantined: int
    quotes: int
    events: int
    seconds: float
    run_id: int
    resumed: bool
    db: str
    workers: int
    stages: list[str]

    @property
    def exit_code(self) -> int:
        return EXIT_QUARANTINED if self.quarantined else EXIT_OK

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["exit_code"] = self.exit_code
        d["articles_per_second"] = round(self.rate, 2)
        return d
