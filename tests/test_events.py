"""Stage "events": triggers, arguments, negation, modality, location, date, offsets."""

from __future__ import annotations

import pytest

from _events_dev import EXAMPLE, example_record, run_text
from dateline.model import Event, Record


def _events(text: str, **meta: object) -> tuple[Record, list[Event]]:
    r = run_text(text, **meta)
    for e in r.events:
        assert r.raw_text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert r.raw_text[e.sentence.start : e.sentence.end] == e.sentence.text
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
    return r, r.events


def _assert_coded(text: str, triple: tuple[str, str, str | None]) -> None:
    """``text`` gives the event (code, source code, target code)."""
    _, evs = _events(text)
    assert triple in _triples(evs), _triples(evs)


def _triples(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.cameo, e.source.code, e.target.code if e.target else None) for e in events
    ]


def test_accuse_of_with_source_and_target() -> None:
    _, evs = _events("The Kremlin accused Georgia of provoking the clashes.")
    assert _triples(evs) == [("112", "RUSGOV", "GEO")]
    e = evs[0]
    assert e.plover == "ACCUSE" and e.trigger.text == "accused"
    assert e.source.name and e.source.actor_id and e.target and e.target.actor_id
    assert not e.negated and e.modality is None
    assert 0.0 < e.confidence <= 1.0


def test_impose_sanctions_on() -> None:
    _, evs = _events("Canada imposed sanctions on Venezuela on Monday.")
    assert _triples(evs) == [("163", "CAN", "VEN")]
    assert evs[0].plover == "SANCTION" and evs[0].mode == "restrict"


def test_negation_is_recorded() -> None:
    _, evs = _events("Canada did not impose sanctions on Venezuela.")
    assert len(evs) == 1 and evs[0].negated


def test_modality_is_recorded_not_dropped() -> None:
    _, evs = _events("Chile plans to deliver humanitarian aid to Peru.")
    assert _triples(evs) == [("0333", "CHL", "PER")]
    assert evs[0].modality == "plan" and not evs[0].negated


def test_threat_with_complement_target() -> None:
    _, evs = _events("Egypt threatened to cut diplomatic ties with Ethiopia.")
    assert len(evs) == 1
    assert evs[0].cameo.startswith("13") and evs[0].plover == "THREATEN"
    assert evs[0].source.code == "EGY" and evs[0].target and evs[0].target.code == "ETH"


def test_offer_to_coordinate() -> None:
    _, evs = _events("Brazil offered Chile to coordinate military action along the border.")
    assert _triples(evs) == [("0312", "BRA", "CHL")]
    assert evs[0].plover == "AGREE"


def test_call_for_talks_with() -> None:
    _, evs = _events("Japan called for talks with China over the islands.")
    assert len(evs) == 1
    assert evs[0].source.code == "JPN" and evs[0].target and evs[0].target.code == "CHN"


def test_passive_by_agent() -> None:
    _, evs = _events("The protesters were dispersed by Kenyan police.")
    assert len(evs) == 1
    assert evs[0].source.code == "KENCOP" and evs[0].target and evs[0].target.code == "---CVL"


def test_joined_actors_of_a_meeting_are_mutual() -> None:
    _, evs = _events("Norway and Finland signed a border treaty.")
    assert sorted(_triples(evs)) == [("057", "FIN", "NOR"), ("057", "NOR", "FIN")]


def test_refusal_is_its_own_event() -> None:
    _, evs = _events("India refused to meet Pakistan's envoy.")
    assert _triples(evs) == [("125", "IND", "PAKGOV")]
    assert evs[0].plover == "REJECT" and not evs[0].negated


def test_denied_content_is_not_coded() -> None:
    _, evs = _events("Poland denied that it had supplied weapons to Ukraine.")
    assert [e.plover for e in evs] == ["REJECT"]
    assert evs[0].source.code == "POL"


def test_no_pattern_no_event() -> None:
    _, evs = _events("A man walked his dog along the river on a sunny afternoon.")
    assert evs == []


def test_unknown_source_no_event() -> None:
    _, evs = _events("Someone accused the mayor of lying.")
    assert evs == []


def test_at_most_one_event_per_trigger_and_actor_pair() -> None:
    _, evs = _events("Russia accused Ukraine of shelling the plant and of lying about it.")
    keys = [(e.trigger.start, e.source.code, e.target.code if e.target else None) for e in evs]
    assert len(keys) == len(set(keys)) == 1


