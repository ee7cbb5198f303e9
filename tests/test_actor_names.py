"""One actor model: the name rules of dateline.actors.names serve every stage.

These fail when a stage, clustering or evaluation grows its own copy of a rule
again (a particle list, a same-person test, a country table), or when the
quote-side actor table and the actors stage stop agreeing on who is who.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import dateline
from dateline.actors import names
from dateline.actors.names import speaker_key
from dateline.actors.table import ActorInfo, ActorTable, overlapping_actor
from dateline.codes import load_actor_dictionary
from dateline.codes.countries import load_country_table, quote_country_words, short_name
from dateline.document import Document
from dateline.model import Actor, Article, Mention, Record
from dateline.quotes.lexicon import country_code, country_name

PACKAGE = Path(dateline.__file__).parent


def _registry(people: list[str]):  # type: ignore[no-untyped-def]
    from dateline.stages.actors import _Registry

    record = Record(id="t", raw_text="")
    record.actors = [Actor(f"A{i}", n, "person") for i, n in enumerate(people, 1)]
    return _Registry(Document(Article(id="t", text=""), record))


def _table(people: list[str]) -> ActorTable:
    table = ActorTable()
    for i, n in enumerate(people):
        table.add_person(n, 10 * i, 10 * i + 5)
    return table


CASES = [
    (["Bashar al-Assad"], "Assad", "Bashar al-Assad"),
    (["Bashar al-Assad"], "al-Assad", "Bashar al-Assad"),
    (["Sergey Lavrov"], "Lavrov", "Sergey Lavrov"),
    (["José Núñez"], "Jose Nunez", "José Núñez"),
    (["Pieter van Dam"], "Van Dam", "Pieter van Dam"),
    (["Lavrov"], "Sergey Lavrov", "Lavrov"),
    (["Tomas Berg", "Anna Berg"], "Berg", None),  # one surname, two people: neither
    (["Tomas Berg"], "Anna Kowalczyk", None),
    (["Tomas Berg"], "Anna Berg", None),  # two different full names
]


@pytest.mark.parametrize(("people", "name", "expected"), CASES)
def test_quote_table_and_actors_stage_agree_on_the_same_person(
    people: list[str], name: str, expected: str | None
) -> None:
    in_table = _table(people).find_person(name)
    in_stage = _registry(people).person(name)
    assert (in_table.name if in_table else None) == expected
    assert (in_stage.name if in_stage else None) == expected


def test_same_body_is_one_rule() -> None:
    reg = _registry([])
    reg.actors.append(Actor("A1", "the Foreign Ministry", "organisation", "RUSGOV", "RUS"))
    assert reg.same_body("RUSGOV", "organisation", "Foreign Ministry") is reg.actors[0]
    assert reg.same_body("RUSGOV", "organisation", "the army") is None
    table = ActorTable()
    table.add_organisation("the Foreign Ministry", 0, 20, {"ministry"})
    assert table.find_organisation("Foreign Ministry") is table.actors[0]
    assert names.same_body_name("the Foreign Ministry", "Foreign Ministry")


def test_a_span_names_the_same_actor_in_the_table_and_the_stage() -> None:
    # a short stray mention and a person's longer one over the same span: the person
    # with the longest mention wins, in the table and in the stage alike
    sek = ActorInfo("a1", "Sek", "person", mentions=[(30, 33)])
    full = ActorInfo("a2", "Szymon Szynkowski vel Sek", "person", mentions=[(0, 33)])
    assert ActorTable(actors=[sek, full]).actor_at(30, 33) is full
    reg = _registry([])
    reg.actors += [
        Actor("A1", "Sek", "person", mentions=[Mention("Sek", 30, 33)]),
        Actor("A2", "Szymon Szynkowski vel Sek", "person", mentions=[Mention("x" * 33, 0, 33)]),
    ]
    assert reg.by_mention(30, 33) is reg.actors[1]
    assert overlapping_actor([(0, 3, reg.actors[0])], 5, 9) is None


def test_name_keys_fold_accents_case_and_joined_particles() -> None:
    assert names.name_key("al-Assad") == names.name_key("Assad") == "assad"
    assert names.name_key("Ash-Shara") == "shara"
    assert names.name_tokens("José NÚÑEZ") == ["jose", "nunez"]
    assert names.name_tokens("Müller") != names.name_tokens("Mueller")  # no transliteration
    assert names.strip_particle("el-Sisi") == "Sisi"


def test_one_particle_list() -> None:
    from dateline.quotes import coref

    assert coref.NAME_PARTICLES is names.NAME_PARTICLES
    assert names.NAME_PARTICLES == names.JOINED_PARTICLES | names.SEPARATE_PARTICLES
    assert {"al", "bin", "ibn", "abu", "van", "von", "de"} <= names.NAME_PARTICLES
    # "as" and "el" are words on their own: never a particle written apart
    assert not {"as", "el"} & names.SEPARATE_PARTICLES


def test_titled_names_take_particles_from_the_shared_list() -> None:
    from dateline.quotes.names import _titled_name_pattern

    for name in ("Bashar al-Assad", "Pieter van Dam", "Mohammed bin Salman", "Ana dos Santos"):
        m = _titled_name_pattern().search(f"Minister {name} arrived.")
        assert m is not None and m.group("name") == name


def test_evaluation_and_clustering_use_the_shared_module() -> None:
    from dateline import evaluation
    from dateline.cluster import quotes as cluster_quotes
    from dateline.evaluation import quotes as eval_quotes

    assert evaluation.same_speaker is names.scorer_same_speaker
    assert evaluation.name_tokens is names.scorer_name_tokens
    assert eval_quotes.speakers_agree is names.scorer_speakers_agree
    assert cluster_quotes.speaker_key is names.surname_key
    assert cluster_quotes.same_speaker is names.same_surname_key
    assert names.surname_key("Bashar al-Assad") == ("assad", "b")
    assert names.surname_key("Assad") == ("assad", "")
    assert names.surname_key("Van Dam") == ("dam", "")
    assert names.surname_key("") is None


def test_the_scorer_rule_is_not_the_pipeline_rule() -> None:
    # half the words shared is one speaker for the scorer, never for find_person
    assert names.scorer_same_speaker("Tomas Ferreira", "Tomas Ribeiro")
    assert _table(["Tomas Ferreira"]).find_person("Tomas Ribeiro") is None


def test_one_country_table_in_the_package() -> None:
    tables = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("countr*.yaml"))
    assert tables == ["codes/data/countries.yaml"]
    # no second loader: the quote stage's words come from the shared table
    from dateline.quotes import lexicon

    assert lexicon.lexicon().countries == dict(quote_country_words())


def test_the_country_table_has_what_both_consumers_need() -> None:
    table = load_country_table()
    assert {r.iso3 for r in table.rows} >= {"RUS", "USA", "KOR", "PRK", "GBR"}
    # the quote stage: adjectives, capitals, seats of government, short names
    for word, code in {
        "Russian": "RUS", "Moscow": "RUS", "Kremlin": "RUS", "White House": "USA",
        "Pentagon": "USA", "U.S.": "USA", "Britain": "GBR", "Seoul": "KOR",
        "Korean": "KOR", "Ukrainian's": "UKR", "Timorese": "TLS",
    }.items():  # fmt: skip
        assert country_code(word) == code, word
    assert country_code("America") is None and country_code("Burkina") is None
    assert country_name("RUS") == short_name("RUS") == "Russia"
    assert country_name("KOR") == "South Korea" and country_name("FRA") == "France"
    # the actor coder: names, adjectives, peoples and seats of the same rows
    dictionary = load_actor_dictionary()
    for term, kind, code in [
        ("Russian", "adjective", "RUS"), ("Russians", "people", "RUS"),
        ("Britain", "country", "GBR"), ("Kyiv", "capital", "UKR"),
        ("Timorese", "adjective", "TLS"), ("America", "country", "USA"),
    ]:  # fmt: skip
        entry = dictionary.lookup(term)
        assert entry is not None and (entry.kind, entry.country) == (kind, code), term
    assert dictionary.lookup("Korean") is None  # North or South: the coder does not say


def test_test_data_generators_are_not_installed() -> None:
    assert importlib.util.find_spec("dateline.web.synth") is None
    assert importlib.util.find_spec("dateline.cluster.synthetic") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Mohammed bin Salman", "Muhammad bin Salman"),
        ("Dmitry Peskov", "Dmitri Peskov"),
        ("Alexei Navalny", "Aleksei Navalny"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
        ("Wladimir Putin", "Vladimir Putin"),
    ],
)
def test_spellings_of_one_person_share_a_speaker_key(a: str, b: str) -> None:
    assert speaker_key(a) == speaker_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Li Peng", "Li Ping"),
        ("Kim Jong Un", "Kim Jong Il"),
        ("John Kerry", "John Kelly"),
        ("Joe Biden", "Jill Biden"),
        ("Anna Ivanova", "Anna Ivanov"),
        ("Lavrov", "Sergey Lavrov"),
    ],
)
def test_different_people_keep_different_speaker_keys(a: str, b: str) -> None:
    assert speaker_key(a) != speaker_key(b)
