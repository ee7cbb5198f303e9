"""Stage "dateline": the place, agency and date line that opens a story.

Recognised shapes (place as written, then any of region, date, agency, then a
separator): ``VIENNA, 30 October.``, ``WASHINGTON (Reuters) -``,
``MOSCOW, Oct 30 (Reuters) -``, ``BEIRUT, Lebanon (AP) —``,
``Kyiv, 3 March /TASS/.``, ``LONDON — ``, ``Gaborone, Botswana — ``,
``BEIJING, Feb. 13, Kyodo``. Only the start of the story body is searched, and
a candidate must look like a place (capitals, or a known place with a country,
date or agency after it), so ordinary opening sentences are never taken.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateline import rules
from dateline.config import Settings
from dateline.document import CleanText, Document
from dateline.model import Dateline, Record
from dateline.pipeline import Stage, register_stage
from dateline.stages.dateline_places import is_country_name, lookup_place

#: How far into the story body (characters) the opening paragraphs are searched.
SEARCH_WINDOW = 600
#: How many paragraphs (a caption or subtitle may come first) are searched.
MAX_PARAGRAPHS = 3
#: A dateline longer than this is a sentence, not a dateline.
MAX_DATELINE_CHARS = 90

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
    r"(?:,?\s+\d{4}\b)?"
)
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-zà-ÿ'’\-]+"
_PARTICLE = r"(?:de|da|del|do|dos|la|le|el|al|es|am|an|on|upon)"
_PLACE = (
    rf"(?P<place>{_CAPS_WORD}(?:\ {_CAPS_WORD}){{0,3}}"
    rf"|{_TITLE_WORD}(?:\ (?:{_PARTICLE}\ )?{_TITLE_WORD}){{0,3}})"
)
_REGION = (
    rf",\s*(?!{_MONTH}\s*\d)(?P<region>[A-Z][A-Za-z'’.\-]*(?:\ [A-Z][A-Za-z'’.\-]*){{0,2}})"
    r"(?=\s*[,(/—–\-:.•]|[ \t]*(?:\n|$))"
)
_AGENCY_NAME = r"[A-Z][A-Za-z.&\-]*(?:[ /][A-Z][A-Za-z.&\-]*){0,3}"
_AGENCY = (
    rf"(?:\s*\((?P<ag_paren>{_AGENCY_NAME})\)"
    rf"|\s*\.?\s*/(?P<ag_slash>{_AGENCY_NAME})/"
    rf"|,\s*(?P<ag_comma>{_AGENCY_NAME})(?=[ \t]*(?:[—–\-:.]|\n|$))"
    rf"|\s*•\s*(?P<ag_bullet>{_AGENCY_NAME}))"
)
_SEP = r"(?P<sep>\s*(?:—|–|-{1,2}|:)(?=\s)|\s*\.(?=\s|$)|(?=[ \t]*(?:\n|$)))"
DATELINE_RE = re.compile(
    rf"{_PLACE}(?:{_REGION})?(?:,\s*(?P<date>{_DATE}))?(?:{_AGENCY})?{_SEP}",
)
_YEAR_RE = re.compile(r"\b(\d{4})\b")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


def identity_clean(text: str) -> CleanText:
    """A ``CleanText`` that is the input itself (used when no clean stage ran)."""
    return CleanText(text, list(range(len(text) + 1)))


def clean_of(doc: Document) -> CleanText:
    """The document's clean text, or the input as is when there is none."""
    return doc.clean if doc.clean is not None else identity_clean(doc.raw)