def test_we_inside_a_quotation_is_the_speaker() -> None:
    r, evs = _events(
        'Chile\'s foreign minister Ana Rojas said: "We strongly condemn the attack on Peru."'
    )
    if not any(q.speaker for q in r.quotes):
        pytest.skip("no quotes stage in this build")
    assert _triples(evs) == [("111", "CHLGOV", "PER")]
    assert evs[0].source.name == "Ana Rojas"


def test_he_after_a_named_person() -> None:
    _, evs = _events(
        "Brazilian Foreign Minister Carla Moura arrived in Lima on Monday. "
        "She praised Peru for its help."
    )
    assert ("051", "BRAGOV", "PER") in _triples(evs)
    # the arrival is a visit, hosted by the country of the place
    assert ("042", "BRAGOV", "PER") in _triples(evs)


def test_location_from_sentence_else_dateline_and_date() -> None:
    _, evs = _events(
        "QUITO, 4 May - Ecuador accused Colombia of violating its airspace. "
        "Ecuador and Colombia held talks in Bogota.",
        published="2025-05-04",
    )
    by_code = {e.cameo: e for e in evs}
    assert by_code["112"].location == "ECU"  # no place in the sentence: the dateline's
    talks = [e for e in evs if e.plover == "CONSULT"]
    assert talks and all(e.location == "COL" for e in talks)
    assert all(e.date and e.date.startswith("2025-05-04") for e in evs)


def test_events_never_from_a_promo_block() -> None:
    if not EXAMPLE.exists():
        pytest.skip("worked example not available")
    r = example_record()
    promo = [x for x in r.removed if x.kind in ("promo", "teaser", "boilerplate")]
    for e in r.events:
        for x in promo:
            assert not (x.start <= e.sentence.start < x.end), e
    for a in r.actors:
        for m in a.mentions:
            for x in promo:
                assert not (x.start <= m.start < x.end), (a.name, m)


def test_modal_code_for_an_intended_visit() -> None:
    _, evs = _events("The Turkish foreign minister will visit Athens next week.")
    assert _triples(evs) == [("036", "TURGOV", "GRC")]  # intent to meet, not a visit
    assert evs[0].modality == "will"


def test_irregular_code_for_non_state_attackers() -> None:
    _, rebels = _events("Insurgents attacked an army base near Mosul.")
    _, army = _events("The Iraqi army attacked rebel positions near Mosul.")
    assert [e.cameo for e in rebels] == ["180"] and rebels[0].plover == "ASSAULT"
    assert [e.cameo for e in army] == ["190"] and army[0].source.code == "IRQMIL"
    assert army[0].target is not None and army[0].target.code == "---REB"
    # a role with no country acting at a named place: the place's country, code kept
    assert army[0].target.country == "IRQ" and army[0].location == "IRQ"


def test_reverse_pattern_source_is_the_giver() -> None:
    _, evs = _events("Haiti received food aid from Canada.")
    assert [(e.source.code, e.target.code if e.target else None) for e in evs] == [
        ("CAN", "HTI")
    ]
    assert evs[0].plover == "AID"


def test_participle_mistagged_as_adjective_still_triggers() -> None:
    from spacy.tokens import Doc

    from dateline.events.clauses import find_clauses
    from dateline.nlp import load_nlp

    words = ["Hungary", "has", "long", "pressured", "Serbia", "."]
    doc = Doc(
        load_nlp().vocab,
        words=words,
        pos=["PROPN", "AUX", "ADV", "ADJ", "PROPN", "PUNCT"],
        tags=["NNP", "VBZ", "RB", "JJ", "NNP", "."],
        lemmas=["Hungary", "have", "long", "pressured", "Serbia", "."],
        heads=[3, 3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "advmod", "ROOT", "dobj", "punct"],
    )
    clauses = list(find_clauses(doc))
    assert [(c.trigger.text, c.pattern.code[:2]) for c in clauses] == [("pressured", "17")]
    assert clauses[0].source is not None and clauses[0].source.text == "Hungary"
    assert [t.text for t in clauses[0].targets][:1] == ["Serbia"]


def test_joined_subjects_of_cooperation_code_once() -> None:
    _, evs = _events("Peru and Chile will cooperate closely on fisheries.")
    assert [(e.source.code, e.target.code if e.target else None) for e in evs] == [
        ("PER", "CHL")
    ]


def test_a_definite_act_noun_names_its_author() -> None:
    _, evs = _events(
        "Egyptian President Omar Fathy offered talks with the rebels. "
        "Rebel commanders dismissed the offer."
    )
    rejects = [e for e in evs if e.plover == "REJECT"]
    assert len(rejects) == 1
    assert rejects[0].target is not None and rejects[0].target.code == "EGYGOV"


