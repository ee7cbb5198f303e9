"""Who speaks a quotation: the attribution next to it, or the one translation left inside.

``attribution_after`` looks just after the closing mark (`,” the Minister
added`), ``attribution_before`` just before the opening mark (`X said: “`,
`Lavrov: “`), ``cues_inside`` inside the marks (“…, he said. – …”). Each gives
the clean ranges of the speaker words and of the cue word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline import rules
from dateline.quotes.cues import cue_after, cue_before, cue_in_quote
from dateline.quotes.lexicon import lexicon
from dateline.quotes.reported import document_author, mention_tokens, speaker_token
from dateline.quotes.textview import TextView

_PRONOUN = re.compile(r"(?i:he|she|they|we|it)")


#: "*the* minister", "*his* office": words that open a description, not a name.
_DESCRIPTION_DETERMINERS = rules.words(rules.QUOTES, "description_determiners")


def trim_subject(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop a sentence stop the name pattern took along ("said Kovalenko.")."""
    word = text[a:b].split()[-1] if text[a:b].split() else ""
    if word.endswith(".") and len(word) > 3 and word.count(".") == 1:
        return a, b - 1
    return a, b


@dataclass
class Attribution:
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None


def valid_subject(subj: str) -> bool:
    lex = lexicon()
    words = subj.split()
    if not words:
        return False
    if len(words) == 1 and _PRONOUN.fullmatch(words[0]):
        return True
    last = re.sub(r"(?:’s|'s)$", "", words[-1]).lower()
    if words[0].lower() in _DESCRIPTION_DETERMINERS:
        return last in lex.role_words() or last in lex.organisation_heads or (
            last in lex.group_nouns or last in lex.document_nouns
        )
    return words[0][:1].isupper()


def _verb_attribution(view: TextView, verb_start: int, verb_end: int) -> Attribution | None:
    """Speaker words of the parsed speech verb at ``verb_start``, if the parse has it."""
    lex = lexicon()
    for tok in view.tokens_in(verb_start, verb_end):
        if lex.is_speech_verb(tok.lemma_.lower(), tok.lower_):
            spk = speaker_token(tok, lex)
            if spk is None:
                return None
            spk = document_author(spk, lex)
            toks = mention_tokens(spk)
            base = view.base_of(toks[0])
            rng = (base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text))
            return Attribution(rng, (verb_start, verb_end))
    return None


def attribution_after(view: TextView, pos: int, limit: int) -> Attribution | None:
    """An attribution starting right at clean offset ``pos`` (after a closing mark)."""
    window = view.text[pos:limit]
    # a quotation that closed its sentence ("… War." U.S. officials estimate …) is
    # followed by a new sentence, unless a comma or dash ties the cue to it
    inside_end = view.text[max(0, pos - 3) : pos]
    lead = re.match(r"[\s,.!?…–—-]*", window)
    lead_text = lead.group(0) if lead else ""
    ended = (any(c in ".!?" for c in inside_end) or any(c in ".!?" for c in lead_text)) and not (
        any(c in ",–—" for c in lead_text) or " - " in lead_text
    )
    m = cue_after().search(window)
    asked = any(c in "?!" for c in inside_end) and not any(c in "." for c in lead_text)
    if m is not None and ended and m.group("subj") and m.group("subj")[:1].isupper() and not (
        asked and m.group("verb")
    ):
        # a new sentence, unless a question or exclamation runs on into its cue
        # ("Who gave them the right?" President X asked.)
        return None
    if m is None and ended:
        return None
    if m is not None:
        vs = m.start("verb") if m.group("verb") else m.start("verb2")
        ve = m.end("verb") if m.group("verb") else m.end("verb2")
        parsed = _verb_attribution(view, pos + vs, pos + ve)
        if parsed is not None and parsed.speaker is not None and parsed.speaker[0] >= pos:
            return parsed
        g = "subj" if m.group("subj") else "subj2"
        subj = m.group(g)
        if valid_subject(subj):
            rng = trim_subject(view.text, pos + m.start(g), pos + m.end(g))
            return Attribution(rng, (pos + vs, pos + ve))
        return None
    # a parsed speech verb close by: `,” the Kremlin’s statement reads.`
    lex = lexicon()
    for tok in view.tokens_in(pos, min(limit, pos + 60)):
        if tok.is_punct and tok.text in ".!?" and view.offset(tok) > pos + 2:
            break
        if tok.pos_ == "VERB" and lex.is_speech_verb(tok.lemma_.lower(), tok.lower_):
            start = view.offset(tok)
            att = _verb_attribution(view, start, start + len(tok.text))
            if att is not None and att.speaker is not None and att.speaker[0] >= pos:
                return att
            return None
    return None


