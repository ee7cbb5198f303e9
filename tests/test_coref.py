"""Coreference of speaker mentions: pronouns, short names, roles and organisations."""

from __future__ import annotations

import pytest

from _events_dev import run_text as run_full
from _quotes_dev import run_text
from dateline.model import Quote


def _quote(text: str, needle: str) -> Quote:
    rec = run_text(text)
    hits = [q for q in rec.quotes if needle in q.text]
    assert len(hits) == 1, [(q.text, q.speaker) for q in rec.quotes]
    return hits[0]


def test_she_skips_a_man_mentioned_later() -> None:
    q = _quote(
        "Interior Minister Ines Varga said the curfew would end soon. "
        "Mr. Karl Blom, the mayor, said the city was calm. "
        "She said the army would leave on Friday.",
        "army would leave",
    )
    assert q.speaker == "Ines Varga"


def test_he_after_a_quotation_that_names_someone_else() -> None:
    q = _quote(
        "Foreign Minister Tomas Berg spoke after the talks.\n\n"
        "“We discussed the proposal of President Hadley at length, he said. – "
        "We will answer it next week.”",
        "proposal of President Hadley",
    )
    assert q.speaker == "Tomas Berg"


def test_role_description_the_minister() -> None:
    q = _quote(
        "Foreign Minister Anna Ivanova arrived in Oslo on Monday. "
        "The minister said the talks had been useful.",
        "talks had been useful",
    )
    assert q.speaker == "Anna Ivanova"
    assert q.speaker_mention is not None and q.speaker_mention.text == "The minister"


def test_head_of_the_ministry_is_the_minister() -> None:
    q = _quote(
        "Norwegian Foreign Minister Tomas Berg met his Danish colleague. "
        "The head of the Norwegian foreign ministry stressed that the two countries "
        "would coordinate their positions.",
        "coordinate their positions",
    )
    assert q.speaker == "Tomas Berg"


def test_the_ministry_is_the_organisation_named_before() -> None:
    q = _quote(
        "Russia's Foreign Ministry said on Monday that the visit was cancelled. "
        "The ministry added that a new date would be set.",
        "new date",
    )
    assert q.speaker is not None
    assert "Foreign Ministry" in q.speaker


def test_group_speaker_is_null_with_its_mention_kept() -> None:
    """Collectives have no speaker (ANNOTATION.md); the words and the actor stay linked."""
    q = _quote("U.S. officials said the talks would resume in March.", "talks would resume")
    assert q.speaker is None
    assert q.speaker_mention is not None and q.speaker_mention.text == "U.S. officials"
    assert q.speaker_id is not None


def test_joint_statement_of_two_named_people_has_no_speaker() -> None:
    from dateline.actors.table import ActorInfo
    from dateline.quotes.finder import named_speaker

    person = ActorInfo("a1", "Shavkat Mirziyoyev", "person")
    assert named_speaker(person, "Shavkat Mirziyoyev and Vladimir Putin") is None
    assert named_speaker(person, "President Shavkat Mirziyoyev") == "Shavkat Mirziyoyev"
    country = ActorInfo("a2", "Trinidad and Tobago", "organisation")
    assert named_speaker(country, "Trinidad and Tobago") == "Trinidad and Tobago"
    assert named_speaker(ActorInfo("a3", "officials", "group"), "officials") is None


def test_unknown_role_holder_is_not_guessed() -> None:
    q = _quote(
        "Foreign Minister Anna Ivanova arrived in Oslo. "
        "The spokesman said the program would be announced later.",
        "program would be announced",
    )
    assert q.speaker is None


def test_pronoun_prefers_the_subject_over_a_later_object() -> None:
    q = _quote(
        "Foreign Minister Hakan Demir said that the two sides would meet again. "
        "He spoke at a press conference with Foreign Minister Oleh Sydor. "
        "He also noted that the grain corridor had to be reopened.",
        "grain corridor",
    )
    assert q.speaker == "Hakan Demir"


def test_named_apposition_of_a_role() -> None:
    q = _quote(
        "The Belarusian foreign ministry summoned the ambassador. Its spokesman, Andrei Lukin, "
        "said the sanctions were an attempt to interfere.",
        "attempt to interfere",
    )
    assert q.speaker == "Andrei Lukin"


def test_short_name_with_particle() -> None:
    q = _quote(
        "The meeting was hosted by EU envoy Pieter van Dam. "
        "Van Dam said the two leaders had agreed to continue the dialogue.",
        "agreed to continue",
    )
    assert q.speaker == "Pieter van Dam"


