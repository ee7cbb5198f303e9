"""One rule book: the packaged data files of the rules, read by one loader, checked by one check.

The English vocabulary the rules test words against (prepositions of place, light verbs,
pronouns, determiners, …) and the CAMEO policy they apply (which roots, codes, actor roles
and PLOVER types a rule treats alike) live in data files beside the code that uses them:

- ``events/data/words.yaml`` (``EVENTS``): the event coder's English word lists;
- ``quotes/data/words.yaml`` (``QUOTES``): the quotation finder's;
- ``evaluation/data/words.yaml`` (``EVALUATION``): the scorer's title words;
- ``codes/data/cameo_policy.yaml`` (``CAMEO_POLICY``): roots, codes, roles, PLOVER types.

Each of these files is a YAML mapping from list names to lists. ``words``/``ordered`` give
a list of lower-case words, ``roots``/``codes`` one of CAMEO roots/codes (checked against
``codes/data/cameo_codes.csv``), ``roles`` one of actor role codes, ``plover_types`` one of
PLOVER types. A bad entry (a number, an empty or nested entry, upper case in a word list, a
duplicate, a code CAMEO does not have) or a missing list raises ``DataError`` (E030) naming
the file and the line; the commands that build a pipeline print it and exit with code 2
(``tests/test_rules.py`` runs ``dateline extract`` on a bad copy). Entries are read as
written: YAML 1.1 reads a plain ``no``/``on``/``off``/``yes`` as a boolean, here they stay
the words they are.

What stays in code: spaCy's dependency labels, part-of-speech tags and entity labels
(``{"dobj", "obj"}``, ``"nsubj"``, ``"PROPN"``, ``{"GPE", "ORG"}``) and the actor-dictionary
entry kinds. They are the parser's and the dictionary's conventions, not English words:
they change with the parser, not with the language of the news.

Every other packaged data file is read through ``read_text``/``read_yaml`` too, so one
``DATA_ROOT`` decides where all data comes from (tests point it at a copy).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from dateline.errors import DataError

#: Where the packaged data is: the ``dateline`` package (paths below are relative to it).
DATA_ROOT: Traversable = files("dateline")

EVENTS = "events/data/words.yaml"
QUOTES = "quotes/data/words.yaml"
EVALUATION = "evaluation/data/words.yaml"
ACTORS = "actors/data/words.yaml"
CAMEO_POLICY = "codes/data/cameo_policy.yaml"

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_ROLE = re.compile(r"[A-Z]{3}")


def where(path: str) -> str:
    """How messages name a data file: ``dateline/<path>``."""
    return f"dateline/{path}"


def read_text(path: str) -> str:
    """The text of the packaged data file ``path`` (relative to the package)."""
    try:
        return DATA_ROOT.joinpath(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{where(path)}: no such data file; reinstall dateline") from None


def _yaml_error(path: str, e: yaml.YAMLError) -> DataError:
    mark = getattr(e, "problem_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(e, "problem", None) or str(e)
    return DataError(f"{where(path)}{line}: not valid YAML: {problem}")


def read_yaml(path: str) -> Any:
    """The parsed YAML of the packaged data file ``path``."""
    try:
        return yaml.safe_load(read_text(path))
    except yaml.YAMLError as e:
        raise _yaml_error(path, e) from None


def lines(path: str) -> list[str]:
    """The entries of a plain list file: one a line, blank lines and ``#`` lines skipped."""
    text = read_text(path)
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a list, with the line it is written on (from 1)."""

    value: str
    line: int


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


@cache
def lists(path: str) -> dict[str, tuple[Entry, ...]]:
    """Every list of the rule file ``path``, checked: each is a sequence of non-empty text
    entries without duplicates. Raises ``DataError`` naming the file and line otherwise."""
    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise _yaml_error(path, e) from None
    if root is None:
        return {}
    if not isinstance(root, MappingNode):
        raise DataError(f"{where(path)}:{_line(root)}: expected a mapping of list names to lists")
    out: dict[str, tuple[Entry, ...]] = {}
    for key, value in root.value:
        name = key.value if isinstance(key, ScalarNode) else None
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise DataError(
                f"{where(path)}:{_line(key)}: a list name must be lower-case letters, digits "
                f"and '_', not {name!r}"
            )
        if name in out:
            raise DataError(f"{where(path)}:{_line(key)}: list {name!r} is given twice")
        if not isinstance(value, SequenceNode):
            raise DataError(f"{where(path)}:{_line(value)}: {name}: expected a list of entries")
        out[name] = _entries(path, name, value)
    return out


def _entries(path: str, name: str, seq: SequenceNode) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    first: dict[str, int] = {}
    for node in seq.value:
        line = _line(node)
        at = f"{where(path)}:{line}: {name}"
        if not isinstance(node, ScalarNode):
            raise DataError(f"{at}: expected a single entry, not a nested list or mapping")
        if node.tag not in (_STR, _BOOL):  # plain yes/no/on/off are words as written
            kind = node.tag.rsplit(":", 1)[-1]
            if kind == "null" or not node.value.strip():
                raise DataError(f"{at}: empty entry")
            raise DataError(f"{at}: expected text, got a {kind} ({node.value}); quote it")
        value = node.value
        if not value.strip():
            raise DataError(f"{at}: empty entry")
        if value != value.strip():
            raise DataError(f"{at}: {value!r} has spaces around it")
        if value in first:
            raise DataError(f"{at}: {value!r} is listed twice (first on line {first[value]})")
        first[value] = line
        entries.append(Entry(value, line))
    return tuple(entries)


def entries(path: str, name: str) -> tuple[Entry, ...]:
    """The entries of list ``name`` in rule file ``path``; ``DataError`` when it has none."""
    found = lists(path)
    if name not in found:
        raise DataError(
            f"{where(path)}: no list named {name!r} (the code asks for it); "
            f"lists in the file: {', '.join(sorted(found)) or 'none'}"
        )
    return found[name]


def _checked(path: str, name: str, ok: Callable[[str], bool], what: str) -> tuple[str, ...]:
    out = entries(path, name)
    for e in out:
        if not ok(e.value):
            raise DataError(f"{where(path)}:{e.line}: {name}: {e.value!r} is not {what}")
    return tuple(e.value for e in out)


def _is_word(value: str) -> bool:
    return value == value.lower() and any(c.isalpha() for c in value)


@cache
def ordered(path: str, name: str) -> tuple[str, ...]:
    """A list of lower-case words in file order (for rules that try them in turn)."""
    return _checked(path, name, _is_word, "a lower-case word")


@cache
def words(path: str, name: str) -> frozenset[str]:
    """A list of lower-case words, as a set."""
    return frozenset(ordered(path, name))


def _cameo() -> frozenset[str]:
    from dateline.codes.cameo import load_cameo_codes  # late: codes reads through this module

    return frozenset(load_cameo_codes())


@cache
def roots(path: str, name: str) -> frozenset[str]:
    """A list of two-digit CAMEO roots ("03"), each one of ``cameo_codes.csv``."""
    known = _cameo()
    return frozenset(
        _checked(path, name, lambda v: len(v) == 2 and v in known, "a two-digit CAMEO root")
    )


@cache
def codes(path: str, name: str) -> frozenset[str]:
    """A list of CAMEO event codes ("039"), each one of ``cameo_codes.csv``."""
    known = _cameo()
    return frozenset(_checked(path, name, lambda v: v in known, "a CAMEO code"))


@cache
def roles(path: str, name: str) -> frozenset[str]:
    """A list of three-letter CAMEO actor role codes ("REB")."""
    return frozenset(
        _checked(path, name, lambda v: bool(_ROLE.fullmatch(v)), "a three-letter role code")
    )


@cache
def plover_types(path: str, name: str) -> frozenset[str]:
    """A list of PLOVER 2021 event types ("MOBILIZE")."""
    from dateline.codes.plover import PLOVER_TYPES

    return frozenset(_checked(path, name, lambda v: v in PLOVER_TYPES, "a PLOVER type"))


#: The accessors, by name (the tests find every list the code asks for through them).
ACCESSORS: dict[str, Callable[[str, str], frozenset[str] | tuple[str, ...]]] = {
    "words": words,
    "ordered": ordered,
    "roots": roots,
    "codes": codes,
    "roles": roles,
    "plover_types": plover_types,
}


def clear_caches() -> None:
    """Forget what was read (after pointing ``DATA_ROOT`` elsewhere)."""
    lists.cache_clear()
    for accessor in (ordered, words, roots, codes, roles, plover_types):
        accessor.cache_clear()