@pytest.mark.parametrize(
    "text", ["", "   ", "Hello.", "\u201cWe will attack,\u201d he said.", "They met."]
)
def test_nothing_to_code_gives_nothing(text: str) -> None:
    _, evs = _events(text)
    assert evs == []


def test_the_two_leaders_are_the_two_people_named_before() -> None:
    _, evs = _events(
        "French President Emmanuel Macron received Kenyan President William Ruto in Paris. "
        "The two leaders discussed trade and security."
    )
    pairs = {(e.source.code, e.target.code if e.target else None) for e in evs
             if e.cameo.startswith("04") and "discussed" in e.trigger.text}
    assert pairs == {("FRAGOV", "KENGOV"), ("KENGOV", "FRAGOV")}


def test_no_bare_statement_and_no_meeting_without_a_partner() -> None:
    _, evs = _events("The Peruvian foreign minister stated that the border was calm.")
    assert [e for e in evs if e.cameo == "010"] == []
    _, evs = _events("The Chilean government will begin holding intense discussions.")
    assert [e for e in evs if e.cameo.startswith("04") or e.cameo == "036"] == []
    _, evs = _events("Chile and Peru held talks in Lima.")
    assert {(e.source.code, e.target.code if e.target else None) for e in evs} >= {
        ("CHL", "PER"),
        ("PER", "CHL"),
    }


def test_event_cue_needs_a_trigger_and_an_actor() -> None:
    from dateline.events.lexicon import trigger_cues

    cue = trigger_cues()
    assert cue.search("Police attacked the protesters.")
    assert cue.search("Russia accused Georgia of provoking the clashes.")
    assert cue.search("He met them yesterday.")
    assert not cue.search("the meeting ended quickly and nobody came.")
    # "States" inside a name is not the verb "state"
    assert not cue.search("Many people moved to the United States after the war.")


def _plain(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.cameo, e.source.code, e.target.code if e.target else None) for e in events}


def test_an_act_noun_names_the_author_of_an_earlier_event() -> None:
    _, evs = _events(
        "Canada offered to send aid to Haiti on Monday. "
        "The Haitian government refused to accept aid."
    )
    assert ("121", "HTIGOV", "CAN") in _plain(evs)


def test_an_attack_on_places_targets_their_country() -> None:
    _, evs = _events("The Malian army shelled several northern villages on Sunday.")
    assert _plain(evs) == {("194", "MLIMIL", "MLI")}


def test_an_occasion_is_not_the_content_of_the_act_around_it() -> None:
    _, evs = _events(
        "The Chilean president reaffirmed that the treaty is valid during a phone call "
        "with the Peruvian president."
    )
    assert ("041", "CHLGOV", "PERGOV") in _plain(evs)
    # an attack named as the time of another act is not that act's subject's attack
    _, evs = _events("The Israeli army called up reservists after the attack.")
    assert all(not e.cameo.startswith(("18", "19")) for e in evs)


def test_for_x_to_clause_names_the_one_asked() -> None:
    _, evs = _events("Germany stressed the need for Serbia to withdraw its police from the border.")
    assert {(e.plover, e.source.code, e.target.code if e.target else None) for e in evs} == {
        ("REQUEST", "DEU", "SRB")
    }


def test_a_bare_role_joined_to_a_placed_one_shares_its_country() -> None:
    _, evs = _events("Norway hosted talks between the Syrian government and the opposition.")
    assert ("043", "NOR", "SYROPP") in _plain(evs)


def test_headline_country_places_the_roles_of_the_story() -> None:
    _, evs = _events(
        "The presidential guards detained the prime minister on Monday.",
        title="Coup leaders seize power in Burkina Faso",
    )
    assert _plain(evs) == {("173", "BFAMIL", "BFAGOV")}


def test_unilateral_signing_and_non_military_operations_are_not_events() -> None:
    _, evs = _events("The Turkish president signed a decree on the new customs rules.")
    assert all(e.cameo != "057" for e in evs)
    _, evs = _events("Kremlin officials launched an information operation against Ukraine.")
    assert all(not e.cameo.startswith(("18", "19")) for e in evs)
    _, evs = _events("The Kenyan army launched an operation against al-Shabaab in Somalia.")
    assert any(e.cameo.startswith("19") for e in evs)


