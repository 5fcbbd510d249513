"""One table spec: the columns of every exported table, derived from the record classes.

A stored table is a record class flattened: ``documents`` is ``Document`` with its
``Origin`` spread into ``source, format, line, url`` and two audit columns; ``turns`` is
``Turn``; ``rejected`` is ``Rejected`` with its origin spread and two audit columns. The
columns and their Arrow types come from ``dataclasses.fields`` and the field annotations
(``str`` → string, ``int`` → int64, ``float`` → double, ``bool`` → bool,
``tuple[str, ...]`` → list of strings; ``X | None`` → nullable), so a field added to a
record reaches the Parquet schema without a second list of columns.

Two tables are not records of a document but what their ids stand for, as the knowledge
described them when the records were written (``porteparole.described``): ``actors`` (id,
name, type, country, sector, and as JSON text ``aliases``, ``roles`` and ``names``) and
``mechanisms`` (``parties`` a list of ids, ``aliases`` JSON text); they carry
``described_at`` and come from a ``Description`` rather than from an analysis.

``to_arrow(items)`` turns analyses and rejections into one ``pyarrow.Table`` per table with
exactly the schema ``porteparole export`` writes; ``records_of`` is its inverse, used by
``porteparole load``. A test holds the spec against the store's migrated schema.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from porteparole.described import Description, describe
from porteparole.errors import StoreError
from porteparole.records import (
    SCHEMA_VERSION,
    Analysis,
    Document,
    Event,
    MechanismUpdate,
    Mention,
    Origin,
    Paragraph,
    Quote,
    Rejected,
    Topic,
    Turn,
)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
    "tuple[str, ...]": pa.list_(pa.string()),
    # the closed vocabularies of ``records`` (``Literal`` aliases of str) are strings
    "Kind": pa.string(), "TurnRole": pa.string(), "ActorType": pa.string(),
    "QuoteKind": pa.string(),
}
_ORIGIN_FIELDS = ("source", "format", "line", "url")


def _arrow_field(name: str, annotation: str) -> pa.Field:
    parts = [p.strip() for p in str(annotation).split("|")]
    nullable = "None" in parts
    base = [p for p in parts if p != "None"]
    if len(base) != 1 or base[0] not in _ARROW_TYPES:
        raise TypeError(f"field {name}: no Arrow type for annotation {annotation!r}")
    return pa.field(name, _ARROW_TYPES[base[0]], nullable=nullable)


def _record_fields(cls: type, *, skip: tuple[str, ...] = ()) -> list[pa.Field]:
    """The Arrow fields of a record class, its ``origin`` spread into the origin columns."""
    out: list[pa.Field] = []
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        if f.name == "origin":
            out += _record_fields(Origin)
        else:
            out.append(_arrow_field(f.name, str(f.type)))
    return out


def _audit(*names: str) -> list[pa.Field]:
    return [pa.field(n, pa.string(), nullable=False) for n in names]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One exported table: its name, the record it stores, its Arrow schema."""

    name: str
    record: type
    schema: pa.Schema
    # The records of one analysis that go into this table (None: not an analysis table).
    of_analysis: Callable[[Analysis], Iterable[Any]] | None

    @property
    def columns(self) -> list[str]:
        return list(self.schema.names)


def _documents_schema() -> pa.Schema:
    # The store keeps the text last among the document's own columns (after ``removed``),
    # then the audit columns, then ``analyzer`` (added by a later migration).
    fields = _record_fields(Document, skip=("text", "analyzer"))
    text = _arrow_field("text", "str")
    audit = _audit("ingested_at") + [pa.field("schema_version", pa.int64(), nullable=False)]
    return pa.schema([*fields, text, *audit, _arrow_field("analyzer", "str | None")])


def _span_spec(name: str, record: type, attribute: str) -> TableSpec:
    return TableSpec(name, record, pa.schema(_record_fields(record)),
                     lambda a: getattr(a, attribute))


