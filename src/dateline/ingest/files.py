"""Bounded reading of files and line streams (no input can exhaust memory)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

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


#: Bytes read at a time by ``iter_lines``.
BLOCK_BYTES = 1 << 16
_BLANK = re.compile(rb"[ \t\r\n\f\v]+")


def iter_lines(stream: Readable, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number from 1, line bytes) for each line that is not blank; ``None`` for a
    line over ``limit`` bytes.

    Reads in blocks, so a line of any length costs at most ``limit`` bytes, and runs of
    blank lines are passed over in C (a file of nothing but line breaks costs almost
    nothing, however many there are).
    """
    # read1: what is there, up to a block (a truncated gzip still gives what precedes the cut)
    read = getattr(stream, "read1", stream.read)
    lineno = 1  # the number of the line that starts at ``pos``
    buf = b""
    pos = 0
    eof = False
    while True:
        blank = _BLANK.match(buf, pos)
        if blank is not None:
            lineno += buf.count(b"\n", pos, blank.end())
            pos = blank.end()
        nl = buf.find(b"\n", pos)
        if nl >= 0:
            yield lineno, (buf[pos : nl + 1] if nl - pos <= limit else None)
            lineno += 1
            pos = nl + 1
            continue
        if len(buf) - pos > limit:  # too long: pass over the rest of this line
            yield lineno, None
            while True:
                block = read(BLOCK_BYTES)
                if not block:
                    return
                nl = block.find(b"\n")
                if nl >= 0:
                    buf, pos, lineno = block, nl + 1, lineno + 1
                    break
            continue
        if eof:
            if pos < len(buf):
                yield lineno, buf[pos:]
            return
        block = read(BLOCK_BYTES)
        eof = not block
        buf = buf[pos:] + block
        pos = 0
