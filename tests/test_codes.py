"""Tests for the CAMEO / PLOVER / actor tables and their loaders (dateline.codes)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from dateline.codes import (
    PLOVER_TYPES,
    ROOTS,
    VerbPattern,
    code_actor,
    country_of,
    gdelt_columns,
    get_cameo,
    goldstein,
    load_actor_dictionary,
    load_cameo_codes,
    load_patterns,
    load_plover_map,
    modality_words,
    nearest_cameo,
    negation_words,
    plover_for,
    plover_type,
    quad_class,
    word_forms,
)
from dateline.codes.patterns import _pattern_from
from dateline.events.lexicon import patterns_by_lemma


def match(
    lemma: str,
    pos: str = "VERB",
    preps: tuple[str, ...] | list[str] = (),
    object_lemmas: tuple[str, ...] | list[str] = (),
    xcomp_lemmas: tuple[str, ...] | list[str] = (),
) -> VerbPattern | None:
    """The most specific entry for a trigger whose constraints hold (as the events stage
    looks them up: ``patterns_by_lemma`` keeps each lemma's entries most specific first)."""
    for p in patterns_by_lemma().get((lemma, pos), ()):
        if p.matches(preps=preps, object_lemmas=object_lemmas, xcomp_lemmas=xcomp_lemmas):
            return p
    return None

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "suites" / "cameo_suite.jsonl"
SHARED = REPO / ".." / "shared"
# CAMEO statement codes that PLOVER does not code at all.
UNCODED_STATEMENTS = {"01", "010", "011", "012", "017"}


# ---- CAMEO codes ---------------------------------------------------------------------


def test_cameo_codes_cover_all_roots_and_many_subcodes() -> None:
    codes = load_cameo_codes()
    assert set(ROOTS) <= set(codes)
    assert ROOTS[0] == "01" and ROOTS[-1] == "20" and len(ROOTS) == 20
    deep = [c for c in codes if len(c) in (3, 4)]
    assert len(deep) >= 150
    # every code's parents exist, codes keep their leading zero
    for c in codes:
        assert c[:2] in codes
        if len(c) == 4:
            assert c[:3] in codes
    assert "010" in codes and "0312" in codes and "10" in codes


@pytest.mark.parametrize(
    ("code", "quad"),
    [("01", 1), ("057", 1), ("06", 2), ("0841", 2), ("09", 3), ("130", 3), ("14", 4), ("2042", 4)],
)
def test_quad_class(code: str, quad: int) -> None:
    assert quad_class(code) == quad
    entry = get_cameo(code)
    assert entry is not None and entry.quad_class == quad


@pytest.mark.parametrize(
    ("code", "value"),
    [("036", 4.0), ("057", 8.0), ("0874", 10.0), ("111", -2.0), ("163", -8.0), ("190", -10.0)],
)
def test_goldstein_values(code: str, value: float) -> None:
    assert goldstein(code) == value


def test_goldstein_range_and_fallback() -> None:
    assert all(-10.0 <= e.goldstein <= 10.0 for e in load_cameo_codes().values())
    assert goldstein("0999") == goldstein("09")  # unknown sub-code falls back to its root
    assert goldstein("99") is None
    assert get_cameo("999") is None


def test_nearest_cameo_reads_unlisted_codes_through_their_parents() -> None:
    # what the GDELT and PLOVER exports read QuadClass and Goldstein from
    assert nearest_cameo("0312") == get_cameo("0312")  # a listed code is its own entry
    entry = nearest_cameo("0999")  # unlisted: its root speaks for it
    assert entry is not None and entry.code == "09" and entry.quad_class == quad_class("0999")
    assert nearest_cameo("03ab") == get_cameo("03")
    for not_cameo in ("", "1", "99", "21", "00", "abc"):  # codes of no CAMEO root 01..20
        assert nearest_cameo(not_cameo) is None
    assert all(nearest_cameo(root) is not None for root in ROOTS)


# ---- PLOVER --------------------------------------------------------------------------


def test_every_code_maps_to_a_plover_type() -> None:
    for code in load_cameo_codes():
        entry = plover_for(code)
        if code in UNCODED_STATEMENTS:
            assert entry is None, code
        else:
            assert entry is not None and entry.plover in PLOVER_TYPES, code


def test_plover_map_values_are_known_types() -> None:
    for prefix, entry in load_plover_map().items():
        assert prefix.isdigit()
        assert entry is None or entry.plover in PLOVER_TYPES


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("036", "AGREE"), ("0312", "AGREE"), ("030", "AGREE"), ("031", "AGREE"),
        ("057", "SUPPORT"), ("111", "ACCUSE"), ("112", "ACCUSE"), ("121", "REJECT"),
        ("125", "REJECT"), ("120", "REJECT"), ("0256", "REQUEST"), ("020", "REQUEST"),
        ("106", "REQUEST"), ("10", "REQUEST"), ("0333", "AID"), ("072", "AID"),
        ("054", "SUPPORT"), ("051", "SUPPORT"), ("163", "SANCTION"), ("160", "SANCTION"),
        ("162", "SANCTION"), ("173", "COERCE"), ("17", "COERCE"), ("180", "ASSAULT"),
        ("183", "ASSAULT"), ("190", "ASSAULT"), ("0841", "RETREAT"), ("0842", "RETREAT"),
        ("040", "CONSULT"), ("041", "CONSULT"), ("042", "CONSULT"), ("043", "CONSULT"),
        ("045", "CONSULT"), ("046", "CONSULT"), ("06", "COOPERATE"), ("05", "COOPERATE"),
        ("0871", "AGREE"), ("12", "REJECT"), ("141", "PROTEST"), ("154", "MOBILIZE"),
        ("138", "THREATEN"), ("116", "SANCTION"), ("191", "COERCE"), ("192", "COERCE"),
        ("193", "ASSAULT"), ("195", "ASSAULT"), ("20", "ASSAULT"),
    ],
)
def test_plover_usages_of_the_evaluation_data(code: str, plover: str) -> None:
    assert plover_type(code) == plover


