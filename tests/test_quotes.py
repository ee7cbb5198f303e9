"""Quote finder: one test per pattern, on sentences written for these tests."""

from __future__ import annotations

import pytest

from _quotes_dev import run_text
from dateline.model import Quote, Record


def _check_offsets(rec: Record) -> None:
    for q in rec.quotes:
        assert rec.raw_text[q.start : q.end] == q.text
        for sp in (q.speaker_mention, q.cue):
            if sp is not None:
                assert rec.raw_text[sp.start : sp.end] == sp.text
    for a in rec.actors:
        for m in a.mentions:
            assert rec.raw_text[m.start : m.end] == m.text


def quotes_of(text: str) -> list[Quote]:
    rec = run_text(text)
    _check_offsets(rec)
    return rec.quotes


def one(quotes: list[Quote], needle: str) -> Quote:
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def test_curly_direct_quote_after_cue() -> None:
    qs = quotes_of(
        "Finance Minister Piotr Nowak spoke in Gdansk on Monday.\n\n"
        "“We will not raise taxes this year,” Nowak said."
    )
    q = one(qs, "raise taxes")
    assert q.kind == "direct"
    assert q.text == "We will not raise taxes this year,"
    assert q.speaker == "Piotr Nowak"
    assert q.cue is not None and q.cue.text == "said"


def test_straight_marks_split_by_attribution() -> None:
    qs = quotes_of(
        'Trade Minister Elena Markova visited the port. '
        '"Our plan is sound," she said, "and it will work in the long run."'
    )
    a, b = one(qs, "plan is sound"), one(qs, "long run")
    assert a.kind == b.kind == "direct"
    assert "she said" not in a.text + b.text
    assert a.speaker == b.speaker == "Elena Markova"


def test_cue_left_inside_marks_by_translation_is_cut_out() -> None:
    qs = quotes_of(
        "Foreign Minister Tomas Berg met reporters.\n\n"
        "“Nothing has changed in our approach, he said. – We keep working on the plan "
        "with all our partners.”"
    )
    texts = [q.text for q in qs]
    assert not any("he said" in t for t in texts), texts
    first, second = one(qs, "Nothing has changed"), one(qs, "keep working")
    assert first.speaker == second.speaker == "Tomas Berg"
    assert first.speaker_mention is not None and first.speaker_mention.text == "he"


def test_dash_paragraph_quote() -> None:
    qs = quotes_of(
        "Foreign Minister Tomas Berg arrived in Riga.\n\n"
        "– We are ready to sign the agreement today, – the Minister said."
    )
    q = one(qs, "ready to sign")
    assert q.kind == "direct"
    assert "Minister" not in q.text
    assert q.speaker == "Tomas Berg"


def test_dash_after_closing_mark() -> None:
    qs = quotes_of(
        "Foreign Minister Tomas Berg spoke after the talks.\n\n"
        "“I hope the list of groups will be agreed next week”, – the Minister added."
    )
    q = one(qs, "list of groups")
    assert q.text == "I hope the list of groups will be agreed next week"
    assert q.speaker == "Tomas Berg"


def test_colon_quote() -> None:
    qs = quotes_of("Defence Minister Olaf Lind spoke briefly.\n\nLind: “The border stays open.”")
    q = one(qs, "border stays open")
    assert q.kind == "direct"
    assert q.speaker == "Olaf Lind"


def test_guillemets_and_low_marks() -> None:
    qs = quotes_of(
        "Prime Minister Marta Kowal visited Vilnius.\n\n"
        "«The deal is done and signed», Kowal said.\n\n"
        "„We will meet again in spring“, she added."
    )
    assert one(qs, "deal is done").speaker == "Marta Kowal"
    assert one(qs, "meet again in spring").speaker == "Marta Kowal"


def test_nested_quote_stays_inside_the_outer_one() -> None:
    qs = quotes_of(
        "Foreign Minister Tomas Berg spoke in Oslo.\n\n"
        "“They talk about a “frozen conflict”, but nothing here is frozen at all,” he said."
    )
    q = one(qs, "frozen conflict")
    assert q.text == "They talk about a “frozen conflict”, but nothing here is frozen at all,"
    assert len(qs) == 1


def test_quotation_over_several_paragraphs() -> None:
    qs = quotes_of(
        "Interior Minister Ines Varga gave a long statement.\n\n"
        "“We have done everything the law allows to protect the people of the region.\n\n"
        "“We will go on doing so for as long as it takes,” Varga said."
    )
    a, b = one(qs, "everything the law"), one(qs, "for as long")
    assert a.kind == b.kind == "direct"
    assert a.speaker == b.speaker == "Ines Varga"