def test_cut_aid_needs_to_whom_and_party_nouns_need_a_name() -> None:
    # to whom the aid went is not said: not an event with an empty target
    _, evs = _events("France and Germany cancelled their aid on Tuesday.")
    assert [e for e in evs if e.cameo.startswith("16")] == []
    _, evs = _events("Morocco suspended its aid to Mali.")
    assert ("16", "MAR", "MLI") in {(e.cameo[:2], e.source.code, e.target.code if e.target
                                    else None) for e in evs}
    # "NATO allies": the party noun is named by its modifier
    _, evs = _events("The British foreign secretary briefed NATO allies on the situation.")
    assert ("040", "GBRGOV", "NAT") in _plain(evs)


def test_a_meeting_with_an_uncoded_party_is_half_known() -> None:
    _, evs = _events("Negotiators from Iran and the so-called contact group are meeting in Oslo.")
    assert [e for e in evs if e.cameo.startswith("04")] == []


def test_a_stance_on_a_deed_it_reproaches_is_criticism() -> None:
    _, evs = _events(
        "The Danish foreign minister gave his assessment of the decision of the Swedish "
        "government to act unilaterally on fishing quotas."
    )
    assert _triples(evs) == [("111", "DNKGOV", "SWEGOV")]
    assert evs[0].plover == "ACCUSE" and evs[0].trigger.text == "gave"


@pytest.mark.parametrize(
    "text",
    [
        # a stance with no word of reproach is no event
        "The Danish foreign minister gave his assessment of the Swedish fishing quotas.",
        # one's own assessment told to reporters is not accord with them (019)
        "The Danish foreign minister shared his assessment of the harvest with reporters.",
    ],
)
def test_a_neutral_stance_is_no_event(text: str) -> None:
    _, evs = _events(text)
    assert evs == []


def test_verdict_adjective_and_small_clause_target() -> None:
    _, evs = _events("Latvia's prime minister branded the Belarusian referendum illegal.")
    assert _triples(evs) == [("111", "LVAGOV", "BLR")]


def test_a_participle_verdict_replaces_the_plain_statement() -> None:
    _, evs = _events(
        "Chile's foreign minister commented on the Peruvian deployment to the border, "
        "calling it a provocation."
    )
    # "it" is what was commented on; the statement (010) gives way to its verdict
    assert _triples(evs) == [("111", "CHLGOV", "PER")]
    assert evs[0].trigger.text == "calling"


def test_a_deed_named_in_passing_is_no_new_event() -> None:
    _, evs = _events("Analysts said the Russian buildup was slowing down.")
    assert evs == []


def test_we_in_a_quote_of_an_unnamed_official() -> None:
    _, evs = _events(
        '"We have given our evaluation of the hasty decision of the Serbian government," '
        "the Croatian prime minister said."
    )
    assert _triples(evs) == [("111", "HRVGOV", "SRBGOV")]


def test_the_sources_own_possession_is_not_its_target() -> None:
    _, evs = _events(
        "Syrian President Bashar al-Assad spoke in Damascus on Sunday. "
        "He offered his vision for a dialogue with Turkey on the border."
    )
    assert all(e.target is None or e.target.code != e.source.code for e in evs)
    assert ("036", "SYRGOV", "TUR") in _triples(evs)


def test_joined_targets_keep_the_foreign_party() -> None:
    _, evs = _events(
        "Russian Foreign Minister Sergey Lavrov expressed confidence that Russia and "
        "the United States can cooperate."
    )
    assert [(e.source.code, e.target.code if e.target else None) for e in evs] == [
        ("RUSGOV", "USA")
    ]


def test_aid_cut_without_a_named_recipient_goes_to_the_home_country() -> None:
    text = (
        "NIAMEY, 3 August. Soldiers detained Niger's president in the capital on Wednesday. "
        "Niger's army said it had taken power. "
        "Germany and the Netherlands suspended their development aid on Friday."
    )
    _, evs = _events(text)
    cut = [e for e in evs if e.cameo.startswith("16")]
    assert {(e.source.code, e.target.code if e.target else None) for e in cut} == {
        ("DEU", "NER"),
        ("NLD", "NER"),
    }


def test_no_home_party_in_an_international_story() -> None:
    # filed from a third country, the story has no home: the recipient stays unknown
    _, evs = _events(
        "VIENNA, 3 August. Germany and the Netherlands suspended their development aid."
    )
    assert not [e for e in evs if e.cameo.startswith("16")]


