"""When two names are one actor: the name rules every stage and score shares.

A name is compared through its *name keys*, one per word: accents folded
(``fold``), case-folded, a joined particle dropped ("al-Assad" -> "assad") and
punctuation other than hyphens removed (``name_key``, ``name_tokens``).
``NAME_PARTICLES`` are the particles of personal names ("al", "bin", "van",
"de", ...).
"""

from __future__ import annotations

import re
import unicodedata

#: Name particles that do not make a surname on their own ("al-Assad" ~ "Assad").
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu)[-‐]", re.IGNORECASE)


def fold(text: str) -> str:
    """``text`` without accents (NFKD, combining marks dropped), case-folded."""
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def name_key(token: str) -> str:
    """A comparison key for one name token: no accents, no particle, case-folded."""
    s = _PARTICLE.sub("", fold(token))
    return re.sub(r"[^\w-]", "", s)


def name_tokens(name: str) -> list[str]:
    return [name_key(t) for t in name.split() if name_key(t)]