def test_unbalanced_marks_end_with_the_paragraph() -> None:
    qs = quotes_of(
        "Interior Minister Ines Varga spoke on radio.\n\n"
        "She said: “We will respond to every attack in kind.\n\n"
        "The ministry gave no details."
    )
    q = one(qs, "respond to every attack")
    assert q.text == "We will respond to every attack in kind."
    assert q.speaker == "Ines Varga"


def test_mixed_quote_called() -> None:
    qs = quotes_of(
        "Trade Minister Elena Markova spoke on Tuesday. "
        "Markova called the tariff plan “a reckless gamble with jobs”."
    )
    q = one(qs, "reckless gamble")
    assert q.kind == "mixed"
    assert q.text.startswith("the tariff plan")
    assert q.speaker == "Elena Markova"


def test_mixed_quote_reported_clause() -> None:
    qs = quotes_of(
        "Foreign Minister Anna Ivanova met her counterpart. "
        "Ivanova stressed that both countries “share the same goal and must act together.”"
    )
    q = one(qs, "share the same goal")
    assert q.kind == "mixed"
    assert q.text.startswith("both countries")
    assert q.speaker == "Anna Ivanova"


def test_indirect_speech_without_that() -> None:
    qs = quotes_of("Foreign Minister Anna Ivanova said the talks would resume next week.")
    q = one(qs, "talks would resume")
    assert q.kind == "indirect"
    assert q.text.startswith("the talks")
    assert "said" not in q.text
    assert q.speaker == "Anna Ivanova"
    assert q.speaker_mention is not None
    assert q.speaker_mention.text == "Foreign Minister Anna Ivanova"


def test_indirect_speech_with_that_and_warn() -> None:
    qs = quotes_of("Health Minister Karl Blom warned that hospitals could run out of beds.")
    q = one(qs, "hospitals")
    assert q.kind == "indirect"
    assert q.text.startswith("hospitals")
    assert q.cue is not None and q.cue.text == "warned"
    assert q.speaker == "Karl Blom"


def test_according_to() -> None:
    qs = quotes_of(
        "Foreign Minister Anna Ivanova spoke on Monday. "
        "According to the minister, the convoy crossed the border at dawn."
    )
    q = one(qs, "convoy crossed")
    assert q.kind == "indirect"
    assert q.text.startswith("the convoy")
    assert q.speaker == "Anna Ivanova"


def test_this_was_stated_by() -> None:
    qs = quotes_of(
        "The sanctions will stay in place until the end of the year. "
        "This was stated by Finance Minister Piotr Nowak on Monday."
    )
    q = one(qs, "sanctions will stay")
    assert q.kind == "indirect"
    assert q.speaker == "Piotr Nowak"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    qs = quotes_of(
        "The so-called “peace plan” was rejected by parliament on Friday. "
        "The film “Winter Roads” opened in Riga."
    )
    assert qs == []


def test_unnamed_speaker_stays_null() -> None:
    qs = quotes_of("A spokesman said the plant would stay closed until Monday.")
    q = one(qs, "plant would stay closed")
    assert q.speaker is None
    assert q.speaker_id is None
    assert q.speaker_mention is not None and q.speaker_mention.text == "A spokesman"


@pytest.mark.parametrize(
    "text",
    [
        "“The vote was fair,” the head of the electoral commission told reporters after",
        "It is a plain sentence without any speech in it.",
    ],
)
def test_offsets_hold_on_odd_input(text: str) -> None:
    quotes_of(text)


def test_inverted_cue_inside_marks() -> None:
    qs = quotes_of(
        "Foreign Minister Dmitro Lisenko spoke in Kyiv.\n\n"
        "“People matter more than politics, – said Lisenko. – If the other side agrees, "
        "our team can travel this week”."
    )
    assert not any("said" in q.text for q in qs), [q.text for q in qs]
    first, second = one(qs, "People matter"), one(qs, "If the other side")
    assert first.speaker == second.speaker == "Dmitro Lisenko"


def test_quote_announced_by_the_paragraph_before() -> None:
    qs = quotes_of(
        "Correspondent Lena Hart reports.\n\n"
        "“The raid began at dawn and lasted for several hours in the old town.”"
    )
    assert one(qs, "raid began").speaker == "Lena Hart"


def test_closed_sentence_is_not_attributed_to_the_next_subject() -> None:
    qs = quotes_of(
        "Critics fear the policy leads toward \"a new arms race.\" "
        "Western officials estimate the army has grown by a third."
    )
    assert not any("arms race" in q.text and q.kind == "direct" for q in qs)


