"""A generated news corpus with known duplicate groups, for tests and benchmarks.

Stories are made from the project's own sentence templates filled with
invented names, places and numbers (a seeded ``random.Random``, so a seed
always gives the same corpus). Each story is then published by several
invented outlets as:

- ``wire``: the same text under the outlet's own header and footer lines;
- ``reprint``: a handful of words changed, maybe a new title;
- ``rewrite``: a sentence dropped, the outlet's own sentence added, words changed;
- ``truncated``: only the first part of the story (40-85% of its sentences).

*Sibling* stories share the original's people, places and subject but not its
sentences: a clusterer must keep them apart. The group of each article (the
story it was made from) is the ground truth for pairwise precision and recall.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dateline.model import Article

_SYLLABLE_TEXT = (
    "ka ri to ve len mar so bel dan il or ta nu vik res al mo pe sha gor "
    "tin ber lo fa ze ran kel mi du vas ar on ho jen sul tev ga bri nor lys"
)
_SYLLABLES = tuple(_SYLLABLE_TEXT.split(" "))

_ROLES = (
    "foreign minister", "defence minister", "prime minister", "president", "spokeswoman",
    "spokesman", "opposition leader", "central bank governor", "trade envoy", "mayor",
    "interior minister", "finance minister", "army chief", "union leader", "ambassador",
)
_TOPICS = (
    "grain exports", "border crossings", "the gas pipeline", "fishing rights", "the ceasefire",
    "prisoner exchanges", "refugee camps", "the power grid", "election monitoring",
    "customs duties", "the river dam", "rail freight", "vaccine deliveries", "port fees",
    "water sharing", "air traffic rights", "mining licences", "the peace plan",
)
_ORG_KINDS = (
    "Council", "Union", "Assembly", "Agency", "Commission", "Front", "League", "Bank",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_VERBS = (
    "criticised", "praised", "rejected", "welcomed", "questioned", "defended", "backed",
    "condemned", "endorsed", "dismissed",
)
_ADJS = (
    "difficult", "constructive", "tense", "lengthy", "frank", "brief", "productive",
    "stalled", "cautious", "heated",
)

# The project's own sentence templates. Slots: {p} person, {r} role, {c} country,
# {c2} other country, {t} town, {o} organisation, {x} subject, {d} day, {n} number,
# {m} second number, {v} verb, {a} adjective, {q} second person.
_TEMPLATES = (
    "{p}, the {r} of {c}, said on {d} that talks on {x} would resume in {t} within {n} days.",
    "Officials in {t} described the meeting about {x} as {a} but said no deal was signed.",
    "{q} {v} the proposal, saying it ignored the concerns of {n} local councils.",
    "The {o} said it had received {n} complaints about {x} since the spring.",
    "According to figures released by the {o}, {x} fell by {n} percent last month.",
    "{p} told reporters in {t} that {c2} had not kept its promises on {x}.",
    "Delegations from {c} and {c2} are expected to meet again on {d}.",
    "The dispute over {x} has strained relations between the two governments for {n} years.",
    "{q}, who chairs the {o}, called for an independent review of {x}.",
    "Protesters gathered outside the ministry in {t}, and police said {n} people were detained.",
    "A statement from the {o} said the {a} negotiations had lasted {m} hours.",
    "{c2} has denied accusations that it blocked {x} and has asked for mediation.",
    "Analysts in {t} said the outcome would depend on whether {c} eases its demands.",
    "The {r} is due to travel to {t} on {d} for a further {m} rounds of meetings.",
    "Neither side gave details of the {n} points of the draft agreement on {x}.",
    "{p} said {c} was ready to compromise but would not accept any deadline set by {c2}.",
    "Local traders in {t} complained that the row over {x} had cost them {n} thousand euros.",
    "The {o} warned that {x} could collapse if no agreement was reached by {d}.",
    "{q} {v} the decision of the {o} and promised a vote in parliament within {m} weeks.",
    "Earlier this year, {c} and {c2} signed a memorandum on {x} that was never ratified.",
    "Observers from the {o} will monitor {x} along a stretch of {n} kilometres.",
    "The {r} of {c2}, {q}, said the talks in {t} had been {a}.",
    "Newspapers in {t} reported that {n} lorries were stuck at the border on {d}.",
    "{p} added that a joint commission on {x} would meet every {m} months.",
    "Opposition deputies {v} the plan, arguing that it handed {c2} too much control over {x}.",
    "The {o} estimated that {n} families had been affected by the dispute over {x}.",
    "Diplomats said a draft text on {x} had been circulated to {m} delegations on {d}.",
    "{q} said the government of {c} would publish the full agreement within {m} days.",
    "Shipping companies have rerouted {n} vessels because of the uncertainty over {x}.",
    "In a televised address on {d}, {p} urged citizens of {c} to stay calm.",
    "The last round of consultations in {t} ended without a joint communique.",
    "{c2} recalled its envoy for consultations after the {a} exchange in {t}.",
    "Farmers near {t} said prices had dropped sharply since the quarrel over {x} began.",
    "A senior adviser to {p} said privately that the timetable was unrealistic.",
    "The {o} has scheduled an emergency session on {x} for {d} afternoon.",
    "Lawmakers in {c2} voted {n} to {m} to suspend cooperation on {x}.",
    "{q} accused the {o} of leaking the draft to journalists before the talks in {t}.",
    "Security around the venue in {t} was tightened, with {n} extra officers deployed.",
    "Economists warned that a long stand-off over {x} could slow growth in {c} this year.",
    "Speaking after the session, {p} said both sides had agreed to exchange data on {x}.",
    "The {r} declined to say whether {c} would take the matter to an international court.",
    "Residents of border villages told reporters they had heard nothing about {x} for weeks.",
    "Television footage showed {q} leaving the building in {t} without speaking to the press.",
    "The next meeting of the joint working group on {x} is planned for the end of the month.",
)

_HEADERS = (
    "{outlet} | World desk",
    "Updated {n} minutes ago. Reporting by {outlet} staff.",
    "Breaking: latest from the {outlet} newsroom",
    "{outlet} - news you can trust",
)
_FOOTERS = (
    "Subscribe to the {outlet} morning briefing for more stories like this.",
    "Copyright {outlet}. All rights reserved. Republication without permission is prohibited.",
    "Follow {outlet} on social media for live updates.",
    "Have a news tip? Write to the {outlet} editors.",
    "Read more on the {outlet} website.",
)
_OWN_LINES = (
    "{outlet} could not independently verify the figures.",
    "This story has been updated with comment from officials.",
    "A correspondent of {outlet} in {t} contributed to this report.",
)
_SWAPS = {
    "said": "stated", "talks": "negotiations", "meeting": "session", "proposal": "plan",
    "complaints": "grievances", "officials": "authorities", "ready": "prepared",
    "expected": "due", "called": "pressed", "reported": "said", "dispute": "row",
    "promised": "pledged", "warned": "cautioned", "accusations": "claims",
}


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_name(rng, 2)} {_name(rng, 3)}"


@dataclass(frozen=True, slots=True)
class _Topic:
    person: str
    other_person: str
    role: str
    country: str
    other_country: str
    town: str
    org: str
    subject: str


def _topic(rng: random.Random) -> _Topic:
    return _Topic(
        person=_person(rng),
        other_person=_person(rng),
        role=rng.choice(_ROLES),
        country=_name(rng, rng.choice((2, 3))) + "ia",
        other_country=_name(rng, rng.choice((2, 3))) + "a",
        town=_name(rng, rng.choice((2, 3))),
        org=f"{_name(rng, 2)} {rng.choice(_ORG_KINDS)}",
        subject=rng.choice(_TOPICS),
    )


def _sentence(template: str, rng: random.Random, tp: _Topic) -> str:
    return template.format(
        p=tp.person,
        q=tp.other_person,
        r=tp.role,
        c=tp.country,
        c2=tp.other_country,
        t=tp.town,
        o=tp.org,
        x=tp.subject,
        d=rng.choice(_DAYS),
        n=rng.randint(2, 999),
        m=rng.randint(2, 60),
        v=rng.choice(_VERBS),
        a=rng.choice(_ADJS),
    )


def _story(rng: random.Random, tp: _Topic) -> list[str]:
    templates = rng.sample(_TEMPLATES, rng.randint(12, 22))
    return [_sentence(t, rng, tp) for t in templates]


def _title(rng: random.Random, tp: _Topic) -> str:
    forms = (
        "{c} and {c2} clash over {x}",
        "Talks on {x} resume in {t}",
        "{p} says {c} ready to compromise on {x}",
        "No deal yet on {x} after {t} meeting",
    )
    return rng.choice(forms).format(
        c=tp.country, c2=tp.other_country, x=tp.subject, t=tp.town, p=tp.person
    )


def _edit_words(rng: random.Random, sentences: list[str], n_edits: int) -> list[str]:
    out = list(sentences)
    for _ in range(n_edits):
        i = rng.randrange(len(out))
        ws = out[i].split(" ")
        j = rng.randrange(len(ws))
        bare = ws[j].strip(",.").lower()
        if bare in _SWAPS:
            ws[j] = ws[j].lower().replace(bare, _SWAPS[bare])
        elif ws[j].strip(",.").isdigit():
            ws[j] = ws[j].replace(ws[j].strip(",."), str(rng.randint(2, 999)))
        elif len(ws) > 6:
            del ws[j]
        out[i] = " ".join(ws)
    return out


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    header: str
    footer: str


def make_outlets(rng: random.Random, n: int) -> list[Outlet]:
    outlets = []
    for _ in range(n):
        name = f"{_name(rng, 2)} {rng.choice(('Times', 'Herald', 'Post', 'Daily', 'Wire'))}"
        header = rng.choice(_HEADERS).format(outlet=name, n=rng.randint(2, 59))
        footer = rng.choice(_FOOTERS).format(outlet=name)
        outlets.append(Outlet(name, header, footer))
    return outlets


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """A generated article and the story group it belongs to."""

    article: Article
    group: str
    variant: str


def _render(outlet: Outlet, sentences: list[str], rng: random.Random) -> str:
    paras: list[str] = []
    for i in range(0, len(sentences), 2):
        paras.append(" ".join(sentences[i : i + 2]))
    lines = [outlet.header, *paras, outlet.footer] if rng.random() < 0.8 else paras
    return "\n\n".join(lines)


def _variant(
    rng: random.Random, kind: str, sentences: list[str], tp: _Topic, outlet: Outlet
) -> list[str]:
    if kind == "wire":
        return list(sentences)
    if kind == "reprint":
        return _edit_words(rng, sentences, rng.randint(1, 6))
    if kind == "rewrite":
        out = list(sentences)
        if len(out) > 6:
            del out[rng.randrange(1, len(out))]
        out.insert(rng.randrange(1, len(out)), rng.choice(_OWN_LINES).format(
            outlet=outlet.name, t=tp.town
        ))
        return _edit_words(rng, out, rng.randint(2, 6))
    if kind == "truncated":
        keep = max(4, round(len(sentences) * rng.uniform(0.4, 0.85)))
        return _edit_words(rng, sentences[:keep], rng.randint(0, 2))
    raise ValueError(f"unknown variant kind {kind!r}")


VARIANTS = ("wire", "reprint", "rewrite", "truncated")


def iter_corpus(
    n_stories: int,
    seed: int = 7,
    max_copies: int = 5,
    sibling_rate: float = 0.3,
    n_outlets: int = 40,
    start: datetime | None = None,
) -> Iterator[LabelledArticle]:
    """Yield the articles of ``n_stories`` stories, each published 1 to ``max_copies`` times.

    With probability ``sibling_rate`` a story gets a sibling: another story on
    the same subject with the same people (its own group).
    """
    rng = random.Random(seed)
    outlets = make_outlets(rng, n_outlets)
    t0 = start or datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    n = 0
    for s in range(n_stories):
        tp = _topic(rng)
        groups = [(f"s{s}", _story(rng, tp))]
        if rng.random() < sibling_rate:
            groups.append((f"s{s}b", _story(rng, tp)))
        base = t0 + timedelta(minutes=17 * s)
        for group, sentences in groups:
            copies = rng.randint(1, max_copies)
            for k, outlet in enumerate(rng.sample(outlets, copies)):
                kind = "wire" if k == 0 else rng.choice(VARIANTS)
                body = _variant(rng, kind, sentences, tp, outlet)
                published = base + timedelta(minutes=rng.randint(0, 600))
                n += 1
                yield LabelledArticle(
                    Article(
                        id=f"a{n:07d}",
                        text=_render(outlet, body, rng),
                        title=_title(rng, tp),
                        source=outlet.name,
                        published=published.isoformat(),
                    ),
                    group,
                    kind,
                )


def generate_corpus(n_stories: int, seed: int = 7, **kw: object) -> list[LabelledArticle]:
    """The list form of ``iter_corpus``; articles are shuffled by the same seed."""
    items = list(iter_corpus(n_stories, seed, **kw))  # type: ignore[arg-type]
    random.Random(seed + 1).shuffle(items)
    return items


def pairwise_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    """Pairwise (precision, recall) of a clustering against the true groups."""

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        by: dict[str, list[str]] = {}
        for a, g in labels.items():
            by.setdefault(g, []).append(a)
        out: set[tuple[str, str]] = set()
        for members in by.values():
            members.sort()
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    out.add((x, y))
        return out

    t, p = pairs(truth), pairs(predicted)
    both = len(t & p)
    precision = both / len(p) if p else 1.0
    recall = both / len(t) if t else 1.0
    return precision, recall


__all__ = [
    "VARIANTS",
    "LabelledArticle",
    "Outlet",
    "generate_corpus",
    "iter_corpus",
    "make_outlets",
    "pairwise_scores",
]