def _data_lines(file_name: str) -> list[str]:
    return rules.lines(f"stages/data/{file_name}")


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Capitalised words that open captions and teasers, never a dateline."""
    return frozenset(w.upper() for w in _data_lines("dateline_not_places.txt"))


def _agency_key(name: str) -> str:
    return re.sub(r"[.\s\-]", "", name).casefold()


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Spelling key -> canonical agency name, from the packaged list."""
    table: dict[str, str] = {}
    for line in _data_lines("dateline_agencies.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            table[_agency_key(n)] = names[0]
    return table


def canonical_agency(name: str) -> str | None:
    return agencies().get(_agency_key(name))


def _reference_date(*candidates: str | None) -> date | None:
    for value in candidates:
        if not value:
            continue
        try:
            return datetime.fromisoformat(value.strip()[:10]).date()
        except ValueError:
            pass
        import dateparser  # type: ignore[import-untyped]  # dateparser ships no types

        parsed = dateparser.parse(value, languages=["en"])
        if parsed is not None:
            return parsed.date()
    return None


def story_date(record: Record, settings: Settings) -> tuple[str | None, str | None]:
    """The story's date (ISO day) and where it came from.

    The dateline's date, else the publication date, else the run's reference
    date (``settings.date``, from ``--date``: "option"), else the run's own day
    (``settings.run_date``: "run"); ``(None, None)`` when there is none of them.
    """
    dl = record.dateline
    if dl is not None and dl.date:
        return dl.date, "dateline"
    if record.published:
        return record.published[:10], "published"
    if settings.date:
        return settings.date[:10], "option"
    if settings.run_date:
        return settings.run_date[:10], "run"
    return None, None


def resolve_date(date_text: str, reference: date | None) -> str | None:
    """ISO date of a dateline's date: its own year, else the reference's year.

    Without a year of its own the date is put in the reference's year, or the
    year before when that would be more than a week after the reference (a
    dateline does not lie in the future).
    """
    import dateparser

    has_year = _YEAR_RE.search(date_text)
    if not has_year and reference is None:
        return None
    base = datetime(reference.year, 6, 15) if reference else None
    settings: dict[str, object] = {"REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(date_text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    if not has_year and reference is not None:
        try:
            day = day.replace(year=reference.year)
            if day > reference + timedelta(days=7):
                day = day.replace(year=reference.year - 1)
        except ValueError:  # 29 February in a year without one
            return None
    return day.isoformat()


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """Clean offsets where a line with content starts, within ``start:end``."""
    starts: list[int] = []
    i = start
    while i < end:
        while i < end and text[i] in " \t":
            i += 1
        if i < end and text[i] != "\n":
            starts.append(i)
        nl = text.find("\n", i, end)
        if nl < 0:
            break
        i = nl + 1
    return starts


def _opening_paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Bounds of the first paragraphs with content, within the search window."""
    n = len(text)
    limit = min(n, start + SEARCH_WINDOW)
    paragraphs: list[tuple[int, int]] = []
    i = start
    while i < limit and len(paragraphs) < MAX_PARAGRAPHS:
        while i < n and text[i].isspace():
            i += 1
        if i >= limit:
            break
        m = _PARA_BREAK.search(text, i, limit)
        end = m.start() if m else limit
        paragraphs.append((i, end))
        i = m.end() if m else limit
    return paragraphs


def find_dateline(text: str, start: int = 0) -> tuple[re.Match[str], dict[str, str | None]] | None:
    """The dateline that opens one of the first paragraphs, with its parts.

    A paragraph's first line may hold any dateline shape; a later line of a
    paragraph (after a byline or a caption) only one with a date or an agency.
    """
    for p_start, p_end in _opening_paragraphs(text, start):
        for k, line_start in enumerate(_line_starts(text, p_start, p_end)):
            m = DATELINE_RE.match(
                text, line_start, min(len(text), line_start + MAX_DATELINE_CHARS)
            )
            if m is None:
                continue
            parts = _accept(m, strong_only=k > 0)
            if parts is not None:
                return m, parts
    return None


def _accept(m: re.Match[str], strong_only: bool) -> dict[str, str | None] | None:
    """The parts of a candidate dateline, or None when it is not one."""
    place = m.group("place")
    region = m.group("region")
    date_text = m.group("date")
    agency_raw = next(
        (m.group(g) for g in ("ag_paren", "ag_slash", "ag_comma", "ag_bullet") if m.group(g)),
        None,
    )
    if place.upper() in not_places():
        return None
    agency: str | None = None
    if agency_raw is not None:
        agency = canonical_agency(agency_raw)
        # Parens and slashes mark an agency even when the list lacks it; a bare
        # comma or bullet needs a known one.
        if agency is None and (m.group("ag_paren") or m.group("ag_slash")):
            if len(agency_raw.split()) > 3:
                return None
            agency = agency_raw
        if agency is None:
            return None
    if region is not None and date_text is None and agency is None:
        known_agency = canonical_agency(region)
        if known_agency is not None:
            agency, region = known_agency, None
    caps = place.upper() == place and any(ch.isalpha() for ch in place)
    known, country = lookup_place(place)
    if region is not None:
        if not is_country_name(region):
            if not caps:
                return None
        else:
            _, country = lookup_place(region)
            known = True
    sep = m.group("sep").strip()
    strong = date_text is not None or agency is not None
    if sep in {"", "."} and not strong:
        return None
    if strong_only and not strong:
        return None
    if not strong and not (known and (caps or region is not None)):
        return None
    if not caps and not known:
        return None
    return {
        "place": place,
        "region": region,
        "country": country,
        "agency": agency,
        "date_text": date_text.rstrip(",") if date_text else None,
    }


@register_stage
class DatelineStage(Stage):
    """Finds the dateline at the start of the story body; sets ``document.story_start``."""

    name = "dateline"
    needs = frozenset({"clean"})
    adds = frozenset({"dateline", "story_start"})

    def process(self, doc: Document) -> None:
        clean = clean_of(doc)
        found = find_dateline(clean.text)
        if found is None:
            doc.record.dateline = None
            doc.story_start = 0
            doc.record.date, doc.record.date_source = story_date(doc.record, self.settings)
            return
        m, parts = found
        span = doc.raw_span(m.start(), m.end())
        date_text = parts["date_text"]
        iso = None
        if date_text:
            ref = _reference_date(
                doc.article.published, self.settings.date, self.settings.run_date
            )
            iso = resolve_date(date_text, ref)
        doc.record.dateline = Dateline(
            place=parts["place"],
            country=parts["country"],
            agency=parts["agency"],
            date_text=date_text,
            date=iso,
            start=span.start,
            end=span.end,
            text=span.text,
        )
        doc.record.date, doc.record.date_source = story_date(doc.record, self.settings)
        story = m.end()
        while story < len(clean.text) and clean.text[story].isspace():
            story += 1
        doc.story_start = story
