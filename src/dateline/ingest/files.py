"""Bounded reading of files and line streams (no input can exhaust memory)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Protocol

#: Bytes per character allowed when reading up to ``max_chars`` characters.
BYTES_PER_CHAR = 4


def byte_limit(max_chars: int) -> int:
    return max_chars * BYTES_PER_CHAR


class Readable(Protocol):
    """Anything with ``read(n) -> bytes``: a file, a ``GzipFile``, a ``BytesIO``."""

    def read(self, n: int = -1, /) -> bytes: ...


def read_bounded(stream: Readable, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of ``stream`` and whether more were left unread."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number from 1, line bytes) for each line; ``None`` for a line over ``limit``.

    Reads in bounded pieces, so a line of any length costs at most ``limit`` bytes.
    """
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            # Too long: skip the rest of this line piece by piece.
            while True:
                rest = stream.readline(limit + 1)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line
