"""A first day's inputs in a real browser (issue 15, items 1, 6 and 7): search
highlights are marks and brackets stay text, an article whose id is a URL opens
from its link, and the home page leads to the problem inputs.

Uses the server and browser of ``test_web_browser`` over a store of its own.
"""

from __future__ import annotations

import pytest

from dateline.store import open_store
from test_cli_text_cells import TITLE, bracket_record
from test_web_text_links import ODD_IDS, odd_record

pytestmark = pytest.mark.browser

pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402

from test_web_browser import browser, server, wait  # noqa: E402, F401


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Overrides ``test_web_browser.db_path`` for its ``server`` fixture."""
    path = str(tmp_path_factory.mktemp("webfirst") / "ui.db")
    with open_store(path) as store:
        store.save(bracket_record())
        for n, article_id in enumerate(ODD_IDS):
            store.save(odd_record(article_id, n))
        store.add_quarantine("feed.jsonl", "line 2", "broken JSON: Expecting value")
        store.add_skipped("feed.jsonl", "item 3", "language 'fr' is not one of en", "fr", "fr")
    return path


def test_search_highlight_is_a_mark_and_brackets_stay(
    browser: webdriver.Chrome, server: str  # noqa: F811
) -> None:
    browser.get(f"{server}/search?q=extradition")
    snippet = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#results .snippet")))
    marks = snippet.find_elements(By.TAG_NAME, "mark")
    assert [m.text for m in marks] == ["extradition"]
    assert "extradition]" in snippet.text and "[struck]" in snippet.text
    assert browser.find_element(By.CSS_SELECTOR, "#results a.title").text == TITLE.strip()


@pytest.mark.parametrize("n", range(len(ODD_IDS)))
def test_an_article_with_any_id_opens_from_its_link(
    browser: webdriver.Chrome, server: str, n: int  # noqa: F811
) -> None:
    day = f"2025-01-{n + 1:02d}"
    browser.get(f"{server}/search?since={day}&until={day}")
    link = wait(browser).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "#results a.title")))
    link.click()
    heading = wait(browser).until(ec.presence_of_element_located((By.TAG_NAME, "h1")))
    assert heading.text == f"Odd id {n}", browser.current_url
    assert "Error" not in browser.title


def test_home_leads_to_the_problems(
    browser: webdriver.Chrome, server: str  # noqa: F811
) -> None:
    browser.get(f"{server}/")
    link = browser.find_element(By.CSS_SELECTOR, ".count.problems a")
    assert link.find_element(By.CSS_SELECTOR, ".n").text == "2"
    link.click()
    wait(browser).until(lambda d: d.current_url.endswith("/problems"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.problems tr.problem")
    assert len(rows) == 2 and "broken JSON" in rows[0].text + rows[1].text