def test_plover_longest_prefix_and_mode() -> None:
    phone = plover_for("041")
    assert phone is not None and phone.mode == "phone" and phone.prefix == "041"
    sub = plover_for("1312")  # listed itself
    assert sub is not None and sub.prefix == "1312"
    inherited = plover_for("1311")  # falls back to 131
    assert inherited is not None and inherited.prefix == "131"


def test_dev_gold_cameo_codes_agree_with_plover_map() -> None:
    gold = SHARED / "eval" / "dev" / "quotes.jsonl"
    if not gold.exists():
        pytest.skip("shared evaluation data not present")
    n = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line).get("events", []):
            cameo, plover = ev.get("cameo"), ev.get("plover")
            if not cameo or not plover:
                continue
            n += 1
            assert get_cameo(cameo) is not None, cameo
            assert plover_type(cameo) == plover, (cameo, plover)
    assert n > 0


# ---- GDELT ---------------------------------------------------------------------------


def test_gdelt_columns() -> None:
    cols = gdelt_columns()
    assert len(cols) == 61 == len(set(cols))
    assert cols[0] == "GLOBALEVENTID" and cols[-1] == "SOURCEURL"
    assert cols.index("EventCode") == 26 and cols.index("GoldsteinScale") == 30
    assert "Actor1Geo_ADM2Code" in cols and "ActionGeo_FeatureID" in cols


# ---- event patterns ------------------------------------------------------------------


def _pattern_codes() -> set[str]:
    codes: set[str] = set()
    for p in load_patterns():
        codes.add(p.code)
        codes.update(c for c in (p.modal_code, p.irregular_code) if c)
    return codes


def test_every_pattern_code_is_a_cameo_code() -> None:
    known = load_cameo_codes()
    assert _pattern_codes() <= set(known)