def test_an_absolute_with_clause_is_an_act_of_its_own() -> None:
    text = (
        "OUAGADOUGOU, 18 September. Soldiers seized Burkina Faso's president on Wednesday. "
        "The coup was condemned by the world, with the African Union suspending the "
        "country's membership."
    )
    _, evs = _events(text)
    assert ("160", "AFR", "BFA") in [
        (e.cameo, e.source.country, e.target.country if e.target else None) for e in evs
    ]


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # the measured phrase is the object, and the measuring head's phrases still count
        ("Iran massed thousands of soldiers along its frontier with Iraq.", ("154", "IRN", "IRQ")),
        # a light verb's phrase belongs to the noun it carries
        ("Kenyan police opened a probe into the bribery allegations.", ("091", "KENCOP", None)),
        # the agent of a participle stands behind the act
        ("Bolivia refused to attend the talks proposed by Chile.", ("125", "BOL", "CHL")),
        # the one addressed is the subject of the demanded content
        ("The Latvian government demanded that Russia free the detained sailors.",
         ("1053", "LVAGOV", "RUS")),
        # a place noun's country adjective names the target
        ("Ethiopian artillery shelled Eritrean positions overnight.", ("194", "ETHMIL", "ERI")),
        # a generic body takes its role word's role
        ("A Malian militant group carried out a car bombing.", ("1832", "MLIREB", None)),
    ],
)
def test_argument_structure(text: str, triple: tuple[str, str, str | None]) -> None:
    _assert_coded(text, triple)


def test_a_force_participle_is_the_consequence_of_the_act() -> None:
    _, evs = _events(
        "A Malian militant group carried out a car bombing in Gao, killing twelve soldiers."
    )
    assert [e.cameo for e in evs] == ["1832"]
    assert evs[0].target is not None and evs[0].target.code is not None


def test_a_reduced_relative_is_not_the_subjects_act() -> None:
    _, evs = _events(
        "Jordan's prime minister condemned the raid and accused Israel of violating the "
        "ceasefire agreed last year."
    )
    assert "030" not in [e.cameo for e in evs]
    assert ("112", "JORGOV", "ISR") in _triples(evs)


def test_an_unaddressed_warning_is_no_threat() -> None:
    _, evs = _events("Officials in Ankara warned that the death toll was likely to rise.")
    assert evs == []
    _, evs = _events("Turkey warned Greece against any new drilling near the islands.")
    assert [e.cameo[:2] for e in evs] == ["13"]


def test_rejecting_the_charge_targets_its_author() -> None:
    _, evs = _events(
        "Armenia accused Azerbaijan of shelling border villages. "
        "Azerbaijan rejected the charge on Tuesday."
    )
    assert ("120", "AZE", "ARM") in _triples(evs)


def test_mediation_without_a_named_party_is_in_the_home_country() -> None:
    text = (
        "BAMAKO, 2 March. Soldiers arrested Mali's prime minister on Monday. "
        "Mali's army said the government had failed. "
        "Envoys of the African Union arrived on Tuesday and mediated between the sides."
    )
    _, evs = _events(text)
    assert ("045", "AFR", "MLI") in [
        (e.cameo, e.source.country, e.target.country if e.target else None) for e in evs
    ], _triples(evs)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # the lemmatizer reads "staged" as "stag": the written form still names the carrier,
        # and the carrier's "against" phrase names the target
        ("Chilean unions staged a general strike against the Chilean government's budget.",
         ("143", "CHLLAB", "CHLGOV")),
        # a to-infinitive parsed as an adverbial clause is still the complement
        ("Ottawa threatened on Monday to impose sanctions on Caracas.", ("1312", "CAN", "VEN")),
    ],
)
def test_parser_slips(text: str, triple: tuple[str, str, str | None]) -> None:
    _assert_coded(text, triple)


def test_a_purpose_infinitive_is_not_the_content() -> None:
    _, evs = _events(
        "President Lula called Chilean President Gabriel Boric on Monday to offer "
        "condolences for the terrorist attack."
    )
    assert [e.cameo for e in evs][:1] == ["041"], _triples(evs)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # a conditional is no act; the threat is aimed at the condition's actor
        ("'If Azerbaijan attacks our villages, we will respond with force,' the Armenian "
         "foreign minister said.", ("138", "ARMGOV", "AZE")),
        # "she" can stand for an official named by office alone
        ("The Spanish foreign minister arrived in Rabat on Monday. Hours later she "
         "condemned Algeria's decision as hasty.", ("111", "ESPGOV", "DZA")),
        # joined parties exchanging fire act on each other
        ("Thai and Cambodian troops exchanged gunfire near the temple.",
         ("193", "KHMMIL", "THAMIL")),
        # a thing moved in the passive goes to the target
        ("Blankets were airlifted to Libya by the Italian air force.", ("073", "ITAMIL", "LBY")),
        # a body of an organisation is the organisation
        ("A European Union commission launched an inquiry into alleged fraud committed by "
         "Maltese officials.", ("091", "EUR", "MLTGOV")),
        # denying a deed is denying responsibility
        ("The Rwandan army denied that its soldiers had shelled the border town.",
         ("016", "RWAMIL", None)),
        # "we are prepared to sit down with X": intent to meet, by the speaker
        ("'We are prepared to sit down with Seoul,' the North Korean envoy said.",
         ("036", "PRKGOV", "KOR")),
    ],
)
def test_more_structure(text: str, triple: tuple[str, str, str | None]) -> None:
    _assert_coded(text, triple)


