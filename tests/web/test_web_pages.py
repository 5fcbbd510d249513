"""The server-rendered pages: every document renders with every record marked in its text
and linked both ways; search facets, paging and errors; actor, dyad, mechanism, rejected
pages; no inline script anywhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from porteparole import query
from porteparole.api import ServerConfig, create_app
from porteparole.store import Store
from porteparole.web import pages


@pytest.fixture(scope="module")
def client(examples_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServerConfig(examples_store))) as c:
        yield c


def test_every_document_page_marks_and_links_every_record(client: TestClient,
                                                          examples_store: Path) -> None:
    with Store(examples_store) as store:
        counts = {r[0]: (r[1], r[2], r[3]) for r in store.rows(
            "SELECT d.id, (SELECT count(*) FROM quotes q WHERE q.document_id = d.id), "
            "(SELECT count(*) FROM events e WHERE e.document_id = d.id), "
            "(SELECT count(*) FROM mentions m WHERE m.document_id = d.id) FROM documents d")}
    assert len(counts) == 16
    for doc_id, (quotes, events, mentions) in counts.items():
        html = client.get(f"/documents/{doc_id}").text
        for prefix, n in (("q", quotes), ("e", events), ("m", mentions)):
            for i in range(n):
                assert f'id="span-{prefix}{i}"' in html, (doc_id, prefix, i)
                assert f'id="rec-{prefix}{i}"' in html
                assert f'href="#span-{prefix}{i}"' in html
        assert "<script" not in html


def test_text_is_shown_whole_and_escaped(client: TestClient, examples_store: Path) -> None:
    with Store(examples_store) as store:
        doc_id, text = store.rows("SELECT id, text FROM documents WHERE kind = "
                                  "'news_article' ORDER BY id LIMIT 1")[0]
    html = client.get(f"/documents/{doc_id}").text
    body = html[html.index('<div class="text">'):html.index('<section class="records"')]
    shown = re.sub(r"<[^>]+>", "", body)
    import html as html_lib

    words = " ".join(html_lib.unescape(shown).split())
    assert " ".join(text.split()) in words


def next_link(html: str, path: str) -> str | None:
    """The page's "next" link as a URL the test client can follow, or None."""
    found = re.search(r'<a rel="next" href="\?([^"]+)">', html)
    base = path.split("?", 1)[0]
    return None if found is None else f"{base}?" + found.group(1).replace("&amp;", "&")


def follow(client: TestClient, path: str, pattern: str) -> tuple[list[str], int]:
    """Every page of a list from the first by its next links: the rows ``pattern`` finds
    on them, and how many pages there were."""
    rows: list[str] = []
    url: str | None = path
    seen = 0
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.text
        rows += re.findall(pattern, response.text)
        seen += 1
        url = next_link(response.text, path)
        if url is not None:
            assert "first page" in client.get(url).text.lower()
    return rows, seen


def test_search_page_facets_paging_and_errors(client: TestClient, examples_store: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = client.get("/", params={"q": "China"}).text
    assert "<mark>" in page and 'class="facets"' in page and 'rel="next"' in page
    monkeypatch.setattr(pages, "SEARCH_PAGE", 3)
    hits, seen = follow(client, "/?q=China&language=en", r'<li class="hit">\s*<a class="title" '
                                                       r'href="([^"]+)"')
    with Store(examples_store) as store:
        expected = query.search(store, "China", query.Filters(language="en"), limit=None)
    assert len(hits) == len(expected) == len(set(hits)) and seen == -(-len(expected) // 3)
    assert client.get("/", params={"q": "China", "cursor": "bad"}).status_code == 400
    narrowed = client.get("/", params={"q": "China", "language": "fr"}).text
    assert "Remove filter language fr" in narrowed
    bad = client.get("/", params={"q": '"open'})
    assert bad.status_code == 400 and "unclosed quote" in bad.text
    start = client.get("/").text
    assert "Most active dyads" in start


def test_other_pages(client: TestClient) -> None:
    assert "Xi Jinping" in client.get("/actors").text
    actor = client.get("/actors/Trump")
    assert actor.status_code == 200 and "Donald Trump" in actor.text
    assert client.get("/actors/AFP").status_code == 300
    assert client.get("/actors/Nobody-Q-Person").status_code == 404
    dyad = client.get("/dyads/CHN/USA").text
    assert "<svg" in dyad and 'class="bar"' in dyad and "table" in dyad
    moved = client.get("/dyads", params={"source": "China", "target": "USA"},
                       follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/dyads/China/USA"
    mechanisms = client.get("/mechanisms").text
    assert 'class="status"' in mechanisms and "Current:" in mechanisms
    assert "No rejected input" in client.get("/rejected").text
    assert client.get("/rejected", params={"reason": "bogus"}).status_code == 400


def test_dyad_events_page_with_next_links(client: TestClient, examples_store: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "DYAD_EVENTS_PAGE", 2)
    with Store(examples_store) as store:
        expected = len(query.events(store, query.Filters(source="CHN", target="USA"),
                                    limit=None))
    assert expected > 2
    rows, url, pages_seen = 0, "/dyads/CHN/USA", 0
    while True:
        html = client.get(url).text
        rows += html.count('<a href="/documents/')  # one evidence link per event row
        pages_seen += 1
        found = re.search(r'<a rel="next" href="\?([^"]+)">next page</a>', html)
        if found is None:
            break
        url = "/dyads/CHN/USA?" + found.group(1).replace("&amp;", "&")
    assert rows == expected and pages_seen == -(-expected // 2)
    assert client.get("/dyads/CHN/USA", params={"cursor": "nonsense"}).status_code == 400


@pytest.mark.parametrize(("path", "size", "pattern", "count"), [
    ("/actors", "ACTORS_PAGE", r'<tr><td><a href="(/actors/[^"]+)"',
     lambda s: len(query.actors(s, limit=None).items)),
    ("/dyads", "DYADS_PAGE", r'<tr><td><a href="(/dyads/[^"]+)"',
     lambda s: len(query.top_dyads(s, limit=None))),
    ("/mechanisms", "MECHANISMS_PAGE", r'<section class="mechanism">\s*<h2>([^<]+)',
     lambda s: len(query.mechanisms(s))),
])
def test_lists_follow_the_next_cursor(client: TestClient, examples_store: Path,
                                      monkeypatch: pytest.MonkeyPatch, path: str, size: str,
                                      pattern: str, count: Callable[[Store], int]) -> None:
    monkeypatch.setattr(pages, size, 2)
    rows, seen = follow(client, path, pattern)
    with Store(examples_store) as store:
        expected = count(store)
    assert len(rows) == len(set(rows)) == expected and seen == -(-expected // 2)
    bad = client.get(path, params={"cursor": "WzEsMl0"})
    assert bad.status_code == 400 and "cursor" in bad.text and "Traceback" not in bad.text
