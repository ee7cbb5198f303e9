"""The web UI in a real browser: selenium driving headless Chromium against uvicorn.

Skips cleanly when chromium or chromedriver is absent. Screenshots go to
``test-artifacts/`` at the repository root.

The worked example's page uses a record built at run time from the hand-made
expectation in ``../shared/examples`` (the quotes and speakers a careful reader
marks), so the test checks the page, not the current state of the NLP stages.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.model import Actor, Event, EventActor, Mention, Quote, Record, Removed, Span
from dateline.store import open_store
from test_web_api import HOSTILE_ID, HOSTILE_TEXT, fill

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / ".." / "shared" / "examples" / "lavrov-vienna.txt"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WORKED_ID = "worked-example"

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def _chromium() -> Path | None:
    for p in (CHROMIUM, Path(shutil.which("chromium") or "/nonexistent")):
        if p.exists():
            return p
    return None


def _chromedriver() -> Path | None:
    for p in (CHROMEDRIVER, Path(shutil.which("chromedriver") or "/nonexistent")):
        if p.exists():
            return p
    return None


# -- the worked example as a record, from its expectation ---------------------------------
def _all(raw: str, needle: str) -> list[Span]:
    out, i = [], raw.find(needle)
    while i >= 0:
        out.append(Span(needle, i, i + len(needle)))
        i = raw.find(needle, i + 1)
    return out


def worked_example_record() -> tuple[Record, dict[str, Any]]:
    raw = EXAMPLE.read_text(encoding="utf-8")
    exp = json.loads(EXAMPLE.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
    actors = []
    for i, p in enumerate(exp["people"], 1):
        mentions: list[Mention] = []
        for m in p["mentions"]:
            if len(m) < 4:
                continue  # "he": too short to find reliably by string search
            mentions += [Mention(s.text, s.start, s.end) for s in _all(raw, m)]
        mentions.sort(key=lambda m: m.start)
        actors.append(Actor(f"a{i}", p["name"], "person", None, p.get("country"),
                            p.get("role"), mentions))
    ids = {a.name: a.id for a in actors}
    quotes = []
    for q in exp["quotes"]:
        s = _all(raw, q["text"])[0]
        quotes.append(Quote(q["kind"], s.text, s.start, s.end, q["speaker"],
                            ids.get(q["speaker"])))
    removed = [Removed("boilerplate", s.text, s.start, s.end)
               for b in exp["boilerplate"] for s in _all(raw, b)[:1]]
    title_copies = _all(raw, exp["title"])
    if len(title_copies) > 1:
        removed.append(Removed("duplicate_title", *_span_parts(title_copies[1])))
    events = []
    for e in exp["events"]:
        if e.get("optional"):
            continue
        sent = _all(raw, e["sentence"])[0]
        verb = re.search(r"\b(offered|expressed|coordinate)\b", sent.text)
        start = sent.start + (verb.start() if verb else 0)
        word = verb.group(0) if verb else sent.text.split()[0]
        events.append(Event(e["cameo"], e["plover"], None, False,
                            EventActor(None, e["source"], e["source"][:3]),
                            EventActor(None, e["target"], e["target"][:3]) if e["target"]
                            else None,
                            Span(word, start, start + len(word)), sent, e.get("location"),
                            "2015-10-30", 0.8))
    rec = Record(id=WORKED_ID, raw_text=raw, title=exp["title"], source="worked example",
                 published="2015-10-30", text=raw, actors=actors, quotes=quotes,
                 removed=removed, events=events)
    return rec, exp


def _span_parts(s: Span) -> tuple[str, int, int]:
    return s.text, s.start, s.end


# -- server and browser -----------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("webui") / "ui.db")
    fill(path)
    if EXAMPLE.exists():
        rec, _ = worked_example_record()
        with open_store(path) as store:
            store.save(rec)
    return path


@pytest.fixture(scope="module")
def server(db_path: str) -> Iterator[str]:
    if _chromium() is None or _chromedriver() is None:
        pytest.skip("chromium and chromedriver are needed for browser tests")
    import uvicorn

    from dateline.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="dateline-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(_chromium())
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1280,1000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(_chromedriver())), options=opts)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(driver: webdriver.Chrome, name: str, height: int | None = None) -> Path:
    if height:
        driver.set_window_size(1280, height)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)
    assert path.stat().st_size > 10_000
    return path


def wait(driver: webdriver.Chrome, seconds: float = 15) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def settled(driver: webdriver.Chrome, fragment: str) -> None:
    """Wait until the in-place results for a URL containing ``fragment`` are shown."""
    wait(driver).until(
        lambda d: fragment in d.current_url
        and not d.find_elements(By.CSS_SELECTOR, ".loading")
    )


# -- tests --------------------------------------------------------------------------------------
def test_worked_example_quotes_are_highlighted_with_their_speaker(
    browser: webdriver.Chrome, server: str
) -> None:
    if not EXAMPLE.exists():
        pytest.skip("the worked example (../shared/examples) is not here")
    rec, exp = worked_example_record()
    browser.get(f"{server}/articles/{WORKED_ID}")
    quotes = browser.find_elements(By.CSS_SELECTOR, "#article-text q.quote")
    # A quote crossing an event sentence's edge is drawn as several pieces: join them.
    pieces: dict[int, list[str]] = {}
    for q in quotes:
        pieces.setdefault(int(q.get_attribute("data-quote") or -1), []).append(q.text)
    assert len(pieces) == len(exp["quotes"])
    assert {q.get_attribute("data-speaker") for q in quotes} == {"Sergey Lavrov"}
    # The highlighted text is exactly each expected quote's text.
    shown = [" ".join("".join(pieces[i]).split()) for i in sorted(pieces)]
    assert shown == [" ".join(q.text.split()) for q in rec.quotes]
    # One speaker, one colour; the colour is really painted.
    colours = {q.value_of_css_property("background-color") for q in quotes}
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}
    legend = browser.find_element(By.CSS_SELECTOR, "ul.legend").text
    assert "Sergey Lavrov" in legend
    # Clicking a quote shows its speaker in the details panel.
    quotes[0].click()
    panel = browser.find_element(By.ID, "details-list")
    wait(browser).until(lambda d: "Sergey Lavrov" in panel.text)
    # Removed boilerplate is collapsed, with its reason.
    removed = browser.find_elements(By.CSS_SELECTOR, "details.removed")
    assert removed and all(r.get_attribute("open") is None for r in removed)
    summaries = [r.find_element(By.TAG_NAME, "summary").text for r in removed]
    assert any("boilerplate" in t for t in summaries)
    assert any("duplicate title" in t for t in summaries)
    assert "SPECIAL project" not in browser.find_element(By.ID, "article-text").text
    shot(browser, "web-article-worked-example.png", height=1500)
    # The record as JSON is one click away.
    browser.find_element(By.CSS_SELECTOR, "a.json-record").click()
    wait(browser).until(lambda d: d.current_url.endswith(".json"))
    assert f'"id":"{WORKED_ID}"' in browser.page_source.replace(" ", "")


def test_event_evidence_link_flashes_the_sentence(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/events?since=2025-05-12&until=2025-05-12")
    link = browser.find_element(By.CSS_SELECTOR, "a.evidence")
    href = link.get_attribute("href") or ""
    assert re.search(r"/articles/[^#]+#ev-\d+$", href)
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart rect")
    shot(browser, "web-events.png")
    link.click()
    flashed = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".evsent.flash"))
    )
    assert flashed.text.strip()


def test_search_filters_update_results_in_place(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/search")
    total = browser.find_element(By.ID, "total")
    everything = int(total.text.replace(",", ""))
    assert everything >= 17
    browser.execute_script("window.__marker = 'same page';")
    box = browser.find_element(By.CSS_SELECTOR, "#search-form input[name=q]")
    box.send_keys("fishing accord")
    settled(browser, "q=fishing+accord")
    assert browser.find_element(By.ID, "total").text == "1"
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results a.title")]
    assert titles == ["Harbour talks end with a fishing accord"]
    assert browser.execute_script("return window.__marker") == "same page"  # no reload
    # A date range that excludes the article empties the list; widening it brings it back.
    set_field = (
        "const f = document.querySelector('#search-form input[name=' + arguments[0] + ']');"
        "f.value = arguments[1]; f.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    browser.execute_script(set_field, "until", "2025-01-01")
    settled(browser, "until=2025-01-01")
    assert browser.find_element(By.ID, "total").text == "0"
    browser.execute_script(set_field, "until", "2025-12-31")
    settled(browser, "until=2025-12-31")
    assert browser.find_element(By.ID, "total").text == "1"
    browser.execute_script(set_field, "q", "")
    src = browser.find_element(By.CSS_SELECTOR, "#search-form input[name=source]")
    src.send_keys("Demo Wire")
    settled(browser, "source=Demo+Wire")
    assert "q=" not in browser.current_url
    metas = browser.find_elements(By.CSS_SELECTOR, "#results .result .meta")
    assert metas and all("Demo Wire" in m.text for m in metas)
    shown_total = int(browser.find_element(By.ID, "total").text.replace(",", ""))
    assert len(metas) == shown_total < everything
    assert "source=Demo+Wire" in browser.find_element(
        By.CSS_SELECTOR, "a.json-link").get_attribute("href")
    shot(browser, "web-search-filtered.png")


def test_events_type_filter(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/events")
    Select(browser.find_element(By.NAME, "plover")).select_by_value("AGREE")
    wait(browser).until(lambda d: "plover=AGREE" in d.current_url)
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#event-results tbody tr"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-results tbody tr")
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[1].text == "AGREE" for r in rows)


def test_a_facet_link_filters_the_events_and_the_csv_link_follows(
    browser: webdriver.Chrome, server: str
) -> None:
    browser.get(f"{server}/events")
    facet = browser.find_element(By.CSS_SELECTOR, '.facet[data-facet="plover"] li')
    link = facet.find_element(By.CSS_SELECTOR, "a.facet-link")
    value, count = link.text, facet.find_element(By.CSS_SELECTOR, ".n").text
    link.click()
    wait(browser).until(lambda d: f"plover={value}" in d.current_url)
    assert browser.find_element(By.ID, "total").text == count
    rows = browser.find_elements(By.CSS_SELECTOR, "#event-results tbody tr")
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[1].text == value for r in rows)
    chosen = browser.find_element(By.CSS_SELECTOR, '.facet[data-facet="plover"] li.selected')
    assert chosen.find_element(By.CSS_SELECTOR, "a").text == value
    csv_href = browser.find_element(By.CSS_SELECTOR, "a.csv-link").get_attribute("href") or ""
    assert f"/events.csv?plover={value}" in csv_href
    # changing a filter in place keeps the CSV link on the same filters as the page
    Select(browser.find_element(By.NAME, "negated")).select_by_value("false")
    settled(browser, "negated=false")
    csv_href = browser.find_element(By.CSS_SELECTOR, "a.csv-link").get_attribute("href") or ""
    assert "/events.csv?" in csv_href and "negated=false" in csv_href
    shot(browser, "web-events-facet.png")


def test_paste_an_article_and_save_it(browser: webdriver.Chrome, server: str) -> None:
    text = (
        "OSLO, April 4 (Test Wire) - Norway and Iceland signed a fisheries agreement on "
        "Thursday after two days of talks.\n\n"
        '"This settles a long argument," Norwegian Fisheries Minister Ola Berg said.\n'
    )
    browser.get(f"{server}/paste")
    browser.find_element(By.NAME, "title").send_keys("Fisheries pact")
    area = browser.find_element(By.ID, "paste-text")
    browser.execute_script("arguments[0].value = arguments[1];"
                           "arguments[0].dispatchEvent(new Event('input'));", area, text)
    browser.find_element(By.ID, "preview-button").click()
    body = wait(browser, 60).until(ec.presence_of_element_located((By.ID, "article-text")))
    assert body.text.replace("\n", "") == text.replace("\n", "")
    assert "not saved" in browser.find_element(By.CSS_SELECTOR, "#preview .meta").text
    quotes = browser.find_elements(By.CSS_SELECTOR, "#article-text q.quote")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.quotes tbody tr[data-quote-row]")
    assert len(quotes) == len(rows)
    shot(browser, "web-paste-preview.png", height=1400)
    browser.find_element(By.ID, "save-button").click()
    wait(browser, 60).until(lambda d: "/articles/" in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Fisheries pact"


def test_script_in_an_article_does_not_run(browser: webdriver.Chrome, server: str) -> None:
    browser.get(f"{server}/articles/{HOSTILE_ID}")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title != "pwned"
    shown = browser.find_element(By.ID, "article-text").text
    assert "<script>window.__pwned = 1;" in shown  # shown as text, not run
    assert not browser.find_elements(By.CSS_SELECTOR, "#article-text script, #article-text img")
    shot(browser, "web-hostile-article.png")
    # The same text pasted and previewed does not run either.
    browser.get(f"{server}/paste")
    area = browser.find_element(By.ID, "paste-text")
    browser.execute_script("arguments[0].value = arguments[1];", area, HOSTILE_TEXT)
    browser.find_element(By.ID, "preview-button").click()
    wait(browser, 60).until(ec.presence_of_element_located((By.ID, "article-text")))
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title != "pwned"
    assert not browser.find_elements(By.CSS_SELECTOR, "#article-text script, #article-text img")


def test_home_page(browser: webdriver.Chrome, server: str) -> None:
    browser.get(server + "/")
    counts = browser.find_elements(By.CSS_SELECTOR, ".count .n")
    # articles, quotes, events, actors, and the problem inputs (a link to them)
    assert len(counts) == 5 and int(counts[0].text.replace(",", "")) >= 17
    assert browser.find_elements(By.CSS_SELECTOR, "ul.stories li a")
    shot(browser, "web-home.png")


@pytest.mark.parametrize(
    ("path", "name"),
    [("/speakers", None), ("/speakers/Clara%20Vella", "web-speaker.png"),
     ("/clusters", None), ("/clusters/demo-valletta-accord", None),
     ("/docs", None), ("/events?plover=AGREE", None), ("/search?since=2025-13-01", None)],
)
def test_pages_load_without_console_errors(
    browser: webdriver.Chrome, server: str, path: str, name: str | None
) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(server + path)
    assert browser.find_element(By.TAG_NAME, "h1").text
    errors = [e for e in browser.get_log("browser")
              if e["level"] == "SEVERE" and "status of 422" not in e["message"]]
    assert errors == []  # script errors and Content-Security-Policy violations land here
    if name:
        shot(browser, name)


def test_speaker_page_links_to_the_quote_in_its_article(
    browser: webdriver.Chrome, server: str
) -> None:
    browser.get(f"{server}/speakers/Hedi%20Mansour")
    items = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")
    assert len(items) == 2
    items[-1].find_element(By.CSS_SELECTOR, "a").click()
    selected = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#article-text q.quote.selected"))
    )
    assert selected.get_attribute("data-speaker") == "Hedi Mansour"
    assert "We came to Valletta" in selected.text
