"""The web app on inputs of a first day: article text with markup-like brackets,
article ids that are URLs (issue 15, items 1 and 7), on both stores."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

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


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = make_store_url(request.param, tmp_path_factory.mktemp("webtext"))
    with open_store(url) as store:
        store.save(bracket_record())
        for n, article_id in enumerate(ODD_IDS):
            store.save(odd_record(article_id, n))
    with TestClient(create_app(url)) as c:
        yield c


def test_search_highlights_are_marks_and_brackets_stay_text(client: TestClient) -> None:
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