def test_the_condition_itself_is_not_coded() -> None:
    _, evs = _events(
        "'If Azerbaijan attacks our villages, we will respond with force,' the Armenian "
        "foreign minister said."
    )
    assert all(e.cameo[:2] != "19" or e.modality for e in evs), _triples(evs)
    assert not [e for e in evs if e.source.country == "AZE"]


def test_the_sidelines_of_a_summit_are_no_party() -> None:
    _, evs = _events(
        "The presidents of Ghana and Togo met on the sidelines of an African Union summit."
    )
    assert {e.target.country for e in evs if e.target} == {"GHA", "TGO"}, _triples(evs)


def test_an_organisations_named_investigators_are_the_target() -> None:
    _, evs = _events(
        "The Burmese government refused to allow a team of UN human rights investigators "
        "into the country."
    )
    assert ("1245", "MMRGOV", "UNO") in _triples(evs)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # "the country's X" is the subject's state
        ("Kenya's main opposition alliance sued the country's electoral commission chief.",
         ("115", "KENOPP", "KENGOV")),
        ("Ghana cut ties with Togo on Monday. The country's government accused Togo of "
         "sheltering rebels.", ("112", "GHAGOV", "TGO")),
        # "the bloc" is the organisation named last
        ("The European Union lifted a series of sanctions on Libya. The bloc also released "
         "funds to the country's government.", ("071", "EUR", "LBYGOV")),
        # a meeting in a country neither party belongs to
        ("The foreign ministers of Egypt and Ethiopia met in Nairobi on Monday.",
         ("044", "EGYGOV", "ETHGOV")),
        # extradited X to Y: Y is the target
        ("Colombia extradited a rebel commander to Venezuela on Friday.", ("063", "COL", "VEN")),
    ],
)
def test_anaphora_and_places(text: str, triple: tuple[str, str, str | None]) -> None:
    _assert_coded(text, triple)


def test_mutual_ceasefire_and_prisoner_exchange() -> None:
    _, evs = _events("Sudan and South Sudan agreed on Monday to an immediate ceasefire.")
    assert {("0871", "SDN", "SSD"), ("0871", "SSD", "SDN")} <= set(_triples(evs))
    _, evs = _events("Armenia and Azerbaijan exchanged prisoners on Friday.")
    assert {("0841", "ARM", "AZE"), ("0841", "AZE", "ARM")} <= set(_triples(evs))


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # "thousands of protesters": the measured phrase acts
        ("Hundreds of Bolivian miners blocked the main road into La Paz on Monday.",
         ("144", "BOLLAB", "BOL")),
        # "our government" in a quotation is the speaker's country's
        ("'Our government will send a delegation to Nairobi next week,' Somalia's foreign "
         "minister said.", ("036", "SOMGOV", "KEN")),
        # nuclear sites in a condition are no nuclear threat
        ("Israel threatened to launch strikes on Iran if its nuclear sites were attacked.",
         ("138", "ISR", "IRN")),
        # protesters rallying against X demonstrate
        ("Thousands of Georgian protesters rallied against the Georgian government.",
         ("141", "GEOCVL", "GEOGOV")),
    ],
)
def test_subjects_quotes_and_conditions(text: str, triple: tuple[str, str, str | None]) -> None:
    _assert_coded(text, triple)


def test_a_definite_noun_retelling_an_act_is_not_coded_again() -> None:
    _, evs = _events(
        "Belgian Prime Minister Alexander De Croo apologised to Congo for colonial abuses. "
        "He made the apology in a speech in Kinshasa."
    )
    assert [e.cameo for e in evs].count("055") == 1, _triples(evs)


def test_a_bare_refusal_answers_the_last_request() -> None:
    _, evs = _events(
        "The European Union asked Serbia to allow its observers into the north. "
        "A week later, the Serbian government refused."
    )
    assert ("120", "SRBGOV", "EUR") in _triples(evs), _triples(evs)