def test_patterns_cover_roots_and_codes() -> None:
    codes = _pattern_codes()
    assert {c[:2] for c in codes} == set(ROOTS)
    assert len({c for c in codes if len(c) in (3, 4)}) >= 150
    per_code = Counter(p.code for p in load_patterns())
    for common in ("040", "111", "173", "190", "0256", "057"):
        assert per_code[common] >= 3, common


def test_pattern_codes_map_to_plover() -> None:
    for code in _pattern_codes():
        assert code in UNCODED_STATEMENTS or plover_for(code) is not None, code


def test_load_patterns_returns_a_fresh_list() -> None:
    a = load_patterns()
    a.clear()
    assert len(load_patterns()) > 500


@pytest.mark.parametrize(
    ("lemma", "kwargs", "code"),
    [
        ("accuse", {"preps": ["of"], "object_lemmas": ["spying"]}, "1125"),
        ("accuse", {"preps": ["of"], "object_lemmas": ["violate", "ceasefire"]}, "112"),
        ("impose", {"object_lemmas": ["new", "sanctions"]}, "163"),
        ("impose", {"object_lemmas": ["curfew"]}, "1723"),
        ("offer", {"xcomp_lemmas": ["coordinate"], "object_lemmas": ["military"]}, "0312"),
        ("offer", {"xcomp_lemmas": ["mediate"]}, "039"),
        ("meet", {}, "040"),
        ("visit", {}, "042"),
        ("urge", {"xcomp_lemmas": ["pull"], "object_lemmas": ["troops"]}, "0256"),
        ("urge", {}, "020"),
        ("call", {"preps": ["for"], "object_lemmas": ["direct", "talks"]}, "036"),
        ("call", {"preps": ["off"], "object_lemmas": ["strike"]}, "082"),
        ("release", {"object_lemmas": ["hostages"]}, "0841"),
        ("release", {"object_lemmas": ["statement"]}, "010"),
        ("sign", {"object_lemmas": ["agreement"]}, "057"),
        ("recognize", {}, "054"),
        ("praise", {}, "051"),
        ("apologize", {}, "055"),
        ("threaten", {"xcomp_lemmas": ["impose"], "object_lemmas": ["sanctions"]}, "1312"),
        ("threaten", {}, "130"),
        ("detain", {}, "173"),
        ("expel", {"object_lemmas": ["journalists"]}, "174"),
        ("expel", {"object_lemmas": ["ambassador"]}, "161"),
        ("refuse", {"xcomp_lemmas": ["accept"], "object_lemmas": ["aid"]}, "121"),
        ("dismiss", {"object_lemmas": ["offer"]}, "125"),
        ("deny", {"object_lemmas": ["involvement"]}, "016"),
        ("deny", {"object_lemmas": ["report"]}, "120"),
        ("go", {"preps": ["on"], "object_lemmas": ["hunger", "strike"]}, "142"),
        ("deploy", {"object_lemmas": ["troops"]}, "154"),
        ("shell", {}, "194"),
        ("form", {"object_lemmas": ["coalition"]}, "057"),
    ],
)
def test_pattern_matching(lemma: str, kwargs: dict[str, list[str]], code: str) -> None:
    hit = match(lemma, **kwargs)
    assert hit is not None and hit.code == code


def test_pattern_noun_triggers_and_codes_for_context() -> None:
    sanctions = match("sanction", pos="NOUN")
    assert sanctions is not None and sanctions.code == "163"
    hunger = match("strike", pos="NOUN", object_lemmas=["hunger"])
    assert hunger is not None and hunger.code == "142"
    meet = match("meet")
    assert meet is not None and meet.code_for(modal=True) == "036"
    attack = match("attack")
    assert attack is not None and attack.code_for(irregular=True) == "180"
    assert attack.code_for() == "190"
    receive = match("receive", object_lemmas=["aid"])
    assert receive is not None and receive.reverse
    assert match("frobnicate") is None
    assert match("accuse", pos="NOUN") is None
    # most specific first
    cands = patterns_by_lemma()[("urge", "VERB")]
    assert cands[-1].specificity == 0
    assert [c.specificity for c in cands] == sorted((c.specificity for c in cands), reverse=True)
    assert {"meet", "accuse", "sanction"} <= {lemma for lemma, _pos in patterns_by_lemma()}


