"""Loading Parquet tables into a store: the output of ``porteparole spark`` (or of
``porteparole export``) becomes a store that every query reads.

Two layouts are read: a directory per table of part files (``turns/part-a-00003.parquet``,
what the Spark job writes; the parts of one partition share a name across tables, so a
document and its records are loaded together, one partition in memory at a time), and one
file per table (``turns.parquet``, what ``export`` writes). Rows become records through
the one table spec (``tables.record_of``) and are written with ``Store.write_batch``:
loading is idempotent like ingest, a document already stored is skipped and its origins
are added.

The ``actors`` and ``mechanisms`` tables are what the records' ids stood for when they were
analysed; they are kept as they are (the most recent description of an id wins, so an
older output does not roll back a newer store's names). Tables written before those two
existed are described from this porteparole's knowledge instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from porteparole import tables
from porteparole.described import Description
from porteparole.errors import InputError
from porteparole.store import Store

WRITE_BATCH = 64


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load added: new documents, documents already stored, rejected inputs."""

    new: int
    unchanged: int
    rejected: int


def load_tables(directory: str | Path, store: Store) -> LoadReport:
    """Bring the Parquet tables under ``directory`` into ``store``."""
    root = Path(directory)
    if not (root / "documents").is_dir() and not (root / "documents.parquet").is_file():
        raise InputError(f"{root} holds no documents table (documents/ or documents.parquet)")
    new = seen = 0
    described = next(_parts(root, "actors"), None) is not None  # "" is the one-file layout
    for part in _parts(root, "documents"):
        loaded = {name: _read(root, name, part) for name in tables.TABLES if name != "rejected"}
        batch = list(tables.analyses_of(loaded))
        description = _description(loaded) if described else None
        if description is not None and not batch:
            store.write_batch([], described=description)
        for start in range(0, len(batch), WRITE_BATCH):
            chunk = batch[start:start + WRITE_BATCH]
            added = store.write_batch(chunk, described=description)
            if described:
                description = Description()  # the part's description is written once
            new, seen = new + added, seen + len(chunk) - added
        for row in loaded["document_origins"].to_pylist():
            store.add_origin(*tables.record_of("document_origins", row))
    rejected = 0
    for part in _parts(root, "rejected"):
        for row in _read(root, "rejected", part).to_pylist():
            store.add_rejected(tables.record_of("rejected", row))
            rejected += 1
    return LoadReport(new, seen, rejected)


def _description(loaded: dict[str, pa.Table]) -> Description:
    """The ``actors`` and ``mechanisms`` rows of one part, as the store keeps them."""
    rows = {name: tuple(tables.stored_row(name, r) for r in loaded[name].to_pylist())
            for name in tables.DESCRIBED_TABLES}
    return Description(actors=rows["actors"], mechanisms=rows["mechanisms"])


def _parts(root: Path, table: str) -> Iterator[str]:
    """The part names of a table ("" for a single-file table), in order."""
    folder = root / table
    if folder.is_dir():
        yield from sorted(p.stem for p in folder.glob("*.parquet"))
    elif (root / f"{table}.parquet").is_file():
        yield ""


def _read(root: Path, table: str, part: str) -> pa.Table:
    path = root / f"{table}.parquet" if part == "" else root / table / f"{part}.parquet"
    if not path.is_file():
        return tables.table_of(table, [])
    return _conformed(pq.read_table(path), tables.schema(table), path)


def _conformed(read: pa.Table, expected: pa.Schema, path: Path) -> pa.Table:
    """``read`` in the table's schema. A nullable column the file lacks is one a later
    version added (``documents.analyzer``): an older export still loads, with nulls there.
    Anything else that differs is refused, naming the columns, before anything is written."""
    if read.schema.equals(expected):
        return read
    names = set(read.schema.names)
    lacking = [f for f in expected if f.name not in names]
    wrong = [f.name for f in expected if f.name in names and read.schema.field(f.name).type
             != f.type]
    extra = sorted(names - set(expected.names))
    required = [f.name for f in lacking if not f.nullable]
    if wrong or extra or required:
        problems = [f"{label}: {', '.join(columns)}" for label, columns in (
            ("missing", required), ("of another type", wrong), ("unknown", extra)) if columns]
        raise InputError(f"{path} does not have the schema of its table ({'; '.join(problems)})")
    columns = [read.column(f.name) if f.name in names else pa.nulls(read.num_rows, f.type)
               for f in expected]
    return pa.Table.from_arrays(columns, schema=expected)
