"""The REST API on a store of the sample corpus: every endpoint, paging, facets, the token
paths, size limits, malformed input (a 400, never a 500), and the security headers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from porteparole import query
from porteparole.api import ServerConfig, create_app
from porteparole.api.routes_write import safe_name
from porteparole.store import Store

TOKEN = "a-long-enough-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(examples_store: Path) -> Iterator[TestClient]:
    app = create_app(ServerConfig(examples_store, token=TOKEN))
    with TestClient(app) as c:
        yield c


def walk(client: TestClient, url: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every page of a list, following ``next_cursor``: the pages as they came."""
    pages = [client.get(url, params=params).json()]
    while pages[-1]["next_cursor"] is not None:
        pages.append(client.get(url, params={**params,
                                             "cursor": pages[-1]["next_cursor"]}).json())
    return pages


def test_search_pages_through_every_hit_once_with_totals(client: TestClient) -> None:
    pages = walk(client, "/api/v1/search", {"q": "China", "limit": 5})
    first = pages[0]
    assert first["total"] > 5 and len(first["items"]) == 5 and len(pages) > 1
    assert all(page["total"] == first["total"] for page in pages)
    seen = [(h["document_id"], h["turn_index"]) for page in pages for h in page["items"]]
    assert len(seen) == first["total"] == len(set(seen))
    everything = client.get("/api/v1/search", params={"q": "China", "limit": 200}).json()
    assert seen == [(h["document_id"], h["turn_index"]) for h in everything["items"]]
    assert all("\x02" in h["snippet"] for h in first["items"])  # highlight markers


def test_facets_count_documents_and_filter_as_advertised(client: TestClient) -> None:
    page = client.get("/api/v1/search", params={"q": "China"}).json()
    facets = {f["name"]: f["values"] for f in page["facets"]}
    assert set(facets) == set(query.FACETS)
    languages = {v["value"]: v["documents"] for v in facets["language"]}
    assert sum(languages.values()) == page["documents"]
    for name in ("language", "kind", "actor", "event_type", "year"):
        value = facets[name][0]
        narrowed = client.get("/api/v1/search",
                              params={"q": "China", name: value["value"]}).json()
        assert narrowed["documents"] == value["documents"], name
    actor = facets["actor"][0]
    assert actor["label"] != actor["value"] or actor["value"].isupper()  # names, not ids


def test_french_filter_and_no_match(client: TestClient) -> None:
    french = client.get("/api/v1/search", params={"q": "Chine", "language": "fr"}).json()
    assert french["total"] > 0 and {h["language"] for h in french["items"]} == {"fr"}
    none = client.get("/api/v1/search", params={"q": "zzzyzzy"}).json()
    assert (none["total"], none["items"], none["next_cursor"]) == (0, [], None)


@pytest.mark.parametrize("params", [
    {"q": '"unclosed'}, {"q": "OR"}, {"q": "-only"}, {"q": "a", "kind": "poem"},
    {"q": "a", "since": "yesterday"}, {"q": "a", "event_type": "DANCE"},
    {"q": "a", "year": "19x9"}, {"q": "a", "actor": "nobody-at-all-xyz"},
    {"q": 'x" OR 1=1 --'},
])
def test_malformed_searches_are_400_with_a_message(client: TestClient, params: dict) -> None:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code in (400, 404), response.text
    body = response.json()
    assert body["message"] and body["error"]


@pytest.mark.parametrize("q", ["NEAR(China Beijing)", "title:China", "China^", "{text}: x",
                               "'; DROP TABLE documents; --", "a\x00b", "((China"])
def test_fts5_syntax_is_read_as_words_never_as_syntax(client: TestClient, q: str) -> None:
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code in (200, 400), response.text
    assert client.get("/api/v1/report").json()["documents"] == 16  # nothing dropped


def test_schema_refusals_are_422_json(client: TestClient) -> None:
    for params in ({"q": ""}, {"q": "a", "limit": 0}, {"q": "a", "limit": 10_000},
                   {"q": "a", "cursor": "x" * 2001}, {}):
        response = client.get("/api/v1/search", params=params)
        assert response.status_code == 422
        assert response.json()["error"] == "invalid_request"


def test_document_has_every_record_as_a_span_of_its_text(client: TestClient,
                                                         examples_store: Path) -> None:
    with Store(examples_store) as store:
        doc_id = store.rows("SELECT document_id FROM quotes GROUP BY document_id "
                            "ORDER BY count(*) DESC LIMIT 1")[0][0]
    body = client.get(f"/api/v1/documents/{doc_id[:7]}").json()
    analysis = body["analysis"]
    text = analysis["document"]["text"]
    assert analysis["document"]["id"] == doc_id
    assert analysis["quotes"] and analysis["mentions"]
    for kind in ("turns", "mentions", "quotes", "events", "topics", "paragraphs"):
        for record in analysis[kind]:
            assert 0 <= record["start"] <= record["end"] <= len(text)
    mention = analysis["mentions"][0]
    assert text[mention["start"]:mention["end"]] == mention["surface"]
    assert body["origins"] and body["ingested_at"]


