"""The web app through FastAPI's TestClient, on SQLite and PostgreSQL stores.

The store holds the sample articles as the pipeline processes them, the fully
annotated demo article (``synth.records.demo_record``) and a hostile article whose
text, title and speaker contain markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest_store import BACKENDS, make_store_url
from dateline.model import Quote, Record
from dateline.samples import load_samples
from dateline.store import open_store
from dateline.web import create_app
from dateline.web.highlight import Mark, drop_overlaps, highlight, render_region
from dateline.web.process import MAX_PASTE_CHARS, build_pipeline
from synth.records import demo_record, find_span

DEMO_ID = "demo-valletta-accord"
HOSTILE_ID = "hostile-markup"
HOSTILE_TEXT = (
    "Council meets <b>today</b>\n\n"
    "The council met on Friday. <script>window.__pwned = 1; document.title = 'pwned'</script>"
    ' "Nothing <img src=x onerror=alert(1)> was decided," the chair said.\n'
)


def hostile_record() -> Record:
    raw = HOSTILE_TEXT
    qs = find_span(raw, "Nothing <img src=x onerror=alert(1)> was decided,")
    return Record(
        id=HOSTILE_ID,
        raw_text=raw,
        title="Council <script>alert('t')</script> meets",
        source="Test <i>Wire</i>",
        url="javascript:alert(1)",
        published="2025-02-03",
        text=raw,
        quotes=[Quote("direct", qs.text, qs.start, qs.end, speaker="Chair <b>Bold</b>")],
    )


@lru_cache(maxsize=1)
def sample_records() -> tuple[str, ...]:
    """The samples through the working pipeline stages, as JSON (copied per store)."""
    pipe = build_pipeline()
    return tuple(pipe.process(a).to_json() for a in load_samples())


def fill(url: str) -> None:
    with open_store(url) as store:
        for js in sample_records():
            store.save(Record.from_json(js))
        store.save(demo_record())
        store.save(hostile_record())


@pytest.fixture(scope="module", params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = make_store_url(request.param, tmp_path_factory.mktemp("web"))
    fill(url)
    return url


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url)) as c:
        yield c


@pytest.fixture(scope="module")
def ro_client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, read_only=True)) as c:
        yield c


def n_articles() -> int:
    return len(load_samples()) + 2


# -- lists, filters, pagination --------------------------------------------------------
def test_home_counts_and_latest(client: TestClient) -> None:
    data = client.get("/index.json").json()
    assert data["counts"]["articles"] == n_articles()
    assert data["counts"]["quotes"] >= len(demo_record().quotes)
    assert data["latest"][0]["published"] >= data["latest"][-1]["published"]
    top = client.get("/api/speakers", params={"limit": 1}).json()["items"][0]
    assert data["top_speakers"][0] == {"name": top["name"], "quotes": top["quotes"]}
    week = data["event_types_week"]
    assert week["until"] == max(a["published"] for a in data["latest"])[:10]
    page = client.get("/")
    assert page.status_code == 200
    assert "Latest stories" in page.text and "Most-quoted people" in page.text


def test_articles_full_text_search(client: TestClient) -> None:
    data = client.get("/api/articles", params={"q": "fishing quarrel"}).json()
    assert [a["id"] for a in data["items"]] == [DEMO_ID]
    assert data["items"][0]["n_quotes"] == 4 and data["items"][0]["n_events"] == 3
    assert client.get("/api/articles", params={"q": "zzzunknownword"}).json()["total"] == 0


def test_articles_source_and_dates(client: TestClient) -> None:
    demo = client.get("/api/articles", params={"source": "dateline demo"}).json()
    assert demo["total"] >= 1
    assert all("dateline demo" in (a["source"] or "").lower() for a in demo["items"])
    ranged = client.get("/api/articles", params={"since": "2025-05-01", "until": "2025-06-30",
                                                 "limit": 500}).json()
    assert ranged["total"] >= 1
    assert all("2025-05-01" <= a["published"][:10] <= "2025-06-30" for a in ranged["items"])
    everything = client.get("/api/articles", params={"limit": 500}).json()
    outside = [a for a in everything["items"]
               if not "2025-05-01" <= (a["published"] or "")[:10] <= "2025-06-30"]
    assert ranged["total"] + len(outside) == everything["total"]


def test_articles_pagination(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 5, "offset": 0}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == n_articles()
    ids1, ids2 = {a["id"] for a in first["items"]}, {a["id"] for a in second["items"]}
    assert len(ids1) == len(ids2) == 5 and not ids1 & ids2
    tail = client.get("/api/articles", params={"limit": 5, "offset": n_articles()}).json()
    assert tail["items"] == []


def test_articles_story_cluster_filter(client: TestClient) -> None:
    data = client.get("/api/articles", params={"cluster": DEMO_ID}).json()
    assert DEMO_ID in [a["id"] for a in data["items"]]
    assert all(a["cluster_id"] == DEMO_ID for a in data["items"])


def test_one_article_has_every_span(client: TestClient) -> None:
    data = client.get(f"/api/articles/{DEMO_ID}").json()
    rec = Record.from_dict(data["record"])
    assert rec.to_dict() == demo_record().to_dict()
    raw = rec.raw_text
    spans = [*rec.quotes, *rec.removed, *rec.sentences]
    spans += [m for a in rec.actors for m in a.mentions]
    spans += [x for e in rec.events for x in (e.trigger, e.sentence)]
    spans += [q.speaker_mention for q in rec.quotes if q.speaker_mention]
    assert len(spans) > 20
    for s in spans:
        assert raw[s.start : s.end] == s.text
    assert data["cluster_id"] == DEMO_ID


def test_quotes_filters(client: TestClient) -> None:
    data = client.get("/api/quotes", params={"speaker": "vella"}).json()
    assert data["total"] == 2
    assert {q["speaker"] for q in data["items"]} == {"Clara Vella"}
    for q in data["items"]:
        rec = demo_record()
        assert rec.raw_text[q["start"] : q["end"]] == q["text"]
    found = client.get("/api/quotes", params={"q": "empty-handed"}).json()
    assert [q["text"] for q in found["items"]] == ["Nobody leaves the table empty-handed."]
    none = client.get("/api/quotes", params={"speaker": "vella", "until": "2025-01-01"}).json()
    assert none["total"] == 0


def test_speakers_with_counts_and_roles(client: TestClient) -> None:
    data = client.get("/api/speakers", params={"q": "Mansour"}).json()
    assert data["total"] == 1
    s = data["items"][0]
    assert (s["name"], s["quotes"], s["articles"]) == ("Hedi Mansour", 2, 1)
    assert s["roles"] == ["foreign minister"] and s["codes"] == ["TUNGOV"]
    everyone = client.get("/api/speakers", params={"limit": 500}).json()
    counts = [x["quotes"] for x in everyone["items"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("params", "expect"),
    [
        ({"plover": "agree"}, lambda e: e["plover"] == "AGREE"),
        ({"cameo": "05"}, lambda e: e["cameo"].startswith("05")),
        ({"source": "MLT"}, lambda e: "MLT" in (e["source_country"], e["source_code"])),
        ({"target": "tun"}, lambda e: "TUN" in (e["target_country"], e["target_code"])),
        ({"actor": "TUN"}, lambda e: "TUN" in (e["source_country"], e["target_country"],
                                               e["source_code"], e["target_code"])),
        ({"negated": "true"}, lambda e: e["negated"] is True),
        ({"negated": "false"}, lambda e: e["negated"] is False),
        ({"since": "2025-05-12", "until": "2025-05-12"}, lambda e: e["date"][:10] == "2025-05-12"),
        ({"min_confidence": "0.5"}, lambda e: e["confidence"] >= 0.5),
    ],
)
def test_events_filters(client: TestClient, params: dict[str, str], expect: object) -> None:
    data = client.get("/api/events", params={**params, "limit": 500}).json()
    assert data["total"] == len(data["items"])
    assert all(expect(e) for e in data["items"])  # type: ignore[operator]


def test_min_confidence_keeps_the_surer_events(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 500}).json()["items"]
    sure = client.get("/api/events", params={"limit": 500, "min_confidence": 0.5}).json()
    assert 0 < sure["total"] < len(every)
    assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422
    page = client.get("/events", params={"min_confidence": "0.5"})
    assert page.status_code == 200 and 'value="0.5" selected' in page.text


def test_events_demo_counts(client: TestClient) -> None:
    demo = {"source": "MLT", "since": "2025-05-12", "until": "2025-05-12"}
    data = client.get("/api/events", params=demo).json()
    assert sorted(e["cameo"] for e in data["items"] if e["article_id"] == DEMO_ID) == [
        "0312", "057", "062"]
    modal = client.get("/api/events", params={**demo, "modal": "true"}).json()
    assert sorted(e["cameo"] for e in modal["items"] if e["article_id"] == DEMO_ID) == [
        "0312", "062"]
    plain = client.get("/api/events", params={**demo, "modal": "false"}).json()
    assert [e["cameo"] for e in plain["items"] if e["article_id"] == DEMO_ID] == ["057"]
    negated = client.get("/api/events", params={"negated": "true", "cameo": "0312"}).json()
    assert DEMO_ID in [e["article_id"] for e in negated["items"]]


def test_events_page_has_chart_and_evidence_links(client: TestClient) -> None:
    page = client.get("/events", params={"since": "2025-05-12", "until": "2025-05-12"})
    assert page.status_code == 200
    assert "<svg" in page.text and "<rect" in page.text
    assert f'href="/articles/{DEMO_ID}#ev-0"' in page.text
    twin = client.get("/events.json", params={"since": "2025-05-12", "until": "2025-05-12"})
    days = twin.json()["per_day"]
    assert {d["day"] for d in days} == {"2025-05-12"}
    assert sum(d["n"] for d in days) == twin.json()["total"]


def test_clusters_fall_back_to_one_article_each(client: TestClient) -> None:
    data = client.get("/api/clusters", params={"limit": 500}).json()
    assert data["total"] == n_articles()
    assert all(c["size"] >= 1 for c in data["items"])
    one = client.get(f"/api/clusters/{DEMO_ID}").json()
    assert [a["id"] for a in one["articles"]] == [DEMO_ID]
    page = client.get(f"/clusters/{DEMO_ID}")
    assert page.status_code == 200 and "Harbour talks end" in page.text


def test_stats(client: TestClient) -> None:
    data = client.get("/api/stats").json()
    assert data["counts"]["articles"] == n_articles()
    assert "db" not in data


# -- pages and their JSON twins ----------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=accord", "/speakers", "/speakers/Clara%20Vella", "/events",
     "/clusters", f"/clusters/{DEMO_ID}", f"/articles/{DEMO_ID}", "/paste"],
)
def test_pages_render(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<html" in r.text


@pytest.mark.parametrize(
    ("page", "twin"),
    [("/", "/index.json"), ("/search?q=accord", "/search.json?q=accord"),
     ("/speakers", "/speakers.json"), ("/speakers/Clara%20Vella", "/speakers/Clara%20Vella.json"),
     ("/events?plover=AGREE", "/events.json?plover=AGREE"), ("/clusters", "/clusters.json"),
     (f"/clusters/{DEMO_ID}", f"/clusters/{DEMO_ID}.json"),
     (f"/articles/{DEMO_ID}", f"/articles/{DEMO_ID}.json"), ("/paste", "/paste.json")],
)
def test_every_page_has_a_json_twin(client: TestClient, page: str, twin: str) -> None:
    by_suffix = client.get(twin)
    by_accept = client.get(page, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.headers["content-type"].startswith("application/json")
    assert by_suffix.json() == by_accept.json()


def test_search_partial_is_a_fragment(client: TestClient) -> None:
    r = client.get("/search", params={"q": "fishing", "partial": "1"})
    assert r.status_code == 200
    assert "<html" not in r.text and "Harbour talks end" in r.text


def test_empty_form_fields_mean_any(client: TestClient) -> None:
    r = client.get("/search.json?q=&source=&since=&until=&cluster=")
    assert r.status_code == 200 and r.json()["total"] == n_articles()


def _body_text(page: str) -> str:
    m = re.search(r'<div class="text" id="article-text">(.*?)</div>\n</article>', page, re.S)
    assert m, "article text block not found"
    body = re.sub(r"<summary>.*?</summary>", "", m.group(1), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_article_page_is_built_from_raw_text_offsets(client: TestClient) -> None:
    page = client.get(f"/articles/{DEMO_ID}").text
    rec = demo_record()
    assert _body_text(page) == rec.raw_text
    quotes = re.findall(r'<q class="quote q-(\w+) spk-(\d)"[^>]*data-speaker="([^"]+)"', page)
    assert len(quotes) == len(rec.quotes)
    colour = {speaker: c for _, c, speaker in quotes}
    assert colour["Clara Vella"] != colour["Hedi Mansour"]
    assert page.count('data-kind="event"') == len(rec.events)
    assert 'summary>removed: teaser' in page and "removed: duplicate title" in page
    assert f'href="/articles/{DEMO_ID}.json"' in page


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    pages = [
        client.get(f"/articles/{HOSTILE_ID}").text,
        client.get("/search", params={"q": "council"}).text,
        client.get(f"/clusters/{HOSTILE_ID}").text,
        client.get("/speakers").text,
        client.get("/speakers/Chair <b>Bold</b>").text,
        client.get("/").text,
    ]
    for text in pages:
        assert "<script>window" not in text and "<script>alert" not in text
        assert "<img src=x" not in text and "<b>Bold</b>" not in text
        assert "javascript:alert" not in text
    article = pages[0]
    assert "&lt;script&gt;window.__pwned" in article
    assert _body_text(article) == HOSTILE_TEXT


# -- validation and errors ---------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    ["/api/articles?limit=0", "/api/articles?limit=100000", "/api/articles?offset=-1",
     "/api/articles?since=yesterday", "/api/quotes?until=2025-02-30", "/api/events?cameo=abc",
     "/api/events?plover=a;DROP", "/api/events?source=R%27U", "/api/events?negated=maybe",
     "/search.json?limit=x", "/api/articles?q=" + "a" * 300],
)
def test_bad_parameters_give_422_with_a_message(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert body["message"].startswith("invalid parameters")
    assert "SELECT" not in r.text and "sqlite" not in r.text.lower()


def test_bad_parameters_on_a_page_give_an_html_422(client: TestClient) -> None:
    r = client.get("/events?since=2025-13-45")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "since" in r.text


@pytest.mark.parametrize(
    "q", ["a'", "NEAR(", "col:x", "x)) --", "ü ç 北京", "a -", "or or", "x*y", "a\\b"]
)
def test_odd_search_words_never_fail(client: TestClient, q: str) -> None:
    for url in ("/api/articles", "/api/quotes", "/search"):
        assert client.get(url, params={"q": q}).status_code == 200


@pytest.mark.parametrize("q", ['"', "'", "a AND", "*", "))--", "-", "OR OR", "-a"])
def test_search_words_that_mean_nothing_are_a_400(client: TestClient, q: str) -> None:
    for url in ("/api/articles", "/api/quotes", "/search"):
        r = client.get(url, params={"q": q})
        assert r.status_code == 400 and "search" in r.text


def test_unknown_things_are_404(client: TestClient) -> None:
    assert client.get("/api/articles/nope").status_code == 404
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "nope" in r.text
    assert client.get("/speakers/Nobody%20Here").status_code == 404
    assert client.get("/api/clusters/nope").status_code == 404


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/speakers",
              "/api/events", "/api/clusters", "/api/stats", "/api/process"):
        assert p in paths
    params = {x["name"] for x in paths["/api/events"]["get"]["parameters"]}
    assert {"plover", "cameo", "source", "target", "since", "until", "negated", "modal",
            "limit", "offset"} <= params
    page = client.get("/docs")  # served here, no CDN
    assert page.status_code == 200 and "GET /api/events" in page.text
    assert "cdn" not in page.text.lower()


def test_pages_send_a_content_security_policy(client: TestClient) -> None:
    csp = client.get(f"/articles/{DEMO_ID}").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp


def test_read_only_server_needs_a_migrated_store(tmp_path: Path) -> None:
    from dateline.errors import StoreError

    empty = str(tmp_path / "empty.db")
    with pytest.raises(StoreError, match="read-only"):
        create_app(empty, read_only=True)


# -- paste / process -----------------------------------------------------------------------
PASTE = (
    "LISBON, June 2 (Test Wire) - Portugal and Spain agreed on Monday to share river data.\n\n"
    '"The rivers do not stop at the border," Portuguese Environment Minister Rui Campos said.\n'
)


def test_process_without_saving_stores_nothing(client: TestClient) -> None:
    before = client.get("/api/stats").json()["counts"]["articles"]
    r = client.post("/api/process", json={"text": PASTE, "title": "River data"})
    assert r.status_code == 200
    rec = Record.from_dict(r.json()["record"])
    assert rec.raw_text == PASTE and r.json()["saved"] is False
    for q in rec.quotes:
        assert PASTE[q.start : q.end] == q.text
    assert client.get("/api/stats").json()["counts"]["articles"] == before
    page = client.post("/paste", data={"text": PASTE, "action": "preview"})
    assert page.status_code == 200 and 'id="article-text"' in page.text
    assert client.get("/api/stats").json()["counts"]["articles"] == before


def test_paste_and_save(client: TestClient) -> None:
    text = PASTE.replace("June 2", "June 3")
    before = client.get("/index.json").json()["counts"]["articles"]  # now cached
    r = client.post("/paste", data={"text": text, "title": "Saved river story",
                                    "action": "save"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "Saved river story" in page.text
    # The cached home page data notices the new article.
    assert client.get("/index.json").json()["counts"]["articles"] == before + 1


def test_upload_a_file(client: TestClient) -> None:
    r = client.post("/paste", data={"action": "preview"},
                    files={"file": ("story.txt", PASTE.encode("utf-8"), "text/plain")})
    assert r.status_code == 200 and "Portugal and Spain" in r.text


def test_too_long_article_is_refused_with_a_message(client: TestClient) -> None:
    long = "word " * (MAX_PASTE_CHARS // 5 + 10)
    r = client.post("/api/process", json={"text": long})
    assert r.status_code == 413
    assert f"{MAX_PASTE_CHARS:,}" in r.json()["message"]
    page = client.post("/paste", data={"text": long, "action": "preview"})
    assert page.status_code == 413 and "the limit is" in page.text
    huge = client.post("/api/process", content=b"x" * 3_000_000,
                       headers={"content-type": "application/json"})
    assert huge.status_code == 413


def test_read_only_refuses_writes(ro_client: TestClient) -> None:
    r = ro_client.post("/api/process", json={"text": PASTE, "save": True})
    assert r.status_code == 403 and "read-only" in r.json()["message"]
    page = ro_client.post("/paste", data={"text": PASTE, "action": "save"})
    assert page.status_code == 403 and "read-only" in page.text
    assert ro_client.post("/api/process", json={"text": PASTE}).status_code == 200
    form = ro_client.get("/paste").text
    assert 'id="save-button"' not in form and "read-only" in form


# -- highlighting -------------------------------------------------------------------------
def test_overlapping_spans_nest_into_valid_html() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 6, 1, "q", "quote"), Mark(4, 9, 2, "span", "actor"),
             Mark(5, 7, 2, "span", "dropped")]
    out = render_region(text, 0, drop_overlaps(marks))
    assert out == ('<q class="quote">abcd<span class="actor">ef</span></q>'
                   '<span class="actor">ghi</span>j')
    assert out.count("<span") == out.count("</span>")


def test_highlight_skips_spans_outside_the_text() -> None:
    rec = demo_record()
    rec.quotes.append(Quote("direct", "x", len(rec.raw_text) + 5, len(rec.raw_text) + 6))
    h = highlight(rec)
    assert html.unescape(re.sub(r"<summary>.*?</summary>|<[^>]+>", "", str(h.html))) == \
        rec.raw_text
