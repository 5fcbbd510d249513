"""Readers: text, HTML, JSON Lines, directories, standard input, and every rejection path."""

from __future__ import annotations

import io
import json
import re
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porteparole.errors import REJECTION_REASONS, InputError
from porteparole.read import discover, read_paths, read_source
from porteparole.records import RawDocument, Rejected

FRENCH = "Le ministère a déclaré que la réunion était très importante pour les deux pays."
ENGLISH = "The ministry said the meeting was very important for both countries."

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Statement on the Talks</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
<article><h1>Statement on the Talks</h1>
<p>The ministry welcomes the resumption of talks between the two sides this week.</p>
<p>Q: Will the dialogue continue next month, as both delegations have suggested?</p>
<p>A: Yes.</p>
<p>A: Yes.</p>
<p>We hope that the parties will keep working together for peace and stability.</p>
</article><footer>Copyright 2024</footer></body></html>
"""


def one(source: Path | str, **kwargs: int) -> RawDocument | Rejected:
    items = list(read_source(source, **kwargs))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_rejected(item: object, reason: str) -> Rejected:
    assert isinstance(item, Rejected), item
    assert item.reason == reason, item
    assert item.reason in REJECTION_REASONS
    assert item.detail
    return item


# --- text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        b"\xef\xbb\xbf" + FRENCH.encode("utf-8"),
        FRENCH.encode("utf-16"),  # with its byte-order mark
        FRENCH.encode("utf-16-le"),  # without one
        FRENCH.encode("latin-1"),
        ("L’armée « déclare »… " + FRENCH).encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le", "latin1", "cp1252"],
)
def test_text_encodings_decode_to_the_same_words(tmp_path: Path, data: bytes) -> None:
    item = one(write(tmp_path, "doc.txt", data))
    assert isinstance(item, RawDocument)
    assert item.text.endswith(FRENCH)
    assert not item.text.startswith("\ufeff")
    assert item.origin.format == "text"
    assert item.origin.source.endswith("doc.txt")


def test_damaged_utf8_keeps_its_good_characters(tmp_path: Path) -> None:
    item = one(write(tmp_path, "cut.txt", FRENCH.encode() + b" \xc3"))
    assert isinstance(item, RawDocument)
    assert item.text.startswith(FRENCH)


def test_text_keeps_the_file_verbatim(tmp_path: Path) -> None:
    text = f"{FRENCH}\r\n\r\n   {ENGLISH}  \n"
    item = one(write(tmp_path, "doc.text", text.encode()))
    assert isinstance(item, RawDocument) and item.text == text


def test_markdown_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    item = one(write(tmp_path, "notes.md", f"# Title\n\n{ENGLISH}".encode()))
    assert isinstance(item, RawDocument) and item.origin.format == "text"


# --- HTML ------------------------------------------------------------------------------


def test_html_main_text_title_date_and_paragraphs(tmp_path: Path) -> None:
    item = one(write(tmp_path, "page.html", PAGE.encode()))
    assert isinstance(item, RawDocument)
    assert item.title == "Statement on the Talks"
    assert item.date == "2024-03-05"
    paragraphs = item.text.split("\n\n")
    assert "The ministry welcomes the resumption of talks between the two sides this week." in (
        paragraphs
    )
    assert paragraphs.count("A: Yes.") == 2  # repeated answers are not deduplicated
    assert any(p.startswith("Q: Will the dialogue") for p in paragraphs)
    assert "Home" not in paragraphs


def test_html_meta_charset_decodes_legacy_pages(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace(
        "welcomes the", "welcomes the café-like"
    )
    item = one(write(tmp_path, "page.htm", page.encode("latin-1")))
    assert isinstance(item, RawDocument) and "café-like" in item.text


def test_html_without_markup_is_read_as_text(tmp_path: Path) -> None:
    item = one(write(tmp_path, "plain.html", ENGLISH.encode()))
    assert isinstance(item, RawDocument)
    assert item.text == ENGLISH and item.origin.format == "text"


@pytest.mark.parametrize(
    "page",
    ["<<<>>><html<<body", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "<html><head><title>Nothing</title></head><body></body></html>"],
    ids=["garbage", "nav-only", "empty-body"],
)
def test_html_without_main_text_is_rejected(tmp_path: Path, page: str) -> None:
    item = assert_rejected(one(write(tmp_path, "bad.html", page.encode())), "malformed_html")
    assert item.content_hash and re.fullmatch(r"[0-9a-f]{16}", item.content_hash)


# --- JSON Lines ------------------------------------------------------------------------


def test_jsonl_bad_line_rejects_that_line_only(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": FRENCH, "title": "Titre", "date": "2024-07-02T10:00:00Z",
                    "url": "https://example.org/a", "language": "fr"}),
        '{"text": "broken" "title": 1}',
        "",
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": ENGLISH, "date": "July 3, 2020"}),
    ]
    items = list(read_source(write(tmp_path, "docs.jsonl", "\n".join(lines).encode())))
    assert [type(i).__name__ for i in items] == [
        "RawDocument", "Rejected", "Rejected", "Rejected", "Rejected", "RawDocument"]
    first, bad, no_text, array, blank, last = items
    assert isinstance(first, RawDocument) and isinstance(last, RawDocument)
    assert (first.text, first.title, first.date, first.language) == (FRENCH, "Titre",
                                                                     "2024-07-02", "fr")
    assert first.origin.url == "https://example.org/a" and first.origin.line == 1
    assert first.origin.format == "jsonl"
    assert assert_rejected(bad, "malformed_json").detail.startswith("line 2: Expecting ','")
    assert "line 4" in assert_rejected(no_text, "malformed_json").detail
    assert "not an object" in assert_rejected(array, "malformed_json").detail
    assert assert_rejected(blank, "empty").origin.line == 6
    assert last.origin.line == 7 and last.date == "2020-07-03"


def test_jsonl_html_field_is_extracted(tmp_path: Path) -> None:
    data = json.dumps({"html": PAGE, "url": "https://example.org/p"}).encode()
    item = one(write(tmp_path, "pages.ndjson", data))
    assert isinstance(item, RawDocument) and item.title == "Statement on the Talks"
    assert "A: Yes." in item.text and item.origin.url == "https://example.org/p"


def test_jsonl_line_too_large_and_bad_encoding(tmp_path: Path) -> None:
    big = json.dumps({"text": "x" * 500})
    small = json.dumps({"text": ENGLISH})
    data = f"{big}\n{small}\n".encode() + b'{"text": "caf\xe9"}\n'
    items = list(read_source(write(tmp_path, "mix.jsonl", data), max_bytes=200))
    assert assert_rejected(items[0], "too_large").origin.line == 1
    assert isinstance(items[1], RawDocument) and items[1].origin.line == 2
    assert assert_rejected(items[2], "encoding").origin.line == 3


def test_json_file_with_an_array(tmp_path: Path) -> None:
    data = json.dumps([{"text": FRENCH}, {"text": ENGLISH}], indent=2).encode()
    items = list(read_source(write(tmp_path, "docs.json", data)))
    assert [i.text for i in items if isinstance(i, RawDocument)] == [FRENCH, ENGLISH]


# --- rejections --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nul.txt", b"abc\x00def" * 10, "binary"),
        ("ctl.txt", bytes(range(1, 8)) * 20, "binary"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "unsupported"),
        ("page.txt", bytes(range(0x80, 0x100)) * 4, "encoding"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t \r\n", "empty"),
        ("punct.txt", b"... --- !!!", "empty"),
        ("bad.jsonl", b'{"text": unquoted}\n', "malformed_json"),
        ("bad.json", b'{"text": ', "malformed_json"),
    ],
)
def test_rejection_paths(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    item = assert_rejected(one(write(tmp_path, name, data)), reason)
    if data:
        assert item.content_hash


def test_too_large_is_rejected_before_reading(tmp_path: Path) -> None:
    item = assert_rejected(one(write(tmp_path, "big.txt", b"word " * 100), max_bytes=50),
                           "too_large")
    assert "500 bytes" in item.detail


def test_a_folder_given_to_read_source_is_unreadable(tmp_path: Path) -> None:
    assert_rejected(one(tmp_path), "unreadable")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600), st.text(max_size=300).map(str.encode)),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ""]))
def test_read_source_never_raises(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path, f"any{suffix}", data)
    for item in read_source(path, max_bytes=400):
        assert isinstance(item, RawDocument | Rejected)
        if isinstance(item, Rejected):
            assert item.reason in REJECTION_REASONS
        else:
            assert item.text.strip()


# --- directories and standard input -------------------------------------------------------


def test_discover_walks_directories_sorted_and_skips_notes(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", ENGLISH.encode())
    write(tmp_path, "a.html", PAGE.encode())
    write(tmp_path, ".hidden.txt", b"secret")
    write(tmp_path, "README.md", b"About this corpus")
    write(tmp_path, "MANIFEST.tsv", b"file\turl")
    write(tmp_path, "notes.md", b"notes")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "c.txt", b"x")
    write(tmp_path / "sub", "c.jsonl", json.dumps({"text": FRENCH}).encode())
    write(tmp_path / "sub", "scan.pdf", b"%PDF-1.4")
    found = discover([tmp_path, "-"])
    assert found == [tmp_path / "a.html", tmp_path / "b.txt", tmp_path / "sub" / "c.jsonl",
                     tmp_path / "sub" / "scan.pdf", "-"]
    assert discover([tmp_path / "README.md"]) == [tmp_path / "README.md"]  # named: read


def test_discover_fails_early_on_a_missing_path(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH.encode())
    with pytest.raises(InputError, match="no such file or directory: .*typo"):
        discover([tmp_path / "a.txt", tmp_path / "typo.txt"])


def test_read_paths_reads_everything_in_order(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", ENGLISH.encode())
    write(tmp_path, "2.jsonl", (json.dumps({"text": FRENCH}) + "\n{bad\n").encode())
    kinds = [type(i).__name__ for i in read_paths([tmp_path])]
    assert kinds == ["RawDocument", "RawDocument", "Rejected"]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(ENGLISH.encode(), "text"), (PAGE.encode(), "html"),
     (json.dumps({"text": FRENCH}).encode() + b"\n", "jsonl")],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str) -> None:
    _stdin(monkeypatch, data)
    item = one("-")
    assert isinstance(item, RawDocument)
    assert item.origin.source == "<stdin>" and item.origin.format == fmt


def test_stdin_jsonl_streams_past_the_sniffed_head(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"text": f"{ENGLISH} Number {n}."}) for n in range(400)]
    _stdin(monkeypatch, "\n".join(lines).encode())
    items = list(read_source("-"))
    assert len(items) == 400 and all(isinstance(i, RawDocument) for i in items)
    assert items[-1].text.endswith("Number 399.") and items[-1].origin.line == 400


def test_stdin_binary_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"\x00\x01\x02" * 50)
    assert_rejected(one("-"), "binary")
    _stdin(monkeypatch, b"word " * 100)
    assert_rejected(one("-", max_bytes=100), "too_large")


# --- the Foreign Ministry's English pages -------------------------------------------------


def _sample(fmprc_dir: Path, count: int = 40) -> list[Path]:
    pages = sorted(fmprc_dir.glob("t*.html"))
    step = max(1, len(pages) // count)
    return pages[::step][:count]


def _content_paragraphs(path: Path) -> list[str]:
    """Reference: the paragraphs of the page's content block, straight from the HTML."""
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes().decode("utf-8"))
    blocks = tree.xpath('//div[@class="content"]')
    paragraphs = [" ".join(p.text_content().split()) for p in blocks[0].xpath(".//p")]
    return [p for p in paragraphs if p]


