"""Parquet export of the store: one file per table, for DuckDB, pandas, Spark.

Columns and their types come from the one table spec (``porteparole.tables``, derived from
the record classes), which ``to_arrow`` and the Spark job share, so an exported table and
a Spark output table have the same schema. Three columns the store keeps as JSON text
become Parquet lists of strings (``documents.flags``, ``documents.removed``,
``mechanism_updates.parties``) and ``events.negated`` a boolean. The
internal ``pk`` row numbers are left out: a document is its ``id``, a span record its
``(document_id, start, end)``.

Spans are character offsets into ``documents.text``; in DuckDB the words of a turn are
``substr(d.text, t.start + 1, t."end" - t.start)``.

Each file is written to a temporary name and renamed, so a crash never leaves a truncated
``.parquet`` that looks complete. Rows are streamed in batches: memory stays flat on a big
store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from porteparole import tables
from porteparole.errors import InputError
from porteparole.store import Store

TABLES: tuple[str, ...] = tables.TABLES
# Columns the store keeps as JSON text, and as 0/1 integers: every export format gives them
# back as lists and booleans (the actors columns are written by ``export_tables``).
JSON_COLUMNS = frozenset({("documents", "flags"), ("documents", "removed"),
                          ("mechanism_updates", "parties"), ("actors", "aliases"),
                          ("actors", "roles")})
BOOLEAN_COLUMNS = frozenset({("events", "negated")})
BATCH_ROWS = 5000


def export_parquet(store: Store, directory: str | Path,
                   tables: Sequence[str] = TABLES) -> list[Path]:
    """Write ``<table>.parquet`` for each table into ``directory`` (created if needed).

    Returns the files written, in table order. Existing files of the same names are
    replaced; nothing else in the directory is touched.
    """
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; give a directory for the Parquet files")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create {target}: {error.strerror}") from error
    return [_export_table(store, table, target) for table in tables]


def _export_table(store: Store, table: str, directory: Path) -> Path:
    schema = tables.schema(table)
    path = directory / f"{table}.parquet"
    partial = directory / f".{table}.parquet.partial"
    names = list(schema.names)
    try:
        with pq.ParquetWriter(partial, schema) as writer:
            for batch in store.table_batches(table, names, size=BATCH_ROWS):
                writer.write_table(_arrow(table, schema, names, batch))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _arrow(table: str, schema: pa.Schema, names: list[str],
           rows: Iterable[Any]) -> pa.Table:
    data: dict[str, list[Any]] = {name: [] for name in names}
    for row in rows:
        for name in names:
            data[name].append(stored_value(table, name, row[name]))
    return pa.table(data, schema=schema)


def stored_value(table: str, column: str, value: Any) -> Any:
    """A stored value as exports give it: JSON text as a list, a 0/1 flag as a boolean."""
    if value is None:
        return None
    if (table, column) in JSON_COLUMNS:
        return json.loads(value)
    if (table, column) in BOOLEAN_COLUMNS:
        return bool(value)
    return value