def attribution_before(view: TextView, boundary: int, pos: int) -> Attribution | None:
    """An attribution ending right before clean offset ``pos`` (an opening mark)."""
    window = view.text[boundary:pos]
    if not re.search(r"[,:]\s*[–—-]?\s*$", window):
        return None
    m = cue_before().search(window)
    if m is None:
        return _parsed_before(view, boundary, pos)
    if m.group("colon"):
        named = _named_before_role(window, m.start("colon"))
        if named is not None:
            # "Shavkat Mirziyoyev, President of Uzbekistan: “…”": the person, not the country
            return Attribution((boundary + named[0], boundary + named[1]), None)
        return Attribution((boundary + m.start("colon"), boundary + m.end("colon")), None)
    vs, ve = boundary + m.start("verb"), boundary + m.end("verb")
    parsed = _verb_attribution(view, vs, ve)
    if parsed is not None:
        return parsed
    if valid_subject(m.group("subj")):
        return Attribution((boundary + m.start("subj"), boundary + m.end("subj")), (vs, ve))
    return None


def _parsed_before(view: TextView, boundary: int, pos: int) -> Attribution | None:
    lex = lexicon()
    toks = [
        t for t in view.tokens_in(boundary, pos) if lex.is_speech_verb(t.lemma_.lower(), t.lower_)
    ]
    if not toks:
        return None
    tok = toks[-1]
    start = view.offset(tok)
    if pos - start > 80:
        return None
    return _verb_attribution(view, start, start + len(tok.text))


@dataclass
class InnerCue:
    start: int  # clean range of the whole cue (punctuation and dashes included)
    end: int
    speaker: tuple[int, int]
    verb: tuple[int, int]


def cues_inside(view: TextView, a: int, b: int) -> list[InnerCue]:
    """Attributions that translation left inside the quoted text ``a:b``."""
    out: list[InnerCue] = []
    text = view.text[a:b]
    for m in cue_in_quote().finditer(text):
        pre, post = m.group("pre"), m.group("post")
        dash = any(c in pre + post for c in "–—") or " - " in pre
        subj_text = m.group("subj") or m.group("subj2") or ""
        stop = bool(re.search(r"[.,:;]", post)) or m.end() >= len(text) or subj_text.endswith(".")
        if not stop or not (dash or (pre.strip().startswith(",") and "." in post)):
            continue
        sg, vg = ("subj", "verb") if m.group("subj") else ("subj2", "verb2")
        if not valid_subject(m.group(sg)):
            continue
        out.append(
            InnerCue(
                a + m.start(),
                a + m.end(),
                trim_subject(view.text, a + m.start(sg), a + m.end(sg)),
                (a + m.start(vg), a + m.end(vg)),
            )
        )
    return out


#: "Name, role of Country" before a colon: the name, then an appositive with a role word.
_NAME_THEN_ROLE = re.compile(r"(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}),\s+"
                             r"(?P<role>[^,:;.!?“”\"\n]{3,80}?)\s*\Z")


def _named_before_role(window: str, colon_start: int) -> tuple[int, int] | None:
    """The (start, end) of a person's name followed by its role just before a colon
    attribution that starts at ``colon_start`` ("Vladimir Putin, President of *Russia*:"),
    or None when the words before the colon are not "Name, role …"."""
    m = _NAME_THEN_ROLE.search(window, 0, colon_start)
    if m is None:
        return None
    roles = lexicon().person_roles
    role_words = re.findall(r"[a-z]+", (m.group("role") + " " + window[colon_start:]).lower())
    if not any(w in roles for w in role_words):
        return None
    return m.start("name"), m.end("name")

