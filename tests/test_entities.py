"""Stage "entities": people and organisations with role, country and mentions."""

from __future__ import annotations

from _quotes_dev import run_text
from dateline.model import Actor, Record


def _actor(rec: Record, name: str) -> Actor:
    hits = [a for a in rec.actors if a.name == name]
    assert len(hits) == 1, [(a.name, a.kind) for a in rec.actors]
    return hits[0]


def _offsets_hold(rec: Record) -> None:
    for a in rec.actors:
        for m in a.mentions:
            assert rec.raw_text[m.start : m.end] == m.text


def test_role_and_country_from_the_title() -> None:
    rec = run_text(
        "Russian Foreign Minister Sergey Lavrov said on Monday that talks would go on. "
        "Lavrov spoke in Geneva."
    )
    _offsets_hold(rec)
    a = _actor(rec, "Sergey Lavrov")
    assert a.kind == "person"
    assert a.role == "foreign minister"
    assert a.country == "RUS"
    assert [m.text for m in a.mentions if m.text == "Lavrov"], a.mentions


def test_surname_links_to_the_full_name_in_unparsed_sentences() -> None:
    rec = run_text(
        "Health Minister Karl Blom warned that hospitals were full. "
        "Blom visited two of them in the afternoon. Blom left at six."
    )
    _offsets_hold(rec)
    a = _actor(rec, "Karl Blom")
    assert len(a.mentions) == 3
    assert a.role == "health minister"


def test_spelling_variants_are_not_merged() -> None:
    rec = run_text(
        "Foreign Minister Sergei Petrov said the border was open. "
        "Deputy Minister Sergey Petrov said it was closed."
    )
    names = sorted(a.name for a in rec.actors if a.kind == "person")
    assert names == ["Sergei Petrov", "Sergey Petrov"]


def test_organisation_with_country() -> None:
    rec = run_text("The German Foreign Office said that the embassy in Minsk would close.")
    _offsets_hold(rec)
    orgs = [a for a in rec.actors if a.kind == "organisation"]
    assert orgs, rec.actors
    assert any(a.country == "DEU" for a in orgs)


def test_actor_ids_are_unique_and_ordered() -> None:
    rec = run_text(
        "Trade Minister Elena Markova said prices would fall. "
        "Finance Minister Piotr Nowak said they would not."
    )
    ids = [a.id for a in rec.actors]
    assert len(ids) == len(set(ids))
    assert ids[0] == "a1"
