"""MinHash signatures of an article's cleaned text, and their bytes for storage.

A story is represented by the set of its word 5-grams ("shingles") after
normalisation (Unicode NFKC, case folded, punctuation dropped), sketched with
datasketch's ``MinHash`` (128 permutations, a fixed seed) so that any two
signatures made by any process at any time can be compared. The signature is
stored as datasketch's ``LeanMinHash`` serialisation (little-endian bytes), with
the number of shingles kept beside it: that count turns an estimated Jaccard
similarity into an estimated *containment*, which is what recognises a
truncated reprint.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash

#: Defaults shared by every signature the project makes. Changing either makes
#: stored signatures incomparable with new ones (the SQLite index refuses that).
NUM_PERM = 128
SEED = 20_240_601
SHINGLE_SIZE = 5

_BYTEORDER = "<"
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    """NFKC, case folded, words only, separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[bytes]:
    """Word ``size``-grams of the normalised text, as UTF-8 bytes.

    A text with fewer than ``size`` words (but at least one) is one shingle.
    """
    ws = words(text)
    if not ws:
        return set()
    if len(ws) < size:
        return {" ".join(ws).encode("utf-8")}
    return {" ".join(ws[i : i + size]).encode("utf-8") for i in range(len(ws) - size + 1)}


@lru_cache(maxsize=8)
def _template(num_perm: int, seed: int) -> MinHash:
    # Making the permutations costs more than hashing a short article; do it once.
    return MinHash(num_perm=num_perm, seed=seed)


def _lean(seed: int, hashvalues: Any, scheme: str | None) -> LeanMinHash:
    if scheme is None:  # datasketch < 2 has no schemes
        return LeanMinHash(seed=seed, hashvalues=hashvalues)
    return LeanMinHash(seed=seed, hashvalues=hashvalues, scheme=scheme)


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """A MinHash sketch of one text plus the size of the shingle set it sketches.

    ``hashvalues`` are the MinHash values (a numpy array); ``minhash`` gives
    them as a datasketch ``LeanMinHash`` for use with datasketch's own tools.
    """

    hashvalues: np.ndarray
    n_shingles: int
    seed: int = SEED
    scheme: str | None = None

    @property
    def minhash(self) -> LeanMinHash:
        return _lean(self.seed, self.hashvalues, self.scheme)

    @property
    def empty(self) -> bool:
        return self.n_shingles == 0

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets (0 when either is empty)."""
        if self.empty or other.empty:
            return 0.0
        if len(self.hashvalues) != len(other.hashvalues) or self.seed != other.seed:
            raise ValueError("signatures made with different permutations cannot be compared")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(
            self.hashvalues
        )

    def containment(self, other: Signature, jaccard: float | None = None) -> float:
        """Estimated share of the *smaller* set's shingles that the other set holds.

        From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J (|A|+|B|) / (1+J).
        """
        if self.empty or other.empty:
            return 0.0
        j = self.jaccard(other) if jaccard is None else jaccard
        inter = j * (self.n_shingles + other.n_shingles) / (1.0 + j)
        return min(1.0, inter / min(self.n_shingles, other.n_shingles))

    def to_bytes(self) -> bytes:
        return signature_to_bytes(self)


def make_signature(
    text: str,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
    shingle_size: int = SHINGLE_SIZE,
) -> Signature:
    """The MinHash signature of ``text`` (normally a record's cleaned ``text``)."""
    sh = shingles(text, shingle_size)
    m = _template(num_perm, seed).copy()
    if sh:
        m.update_batch(list(sh))
    return Signature(m.hashvalues, len(sh), seed, getattr(m, "scheme", None))


# LeanMinHash's little-endian layout for the affine schemes: seed, -count, scheme code.
_HEAD = struct.Struct("<qiB")
_SCHEME_DTYPES = {1: ("affine32", "<u4"), 2: ("affine64", "<u8")}


def signature_to_bytes(sig: Signature) -> bytes:
    """Bytes for storage: a 4-byte shingle count, then datasketch's LeanMinHash format."""
    lean = sig.minhash
    buf = bytearray(4 + lean.bytesize(byteorder=_BYTEORDER))
    buf[:4] = int(sig.n_shingles).to_bytes(4, "little")
    lean.serialize(memoryview(buf)[4:], byteorder=_BYTEORDER)
    return bytes(buf)


def signature_from_bytes(data: bytes) -> Signature:
    """The inverse of ``signature_to_bytes``."""
    n = int.from_bytes(data[:4], "little")
    seed, count, code = _HEAD.unpack_from(data, 4)
    if count < 0 and code in _SCHEME_DTYPES:
        # Fast path (numpy view of the values) for the formats datasketch 2 writes.
        scheme, dtype = _SCHEME_DTYPES[code]
        values = np.frombuffer(data, dtype=dtype, count=-count, offset=4 + _HEAD.size)
        return Signature(values.astype(dtype[1:]), n, seed, scheme)
    lean = LeanMinHash.deserialize(memoryview(data)[4:], byteorder=_BYTEORDER)
    return Signature(lean.hashvalues, n, lean.seed, getattr(lean, "scheme", None))


__all__ = [
    "NUM_PERM",
    "SEED",
    "SHINGLE_SIZE",
    "Signature",
    "make_signature",
    "normalise_text",
    "shingles",
    "signature_from_bytes",
    "signature_to_bytes",
    "words",
]
