"""The project's exceptions. Each carries a code and a message that says how to fix it."""

from __future__ import annotations


class DatelineError(Exception):
    """Base class: ``code`` is stable, the message names the fix."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ConfigError(DatelineError):
    code = "E001"


class PipelineError(DatelineError):
    """A pipeline cannot be built as configured (unknown stage, unmet needs)."""

    code = "E002"


class ModelNotFoundError(DatelineError):
    code = "E003"


class InputError(DatelineError):
    """One input item could not be read; names the file and line."""

    code = "E010"

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


class StoreError(DatelineError):
    code = "E020"

    #: The statement that failed, for debugging; never part of the message.
    sql: str | None = None


class SearchSyntaxError(DatelineError):
    """A search that cannot mean anything (an unclosed quote, a lone OR, no words)."""

    code = "E021"

    def __init__(self, problem: str) -> None:
        super().__init__(f"bad search: {problem}")


class DataError(DatelineError):
    """A packaged data file (word lists, code tables) has a bad entry; names the file."""

    code = "E030"
