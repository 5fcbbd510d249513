"""Every table of the store as JSON Lines or CSV (and Parquet, through ``export``).

``export.export_parquet`` writes Parquet; this module adds the text formats pandas, R and
DuckDB read as they are (``read_json(lines=True)``, ``read.csv``, ``read_csv_auto``). The
``actors`` and ``mechanisms`` tables the other tables join to are the store's own: what
every id the records name stood for when they were written (``porteparole.described``),
with ``described_at``; an id the knowledge did not know then has no row (join with LEFT
JOIN to keep it).

Columns are the store's, as in the Parquet export (``pk`` left out). In JSON Lines the
columns the store keeps as JSON text (``flags``, ``removed``, ``parties``, the
``aliases``, ``roles`` and ``names`` of actors and mechanisms) are JSON values and
``negated`` a boolean; CSV keeps them as JSON text and writes ``negated`` as 0/1, an
absent value as an empty cell. Files are written under a temporary name and renamed, like
the Parquet export.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from porteparole.errors import InputError
from porteparole.export import TABLES, export_parquet, stored_value
from porteparole.store import Store

ALL_TABLES: tuple[str, ...] = TABLES
TABLE_FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")


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
                  tables: Sequence[str] | None = None) -> list[Path]:
    """Write each table as ``<table>.<fmt>`` into ``directory``; return the files."""
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose {', '.join(TABLE_FORMATS)}")
    chosen = check_tables(tables)
    target = prepare_directory(directory)
    if fmt == "parquet":
        return export_parquet(store, target, chosen)
    written: list[Path] = []
    for table in chosen:
        columns = [c.name for c in store.table_columns(table) if c.name != "pk"]
        rows = (dict(zip(columns, tuple(r), strict=True))
                for batch in store.table_batches(table, columns) for r in batch)
        written.append(_write(target, table, fmt, columns, rows))
    return written


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
