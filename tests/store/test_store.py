"""The SQLite store: migrations, round trips, idempotence, atomic batches, rejections."""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import CONFERENCE, full_analysis
from porteparole.errors import StoreError
from porteparole.records import (
    Analysis,
    Document,
    Origin,
    Paragraph,
    Rejected,
    Topic,
    Turn,
    document_id_for,
)
from porteparole.store import Store, schema


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "t.db") as opened:
        yield opened


def count(store: Store, table: str) -> int:
    return int(store.rows(f"SELECT count(*) FROM {table}")[0][0])


def test_open_applies_named_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    names = [name for name, _ in schema.MIGRATIONS]
    with Store(path) as first:
        assert first.migrations() == names
    with Store(path) as again:
        assert again.migrations() == names
        assert count(again, "migrations") == len(names)
    conn = sqlite3.connect(path)
    assert schema.migrate(conn) == []
    conn.close()


def test_store_is_wal_with_foreign_keys(store: Store) -> None:
    assert store.rows("PRAGMA journal_mode")[0][0] == "wal"
    assert store.rows("PRAGMA foreign_keys")[0][0] == 1


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', '2099-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer porteparole"):
        Store(path)


def test_unusable_paths_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StoreError):
        Store(junk)


def test_round_trip_keeps_every_record(store: Store) -> None:
    analysis = full_analysis()
    assert store.write_batch([analysis]) == 1
    assert store.has_document(analysis.document.id)
    assert store.analysis(analysis.document.id) == analysis
    assert store.analysis("0" * 16) is None


def test_writing_the_same_batch_twice_adds_nothing(store: Store) -> None:
    batch = [full_analysis(), full_analysis(CONFERENCE.replace("mai", "juin"))]
    assert store.write_batch(batch) == 2
    tables = ("documents", "turns", "paragraphs", "mentions", "quotes", "events", "topics",
              "mechanism_updates", "turns_fts", "document_origins")
    before = {t: count(store, t) for t in tables}
    assert store.write_batch(batch) == 0
    assert {t: count(store, t) for t in tables} == before


def test_same_text_from_two_files_is_one_document_with_two_origins(store: Store) -> None:
    store.write_batch([full_analysis(source="a.txt")])
    assert store.write_batch([full_analysis(source="copy/a.txt")]) == 0
    assert count(store, "documents") == 1
    sources = [r[0] for r in store.rows("SELECT source FROM document_origins ORDER BY rowid")]
    assert sources == ["a.txt", "copy/a.txt"]


def test_a_batch_is_written_whole_or_not_at_all(store: Store) -> None:
    good = full_analysis()
    bad_doc = full_analysis(CONFERENCE + "\nFin.")
    broken = dataclasses.replace(
        bad_doc, topics=(Topic(bad_doc.document.id, 5, 10_000, "x", 1.0),)
    )
    with pytest.raises(StoreError, match="outside its text"):
        store.write_batch([good, broken])
    assert count(store, "documents") == 0
    assert count(store, "turns") == 0


def test_records_of_another_document_are_refused(store: Store) -> None:
    analysis = full_analysis()
    stray = Paragraph("ffffffffffffffff", 9, 0, 1)
    with pytest.raises(StoreError, match="names document"):
        store.write_batch([dataclasses.replace(analysis, paragraphs=(stray,))])


def test_rejected_inputs_are_kept_once_per_source_and_reason(store: Store) -> None:
    empty = Rejected(Origin("empty.txt", "text"), "empty", "the input holds no text")
    line = Rejected(Origin("feed.jsonl", "jsonl", line=3), "malformed_json", "bad", "abc123")
    for _ in range(3):
        store.add_rejected(empty)
        store.add_rejected(line)
    store.add_rejected(dataclasses.replace(line, origin=Origin("feed.jsonl", "jsonl", line=4)))
    rows = store.rows("SELECT source, line, reason, first_seen <= last_seen FROM rejected "
                      "ORDER BY source, line")
    assert [tuple(r) for r in rows] == [
        ("empty.txt", None, "empty", 1),
        ("feed.jsonl", 3, "malformed_json", 1),
        ("feed.jsonl", 4, "malformed_json", 1),
    ]


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    opened = Store(tmp_path / "c.db")
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.has_document("x")


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(min_size=1, max_size=300))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = [tuple(sorted(draw(st.tuples(bounds, bounds)))) for _ in range(draw(
        st.integers(0, 5)))]
    return text, spans  # type: ignore[return-value]


@settings(max_examples=150, deadline=None)
@given(sample=texts_with_spans())
def test_any_text_reads_back_identical_with_valid_spans(
    sample: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = sample
    doc_id = document_id_for(text)
    analysis = Analysis(
        document=Document(doc_id, Origin("<text>", "text"), "und", "statement", text,
                          title=text[:20]),
        turns=tuple(Turn(doc_id, i, "statement", None, s, e) for i, (s, e) in
                    enumerate(spans)),
        paragraphs=tuple(Paragraph(doc_id, i, s, e) for i, (s, e) in enumerate(spans)),
    )
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "prop.db") as db:
        assert db.write_batch([analysis]) == 1
        back = db.analysis(doc_id)
    assert back is not None
    assert back.document.text == text
    assert back == analysis
    for turn, (start, end) in zip(back.turns, spans, strict=True):
        assert back.span_text(turn.start, turn.end) == text[start:end]
