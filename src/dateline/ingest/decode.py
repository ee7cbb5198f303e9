"""Bytes to text, refusing binary data: the one place readers decode."""

from __future__ import annotations

import re

# Control characters other than tab, newline, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Share of control characters above which a text is taken for binary data.
BINARY_SHARE = 0.02


class DecodeFailure(ValueError):
    """The bytes are not text; the message says why."""


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > BINARY_SHARE


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` (UTF-8, a BOM's encoding, the declared one, then cp1252).

    Raises ``DecodeFailure`` for binary data or bytes no candidate decodes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig"]
        if declared:
            candidates.append(declared)
        candidates.append("cp1252")
    if b"\x00" in data[:8192] and candidates[0] != "utf-16":
        raise DecodeFailure("binary data (NUL bytes)")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if looks_binary(text):
            raise DecodeFailure("binary data (control characters)")
        return text
    raise DecodeFailure("undecodable bytes: not UTF-8 or a known encoding")
