"""The rule book (``dateline.rules``): one loader, one check that names file and line."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import dateline

# loaded with the packaged data, before a test swaps the data root
import dateline.actors.names
import dateline.codes
from dateline import rules
from dateline.errors import DataError

PACKAGE = Path(dateline.__file__).parent
RULE_FILES = {"EVENTS": rules.EVENTS, "QUOTES": rules.QUOTES, "EVALUATION": rules.EVALUATION,
              "ACTORS": rules.ACTORS,
              "CAMEO_POLICY": rules.CAMEO_POLICY}  # fmt: skip


@pytest.fixture
def data_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data root the loader reads instead of the package."""
    monkeypatch.setattr(rules, "DATA_ROOT", tmp_path)
    rules.clear_caches()
    yield tmp_path
    monkeypatch.undo()
    rules.clear_caches()


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


HEAD = "# a comment\nplace_preps:\n  - at\n"  # the entry after it is on line 4


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("12", "got a int"),
        ("1.5", "got a float"),
        ("At", "not a lower-case word"),
        ('"in "', "spaces around it"),
        ('""', "empty entry"),
        ("", "empty entry"),
        ("[in, on]", "nested list"),
        ("at", "'at' is listed twice (first on line 3)"),
        ('"--"', "not a lower-case word"),
    ],
)
def test_bad_entry_names_file_and_line(data_root: Path, entry: str, problem: str) -> None:
    write(data_root, rules.EVENTS, HEAD + f"  - {entry}\n  - near\n")
    with pytest.raises(DataError) as err:
        rules.words(rules.EVENTS, "place_preps")
    assert err.value.code == "E030"
    assert "dateline/events/data/words.yaml:4: place_preps:" in str(err.value)
    assert problem in str(err.value)


def test_bad_entry_in_flow_list_names_its_line(data_root: Path) -> None:
    write(data_root, rules.QUOTES, "a: [x, y]\nb: [\n  one, two,\n  three, Four,\n]\n")
    with pytest.raises(DataError, match=r"quotes/data/words\.yaml:4: b: 'Four'"):
        rules.words(rules.QUOTES, "b")


def test_a_bad_list_fails_every_list_of_its_file(data_root: Path) -> None:
    write(data_root, rules.EVENTS, "good: [at]\nbad: [in, in]\n")
    with pytest.raises(DataError, match=r"words\.yaml:2: bad: 'in' is listed twice"):
        rules.words(rules.EVENTS, "good")


def test_missing_list_and_file_name_the_file(data_root: Path) -> None:
    write(data_root, rules.EVENTS, "place_preps: [at]\n")
    with pytest.raises(DataError, match=r"dateline/events/data/words\.yaml: no list named 'x'"):
        rules.words(rules.EVENTS, "x")
    with pytest.raises(DataError, match=r"dateline/quotes/data/words\.yaml: no such data file"):
        rules.words(rules.QUOTES, "x")


def test_file_shape_is_checked(data_root: Path) -> None:
    write(data_root, rules.EVENTS, "a: [at]\nb: just text\n")
    with pytest.raises(DataError, match=r"words\.yaml:2: b: expected a list"):
        rules.words(rules.EVENTS, "a")
    write(data_root, rules.QUOTES, "a: [at]\na: [in]\n")
    with pytest.raises(DataError, match=r"words\.yaml:2: list 'a' is given twice"):
        rules.words(rules.QUOTES, "a")
    write(data_root, rules.EVALUATION, "a: [at\nb: [in]\n")
    with pytest.raises(DataError, match=r"evaluation/data/words\.yaml:\d+: not valid YAML"):
        rules.words(rules.EVALUATION, "a")


def test_words_are_read_as_written(data_root: Path) -> None:
    # YAML 1.1 reads a plain no/on/off as booleans: here they are the words
    write(data_root, rules.EVENTS, "w: [no, on, off, yes, \"n't\", \"'ll\"]\n")
    assert rules.words(rules.EVENTS, "w") == {"no", "on", "off", "yes", "n't", "'ll"}
    assert rules.ordered(rules.EVENTS, "w")[:2] == ("no", "on")


