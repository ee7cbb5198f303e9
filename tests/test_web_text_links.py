"""The web app on inputs of a first day: article text with markup-like brackets,
article ids that are URLs (issue 15, items 1 and 7), on both stores."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
import uvicorn

from conftest_store import BACKENDS, make_store_url
from dateline.model import Record
from dateline.store import open_store
from dateline.web import create_app
from test_cli_text_cells import TITLE, bracket_record

#: Ids as RSS and other feeds give them: URLs with every character a path trips on.
ODD_IDS = (
    "https://example.org/news/2025/03/talks?id=7&x=1#top",
    "tag:example.org,2025:/a b/c%20d",
    "a/../b",
    "100% sure?",
    "ends-with.json",
)


def odd_record(article_id: str, n: int) -> Record:
    text = f"Ministers met in Rome on day {n} to discuss grain.\n"
    return Record(id=article_id, raw_text=text, text=text, title=f"Odd id {n}",
                  source="feed", published=f"2025-01-{n + 1:02d}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An HTTP client of the app served by uvicorn, as ``dateline serve`` does (the
    httpx.Client decodes paths twice, so it cannot test ids holding ``%``)."""
    url = make_store_url(request.param, tmp_path_factory.mktemp("webtext"))
    with open_store(url) as store:
        store.save(bracket_record())
        for n, article_id in enumerate(ODD_IDS):
            store.save(odd_record(article_id, n))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
        yield c
    srv.should_exit = True
    thread.join(timeout=10)


def test_search_highlights_are_marks_and_brackets_stay_text(client: httpx.Client) -> None:
    page = client.get("/search", params={"q": "extradition"}).text
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S)
    assert snippet, page
    assert "<mark>extradition</mark>]" in snippet.group(1)
    assert "[<mark>" in snippet.group(1) or snippet.group(1).startswith("<mark>")
    assert "[struck]" in snippet.group(1)
    # the title's markup-like text is shown as written (escaped only for HTML)
    assert "Talks [bold]end[/] in \\[Vienna\\] [/]" in page
    data = client.get("/search.json", params={"q": "extradition"}).json()
    item = data["items"][0]
    assert [item["snippet"][s:e] for s, e in item["snippet_marks"]] == ["extradition"]
    assert item["title"] == TITLE


def _hrefs(page: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', page)


@pytest.mark.parametrize("article_id", ODD_IDS)
def test_every_article_opens_by_its_link(client: httpx.Client, article_id: str) -> None:
    n = ODD_IDS.index(article_id)
    day = f"2025-01-{n + 1:02d}"
    listing = client.get("/search", params={"since": day, "until": day}).text
    links = [h for h in _hrefs(listing, "/articles/")]
    assert links == [f"/articles/{quote(article_id, safe='')}"]
    page = client.get(links[0])
    assert page.status_code == 200 and f"<h1>Odd id {n}</h1>" in page.text
    assert page.headers["content-type"].startswith("text/html")
    twin = client.get(links[0] + ".json")
    assert twin.status_code == 200 and twin.json()["record"]["id"] == article_id
    api = client.get("/api" + links[0])
    assert api.status_code == 200 and api.json()["record"]["id"] == article_id
    story = _hrefs(listing, "/clusters/")
    assert len(story) == 1 and client.get(story[0]).status_code == 200
    # the article page's own links (its JSON, its story) work too
    for href in _hrefs(page.text, "/articles/") + _hrefs(page.text, "/clusters/"):
        assert client.get(href.split("#")[0]).status_code == 200, href


def test_home_links_open_the_articles(client: httpx.Client) -> None:
    home = client.get("/").text
    links = _hrefs(home, "/articles/")
    assert len(links) == len(ODD_IDS) + 1
    for href in links:
        assert client.get(href).status_code == 200, href
