"""The search language: what it parses to, what it refuses, and what the stores get."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError, SearchSyntaxError
from dateline.store.search_render import to_fts5, to_tsquery
from dateline.store.search_syntax import Group, Phrase, SearchQuery, Word, parse_search


def w(text: str) -> Word:
    return Word(text, tuple(p.lower() for p in text.replace("-", " ").split()))


def test_words_phrases_or_not_and_prefix() -> None:
    q = parse_search('talks "peace deal"* OR ceasefire -Moscow NOT summit negotiat*')
    assert q == SearchQuery(
        (
            Group((Phrase((w("talks"),)), Phrase((w("peace"), w("deal")), prefix=True))),
            Group(
                (Phrase((w("ceasefire"),)), Phrase((w("negotiat"),), prefix=True)),
                (Phrase((w("Moscow"),)), Phrase((w("summit"),))),
            ),
        )
    )


def test_and_is_allowed_and_lower_case_operators_are_words() -> None:
    assert parse_search("talks AND summit") == parse_search("talks summit")
    assert parse_search("war or peace") == SearchQuery(
        (Group((Phrase((w("war"),)), Phrase((w("or"),)), Phrase((w("peace"),)))),)
    )


def test_punctuation_only_separates_words() -> None:
    [group] = parse_search("empty-handed (Brussels), U.S.").groups
    assert [p.words for p in group.include] == [
        (Word("empty-handed", ("empty", "handed")),),
        (Word("Brussels", ("brussels",)),),
        (Word("U.S", ("u", "s")),),
    ]
    assert parse_search('-"a phrase" word').groups[0].exclude == (Phrase((w("a"), w("phrase"))),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('"talks', "not closed"),
        ("talks OR", "OR needs words"),
        ("OR talks", "OR needs words"),
        ("talks OR OR summit", "OR needs words"),
        ("talks AND", "AND needs words"),
        ("talks NOT", "must be followed by a word"),
        ("talks NOT OR summit", "must be followed by a word"),
        ("-talks", "only exclude"),
        ("talks OR -summit", "only exclude"),
        ("", "no words"),
        ('"" *', "no words"),
        ("-- ** ))", "no words"),
    ],
)
def test_searches_that_mean_nothing_say_why(text: str, problem: str) -> None:
    with pytest.raises(SearchSyntaxError) as e:
        parse_search(text)
    assert problem in e.value.message and e.value.message.startswith("bad search: ")
    assert isinstance(e.value, DatelineError)


def test_fts5_rendering_quotes_every_word() -> None:
    q = parse_search('NEAR(a b) col:x "peace deal"* OR ceasefire -moscow -"red line"')
    assert to_fts5(q) == (
        '("near a" AND "b" AND "col x" AND "peace deal" *)'
        ' OR ((("ceasefire") NOT "moscow") NOT "red line")'
    )


def test_tsquery_rendering_leaves_word_splitting_to_the_server() -> None:
    q = parse_search("""empty-handed minister's "peace deal"* OR a\\b -x""")
    assert to_tsquery(q) == (
        "('empty-handed' & 'minister''s' & ('peace' <-> 'deal':*)) | ('a\\\\b' & !'x')"
    )