def test_unknown_document_and_route_are_404_json(client: TestClient) -> None:
    for url in ("/api/v1/documents/ffffffffffff", "/api/v1/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_actors_profile_by_surname_and_ambiguous_names(client: TestClient) -> None:
    ranking = client.get("/api/v1/actors", params={"limit": 5}).json()
    assert len(ranking["items"]) == 5 and ranking["items"][0]["name"]
    assert ranking["next_cursor"] and ranking["unresolved"] >= 0
    profile = client.get("/api/v1/actors/Trump").json()
    assert profile["actor_id"] == "donald-trump" and profile["actor"]["name"] == "Donald Trump"
    xi = client.get("/api/v1/actors/xi-jinping").json()
    assert xi["mentions"] >= len(xi["documents"]) > 0
    # The sample corpus names the news agency and the Philippine armed forces, both "AFP".
    ambiguous = client.get("/api/v1/actors/AFP")
    assert ambiguous.status_code == 400
    assert {c["id"] for c in ambiguous.json()["detail"]} == {"PHL-AFP", "media-afp"}
    assert client.get("/api/v1/actors/Nobody-Q-Person").status_code == 404


def test_quotes_events_dyads_timeline_chart(client: TestClient) -> None:
    quotes = client.get("/api/v1/quotes", params={"kind": "direct", "limit": 3}).json()
    assert len(quotes["items"]) == 3 and quotes["next_cursor"]
    assert all(q["quote"]["kind"] == "direct" for q in quotes["items"])
    events = client.get("/api/v1/events", params={"source": "CHN", "type": "REJECT"}).json()
    assert events["items"] and all(e["event"]["type"] == "REJECT" for e in events["items"])
    dyads = client.get("/api/v1/dyads").json()["items"]
    top = dyads[0]
    assert top["events"] >= dyads[-1]["events"]
    timeline = client.get(f"/api/v1/dyads/{top['source']}/{top['target']}/timeline").json()
    assert timeline["total"] >= top["events"] and timeline["months"]
    chart = client.get(f"/api/v1/dyads/{top['source']}/{top['target']}/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in chart.text and "<script" not in chart.text
    assert client.get("/api/v1/dyads/CHN/Nobody-Q-Person/timeline").status_code == 404


def test_mechanisms_rejected_report(client: TestClient) -> None:
    mechanisms = client.get("/api/v1/mechanisms").json()["items"]
    assert mechanisms and all(m["history"] for m in mechanisms)
    assert mechanisms[0]["current"] == mechanisms[0]["history"][-1]
    assert client.get("/api/v1/rejected").json() == {"items": [], "next_cursor": None}
    bad = client.get("/api/v1/rejected", params={"reason": "bogus"})
    assert bad.status_code == 400 and "too_large" in bad.json()["message"]
    assert client.get("/api/v1/report").json()["documents"] == 16


LISTS = [("/api/v1/search", {"q": "China"}), ("/api/v1/actors", {}),
         ("/api/v1/quotes", {}), ("/api/v1/events", {}), ("/api/v1/dyads", {}),
         ("/api/v1/mechanisms", {}), ("/api/v1/rejected", {})]


@pytest.mark.parametrize(("url", "params"), LISTS)
def test_every_list_pages_by_cursor_without_gap_or_repeat(
        client: TestClient, url: str, params: dict[str, Any]) -> None:
    pages = walk(client, url, {**params, "limit": 2})
    items = [item for page in pages for item in page["items"]]
    assert all(len(page["items"]) == 2 for page in pages[:-1])
    assert items == client.get(url, params={**params, "limit": 200}).json()["items"]


@pytest.mark.parametrize(("url", "params"), LISTS)
@pytest.mark.parametrize("cursor", ["not a cursor", "WzEsMl0", "W10", "eyJhIjogMX0"])
def test_a_bad_cursor_is_a_400_that_says_so(client: TestClient, url: str,
                                            params: dict[str, Any], cursor: str) -> None:
    response = client.get(url, params={**params, "cursor": cursor})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "bad_request" and "cursor" in body["message"]
    assert "Traceback" not in response.text


def test_openapi_and_docs_page_are_served_without_cdn(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]
    for path in ("/api/v1/search", "/api/v1/actors", "/api/v1/quotes", "/api/v1/events",
                 "/api/v1/dyads", "/api/v1/mechanisms", "/api/v1/rejected"):
        operation = schema["paths"][path]["get"]
        assert {"limit", "cursor"} <= {p["name"] for p in operation["parameters"]}, path
        answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        body = schema["components"]["schemas"][answer["$ref"].rsplit("/", 1)[-1]]
        assert {"items", "next_cursor"} <= set(body["properties"]), path
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "/api/v1/search" in page.text
    assert "cdn" not in page.text.lower() and "<script" not in page.text


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for url in ("/", "/api/v1/report", "/nothing"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_static_files_stay_inside_the_package(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    for url in ("/static/../api/app.py", "/static/%2e%2e/api/app.py",
                "/static/..%2f..%2fpyproject.toml"):
        assert client.get(url).status_code == 404
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\x.txt") == "x.txt"
    assert safe_name(".hidden") == "hidden" and safe_name(None) == "upload"


# -- writes and tokens ----------------------------------------------------------------------

SAMPLE = {"text": "Le ministre a déclaré mardi que la France soutient le dialogue.\n\n"
                  "He said the talks would resume next month.",
          "title": "Un texte de test", "date": "2025-03-04"}


def test_writes_need_the_token(store_copy: Path) -> None:
    with TestClient(create_app(ServerConfig(store_copy, token=TOKEN))) as c:
        assert c.post("/api/v1/documents", json=SAMPLE).status_code == 401
        wrong = c.post("/api/v1/documents", json=SAMPLE,
                       headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 403 and wrong.json()["error"] == "wrong_token"
        assert c.get("/api/v1/report").status_code == 200  # reads stay open
        done = c.post("/api/v1/documents", json=SAMPLE, headers=AUTH).json()
        assert (done["new"], done["unchanged"]) == (1, 0)
        again = c.post("/api/v1/documents/batch", json={"documents": [SAMPLE]},
                       headers=AUTH).json()
        assert (again["new"], again["unchanged"]) == (0, 1)
        found = c.get("/api/v1/search", params={"q": "dialogue", "year": "2025"}).json()
        assert any(h["title"] == "Un texte de test" for h in found["items"])


def test_without_a_token_writes_are_disabled(store_copy: Path) -> None:
    with TestClient(create_app(ServerConfig(store_copy))) as c:
        refused = c.post("/api/v1/documents", json=SAMPLE, headers=AUTH)
        assert refused.status_code == 403 and refused.json()["error"] == "writes_disabled"


def test_private_server_closes_reads_and_pages(store_copy: Path) -> None:
    with TestClient(create_app(ServerConfig(store_copy, token=TOKEN, private=True))) as c:
        assert c.get("/api/v1/report").status_code == 401
        assert c.get("/api/v1/report", headers={"Authorization": "Bearer nope"}
                     ).status_code == 403
        assert c.get("/api/v1/report", headers=AUTH).status_code == 200
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert c.post("/login", data={"token": "nope"}).status_code == 403
        signed = c.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
        assert c.get("/").status_code == 200  # the cookie now opens the pages


def test_uploaded_files_and_rejections(store_copy: Path) -> None:
    with TestClient(create_app(ServerConfig(store_copy, token=TOKEN))) as c:
        files = [("files", ("../../evil name.txt", SAMPLE["text"].encode(), "text/plain")),
                 ("files", ("empty.txt", b"", "text/plain")),
                 ("files", ("feed.jsonl", (json.dumps({"text": "Beijing said no."}) + "\n"
                                           + "{not json\n").encode(), "application/json"))]
        body = c.post("/api/v1/files", files=files, headers=AUTH).json()
        assert body["new"] == 2
        reasons = sorted(r["reason"] for r in body["rejected"])
        assert reasons == ["empty", "malformed_json"]
        assert all("/" not in r["source"] for r in body["rejected"])
        assert c.post("/api/v1/documents", json={"text": ""}, headers=AUTH).status_code == 422


def test_request_and_upload_sizes_are_limited(store_copy: Path) -> None:
    app = create_app(ServerConfig(store_copy, token=TOKEN, max_body=2000))
    with TestClient(app) as c:
        big = {"text": "mot " * 1000}
        response = c.post("/api/v1/documents", json=big, headers=AUTH)
        assert response.status_code == 413 and response.json()["error"] == "too_large"
        upload = c.post("/api/v1/files", headers=AUTH,
                        files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
        assert upload.status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: the bytes are counted
            for _ in range(10):
                yield b'{"text": "' + b"y" * 300 + b'"}'

        streamed = c.post("/api/v1/documents", content=chunks(),
                          headers={**AUTH, "content-type": "application/json"})
        assert streamed.status_code == 413


def test_reads_work_on_a_store_file_nobody_may_write(store_copy: Path) -> None:
    """The server's readers open the store read-only: a read-only file serves as usual."""
    with Store(store_copy):
        pass  # checkpoints the copied WAL into the file before it is made read-only
    for suffix in ("-wal", "-shm"):
        Path(str(store_copy) + suffix).unlink(missing_ok=True)
    store_copy.chmod(0o444)
    before = store_copy.read_bytes()
    with TestClient(create_app(ServerConfig(store_copy))) as c:
        page = c.get("/api/v1/search", params={"q": "China"})
        assert page.status_code == 200 and page.json()["total"] > 0
    assert store_copy.read_bytes() == before


def test_quotes_and_events_page_by_cursor(client: TestClient) -> None:
    for path in ("/api/v1/quotes", "/api/v1/events"):
        everything = client.get(path, params={"limit": 1000}).json()["items"]
        assert len(everything) >= 3
        paged: list[object] = []
        cursor: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": 2}
            if cursor is not None:
                params["cursor"] = cursor
            page = client.get(path, params=params).json()
            paged.extend(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert paged == everything
        bad = client.get(path, params={"cursor": "bm90IGEga2V5"})
        assert bad.status_code == 400 and "cursor" in bad.text