def test_reconsidering_relations_is_a_threat() -> None:
    _, evs = _events(
        "'We will reconsider our relations with Rwanda,' Burundi's foreign minister said."
    )
    assert ("1313", "BDIGOV", "RWA") in _triples(evs), _triples(evs)


def test_a_country_joined_into_a_role_phrase_takes_the_role() -> None:
    _assert_coded(
        "The presidents of Ghana and Togo met in Accra on Friday.", ("040", "GHAGOV", "TGOGOV")
    )


def test_accused_by_y_of_a_crime_in_the_passive() -> None:
    _assert_coded(
        "Sudanese soldiers were accused by Chad's foreign minister of committing war crimes.",
        ("1124", "TCDGOV", "SDNMIL"),
    )


def test_the_two_ministers_are_the_last_two_parties_named() -> None:
    text = (
        "Polish Foreign Minister Anna Nowak met Czech Foreign Minister Jan Dvorak in Vienna "
        "on Monday. The two ministers discussed the border dispute."
    )
    _, evs = _events(text)
    talks = [t for e, t in zip(evs, _triples(evs), strict=True) if e.trigger.text == "discussed"]
    assert ("040", "POLGOV", "CZEGOV") in talks and ("040", "CZEGOV", "POLGOV") in talks
    # without "two" or "both" the subject is not read as the pair
    _, plain = _events(text.replace("The two ministers", "The ministers"))
    assert ("040", "POLGOV", "CZEGOV") not in [
        t for e, t in zip(plain, _triples(plain), strict=True) if e.trigger.text == "discussed"
    ]


def test_both_leaders_agreed_is_each_sides_promise() -> None:
    _assert_coded(
        "Mexican President Carla Ruiz spoke with Canadian Prime Minister Tom Reid by telephone "
        "on Friday. Both leaders agreed to hold talks in May.",
        ("036", "MEXGOV", "CANGOV"),
    )


@pytest.mark.parametrize(
    "said",
    [
        '"The decision of Germany to close the border is illegal and unacceptable," French '
        "Foreign Minister Jean Dupont said.",
        "French Foreign Minister Jean Dupont said Germany's decision was a regrettable step.",
    ],
)
def test_reproach_in_a_quotation_criticises_the_party_it_names(said: str) -> None:
    _, evs = _events(said)
    accuse = [e for e in evs if e.cameo == "111"]
    assert [(e.source.code, e.target and e.target.country) for e in accuse] == [("FRAGOV", "DEU")]
    assert accuse[0].plover == "ACCUSE" and not accuse[0].negated


@pytest.mark.parametrize(
    "said",
    [
        '"The decision of Germany to close the border is not illegal," French Foreign Minister '
        "Jean Dupont said.",
        '"The decision of Germany to close the border is wise," French Foreign Minister Jean '
        "Dupont said.",
        '"Our decision to close the border was illegal," French Foreign Minister Jean Dupont said.',
    ],
)
def test_no_criticism_without_reproach_or_another_party(said: str) -> None:
    _, evs = _events(said)
    assert not [e for e in evs if e.cameo == "111"], _triples(evs)


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Pakistani jets targeted militant hideouts.", ("190", "PAKMIL", None)),
        ("Russian troops hit a power plant in Kharkiv.", ("190", "RUSMIL", "UKR")),
        ("U.S. airstrikes killed several militants.", ("190", "USAMIL", "---REB")),
    ],
)
def test_force_against_what_only_a_force_strikes(text: str, triple: tuple) -> None:
    _assert_coded(text, triple)


@pytest.mark.parametrize(
    "text", ["The campaign targeted young voters.", "The storm hit the town.",
             "The ministry targeted tax evaders."],
)  # fmt: skip
def test_targeting_and_hitting_in_other_senses_is_no_force(text: str) -> None:
    _, evs = _events(text)
    assert not [e for e in evs if e.cameo.startswith(("18", "19"))], _triples(evs)


def test_an_untargeted_event_takes_the_other_party_of_its_sentence_or_the_one_before() -> None:
    _assert_coded(
        "Polish President Anna Nowak condemned on Monday, in a speech about Germany, the new "
        "border checks.",
        ("111", "POLGOV", "DEU"),
    )
    _assert_coded(
        "German Chancellor Karl Berg visited Poland on Monday. He signed a trade agreement.",
        ("057", "DEUGOV", "POL"),
    )


def test_confidence_ranks_how_the_recipient_was_found() -> None:
    _, named = _events("Kenya sanctioned Uganda on Monday.")
    _, context = _events(
        "German Chancellor Karl Berg visited Poland on Monday. He signed a trade agreement."
    )
    _, domestic = _events("Kenyan police arrested three protesters in Nairobi.")
    signed = next(e for e in context if e.cameo == "057")
    assert named[0].confidence > domestic[0].confidence > signed.confidence > 0


