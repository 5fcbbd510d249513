"""Every export format read back with the tool its users read it with (pyarrow, csv, json)
and compared with the store, row by row; the GDELT file loads with its documented header."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from porteparole import query
from porteparole.cli import build_app
from porteparole.export import JSON_COLUMNS
from porteparole.export_gdelt import (
    COLUMNS,
    DATA_FILE,
    GDELT_COLUMNS,
    HEADER_FILE,
    quad_class,
)
from porteparole.export_plover import DATA_FILE as PLOVER_FILE
from porteparole.export_tables import ALL_TABLES
from porteparole.store import Store


def _stored(store: Store, table: str) -> list[dict[str, Any]]:
    columns = [c.name for c in store.table_columns(table) if c.name != "pk"]
    return [dict(zip(columns, tuple(r), strict=True))
            for batch in store.table_batches(table, columns) for r in batch]


@pytest.fixture(scope="module")
def exported(examples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    runner = CliRunner()
    for fmt in ("parquet", "jsonl", "csv", "gdelt", "plover"):
        result = runner.invoke(build_app(), ["export", str(out), "--format", fmt,
                                             "--db", str(examples_store)])
        assert result.exit_code == 0, result.output
    return out


def test_jsonl_and_csv_hold_every_row_of_every_table(exported: Path,
                                                     examples_store: Path) -> None:
    with Store(examples_store) as store:
        for table in ALL_TABLES:
            expected = _stored(store, table)
            lines = (exported / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
            from_json = [json.loads(line) for line in lines]
            with (exported / f"{table}.csv").open(encoding="utf-8", newline="") as f:
                from_csv = list(csv.DictReader(f))
            assert len(from_json) == len(from_csv) == len(expected), table
            for got, got_csv, want in zip(from_json, from_csv, expected, strict=True):
                for column, value in want.items():
                    as_json = json.loads(value) if (table, column) in JSON_COLUMNS and \
                        value is not None else value
                    if (table, column) == ("events", "negated"):
                        as_json = bool(value)
                    assert got[column] == as_json, (table, column)
                    assert got_csv[column] == ("" if value is None else str(value)), \
                        (table, column)


def test_parquet_holds_every_table_including_actors(exported: Path,
                                                    examples_store: Path) -> None:
    with Store(examples_store) as store:
        for table in ALL_TABLES:
            rows = pq.read_table(exported / f"{table}.parquet").to_pylist()
            expected = _stored(store, table)
            assert len(rows) == len(expected), table
        mentions = pq.read_table(exported / "mentions.parquet").to_pylist()
        assert [m["surface"] for m in mentions] == [m["surface"] for m in
                                                    _stored(store, "mentions")]


def test_actors_cover_every_id_the_records_name_with_names(exported: Path,
                                                           examples_store: Path) -> None:
    actors = {a["id"]: a for a in pq.read_table(exported / "actors.parquet").to_pylist()}
    with Store(examples_store) as store:
        named = set(query.referenced_actor_ids(store))
        events = _stored(store, "events")
    assert named <= set(actors)  # and the countries and organizations they belong to
    assert {e["source_actor"] for e in events if e["source_actor"]} <= set(actors)
    assert actors["xi-jinping"]["name"] == "Xi Jinping"
    assert actors["xi-jinping"]["country"] == "CHN" and "CHN" in actors
    assert json.loads(actors["CHN"]["aliases"])["fr"]
    assert {"name": "Chine", "language": "fr", "kind": "alias"} in json.loads(
        actors["CHN"]["names"])
    assert all(a["described_at"] for a in actors.values())


def test_gdelt_file_loads_with_its_documented_header(exported: Path,
                                                     examples_store: Path) -> None:
    with (exported / HEADER_FILE).open(encoding="utf-8") as f:
        header = list(csv.DictReader(f, delimiter="\t"))
    names = [h["Name"] for h in header]
    assert names == [name for name, _ in COLUMNS] and all(h["Description"] for h in header)
    assert names[:5] == ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    assert names[GDELT_COLUMNS - 2:GDELT_COLUMNS] == ["DATEADDED", "SOURCEURL"]
    lines = (exported / DATA_FILE).read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(names, line.split("\t"), strict=True)) for line in lines]
    with Store(examples_store) as store:
        text = {d["id"]: d["text"] for d in _stored(store, "documents")}
        asserted = [e for e in _stored(store, "events") if not e["negated"]]
    assert len(rows) == len(asserted)
    for row, event in zip(rows, asserted, strict=True):
        assert row["EventRootCode"] == (event["cameo_root"] or "")
        assert row["QuadClass"] == str(quad_class(event["cameo_root"]) or "")
        start, end = int(row["StartOffset"]), int(row["EndOffset"])
        assert (start, end) == (event["start"], event["end"])
        assert row["EvidenceText"] == " ".join(text[row["DocumentID"]][start:end].split())
        if row["Day"]:
            assert row["MonthYear"] == row["Day"][:6] and row["Year"] == row["Day"][:4]
    china = [r for r in rows if r["Actor1CountryCode"] == "CHN"]
    assert china and all(r["Actor1Code"].startswith("CHN") for r in china)


def test_quad_classes_follow_the_cameo_roots() -> None:
    assert [quad_class(r) for r in ("01", "05", "06", "08", "09", "13", "14", "20")] == \
        [1, 1, 2, 2, 3, 3, 4, 4]
    assert quad_class(None) is None and quad_class("xx") is None


def test_plover_records_have_the_manual_fields_and_offsets(exported: Path,
                                                           examples_store: Path) -> None:
    records = [json.loads(line) for line in
               (exported / PLOVER_FILE).read_text(encoding="utf-8").splitlines()]
    with Store(examples_store) as store:
        text = {d["id"]: d["text"] for d in _stored(store, "documents")}
        asserted = [e for e in _stored(store, "events") if not e["negated"]]
    assert len(records) == len(asserted)
    for record in records:
        for field in ("id", "date", "actor", "recipient", "event", "mode", "context",
                      "event_text", "quad_code", "start", "end"):
            assert field in record
        words = text[record["document_id"]][record["start"]:record["end"]]
        assert record["event_text"] == " ".join(words.split())
        assert record["quad_code"] in (1, 2, 3, 4)
    assert len({r["id"] for r in records}) == len(records)


def test_export_refuses_unknown_formats_and_tables(examples_store: Path,
                                                   tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["--format", "xlsx"], ["--format", "csv", "--table", "people"],
                 ["--format", "gdelt", "--table", "events"]):
        result = runner.invoke(build_app(), ["export", str(tmp_path), *args,
                                             "--db", str(examples_store)])
        assert result.exit_code == 2 and "Traceback" not in result.output
    one = runner.invoke(build_app(), ["export", str(tmp_path / "one"), "--format", "csv",
                                      "--table", "quotes", "--db", str(examples_store)])
    assert one.exit_code == 0 and [p.name for p in (tmp_path / "one").iterdir()] == \
        ["quotes.csv"]
