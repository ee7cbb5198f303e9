"""Puts ``tests/`` on ``sys.path`` so the bench scripts can import the test data
generators (``synth``), which are not part of the installed package.

Import it before ``synth``: ``import _synth_path  # noqa: F401``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1] / "tests")
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