@pytest.mark.parametrize(
    ("accessor", "good", "entry", "problem"),
    [
        (rules.roots, '"03"', "03", "got a int"),  # unquoted: a number
        (rules.roots, '"03"', '"21"', "not a two-digit CAMEO root"),
        (rules.roots, '"03"', '"036"', "not a two-digit CAMEO root"),
        (rules.codes, '"036"', '"0999"', "not a CAMEO code"),
        (rules.roles, "REB", "reb", "not a three-letter role code"),
        (rules.plover_types, "ASSAULT", "FIGHT", "not a PLOVER type"),
    ],
)
def test_cameo_policy_entries_are_checked(
    data_root: Path, accessor: object, good: str, entry: str, problem: str
) -> None:
    shutil.copytree(PACKAGE / "codes" / "data", data_root / "codes" / "data")
    write(data_root, rules.CAMEO_POLICY, f"x:\n  - {good}\n  - {entry}\n")
    assert callable(accessor)
    with pytest.raises(DataError) as err:
        accessor(rules.CAMEO_POLICY, "x")
    assert "dateline/codes/data/cameo_policy.yaml:3: x:" in str(err.value)
    assert problem in str(err.value)


def test_cameo_policy_accepts_known_codes(data_root: Path) -> None:
    shutil.copytree(PACKAGE / "codes" / "data", data_root / "codes" / "data")
    write(data_root, rules.CAMEO_POLICY, 'r: ["03", "20"]\nc: ["039", "0312"]\np: [MOBILIZE]\n')
    assert rules.roots(rules.CAMEO_POLICY, "r") == {"03", "20"}
    assert rules.codes(rules.CAMEO_POLICY, "c") == {"039", "0312"}
    assert rules.plover_types(rules.CAMEO_POLICY, "p") == {"MOBILIZE"}


def asked_lists() -> list[tuple[str, str, str, str]]:
    """(accessor, file, list name, where) of every ``rules.<accessor>(rules.FILE, "name")``
    call in the package's source."""
    found = []
    for py in sorted(PACKAGE.rglob("*.py")):
        if py.name == "rules.py":
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "rules"
                and node.func.attr in rules.ACCESSORS
            ):
                continue
            where = f"{py.relative_to(PACKAGE)}:{node.lineno}"
            file_arg, name_arg = [*node.args, None, None][:2]
            assert (
                isinstance(file_arg, ast.Attribute)
                and file_arg.attr in RULE_FILES
                and isinstance(name_arg, ast.Constant)
                and isinstance(name_arg.value, str)
            ), f"{where}: name the file as rules.<FILE> and the list as a string"
            found.append((node.func.attr, RULE_FILES[file_arg.attr], name_arg.value, where))
    return found


def test_every_list_the_code_asks_for_exists_and_passes_its_check() -> None:
    rules.clear_caches()
    asked = asked_lists()
    assert len(asked) > 60, "the scan should find the rule lists the code reads"
    for accessor, path, name, where in asked:
        try:
            values = rules.ACCESSORS[accessor](path, name)
        except DataError as e:  # pragma: no cover - the failure message
            pytest.fail(f"{where}: {e}")
        assert values, f"{where}: {path} {name} is empty"


def test_every_list_in_the_rule_files_is_used() -> None:
    asked = {(path, name) for _, path, name, _ in asked_lists()}
    for path in RULE_FILES.values():
        unused = sorted(name for name in rules.lists(path) if (path, name) not in asked)
        assert not unused, f"{path}: lists no code reads: {unused}"


def test_rule_files_ship_as_package_data() -> None:
    text = (PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    if "package-data" not in text:  # pragma: no cover - an installed copy has no pyproject
        pytest.skip("no pyproject.toml beside the package")
    for path in RULE_FILES.values():
        folder = path.rsplit("/", 1)[0]
        assert f'"{folder}/*"' in text, f"{path} is not package data"


def test_cli_prints_data_error_and_exits_2(tmp_path: Path) -> None:
    """A bad entry in a packaged rule file stops ``dateline extract`` with the E030
    message naming file and line, and the usage/configuration exit code (2)."""
    root = tmp_path / "data_root"
    for pkg in ("codes", "events", "quotes", "stages", "evaluation", "actors"):
        shutil.copytree(PACKAGE / pkg / "data", root / pkg / "data")
    words = root / rules.EVENTS
    text = words.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    line = next(i for i, ln in enumerate(lines, 1) if ln.strip() == "- toward")
    lines[line - 1] = lines[line - 1].replace("toward", "Toward")
    words.write_text("".join(lines), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("MOSCOW, May 3 - Russia and France held talks.\n", encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\nimport dateline.rules as r\n"
        f"r.DATA_ROOT = Path({str(root)!r})\n"
        "from dateline.cli.main import app\n"
        f"app(['extract', {str(article)!r}])\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE.parent), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert f"[E030] dateline/events/data/words.yaml:{line}: target_preps: 'Toward'" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
