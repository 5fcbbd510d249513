"""Parquet export of the store: one file per table, for DuckDB, pandas, Spark.

Columns and their types come from the one table spec (``porteparole.tables``, derived from
the record classes), which ``to_arrow`` and the Spark job share, so an exported table and
a Spark output table have the same schema. The columns the store keeps as JSON arrays of
ids or flags become Parquet lists of strings (``documents.flags``, ``documents.removed``,
``mechanism_updates.parties``, ``mechanisms.parties``) and ``events.negated`` a boolean;
an actor's ``aliases``, ``roles`` and ``names`` and a mechanism's ``aliases`` stay JSON
text (DuckDB reads them with ``json_extract``).

``actors`` and ``mechanisms`` say what the ids of the other tables stand for, as the
knowledge had them when the records were written, so the files need no porteparole to be
read with names::

    SELECT a.name, e.type, t.name FROM 'events.parquet' e
      JOIN 'actors.parquet' a ON a.id = e.source_actor
      JOIN 'actors.parquet' t ON t.id = e.target_actor The
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
# Columns the store keeps as JSON text, and as 0/1 integers: JSON Lines gives them back as
# JSON values and booleans; Parquet as lists and booleans where the spec types them so
# (the other JSON columns stay text there).
JSON_COLUMNS = frozenset({("documents", "flags"), ("documents", "removed"),
                          ("mechanism_updates", "parties"), ("actors", "aliases"),
                          ("actors", "roles"), ("actors", "names"), ("mechanisms", "parties"),
                          ("mechanisms", "aliases")})
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
    text = {name for name in names if pa.types.is_string(schema.field(name).type)}
    for row in rows:
        for name in names:
            value = row[name]
            data[name].append(value if name in text else stored_value(table, name, value))
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