def test_the_ministry_named_in_an_unparsed_sentence() -> None:
    q = _quote(
        "The Russian foreign Ministry did not attend the meeting in Oslo. "
        "Later the ministry said that the visit had been cancelled.",
        "visit had been cancelled",
    )
    assert q.speaker == "Russian foreign Ministry"


def test_unnamed_official_of_a_ministry_is_nobody() -> None:
    q = _quote(
        "A senior official of the Ministry of Commerce told reporters that trade talks "
        "would continue next month.",
        "trade talks",
    )
    assert q.speaker is None
    assert q.speaker_mention is not None
    assert q.speaker_mention.text == "A senior official of the Ministry of Commerce"


def test_capital_speaks_for_its_country() -> None:
    rec = run_text("Athens has argued that the name belongs to its northern province.")
    q = rec.quotes[0]
    assert q.speaker == "Greece"
    actor = next(a for a in rec.actors if a.id == q.speaker_id)
    assert actor.kind == "country" and actor.country == "GRC"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Athens"


def test_the_president_is_not_the_vice_president() -> None:
    q = _quote(
        "Vice President Laura Stein met the delegation on Monday. "
        "The president said the visit would be postponed.",
        "visit would be postponed",
    )
    assert q.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        'Greek Shipping Minister Sofia Dimas said the port would reopen. "We have never closed '
        'our doors to trade."',
        'Prime Minister Nikol Pashinyan presented the progress of the talks. "You know that '
        'Armenia has conveyed our comments."',
    ],
)
def test_quotation_without_attribution_continues_the_person_just_named(text: str) -> None:
    rec = run_text(text)
    direct = [q for q in rec.quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker in ("Sofia Dimas", "Nikol Pashinyan")
    assert direct[0].speaker_mention is None  # no attributing words stand near it


def test_quotation_opening_a_paragraph_after_no_person_stays_unattributed() -> None:
    rec = run_text('The storm hit the coast on Monday.\n\n"Nobody was ready for this."')
    assert [q.speaker for q in rec.quotes] == [None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Prime Minister Nikol Pashinyan elaborated that Armenia does not want a war.",
         "Nikol Pashinyan"),
        ("Spokeswoman Maria Zakharova denounced that the alliance had increased its budget.",
         "Maria Zakharova"),
    ],
)  # fmt: skip
def test_more_speech_verbs_report_speech(text: str, speaker: str) -> None:
    rec = run_text(text)
    assert [(q.kind, q.speaker) for q in rec.quotes] == [("indirect", speaker)]


def test_a_role_no_one_holds_is_the_one_person_named_without_a_role() -> None:
    text = (
        "At a briefing, the spokeswoman said the embassy would stay open. "
        "She explained that talks with the Coastal League were continuing. "
        "Kovalenkova stressed that her government would keep its envoy in Varna. "
        "The spokeswoman added that the border posts would reopen on Monday."
    )
    assert _quote(text, "embassy would stay open").speaker == "Kovalenkova"
    assert _quote(text, "talks with the Coastal League").speaker == "Kovalenkova"
    assert _quote(text, "border posts would reopen").speaker == "Kovalenkova"


def test_an_unnamed_holder_of_the_role_keeps_the_role_unnamed() -> None:
    q = _quote(
        "The talks stalled on Sunday, two diplomats said. "
        '"They are further apart than ever," the diplomat said. '
        '"Every week costs lives," said Mara Quint, who leads a relief coalition.',
        "further apart",
    )
    assert q.speaker is None


def test_words_the_tagger_left_between_a_title_and_the_name_are_the_name() -> None:
    text = (
        "Vietnam always counts Chile among its closest partners, President To Lam told "
        "Chilean Ambassador Rosa Pinto during a reception in Hanoi. "
        "Trade between the two countries would double by 2030, the President said."
    )
    first = _quote(text, "closest partners")
    assert first.speaker == "To Lam"
    assert _quote(text, "would double").speaker == "To Lam"


def test_the_group_speaks_for_the_organisation_named_last() -> None:
    text = (
        "The Northern Liberation Front attacked a convoy on Monday. "
        '"We will not stop," the group said in a statement. '
        "The rebel movement said it would release two drivers."
    )
    # the whole pipeline: the events stage is what parses the first sentence
    quotes = {q.text: q.speaker for q in run_full(text).quotes}
    assert quotes["We will not stop,"] == "Northern Liberation Front"
    assert quotes["it would release two drivers."] == "Northern Liberation Front"
