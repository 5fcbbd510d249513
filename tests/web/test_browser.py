"""A real browser on the real server: Debian's Chromium, headless, driven by Playwright.

The server runs in a thread (uvicorn on 127.0.0.1, a free port) over the sample store. The
browser searches, opens a document, sees the speakers and the quotes highlighted, follows a
quote to its speaker's page and opens a dyad chart, with the keyboard where it matters.
Every request the pages make must go to the server itself, and the console must stay free
of errors (a content-security-policy violation shows there). Screenshots are kept in
``tests/artifacts/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from live_server import live_server
from porteparole.api import ServerConfig
from porteparole.store import Store

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None,
                       reason="Debian's chromium is not installed (make test installs it)"),
]


@pytest.fixture(scope="module")
def server(examples_store: Path) -> Iterator[str]:
    with live_server(ServerConfig(examples_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def _quoted_document(store_path: Path) -> tuple[str, str, str]:
    """A press conference with a quote whose speaker is known: (id, title, speaker id)."""
    with Store(store_path) as store:
        row = store.rows(
            "SELECT d.id, d.title, q.speaker_actor FROM quotes q JOIN documents d "
            "ON d.id = q.document_id WHERE q.speaker_actor IS NOT NULL AND d.kind = "
            "'press_conference' AND d.language = 'en' ORDER BY q.start LIMIT 1")[0]
    return row[0], row[1], row[2]


def test_search_document_quote_speaker_and_dyad(server: str, browser: object,
                                                examples_store: Path) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    doc_id, title, _ = _quoted_document(examples_store)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server + "/")
    assert page.evaluate("document.activeElement.id") == "q"  # type at once
    page.keyboard.type(" ".join(title.split()[:4]))
    page.keyboard.press("Enter")
    expect(page.locator("li.hit").first).to_be_visible()
    expect(page.locator("li.hit mark").first).to_be_visible()
    expect(page.locator("aside.facets")).to_contain_text("language")
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=False)

    page.locator(f'li.hit a.title[href^="/documents/{doc_id}"]').first.click()
    expect(page.locator("h1")).to_have_text(title)
    speakers = page.locator(".turn h2.speaker")
    assert speakers.count() > 2
    expect(speakers.first).to_be_visible()
    quotes = page.locator("a.hl.k-quote")
    assert quotes.count() > 0
    background = quotes.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    page.screenshot(path=str(ARTIFACTS / "2-document.png"), full_page=False)

    quotes.first.click()  # the span links to its record, which links back to the span
    assert "#rec-" in page.url
    record = page.locator(page.url[page.url.index("#"):])
    expect(record).to_be_visible()
    record.locator("a.back").click()
    assert "#span-" in page.url

    speaker = page.locator("li.quote-record a.speaker-link").first
    name = speaker.inner_text()
    speaker.click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("h2", has_text="What they said")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "3-speaker.png"), full_page=False)

    page.goto(server + "/dyads")
    page.locator("table a").first.click()
    chart = page.locator("figure.chart svg")
    expect(chart).to_be_visible()
    assert page.locator("figure.chart svg rect.bar").count() > 0
    assert page.locator("table.events tbody tr").count() > 0
    page.screenshot(path=str(ARTIFACTS / "4-dyad.png"), full_page=False)

    page.goto(server + "/mechanisms")
    assert page.locator("figure.chart svg circle.status").count() > 0
    page.screenshot(path=str(ARTIFACTS / "5-mechanisms.png"), full_page=False)

    outside = [url for url in requests if not url.startswith(server)]
    assert not outside, outside
    assert not errors, errors
