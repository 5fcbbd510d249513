"""The one table spec: it matches the migrated store, ``to_arrow`` gives the tables
``export`` writes, and ``load`` brings exported tables back into an equal store."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builders import HOTLINE, article, build_store, cli_app, conference, invoke, statement
from porteparole import export, tables
from porteparole.cli import commands_scale
from porteparole.errors import InputError
from porteparole.kb import base as kb_module
from porteparole.load import load_tables
from porteparole.mechanisms import catalog as catalog_module
from porteparole.records import Origin, Rejected
from porteparole.store import Store

SQL_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
JSON_LISTS = {("documents", "flags"), ("documents", "removed"), ("mechanism_updates", "parties"),
              ("mechanisms", "parties")}
BOOLEANS = {("events", "negated")}


def test_the_spec_matches_the_migrated_store(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for table in tables.TABLES:
            columns = [c for c in store.table_columns(table) if c.name != "pk"]
            assert tables.schema(table).names == [c.name for c in columns], table
            for column in columns:
                field = tables.schema(table).field(column.name)
                key = (table, column.name)
                expected = (pa.list_(pa.string()) if key in JSON_LISTS
                            else pa.bool_() if key in BOOLEANS
                            else SQL_TYPES[column.declared_type])
                assert field.type == expected, key
                assert field.nullable == (not column.not_null), key


def test_to_arrow_gives_the_rows_export_writes(tmp_path: Path) -> None:
    rejected = Rejected(Origin("vide.txt", "text"), "empty", "no text left")
    analyses = [conference(), article(), statement()]
    with Store(build_store(tmp_path / "e.db")) as store:
        store.add_rejected(rejected)
        export.export_parquet(store, tmp_path / "out")
    arrow = tables.to_arrow([*analyses, rejected], seen_at="2024-01-01T00:00:00+00:00")
    stamps = {"ingested_at", "first_seen", "last_seen", "described_at"}
    for table in tables.TABLES:
        exported = pq.read_table(tmp_path / "out" / f"{table}.parquet")
        assert arrow[table].schema.equals(exported.schema), table

        def plain(t: pa.Table) -> list[dict[str, object]]:
            return [{k: v for k, v in row.items() if k not in stamps} for row in t.to_pylist()]

        assert sorted(map(repr, plain(arrow[table]))) == sorted(map(repr, plain(exported))), table


def test_exported_tables_load_into_an_equal_store(tmp_path: Path) -> None:
    with Store(build_store(tmp_path / "a.db")) as first:
        first.add_rejected(Rejected(Origin("vide.txt", "text"), "empty", "no text left"))
        export.export_parquet(first, tmp_path / "out")
        ids = [r[0] for r in first.rows("SELECT id FROM documents")]
        expected = {i: first.analysis(i) for i in ids}
    app = cli_app(commands_scale)
    result = invoke(app, tmp_path / "b.db", "load", str(tmp_path / "out"), columns=100)
    assert result.exit_code == 0, result.output
    assert "new: 3  unchanged: 0  rejected: 1" in result.output
    with Store(tmp_path / "b.db") as second:
        assert {i: second.analysis(i) for i in ids} == expected
        again = load_tables(tmp_path / "out", second)
    assert (again.new, again.unchanged) == (0, 3)


def test_load_refuses_a_directory_without_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store, pytest.raises(InputError, match="no documents"):
        load_tables(tmp_path, store)


def _described(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return ([tuple(r) for r in store.rows("SELECT * FROM actors ORDER BY id")],
            [tuple(r) for r in store.rows("SELECT * FROM mechanisms ORDER BY id")])


def test_load_keeps_the_exported_descriptions_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(build_store(tmp_path / "a.db")) as first:
        export.export_parquet(first, tmp_path / "out")
        expected = _described(first)
    assert expected[0] and expected[1]

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("load read the knowledge files")

    monkeypatch.setattr(kb_module, "_default_knowledge_base", refuse)
    monkeypatch.setattr(catalog_module, "load_catalog", refuse)
    with Store(tmp_path / "b.db") as second:
        load_tables(tmp_path / "out", second)
        assert _described(second) == expected  # described_at included: not described anew


def test_tables_without_descriptions_are_described_on_load(tmp_path: Path) -> None:
    with Store(build_store(tmp_path / "a.db")) as first:
        export.export_parquet(first, tmp_path / "out")
        names = {r[0]: r[1] for r in first.rows("SELECT id, name FROM actors")}
    for table in tables.DESCRIBED_TABLES:  # as an export made before those tables existed
        (tmp_path / "out" / f"{table}.parquet").unlink()
    with Store(tmp_path / "b.db") as second:
        load_tables(tmp_path / "out", second)
        assert {r[0]: r[1] for r in second.rows("SELECT id, name FROM actors")} == names
        assert second.rows("SELECT id FROM mechanisms")[0][0] == HOTLINE


def test_an_export_made_before_the_analyzer_column_still_loads(tmp_path: Path) -> None:
    with Store(build_store(tmp_path / "a.db")) as first:
        export.export_parquet(first, tmp_path / "out")
        ids = sorted(r[0] for r in first.rows("SELECT id FROM documents"))
    path = tmp_path / "out" / "documents.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["analyzer"]), path)
    with Store(tmp_path / "b.db") as second:
        report = load_tables(tmp_path / "out", second)
        assert (report.new, report.unchanged) == (len(ids), 0)
        rows = second.rows("SELECT id, analyzer FROM documents ORDER BY id")
    assert [r[0] for r in rows] == ids and all(r[1] is None for r in rows)


def test_a_table_of_another_shape_is_refused_naming_its_columns(tmp_path: Path) -> None:
    with Store(build_store(tmp_path / "a.db")) as first:
        export.export_parquet(first, tmp_path / "out")
    path = tmp_path / "out" / "events.parquet"
    events = pq.read_table(path)
    changed = events.drop_columns(["type"]).append_column(
        "colour", pa.array(["red"] * events.num_rows, pa.string()))
    pq.write_table(changed, path)
    with Store(tmp_path / "b.db") as second:
        with pytest.raises(InputError, match=r"unknown: colour") as refused:
            load_tables(tmp_path / "out", second)
        assert "missing: type" in str(refused.value)
        assert second.rows("SELECT count(*) FROM documents")[0][0] == 0
