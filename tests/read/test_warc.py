"""WARC input: a crawl's HTML and text responses are documents with their URI and capture
date; the crawl's other records are skipped; a truncated archive is a recorded rejection."""

from __future__ import annotations

import gzip
from pathlib import Path

from porteparole import read
from porteparole.ingest import ingest
from porteparole.records import RawDocument, Rejected
from porteparole.store import Store
from warc_sample import NOTE, warc_bytes


def test_html_and_text_responses_are_documents_with_uri_and_capture_date(
        tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes())
    items = list(read.read_source(path))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [(i.origin.format, i.origin.url) for i in items] == [
        ("warc", "https://example.org/briefing"), ("warc", "https://example.fr/communique.txt")]
    assert all(i.origin.source == str(path) for i in items)
    assert items[0].origin.line == 2 and items[1].origin.line == 5  # record numbers
    assert "code of conduct" in items[0].text and items[0].title
    assert items[1].text == NOTE
    assert {i.date_hint for i in items} == {"2024-03-12"}


def test_uncompressed_warc_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "crawl-2024"
    path.write_bytes(warc_bytes(gzipped=False))
    assert read.format_for(path) is None
    items = list(read.read_source(path))
    assert [i.origin.url for i in items if isinstance(i, RawDocument)] == [
        "https://example.org/briefing", "https://example.fr/communique.txt"]


def test_ingest_stores_warc_documents_with_their_origins(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(warc_bytes())
    with Store(tmp_path / "w.db") as store:
        report = ingest([tmp_path / "in"], store)
        assert (report.new, report.rejected_count) == (2, 0)
        rows = store.rows("SELECT url, format, language FROM documents ORDER BY line")
    assert [tuple(r) for r in rows] == [("https://example.org/briefing", "warc", "en"),
                                        ("https://example.fr/communique.txt", "warc", "fr")]


def test_truncated_warc_keeps_what_precedes_and_records_a_rejection(tmp_path: Path) -> None:
    whole = warc_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: len(whole) - 200])  # inside the last record's gzip member
    with Store(tmp_path / "t.db") as store:
        report = ingest([path], store)
        assert report.new == 1
        assert [r.reason for r in report.rejected] == ["malformed_warc"]
        stored = store.rows("SELECT reason, detail, source FROM rejected")
    assert stored[0]["reason"] == "malformed_warc" and "truncated" in stored[0]["detail"]
    assert stored[0]["source"] == str(path)


def test_garbage_after_a_warc_header_is_a_rejection_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort")
    items = list(read.read_source(path))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert items[0].reason == "malformed_warc"


def test_gzip_member_that_is_not_a_warc_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"just some notes, not an archive\n"))
    items = list(read.read_source(path))
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["malformed_warc"]
