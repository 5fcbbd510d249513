"""Reading records back: rows to the frozen records of ``porteparole.records``.

The inverse of ``writer``: what was written is read back field for field, so a record
survives a round trip through the store unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from porteparole.errors import StoreError
from porteparole.records import (
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


def origin_of(row: sqlite3.Row) -> Origin:
    """The origin columns (source, format, line, url) of any row that has them."""
    return Origin(source=row["source"], format=row["format"], line=row["line"], url=row["url"])


def document_of(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"], origin=origin_of(row), language=row["language"], kind=row["kind"],
        text=row["text"], title=row["title"], date=row["date"], time=row["time"],
        place=row["place"], ministry=row["ministry"], spokesperson=row["spokesperson"],
        flags=tuple(json.loads(row["flags"])), removed=tuple(json.loads(row["removed"])),
        analyzer=row["analyzer"],
    )


def load_document(conn: sqlite3.Connection, document_id: str) -> Document | None:
    """A stored document without its records; None if absent."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return None if row is None else document_of(row)


def rejected_of(row: sqlite3.Row) -> Rejected:
    return Rejected(origin_of(row), row["reason"], row["detail"], row["content_hash"])


def load_analysis(conn: sqlite3.Connection, document_id: str) -> Analysis | None:
    """A stored document with every record that points into it, in a stable order."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        return None

    def rows(table: str, order: str) -> list[sqlite3.Row]:
        sql = f"SELECT * FROM {table} WHERE document_id = ? ORDER BY {order}"
        return conn.execute(sql, (document_id,)).fetchall()

    return Analysis(
        document=document_of(row),
        turns=tuple(_turn(r) for r in rows("turns", '"index"')),
        paragraphs=tuple(
            Paragraph(r["document_id"], r["index"], r["start"], r["end"])
            for r in rows("paragraphs", '"index"')
        ),
        mentions=tuple(_mention(r) for r in rows("mentions", "pk")),
        quotes=tuple(_quote(r) for r in rows("quotes", "pk")),
        events=tuple(_event(r) for r in rows("events", "pk")),
        topics=tuple(
            Topic(r["document_id"], r["start"], r["end"], r["label"], r["score"], r["unit"])
            for r in rows("topics", "pk")
        ),
        mechanism_updates=tuple(_update(r) for r in rows("mechanism_updates", "pk")),
    )


def _turn(r: sqlite3.Row) -> Turn:
    return Turn(r["document_id"], r["index"], r["role"], r["speaker"], r["start"], r["end"],
                r["label"], r["speaker_actor"])


def _mention(r: sqlite3.Row) -> Mention:
    return Mention(r["document_id"], r["start"], r["end"], r["surface"], r["entity_type"],
                   r["actor_id"], r["confidence"], r["method"])


def _quote(r: sqlite3.Row) -> Quote:
    return Quote(r["document_id"], r["start"], r["end"], r["speaker_actor"], r["speaker_text"],
                 r["kind"], r["cue"], r["turn_index"])


def _event(r: sqlite3.Row) -> Event:
    return Event(
        document_id=r["document_id"], start=r["start"], end=r["end"],
        source_actor=r["source_actor"], type=r["type"], target_actor=r["target_actor"],
        mode=r["mode"], cameo_root=r["cameo_root"], goldstein=r["goldstein"],
        negated=bool(r["negated"]), modality=r["modality"], date=r["date"],
        confidence=r["confidence"], speaker_actor=r["speaker_actor"],
    )


def _update(r: sqlite3.Row) -> MechanismUpdate:
    return MechanismUpdate(r["mechanism_id"], r["status"], r["date"],
                           tuple(json.loads(r["parties"])), r["document_id"], r["start"],
                           r["end"])


# Public names for ``porteparole.query``, which reads the same rows with context columns
# (a document's date, a span's words) joined on.
turn_of = _turn
mention_of = _mention
quote_of = _quote
event_of = _event
update_of = _update


# -- whole tables, for exports -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a stored table as SQLite declares it (``INTEGER``, ``REAL``, ``TEXT``)."""

    name: str
    declared_type: str
    not_null: bool


def table_columns(conn: sqlite3.Connection, table: str) -> list[Column]:
    """The columns of one of the store's own tables, in order."""
    _check_table(conn, table)
    return [Column(r["name"], (r["type"] or "").upper(), bool(r["notnull"]))
            for r in conn.execute(f'PRAGMA table_info("{table}")')]


def table_batches(conn: sqlite3.Connection, table: str, columns: Sequence[str],
                  size: int) -> Iterator[list[sqlite3.Row]]:
    """Rows of a table in storage order, ``size`` at a time (memory stays flat on big stores)."""
    _check_table(conn, table)
    known = {c.name for c in table_columns(conn, table)}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise StoreError(f"table {table} has no column {', '.join(unknown)}")
    listed = ", ".join(f'"{c}"' for c in columns)
    cursor = conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY rowid')
    while batch := cursor.fetchmany(size):
        yield batch


def _check_table(conn: sqlite3.Connection, table: str) -> None:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    if found is None:
        raise StoreError(f"the store has no table {table!r}")
