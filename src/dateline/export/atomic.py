"""Export files appear whole or not at all: written beside the target, then renamed over it.

A killed or failed export leaves the previous file in place (and, after ``kill -9``,
at most a hidden ``.NAME.*.part`` file beside it), never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path in ``path``'s folder; renamed to ``path`` when the block succeeds."""
    target = Path(path)
    folder = target.parent
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o666 & ~_umask())  # what a plain open() would have made
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def open_replacing(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file that replaces ``path`` only once it is completely written."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as f:
        yield f


__all__ = ["open_replacing", "replacing"]
