"""What a reader yields besides articles, and the options readers share."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.model import Article


@dataclass(slots=True, frozen=True)
class Quarantined:
    """An input item that could not be read: where it is and why."""

    source: str
    position: str | None
    reason: str


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input item that was read but is not processed (e.g. not English)."""

    source: str
    position: str | None
    reason: str
    article_id: str | None = None
    lang: str | None = None


@dataclass(slots=True, frozen=True)
class JsonFields:
    """Names of the JSON keys that hold each article field."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    author: str = "author"
    lang: str = "lang"
    #: The outlet (``Article.source``); when a line has none, the file path is the source.
    source: str = "source"

    @classmethod
    def parse(cls, spec: str) -> JsonFields:
        """Fields from ``"text=body,id=uid"`` (unnamed fields keep their default)."""
        values: dict[str, str] = {}
        names = set(cls.__dataclass_fields__)
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, value = part.partition("=")
            if not sep or key.strip() not in names or not value.strip():
                raise ValueError(
                    f"bad field mapping {part!r}: use FIELD=KEY with FIELD one of "
                    f"{', '.join(sorted(names))}"
                )
            values[key.strip()] = value.strip()
        return cls(**values)


@dataclass(slots=True)
class ReadOptions:
    """How readers read: JSON field names, size limit, languages to keep."""

    fields: JsonFields = field(default_factory=JsonFields)
    #: Texts longer than this are quarantined (the ``--max-chars`` option).
    max_chars: int = 1_000_000
    #: Languages to keep (ISO 639-1); empty keeps everything and skips detection.
    languages: tuple[str, ...] = ("en",)
    #: Texts shorter than this are not language-checked (detection is unreliable).
    min_chars_for_lang: int = 40


ReadItem = Article | Skipped | Quarantined

__all__ = ["JsonFields", "Quarantined", "ReadItem", "ReadOptions", "Skipped"]