def test_bad_pattern_entries_are_refused() -> None:
    with pytest.raises(ValueError, match="not a CAMEO code"):
        _pattern_from({"lemma": "x", "code": "999"}, 0)
    with pytest.raises(ValueError, match="unknown field"):
        _pattern_from({"lemma": "x", "code": "010", "objekt": ["y"]}, 0)
    with pytest.raises(ValueError, match="pos"):
        _pattern_from({"lemma": "x", "code": "010", "pos": "ADV"}, 0)
    with pytest.raises(ValueError, match="list of words"):
        _pattern_from({"lemma": "x", "code": "010", "prep": [True]}, 0)


def test_word_forms() -> None:
    assert {"met", "meets", "meeting"} <= word_forms("meet")
    assert "meeted" not in word_forms("meet")
    assert {"banned", "banning"} <= word_forms("ban")
    assert {"denied", "denies"} <= word_forms("deny")
    assert {"agreed", "agrees"} <= word_forms("agree")
    assert {"sanctions"} <= word_forms("sanction", "NOUN")


def test_negation_and_modality_words() -> None:
    assert {"not", "never", "n't"} <= negation_words()
    assert "refused" not in negation_words()  # refusals are REJECT events
    assert {"will", "plans", "would"} <= modality_words()


# ---- actors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code", "country"),
    [
        ("Russian foreign Minister Sergey Lavrov", "RUSGOV", "RUS"),
        ("American military", "USAMIL", "USA"),
        ("the Syrian leadership", "SYRGOV", "SYR"),
        ("Moscow", "RUS", "RUS"),
        ("NATO Secretary-General Jens Stoltenberg", "NAT", "NATO"),
        ("pro-Russian rebels", "---REB", None),
        ("U.S.-backed fighters", "---REB", None),
        ("Ukrainian government officials", "UKRGOV", "UKR"),
        ("opposition leaders", "---OPP", None),
        ("the Kremlin", "RUSGOV", "RUS"),
        ("the White House", "USAGOV", "USA"),
        ("the Pentagon", "USAMIL", "USA"),
        ("State Department spokesman", "USAGOV", "USA"),
        ("Downing Street", "GBRGOV", "GBR"),
        ("the Élysée", "FRAGOV", "FRA"),
        ("the Elysee", "FRAGOV", "FRA"),
        ("UN Secretary-General Ban Ki-moon", "UNO", "UNO"),
        ("the European Union", "EUR", "EUR"),
        ("the African Union", "AFR", "AFR"),
        ("the Economic Community of West African States", "WAF", "WAF"),
        ("ECOWAS", "WAF", "WAF"),
        ("Pakistani Taliban", "PAKINS", "PAK"),
        ("the Taliban", "AFGINS", "AFG"),
        ("U.S. Secretary of State John Kerry", "USAGOV", "USA"),
        ("the head of the Russian foreign Ministry", "RUSGOV", "RUS"),
        ("Iran's Foreign Ministry", "IRNGOV", "IRN"),
        ("Turkish security forces", "TURCOP", "TUR"),
        ("Afghan police", "AFGCOP", "AFG"),
        ("Kyiv", "UKR", "UKR"),
        ("Kiev", "UKR", "UKR"),
        ("Britain", "GBR", "GBR"),
        ("the Russian Federation", "RUS", "RUS"),
        ("Côte d'Ivoire", "CIV", "CIV"),
        ("Burkina Faso", "BFA", "BFA"),
        ("Russians", "RUS", "RUS"),
        ("his Japanese counterpart", "JPNGOV", "JPN"),
    ],
)
def test_code_actor_examples(phrase: str, code: str, country: str | None) -> None:
    got = code_actor(phrase)
    assert got is not None, phrase
    assert (got.code, got.country) == (code, country)


