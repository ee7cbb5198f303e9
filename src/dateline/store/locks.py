"""Which process holds an ingest run, for SQLite stores: a lock per run in a file beside the db.

Byte ``run_id`` of ``<db>-runs.lock`` is locked with POSIX ``lockf``. The lock belongs
to this process: forked workers do not inherit it, and the kernel drops it when the
process ends, however it ends (``kill -9`` too), so an interrupted run can be continued
at once while a running one is never taken over by another process. Closing any
descriptor of a file drops the process's locks on it, so each process opens the lock
file once and shares it between its stores.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass, field


@dataclass
class _LockFile:
    fd: int
    users: int = 0
    held: set[int] = field(default_factory=set)


_FILES: dict[str, _LockFile] = {}
_GUARD = threading.Lock()


class RunLocks:
    """Exclusive, non-blocking locks on run ids; ``path=None`` (an in-memory db) always grants."""

    def __init__(self, path: str | None) -> None:
        self.path = os.path.abspath(path) if path else None
        self._mine: set[int] = set()
        self._open = False

    def _file(self) -> _LockFile:
        assert self.path is not None
        with _GUARD:
            f = _FILES.get(self.path)
            if f is None or f.fd < 0:
                f = _FILES[self.path] = _LockFile(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666))
            if not self._open:
                f.users += 1
                self._open = True
            return f

    def claim(self, run_id: int) -> bool:
        """Hold ``run_id``; ``False`` when another process (or store of this one) holds it."""
        if self.path is None or run_id in self._mine:
            return True
        f = self._file()
        with _GUARD:
            if run_id in f.held:
                return False
            try:
                fcntl.lockf(f.fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, run_id)
            except OSError:
                return False
            f.held.add(run_id)
            self._mine.add(run_id)
        return True

    def release(self, run_id: int) -> None:
        if self.path is None or run_id not in self._mine:
            return
        f = self._file()
        with _GUARD:
            self._mine.discard(run_id)
            f.held.discard(run_id)
            fcntl.lockf(f.fd, fcntl.LOCK_UN, 1, run_id)

    def close(self) -> None:
        for run_id in list(self._mine):
            self.release(run_id)
        if not self._open or self.path is None:
            return
        with _GUARD:
            f = _FILES[self.path]
            f.users -= 1
            self._open = False
            if f.users <= 0:
                os.close(f.fd)
                del _FILES[self.path]


__all__ = ["RunLocks"]
