"""The web package has no import circle: ``app`` imports ``api`` and ``pages``, never the reverse.

The shared helpers live in ``common`` (request state, JSON twins, rendering),
``state`` (stores, cache, templates), ``links`` and ``params``; the page data in
``views``. Each module is imported on its own, in a fresh interpreter, and
the sources are read to check who imports ``app``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import dateline.web

WEB = Path(dateline.web.__file__).parent
MODULES = sorted(p.stem for p in WEB.glob("*.py") if p.stem != "__init__")
#: The only modules that may import ``app``: the package (for ``create_app``) and the server.
MAY_IMPORT_APP = {"__init__", "server"}


def imported(path: Path) -> set[str]:
    """The ``dateline.web`` modules ``path`` imports, anywhere in it (short names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            full = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            full = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        names |= {n.split(".")[2] for n in full if n.startswith("dateline.web.")}
    return names


def test_every_web_module_imports_on_its_own() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}:\n"
        "    for m in [m for m in sys.modules if m.startswith('dateline.web')]:\n"
        "        del sys.modules[m]\n"
        "    importlib.import_module('dateline.web.' + name)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(WEB.parent.parent)}  # this tree's dateline
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=300, check=False, env=env)
    assert r.returncode == 0, r.stderr


def test_api_and_pages_do_not_import_app() -> None:
    assert {"api", "pages", "common", "views"} <= set(MODULES)
    for name in ("api", "pages"):
        assert "app" not in imported(WEB / f"{name}.py"), f"web.{name} imports web.app"
    importers = {m for m in MODULES if "app" in imported(WEB / f"{m}.py")}
    assert importers <= MAY_IMPORT_APP
    assert {"api", "pages"} <= imported(WEB / "app.py")


def test_no_web_module_imports_the_removed_duplicate_queries() -> None:
    assert not (WEB / "queries.py").exists()
    for m in MODULES:
        assert "queries" not in imported(WEB / f"{m}.py")