def test_code_actor_takes_tokens_and_rejects_unknowns() -> None:
    got = code_actor(["American", "military"])
    assert got is not None and got.code == "USAMIL" and got.role == "MIL"
    assert code_actor("us") is None  # the pronoun is not the United States
    assert code_actor("a quiet afternoon") is None
    assert code_actor("Sergey Lavrov") is None
    assert code_actor("who said it") is None  # "WHO" matches only in capitals
    who = code_actor("the WHO")
    assert who is not None and who.country == "WHO"


def test_placed_code_is_none_for_an_actor_placed_nowhere() -> None:
    # the event coder composes a phrase's code from its head's placed_code (events.actorcode)
    for phrase, code, placed in [
        ("the government", "---GOV", None),
        ("Islamic State", "---INS", None),
        ("Russian foreign Minister Sergey Lavrov", "RUSGOV", "RUSGOV"),
        ("NATO", "NAT", "NAT"),
    ]:
        got = code_actor(phrase)
        assert got is not None and (got.code, got.placed_code) == (code, placed), phrase


def test_find_terms_offsets_are_exact() -> None:
    d = load_actor_dictionary()
    text = "Pro-Russian rebels met U.S. envoys in Kyiv, and the Kremlin’s spokesman spoke."
    hits = d.find_terms(text)
    assert [h.text for h in hits] == ["Russian", "U.S.", "Kyiv", "Kremlin"]
    for h in hits:
        assert text[h.start : h.end] == h.text
    assert [h.placing for h in hits] == [False, True, True, True]
    roles = d.find_roles(text, skip=[(h.start, h.end) for h in hits])
    assert [r.role for r in roles] == ["REB", "GOV", "GOV"]
    for r in roles:
        assert text[r.start : r.end] == r.text


def test_actor_dictionary_from_pycountry_base() -> None:
    d = load_actor_dictionary()
    for c in list(pycountry.countries)[:50]:
        if "," not in c.name and "(" not in c.name and c.name not in ("Jersey", "Guernsey"):
            entry = d.lookup(c.name)
            assert entry is not None and entry.country == c.alpha_3, c.name
    assert country_of("Moscow") == "RUS"
    assert country_of("Washington") == "USA"
    assert country_of("Brussels") == "EUR"
    assert country_of("Victoria") is None  # an excluded, ambiguous capital
    assert country_of("nowhere") is None


# ---- the sentence suite --------------------------------------------------------------

_ACTOR = re.compile(r"^(?:[A-Z]{3}|---)(?:[A-Z]{3})?$")


def _suite() -> list[dict]:
    return [json.loads(line) for line in SUITE.read_text(encoding="utf-8").splitlines() if line]


def test_suite_is_well_formed() -> None:
    rows = _suite()
    assert len(rows) >= 160
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    org_countries = {e.country for e in load_actor_dictionary().entries if e.country}
    iso3 = {c.alpha_3 for c in pycountry.countries}
    for r in rows:
        assert set(r) <= {"id", "text", "expected", "negated", "modality", "note"}, r["id"]
        assert isinstance(r["text"], str) and r["text"].strip()
        assert isinstance(r["expected"], list)
        if r.get("negated"):
            assert r["expected"] == [], r["id"]
        for e in r["expected"]:
            assert set(e) == {"source", "target", "code"}, r["id"]
            assert get_cameo(e["code"]) is not None, (r["id"], e["code"])
            for side in ("source", "target"):
                a = e[side]
                if a is None:
                    continue
                assert _ACTOR.match(a), (r["id"], a)
                head = a[:3]
                assert head == "---" or head in iso3 or head in org_countries or a in {
                    "NAT", "UNO"
                }, (r["id"], a)


def test_suite_covers_all_roots_negation_and_modality() -> None:
    rows = _suite()
    roots = Counter(e["code"][:2] for r in rows for e in r["expected"])
    for root in ROOTS:
        assert roots[root] >= 6, root
    assert sum(1 for r in rows if r.get("negated")) >= 5
    assert sum(1 for r in rows if r.get("modality")) >= 5


