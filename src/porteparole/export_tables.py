"""Every table of the store as JSON Lines or CSV, and the ``actors`` table in every format.

``export.export_parquet`` writes Parquet; this module adds the text formats pandas, R and
DuckDB read as they are (``read_json(lines=True)``, ``read.csv``, ``read_csv_auto``), and
an ``actors`` table the other tables join to: one row per actor id any record names, with
its name, type, country, sector, aliases and roles, taken from the store's own ``actors``
table when it holds the id, else from the knowledge base (``origin`` says which; an id
neither knows is kept with its id as name, so that no join loses a row).

Columns are the store's, as in the Parquet export (``pk`` left out). In JSON Lines the
columns the store keeps as JSON text (``flags``, ``removed``, ``parties``, an actor's
``aliases`` and ``roles``) are JSON values and ``negated`` a boolean; CSV keeps them as
JSON text and writes ``negated`` as 0/1, an absent value as an empty cell. Files are
written under a temporary name and renamed, like the Parquet export.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from porteparole import query
from porteparole.errors import InputError
from porteparole.export import TABLES, export_parquet, stored_value
from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.store import Store

ALL_TABLES: tuple[str, ...] = (*TABLES, "actors")
TABLE_FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")
ACTOR_COLUMNS: tuple[str, ...] = ("id", "name", "type", "country", "sector", "aliases",
                                  "roles", "origin")


def check_tables(tables: Sequence[str] | None) -> tuple[str, ...]:
    """The tables asked for (all by default); an unknown name is an ``InputError``."""
    if not tables:
        return ALL_TABLES
    unknown = [t for t in tables if t not in ALL_TABLES]
    if unknown:
        raise InputError(f"unknown table {unknown[0]!r}; choose among {', '.join(ALL_TABLES)}")
    return tuple(dict.fromkeys(tables))


def prepare_directory(directory: str | Path) -> Path:
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; give a directory for the exported files")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create {target}: {error.strerror}") from error
    return target


def export_tables(store: Store, directory: str | Path, fmt: str,
                  tables: Sequence[str] | None = None, *,
                  kb: KnowledgeBase | None = None) -> list[Path]:
    """Write each table as ``<table>.<fmt>`` into ``directory``; return the files."""
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose {', '.join(TABLE_FORMATS)}")
    chosen = check_tables(tables)
    target = prepare_directory(directory)
    stored = [t for t in chosen if t != "actors"]
    written: list[Path] = []
    if fmt == "parquet":
        written += export_parquet(store, target, stored) if stored else []
    else:
        for table in stored:
            columns = [c.name for c in store.table_columns(table) if c.name != "pk"]
            rows = (dict(zip(columns, tuple(r), strict=True))
                    for batch in store.table_batches(table, columns) for r in batch)
            written.append(_write(target, table, fmt, columns, rows))
    if "actors" in chosen:
        actor_rows = actor_table(store, kb=kb)
        if fmt == "parquet":
            written.append(_actors_parquet(target, actor_rows))
        else:
            written.append(_write(target, "actors", fmt, list(ACTOR_COLUMNS), iter(actor_rows)))
    order = {t: i for i, t in enumerate(chosen)}
    return sorted(written, key=lambda p: order.get(p.name.split(".")[0], 0))


def actor_table(store: Store, *, kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    """One row per actor id the records name, the store's own row first, else the
    knowledge base's; aliases and roles as JSON text (the store's own convention)."""
    kb = kb or load_knowledge_base()
    stored = query.stored_actor_rows(store)
    rows: list[dict[str, Any]] = []
    for actor_id in query.referenced_actor_ids(store):
        if actor_id in stored:
            row = {c: stored[actor_id].get(c) for c in ACTOR_COLUMNS if c != "origin"}
            rows.append({**row, "origin": "store"})
            continue
        actor = kb.actor(actor_id)
        if actor is None:
            rows.append({"id": actor_id, "name": actor_id, "type": None, "country": None,
                         "sector": None, "aliases": "{}", "roles": "[]", "origin": "unknown"})
            continue
        rows.append({
            "id": actor.id, "name": actor.name, "type": actor.type, "country": actor.country,
            "sector": actor.sector,
            "aliases": json.dumps({k: list(v) for k, v in actor.aliases.items()},
                                  ensure_ascii=False),
            "roles": json.dumps([query.to_jsonable(r) for r in actor.roles],
                                ensure_ascii=False),
            "origin": "knowledge_base",
        })
    return rows


def _write(directory: Path, table: str, fmt: str, columns: list[str],
           rows: Iterator[dict[str, Any]]) -> Path:
    path = directory / f"{table}.{fmt}"
    partial = directory / f".{table}.{fmt}.partial"
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            if fmt == "jsonl":
                for row in rows:
                    out.write(json.dumps({c: stored_value(table, c, row[c]) for c in columns},
                                         ensure_ascii=False))
                    out.write("\n")
            else:
                writer = csv.writer(out)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow(["" if row[c] is None else row[c] for c in columns])
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _actors_parquet(directory: Path, rows: list[dict[str, Any]]) -> Path:
    schema = pa.schema([pa.field("id", pa.string(), nullable=False),
                        pa.field("name", pa.string(), nullable=False),
                        *(pa.field(c, pa.string()) for c in ACTOR_COLUMNS[2:])])
    path = directory / "actors.parquet"
    partial = directory / ".actors.parquet.partial"
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