SPECS: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("documents", Document, _documents_schema(), lambda a: (a.document,)),
        TableSpec("document_origins", Origin,
                  pa.schema([pa.field("document_id", pa.string(), nullable=False),
                             *_record_fields(Origin), *_audit("first_seen")]),
                  lambda a: (a.document.origin,)),
        _span_spec("turns", Turn, "turns"),
        _span_spec("paragraphs", Paragraph, "paragraphs"),
        _span_spec("mentions", Mention, "mentions"),
        _span_spec("quotes", Quote, "quotes"),
        _span_spec("events", Event, "events"),
        _span_spec("topics", Topic, "topics"),
        _span_spec("mechanism_updates", MechanismUpdate, "mechanism_updates"),
        TableSpec("rejected", Rejected,
                  pa.schema([*_record_fields(Rejected), *_audit("first_seen", "last_seen")]),
                  None),
        TableSpec("actors", dict, pa.schema([
            *_audit("id", "name", "type"), pa.field("country", pa.string()),
            pa.field("sector", pa.string()), *_audit("aliases", "roles", "names",
                                                     "described_at")]), None),
        TableSpec("mechanisms", dict, pa.schema([
            *_audit("id", "name", "kind"),
            pa.field("parties", pa.list_(pa.string()), nullable=False),
            *_audit("aliases", "described_at")]), None),
    )
}
TABLES: tuple[str, ...] = tuple(SPECS)
# The tables that describe the records' ids (rows from a ``Description``).
DESCRIBED_TABLES: tuple[str, ...] = ("actors", "mechanisms")


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one exported table; ``StoreError`` for a table that is not one."""
    if table not in SPECS:
        raise StoreError(f"the store has no table {table!r} to export")
    return SPECS[table].schema


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _flat(record: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, Origin):
            row.update({n: getattr(value, n) for n in _ORIGIN_FIELDS})
        else:
            row[f.name] = list(value) if isinstance(value, tuple) else value
    return row


def rows(table: str, items: Iterable[Analysis | Rejected | tuple[str, Origin]],
         seen_at: str) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` for analyses, rejections and extra ``(document_id, origin)``
    sightings (the same text met again), as dicts keyed by column."""
    spec = SPECS[table]
    for item in items:
        if isinstance(item, Rejected):
            if table == "rejected":
                yield {**_flat(item), "first_seen": seen_at, "last_seen": seen_at}
        elif isinstance(item, tuple):
            if table == "document_origins":
                document_id, origin = item
                yield {"document_id": document_id, **_flat_origin(origin), "first_seen": seen_at}
        elif spec.of_analysis is not None:
            for record in spec.of_analysis(item):
                if table == "documents":
                    yield {**_flat(record), "ingested_at": seen_at,
                           "schema_version": SCHEMA_VERSION}
                elif table == "document_origins":
                    yield {"document_id": item.document.id, **_flat_origin(record),
                           "first_seen": seen_at}
                else:
                    yield _flat(record)


def _flat_origin(origin: Origin) -> dict[str, Any]:
    return {n: getattr(origin, n) for n in _ORIGIN_FIELDS}


def described_rows(table: str, description: Description) -> Iterator[dict[str, Any]]:
    """The rows of a described table (``actors``, ``mechanisms``) as the spec types them:
    JSON text stays text, but mechanism parties become a list."""
    if table == "actors":
        yield from description.actors
    elif table == "mechanisms":
        for row in description.mechanisms:
            yield {**row, "parties": json.loads(row["parties"])}


def stored_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A described table's Arrow row back as the store keeps it (the inverse of
    ``described_rows``), for ``porteparole load``."""
    if table == "mechanisms":
        return {**row, "parties": json.dumps(list(row["parties"]), ensure_ascii=False)}
    return dict(row)


def to_arrow(items: Iterable[Analysis | Rejected | tuple[str, Origin]],
             seen_at: str | None = None, *,
             described: Description | None = None) -> dict[str, pa.Table]:
    """One Arrow table per exported table, with the schema ``porteparole export`` writes.

    ``items`` are analyses, rejections, and ``(document_id, origin)`` pairs for a text met
    again elsewhere; ``seen_at`` fills the audit columns (default: now). The ``actors``
    and ``mechanisms`` tables hold ``described`` (default: the description of what the
    analyses name, made now from the package's knowledge).
    """
    listed = list(items)
    stamp = seen_at or now()
    if described is None:
        described = describe((i for i in listed if isinstance(i, Analysis)), stamp)
    return {name: table_of(name, described_rows(name, described) if name in DESCRIBED_TABLES
                           else rows(name, listed, stamp))
            for name in TABLES}


def table_of(table: str, records: Iterable[dict[str, Any]]) -> pa.Table:
    """A ``pyarrow.Table`` of the given rows, typed by the spec."""
    spec = SPECS[table]
    return pa.Table.from_pylist(list(records), schema=spec.schema)


# -- the inverse: Arrow rows back to records, for ``porteparole load`` ----------------------


def record_of(table: str, row: dict[str, Any]) -> Any:
    """The record a row of ``table`` stores (a ``(document_id, Origin)`` pair for origins)."""
    spec = SPECS[table]
    if table == "document_origins":
        return row["document_id"], Origin(*(row[n] for n in _ORIGIN_FIELDS))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(spec.record):
        if f.name == "origin":
            kwargs["origin"] = Origin(*(row[n] for n in _ORIGIN_FIELDS))
        else:
            value = row[f.name]
            kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    return spec.record(**kwargs)


def analyses_of(tables: dict[str, pa.Table]) -> Iterator[Analysis]:
    """The analyses that one set of tables (e.g. one Spark partition) holds, in the order
    of its documents table; records keep their table order within each document."""
    grouped: dict[str, dict[str, list[Any]]] = {}
    for name in TABLES:
        spec = SPECS[name]
        if spec.of_analysis is None or name in ("documents", "document_origins"):
            continue
        for row in tables[name].to_pylist():
            grouped.setdefault(row["document_id"], {}).setdefault(name, []).append(
                record_of(name, row))
    for row in tables["documents"].to_pylist():
        document = record_of("documents", row)
        records = grouped.get(document.id, {})
        yield Analysis(
            document=document,
            **{name: tuple(records.get(name, ())) for name in (
                "turns", "paragraphs", "mentions", "quotes", "events", "topics",
                "mechanism_updates")},
        )