def test_speech_noun_with_possessor() -> None:
    qs = quotes_of(
        "Markets rose after Finance Minister Piotr Nowak's pledge that taxes would not rise "
        "this year."
    )
    q = one(qs, "taxes would not rise")
    assert q.kind == "indirect"
    assert q.speaker == "Piotr Nowak"


def test_nested_report_keeps_the_inner_speaker() -> None:
    qs = quotes_of(
        "A diplomatic source said Foreign Minister Anna Ivanova stressed during the talks "
        "that a ceasefire was needed at once."
    )
    q = one(qs, "ceasefire was needed")
    assert q.text.startswith("a ceasefire")
    assert q.speaker == "Anna Ivanova"


def test_stage_declares_selective_cues() -> None:
    from dateline.stages.quotes import QuotesStage

    cues = QuotesStage.cues
    assert cues is not None
    assert cues.search("The minister said the talks would go on.")
    assert cues.search("“We are ready,” he added.")
    assert cues.search("– We are ready to sign.")
    assert cues.search("According to the ministry, the border is closed.")
    assert not cues.search("The United States and the State Department sent aid to Chad.")
    assert not cues.search("Heavy rain fell over the capital on Sunday – the third day in a row.")


def test_dash_paragraphs_of_an_interview_continue_the_speaker() -> None:
    qs = quotes_of(
        "Foreign Minister Tomas Berg answered questions in Riga.\n\n"
        "– We are ready to sign the agreement today, – the Minister said.\n\n"
        "– Our partners know what we expect from them and when."
    )
    q = one(qs, "Our partners know")
    assert q.kind == "direct"
    assert q.speaker == "Tomas Berg"


def test_short_dash_lines_are_not_quotes() -> None:
    assert quotes_of("Read more:\n\n- Share this story\n\n- Print") == []


def test_single_marks_as_quotation_marks() -> None:
    qs = quotes_of(
        "Trade Minister Elena Markova spoke in Leeds.\n\n"
        "'We will not accept these tariffs,' Markova said. The Smiths' shop stayed closed."
    )
    q = one(qs, "accept these tariffs")
    assert q.text == "We will not accept these tariffs,"
    assert q.speaker == "Elena Markova"
    assert len(qs) == 1


def test_quoted_title_opening_a_sentence_is_not_a_quote() -> None:
    assert quotes_of("“Operation Iron Shield Two” began on Monday near the border.") == []


def test_negated_or_open_questions_are_not_reported_speech() -> None:
    qs = quotes_of(
        "The minister did not say that the border would close. "
        "The ministry would not confirm whether the envoy had left."
    )
    assert qs == []


def test_according_to_plan_is_not_a_source() -> None:
    assert quotes_of("According to the plan, the troops will leave the city by Friday.") == []


def test_data_that_indicate_are_not_speakers() -> None:
    assert quotes_of("Recent polls indicate that the ruling party will lose its majority.") == []


AP_STYLE = (
    "WASHINGTON (AP) — The White House said Tuesday it would send a delegation to the "
    "climate talks in Nairobi.\n\n"
    '"We are committed to this process," press secretary Dana Moore told reporters. '
    '"But we need partners who are serious."\n\n'
    "Moore declined to say whether President Carl Hensley would attend in person.\n\n"
    "Republican Senator Mark Ellis criticized the decision, calling the talks "
    '"a waste of taxpayer money."\n\n'
    '"I do not see any benefit," Ellis said in a statement. "None."\n\n'
    "His spokeswoman, Ana Ruiz, said last week that Hensley \"remains open\" to the trip."
)


def test_wire_story_end_to_end() -> None:
    qs = quotes_of(AP_STYLE)
    got = [(q.kind, q.speaker) for q in qs]
    assert got == [
        ("indirect", "White House"),
        ("direct", "Dana Moore"),
        ("direct", "Dana Moore"),
        ("mixed", "Mark Ellis"),
        ("direct", "Mark Ellis"),
        ("direct", "Mark Ellis"),
        ("mixed", "Ana Ruiz"),
    ], [(q.kind, q.speaker, q.text) for q in qs]
    assert one(qs, "waste of taxpayer").text.startswith("the talks")
    assert not any("whether" in q.text for q in qs)


def test_british_single_marks_in_mixed_quotes() -> None:
    qs = quotes_of(
        "Labour's health spokesman, Tom Reid, described the plan as 'too little, too late'.\n\n"
        "Mr Reid said the government had 'failed for a decade' and warned that waiting lists "
        "would keep growing.\n\n"
        "The Royal College of Nursing said it welcomed the announcement."
    )
    q = one(qs, "too little")
    assert q.kind == "mixed" and q.speaker == "Tom Reid"
    q = one(qs, "failed for a decade")
    assert q.kind == "mixed" and q.speaker == "Tom Reid"
    assert one(qs, "welcomed the announcement").speaker == "Royal College of Nursing"