def test_suite_actor_codes_come_from_the_coder() -> None:
    """Countries named in suite sentences are ones the actor dictionary knows."""
    d = load_actor_dictionary()
    known = {e.country for e in d.entries}
    for r in _suite():
        for e in r["expected"]:
            for side in ("source", "target"):
                a = e[side]
                if a and not a.startswith("---") and len(a) >= 3:
                    assert a[:3] in known or a == "NAT", (r["id"], a)


def test_pattern_guards_wildcards_and_forms() -> None:
    # "call on X to ..." is an appeal; "called X on Friday" is not
    appeal = match("call", preps=["on"], object_lemmas=["russia"], xcomp_lemmas=["negotiate"])
    assert appeal is not None and appeal.code == "020"
    phone = match("call", preps=["on"], object_lemmas=["friday"], xcomp_lemmas=["offer"])
    assert phone is not None and phone.code == "041"
    # plural object words match lemmas and surface forms alike
    for words in (["talks"], ["talk"]):
        hit = match("reject", object_lemmas=["proposal", *words])
        assert hit is not None and hit.code == "125"


def test_word_variants() -> None:
    from dateline.codes.patterns import word_variants

    assert {"talks", "talk"} <= word_variants("talks")
    assert "tie" in word_variants("ties")
    assert "crisis" not in word_variants("crisis") - {"crisis"}
    assert word_variants("press") == {"press"}


def test_leaders_list_codes_full_names_only() -> None:
    from dateline.codes import leader_code, load_leaders

    assert len(load_leaders()) >= 100
    obama = leader_code("Barack Obama")
    assert obama is not None and obama.code == "USAGOV" and obama.country == "USA"
    lavrov = leader_code("Sergei Lavrov")  # an alias spelling
    assert lavrov is not None and lavrov.code == "RUSGOV"
    erdogan = leader_code("Recep Tayyip Erdoğan")  # accents fold
    assert erdogan is not None and erdogan.country == "TUR"
    nato = leader_code("Jens Stoltenberg")
    assert nato is not None and (nato.code, nato.country) == ("NAT", "NATO")
    assert leader_code("Obama") is None  # a bare surname never matches
    assert leader_code("Carla Moura") is None


def test_leader_by_surname_only_when_all_bearers_share_a_code() -> None:
    from dateline.codes import leader_by_surname

    obama = leader_by_surname("Obama")
    assert obama is not None and obama.code == "USAGOV"
    bush = leader_by_surname("Bush")  # two presidents, one code
    assert bush is not None and bush.code == "USAGOV"
    assert leader_by_surname("Moura") is None
    assert leader_by_surname("Barack Obama") is None  # a surname, not a full name


def test_named_word_lists_in_patterns() -> None:
    lists = {"stance": ("view", "assessment"), "reproach": ("illegal", "unilateral")}
    p = _pattern_from(
        {"lemma": "voice", "code": "111", "object_all": ["@stance", "@reproach"]}, 0, lists
    )
    assert p.specificity == 2  # one constraint per list, not per word
    assert p.matches(object_lemmas=["view", "the", "illegal"])
    assert not p.matches(object_lemmas=["view", "the", "decision"])
    assert not p.matches(object_lemmas=["illegal", "decision"])
    q = _pattern_from({"lemma": "brand", "code": "111", "object_any": ["@reproach"]}, 1, lists)
    assert q.matches(object_lemmas=["unilateral"]) and not q.matches(object_lemmas=["wise"])
    # the entry's own object words, lists written out (the events stage's "weak" targets)
    assert p.object_words == {"view", "assessment", "illegal", "unilateral"}
    assert q.object_words == {"illegal", "unilateral"}
    with pytest.raises(ValueError, match="no word list 'nope'"):
        _pattern_from({"lemma": "x", "code": "111", "object_any": ["@nope"]}, 2, lists)


def test_role_words_cover_every_role_section() -> None:
    from dateline.codes import role_words

    words = role_words()
    assert "police" in words["COP"] and "official" in words["GOV"]
    assert all(isinstance(w, str) for ws in words.values() for w in ws)
