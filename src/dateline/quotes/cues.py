"""Cheap regex cues built from the lexicon.

- ``parse_cues``: which sentences the parse stage must parse for the quote finder
  (quote marks, translation dashes, "Name:" colons, speech verbs and phrases);
- ``cue_in_quote``: an attribution that translation left inside the marks
  (“Our position has not changed, he said. – Our task …”);
- ``cue_after`` / ``cue_before``: an attribution right after or before a quotation
  when no parse is at hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.actors.names import JOINED_PARTICLE_RE, SEPARATE_PARTICLE_RE
from dateline.quotes.lexicon import lexicon, verb_forms

_WORD = r"[\w.’'-]+"
_CAP = r"[A-Z][\w.’'-]*"


def _alternation(words: set[str] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def speech_form_pattern() -> str:
    forms = {f for f in lexicon().speech_forms if not f.endswith("ing")}
    return rf"(?:{_alternation(forms)})"


@lru_cache(maxsize=1)
def subject_pattern() -> str:
    """A short attribution subject: a pronoun, "the <role>", or a capitalised name."""
    lex = lexicon()
    heads = set(lex.role_words()) | {h for h in lex.organisation_heads if " " not in h}
    heads |= set(lex.group_nouns)
    head_alt = _alternation(heads)
    title_alt = _alternation(set(lex.role_words()) | set(lex.title_words))
    return (
        r"(?:(?i:he|she|they|we)"
        rf"|(?i:the|a|an|one|his|her|its|their)\s+(?:{_WORD}\s+){{0,4}}?(?i:{head_alt})(?:’s|'s)?"
        rf"|{_CAP}(?:\s+(?:{_CAP}|of|for|the|{JOINED_PARTICLE_RE}\w+|{SEPARATE_PARTICLE_RE}"
        rf"|(?:{title_alt}))){{0,6}}"
        r")"
    )


@lru_cache(maxsize=1)
def cue_in_quote() -> re.Pattern[str]:
    subj, verb = subject_pattern(), speech_form_pattern()
    return re.compile(
        rf"(?P<pre>,\s*[–—-]?\s*|\s*[–—]\s*|\s+-\s+)"
        rf"(?:(?P<subj>{subj})\s+(?:(?i:also|then|later)\s+)?(?P<verb>{verb})\b"
        rf"|(?P<verb2>{verb})\s+(?P<subj2>{subj}))"
        r"(?P<post>(?:[^.,:;!?“”\"«»–—]{0,40}?[.,:;])?\s*(?:[–—-]\s*)?|\s*$)"
    )


@lru_cache(maxsize=1)
def cue_after() -> re.Pattern[str]:
    """An attribution just after a closing mark: `,” the Minister added`, `,” said X`."""
    subj, verb = subject_pattern(), speech_form_pattern()
    return re.compile(
        rf"\A[\s,.!?…]*(?:[–—-]\s*)?(?:(?P<subj>{subj})\s+(?:(?i:also|then|later)\s+)?"
        rf"(?P<verb>{verb})\b|(?P<verb2>{verb}|(?i:according\s+to))\s+(?P<subj2>{subj}))"
    )


@lru_cache(maxsize=1)
def cue_before() -> re.Pattern[str]:
    """An attribution just before an opening mark: `X said: “`, `X:`."""
    subj, verb = subject_pattern(), speech_form_pattern()
    return re.compile(
        rf"(?:(?P<subj>{subj})\s+(?:(?i:also|then|later)\s+)?(?P<verb>{verb})\b[^.!?“”\"]{{0,60}}?"
        rf"|(?P<colon>{_CAP}(?:\s+{_CAP}){{0,3}}))\s*[,:]\s*[–—-]?\s*\Z"
    )


@lru_cache(maxsize=1)
def parse_cues() -> re.Pattern[str]:
    lex = lexicon()
    forms = {f for f in lex.speech_forms if not f.endswith("ing")}
    for v in lex.weak_verbs - {"read"}:
        forms |= {f for f in verb_forms(v, {}) if not f.endswith("ing")}
    # "-ing" forms only where they commonly report speech ("…, saying it was …");
    # framing verbs need quote marks, which are cues of their own, except "expressed".
    forms |= set(lex.cue_participles) | {"expressed", "expresses", "express"}
    phrases = [re.escape(p).replace(r"\ ", r"\s+") for p in lex.source_phrases]
    phrases.append(rf"(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}(?:{_alternation(lex.speech_nouns)})\b")
    # verbs in lower case only: "United States" and "State Department" are not speech
    return re.compile(
        # quote marks; translation dashes (a sentence opening with one, or one after a
        # comma or stop: "…, – the Minister added"); speech verbs; source phrases
        r"[\"“”«»„]|(?:^|\s)[‘'][A-Za-z]|^\s*[–—-]\s|[,.!?…][\"”»’]?\s*[–—]\s"
        rf"|\b(?:{_alternation(forms)})\b|(?i:{'|'.join(phrases)})"
    )


@lru_cache(maxsize=1)
def cue_paragraph() -> re.Pattern[str]:
    """A paragraph that only announces the next one: "Dorian Jones reports." / "He said:"."""
    subj, verb = subject_pattern(), speech_form_pattern()
    return re.compile(rf"\A\s*(?P<subj>{subj})\s+(?P<verb>{verb})\s*[.:]?\s*\Z")
