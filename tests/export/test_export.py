"""Parquet export: one readable file per table, same rows, same columns, typed."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builders import article, build_store, conference, statement
from porteparole import export
from porteparole.errors import InputError, StoreError
from porteparole.records import Origin, Rejected
from porteparole.store import Store


@pytest.fixture
def store(tmp_path: Path):
    with Store(build_store(tmp_path / "e.db")) as opened:
        opened.add_rejected(Rejected(Origin("vide.txt", "text"), "empty", "no text left"))
        yield opened


def count(store: Store, table: str) -> int:
    return int(store.rows(f"SELECT count(*) FROM {table}")[0][0])


def test_every_table_round_trips_with_its_row_count(store: Store, tmp_path: Path) -> None:
    written = export.export_parquet(store, tmp_path / "out" / "nested")
    assert [p.name for p in written] == [f"{t}.parquet" for t in export.TABLES]
    for table, path in zip(export.TABLES, written, strict=True):
        read = pq.read_table(path)
        assert read.num_rows == count(store, table), table
        stored = [c.name for c in store.table_columns(table) if c.name != "pk"]
        assert read.column_names == stored
    assert {"documents", "turns", "paragraphs", "mentions", "quotes", "events", "topics",
            "mechanism_updates", "rejected"} <= set(export.TABLES)


def test_values_and_types_survive(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    export.export_parquet(store, out)
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    by_id = {d["id"]: d for d in documents}
    original = conference().document
    assert by_id[original.id]["text"] == original.text
    assert by_id[original.id]["flags"] == []
    events = pq.read_table(out / "events.parquet")
    assert str(events.schema.field("negated").type) == "bool"
    assert str(events.schema.field("goldstein").type) == "double"
    assert str(events.schema.field("start").type) == "int64"
    negated = [e for e in events.to_pylist() if e["negated"]]
    assert [e["type"] for e in negated] == ["ASSAULT"]
    updates = pq.read_table(out / "mechanism_updates.parquet").to_pylist()
    assert {tuple(u["parties"]) for u in updates} == {("CHN", "USA")}
    mentions = pq.read_table(out / "mentions.parquet").to_pylist()
    expected = len(conference().mentions) + len(article().mentions) + len(statement().mentions)
    assert len(mentions) == expected
    assert sum(m["actor_id"] is None for m in mentions) == 3


def test_spans_point_into_the_exported_text(store: Store, tmp_path: Path) -> None:
    export.export_parquet(store, tmp_path)
    texts = {d["id"]: d["text"] for d in pq.read_table(tmp_path / "documents.parquet").to_pylist()}
    expected = {a.span_text(q.start, q.end) for a in (conference(), article()) for q in a.quotes}
    exported = {texts[q["document_id"]][q["start"]:q["end"]]
                for q in pq.read_table(tmp_path / "quotes.parquet").to_pylist()}
    assert exported == expected


def test_empty_store_exports_typed_empty_files(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as empty:
        written = export.export_parquet(empty, tmp_path / "out")
    events = pq.read_table(tmp_path / "out" / "events.parquet")
    assert events.num_rows == 0 and str(events.schema.field("negated").type) == "bool"
    assert len(written) == len(export.TABLES)


def test_batches_are_streamed(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export, "BATCH_ROWS", 2)
    export.export_parquet(store, tmp_path)
    assert pq.read_table(tmp_path / "mentions.parquet").num_rows == count(store, "mentions")
    assert not list(tmp_path.glob(".*partial"))


def test_a_file_as_directory_and_an_unknown_table_are_refused(store: Store,
                                                                tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="is a file"):
        export.export_parquet(store, blocker)
    with pytest.raises(StoreError, match="no table"):
        export.export_parquet(store, tmp_path / "o", tables=["nope; DROP TABLE documents"])
    assert count(store, "documents") == 3