def test_translation_source_phrases() -> None:
    qs = quotes_of(
        "Foreign Minister Ivan Petrov met his counterpart on Monday. "
        "As the Minister noted, the talks were useful and frank. "
        "In his words, the sides will meet again in May."
    )
    a, b = one(qs, "talks were useful"), one(qs, "meet again in May")
    assert a.kind == b.kind == "indirect"
    assert a.text.startswith("the talks") and b.text.startswith("the sides")
    assert a.speaker == b.speaker == "Ivan Petrov"


def test_according_to_after_a_quotation() -> None:
    qs = quotes_of(
        'Prime Minister Marta Kowal spoke in Vilnius. "We will never accept this," '
        "according to Kowal."
    )
    q = one(qs, "never accept")
    assert q.kind == "direct" and q.speaker == "Marta Kowal"
    assert len(qs) == 1


def test_quotation_introduced_by_a_colon_paragraph() -> None:
    qs = quotes_of(
        "Russia's Foreign Ministry issued a statement on Monday. In the statement, the ministry "
        'said:\n\n"We regard these actions as a violation of all agreements."'
    )
    q = one(qs, "violation of all agreements")
    assert q.kind == "direct"
    assert q.speaker == "Russia's Foreign Ministry"


def test_interview_questions_are_not_quotes() -> None:
    qs = quotes_of(
        "Ambassador Olga Ivanova spoke to our newspaper.\n\n"
        "– Madam Ambassador, how do you assess the results of the visit?\n\n"
        "– I think the visit was a success, and our ministers will meet again in autumn."
    )
    assert [q.text for q in qs] == [
        "I think the visit was a success, and our ministers will meet again in autumn."
    ]


def test_quoted_as_saying() -> None:
    qs = quotes_of(
        "Foreign Minister Anna Ivanova was quoted as saying that the border would reopen soon."
    )
    q = one(qs, "border would reopen")
    assert q.kind == "indirect" and q.speaker == "Anna Ivanova"


def test_a_pronoun_after_a_title_at_a_sentence_end_is_no_name() -> None:
    from _events_dev import run_text

    r = run_text(
        "Kenya's opposition demanded the resignation of the country's interior minister. "
        "It accused him of stealing public funds."
    )
    assert all(a.name != "It" for a in r.actors)
    assert any(e.cameo == "1121" for e in r.events), [(e.cameo, e.source.code) for e in r.events]


def test_a_court_ruling_is_reported_speech() -> None:
    qs = quotes_of(
        "Chile's Supreme Court ruled on Monday that the vote count had been "
        "falsified in three provinces."
    )
    q = one(qs, "the vote count had been falsified")
    assert q.kind == "indirect" and q.speaker and "Supreme Court" in q.speaker
    # "ruled" with an object and no that-clause reports nothing
    assert quotes_of("The party ruled the country for thirty years.") == []


def test_name_then_role_before_a_colon_is_the_speaker() -> None:
    qs = quotes_of('Jonas Berg, Prime Minister of Norway: "We prepared this visit for months."')
    assert one(qs, "We prepared").speaker == "Jonas Berg"
    # a place before the colon stays what it was
    qs = quotes_of('Oslo, Norway: "We will rebuild," the mayor said.')
    assert one(qs, "We will rebuild").speaker != "Oslo"


def test_a_national_coast_guard_speaks_as_itself() -> None:
    qs = quotes_of("The Philippine coast guard said one of its crew members was slightly hurt.")
    q = one(qs, "one of its crew members")
    assert q.speaker == "Philippine coast guard"


def test_a_hyphenated_title_is_one_role() -> None:
    qs = quotes_of(
        "NATO Secretary-General Jens Stoltenberg visited Kyiv on Monday. On Wednesday, the "
        "NATO secretary-general told reporters that the alliance regretted the decision."
    )
    assert one(qs, "the alliance regretted").speaker == "Jens Stoltenberg"


def test_the_official_is_the_office_holder_last_named_unless_an_unnamed_one_came() -> None:
    qs = quotes_of('Deputy Secretary Ana Ruiz spoke in Lima. "We will act," the official said.')
    assert one(qs, "We will act").speaker == "Ana Ruiz"
    qs = quotes_of(
        'Deputy Secretary Ana Ruiz spoke in Lima. A senior official said talks had failed. '
        '"We will act," the official said.'
    )
    assert one(qs, "We will act").speaker is None
