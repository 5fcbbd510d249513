"""Reading records back: rows to the frozen records of ``porteparole.records``.

The inverse of ``writer``: what was written is read back field for field, so a record
survives a round trip through the store unchanged.
"""

from __future__ import annotations

import json
import sqlite3

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
    )


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