def test_confidence_table_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.errors import DataError
    from dateline.events import confidence as conf

    monkeypatch.setattr(conf, "read_data_yaml", lambda name: {"base": {"clause": 2}})
    conf.confidence_table.cache_clear()
    try:
        with pytest.raises(DataError, match=r"confidence.yaml: base: missing context"):
            conf.confidence_table()
    finally:
        monkeypatch.undo()
        conf.confidence_table.cache_clear()


def _kinds(events: list[Event]) -> set[tuple[str | None, str | None, str | None]]:
    """(PLOVER type, source country, target country) of each event."""
    return {
        (e.plover, e.source.country, e.target.country if e.target else None) for e in events
    }


def test_agentless_arrest_is_the_state_of_the_place() -> None:
    # a passive state act with no "by" phrase: the state where it happens acts
    _, evs = _events("LAHORE, Pakistan — The opposition leader was arrested on Saturday.")
    assert ("COERCE", "PAK", "PAK") in _kinds(evs)
    _, evs = _events("The former premier was placed under house arrest in Sudan.")
    assert ("COERCE", "SDN", "SDN") in _kinds(evs)
    assert any(e.trigger.text == "arrest" for e in evs)


def test_agentless_attack_has_no_default_author() -> None:
    _, evs = _events("Five soldiers were killed in Syria on Monday.")
    assert evs == []


def test_fighting_between_two_parties() -> None:
    _, evs = _events(
        "MOGADISHU — There was heavy fighting in the capital between opposition fighters "
        "and African Union forces."
    )
    assert any(
        e.plover == "ASSAULT" and e.source.name == "opposition fighters"
        and e.target is not None and e.target.country == "AFR"
        for e in evs
    ), _kinds(evs)


def test_described_body_anaphor_is_parsed_and_resolved() -> None:
    # "the continental bloc": no capital, role word or pronoun, yet an actor
    _, evs = _events(
        "The African Union met in Addis Ababa on Monday. "
        "The continental bloc condemned the coup in Sudan."
    )
    assert any(e.plover == "ACCUSE" and e.source.country == "AFR" for e in evs)


def test_material_cooperation_words() -> None:
    _, evs = _events("Norway is ready to increase gas supplies to Poland.")
    assert ("AGREE", "NOR", "POL") in _kinds(evs)
    _, evs = _events("Chile handed over relief supplies to Bolivia.")
    assert ("AID", "CHL", "BOL") in _kinds(evs)


def test_noun_act_takes_the_agent_of_the_verb_that_enacts_it() -> None:
    _, evs = _events("New sanctions against Iran were announced by the Foreign Office on Thursday.")
    assert ("SANCTION", "GBR", "IRN") in _kinds(evs)
    # a verb of a view about the act does not make its agent the act's source
    _, evs = _events("The arrests in Minsk were condemned by the European Union.")
    assert not any(e.plover == "COERCE" and e.source.country == "EUR" for e in evs)


def test_a_states_coercion_of_unnamed_people_targets_its_own() -> None:
    # police, courts and governments act on their own people unless the text says whose
    _, evs = _events("Kenyan police detained three of them on Tuesday.")
    assert ("COERCE", "KEN", "KEN") in _kinds(evs)
    _, evs = _events("Bolivian police dispersed the crowd with tear gas.")
    assert all(e.target is not None and e.target.country == "BOL" for e in evs if e.cameo == "175")
    # a named foreign target keeps its country
    _, evs = _events("Russia expelled two American diplomats on Friday.")
    assert ("SANCTION", "RUS", "USA") in _kinds(evs)


def test_event_date_from_its_clause() -> None:
    r, evs = _events("Russia expelled two American diplomats on Tuesday.", published="2024-05-15")
    e = next(e for e in evs if e.plover == "SANCTION")
    assert e.date == "2024-05-14" and not e.background
    assert e.when is not None and r.raw_text[e.when.start : e.when.end] == "Tuesday"
    _, evs = _events("On March 3, 2019, Canada imposed sanctions on Venezuela.",
                     published="2024-05-15")
    assert [(e.date, e.background) for e in evs] == [("2019-03-03", True)]
    # a duration is not a date: the story's day
    _, evs = _events("Canada imposed sanctions on Venezuela for three days.",
                     published="2024-05-15")
    assert [(e.date, e.when, e.background) for e in evs] == [("2024-05-15", None, False)]