def test_fmprc_pages_keep_every_paragraph_and_the_title(fmprc_dir: Path) -> None:
    for path in _sample(fmprc_dir):
        item = one(path)
        assert isinstance(item, RawDocument), item
        assert re.match(r"Foreign Ministry Spokesperson \w[\w ]*'s ", item.title or ""), item.title
        paragraphs = [" ".join(p.split()) for p in item.text.split("\n\n")]
        flat = " ".join(paragraphs)
        expected = _content_paragraphs(path)
        missing = [p for p in expected if p not in flat]
        assert not missing, f"{path.name} lost {len(missing)} paragraphs: {missing[:2]}"
        # a <p> holding "Q: ...<br>A: ..." becomes two paragraphs, never fewer
        assert sum(p.startswith("Q:") for p in paragraphs) >= sum(
            p.startswith("Q:") for p in expected)
        assert all(p in paragraphs for p in expected if p.startswith(("Q:", "A:")) and
                   " A: " not in p)


def test_fmprc_listing_pages_are_read(fmprc_dir: Path) -> None:
    listings = sorted(fmprc_dir.glob("default*.html"))
    assert listings
    for path in listings:
        item = one(path)
        assert isinstance(item, RawDocument)
        assert item.text.count("Regular Press Conference on") >= 10
