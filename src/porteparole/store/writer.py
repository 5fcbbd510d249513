"""Writing records: one function per table, called inside the Store's transaction.

Nothing here commits; ``Store.write_batch`` wraps a batch in one transaction so that a
document and all its records land together or not at all.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable

from porteparole.described import Description
from porteparole.errors import StoreError
from porteparole.records import SCHEMA_VERSION, Analysis, Origin, Rejected
from porteparole.store.cjk import CJK_LANGUAGES, spaced


def write_analysis(conn: sqlite3.Connection, analysis: Analysis, seen_at: str) -> bool:
    """Insert a document and its records; False (and nothing written) if it is stored."""
    document = analysis.document
    check_spans(analysis)
    if conn.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone():
        add_origin(conn, document.id, document.origin, seen_at)
        return False
    _insert_document(conn, analysis, seen_at)
    add_origin(conn, document.id, document.origin, seen_at)
    _insert_turns(conn, analysis)
    _insert_spans(conn, analysis)
    return True


def replace_analysis(conn: sqlite3.Connection, analysis: Analysis, seen_at: str) -> bool:
    """Replace a stored document's reading with ``analysis`` (same id, so same text).

    The document row goes and comes back with its records (the cascade and the search
    triggers clear the old ones); what belongs to the text rather than its reading stays:
    the first origin, every other origin with its date, the first ingest time. True when
    the document was stored (False: it is written as new).
    """
    document = analysis.document
    check_spans(analysis)
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document.id,)).fetchone()
    if row is None:
        return not write_analysis(conn, analysis, seen_at)
    origins = conn.execute(
        "SELECT source, format, line, url, first_seen FROM document_origins "
        "WHERE document_id = ? ORDER BY rowid", (document.id,)).fetchall()
    first = Origin(row["source"], row["format"], row["line"], row["url"])
    conn.execute("DELETE FROM documents WHERE id = ?", (document.id,))
    kept = dataclasses.replace(analysis, document=dataclasses.replace(document, origin=first))
    _insert_document(conn, kept, row["ingested_at"])
    for origin in origins:
        add_origin(conn, document.id, Origin(*tuple(origin)[:4]), origin[4])
    _insert_turns(conn, kept)
    _insert_spans(conn, kept)
    return True


def check_spans(analysis: Analysis) -> None:
    """Refuse records that do not point into their document: the store's first promise."""
    document = analysis.document
    size = len(document.text)
    for name in ("turns", "paragraphs", "mentions", "quotes", "events", "topics",
                 "mechanism_updates"):
        for record in getattr(analysis, name):
            start, end = record.start, record.end
            if record.document_id != document.id:
                raise StoreError(
                    f"a {name} record of document {document.id} names document "
                    f"{record.document_id}"
                )
            if not 0 <= start <= end <= size:
                raise StoreError(
                    f"a {name} record of document {document.id} has span {start}:{end} "
                    f"outside its text (length {size})"
                )


def _insert_document(conn: sqlite3.Connection, analysis: Analysis, seen_at: str) -> None:
    d = analysis.document
    cursor = conn.execute(
        """INSERT INTO documents(id, source, format, line, url, language, kind, title, date,
               time, place, ministry, spokesperson, flags, removed, text, ingested_at,
               schema_version, analyzer)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (d.id, d.origin.source, d.origin.format, d.origin.line, d.origin.url, d.language,
         d.kind, d.title, d.date, d.time, d.place, d.ministry, d.spokesperson,
         json.dumps(list(d.flags), ensure_ascii=False),
         json.dumps(list(d.removed), ensure_ascii=False), d.text, seen_at, SCHEMA_VERSION,
         d.analyzer),
    )
    if d.language in CJK_LANGUAGES:
        index_cjk(conn, int(cursor.lastrowid or 0), d.title, d.text)


def index_cjk(conn: sqlite3.Connection, pk: int, title: str | None, text: str) -> None:
    """Add a CJK-language document to the per-character index (``store.cjk``)."""
    conn.execute("INSERT INTO cjk_fts(rowid, title, text) VALUES (?, ?, ?)",
                 (pk, spaced(title or ""), spaced(text)))


def add_origin(conn: sqlite3.Connection, document_id: str, origin: Origin, seen_at: str) -> None:
    """Remember one more place a stored document was read from (once per place)."""
    conn.execute(
        """INSERT INTO document_origins(document_id, source, format, line, url, first_seen)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(document_id, source, IFNULL(line, -1)) DO NOTHING""",
        (document_id, origin.source, origin.format, origin.line, origin.url, seen_at),
    )


def _insert_turns(conn: sqlite3.Connection, analysis: Analysis) -> None:
    text = analysis.document.text
    for t in analysis.turns:
        cursor = conn.execute(
            """INSERT INTO turns(document_id, "index", role, speaker, start, "end", label,
                   speaker_actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (t.document_id, t.index, t.role, t.speaker, t.start, t.end, t.label,
             t.speaker_actor),
        )
        conn.execute(
            "INSERT INTO turns_fts(rowid, text) VALUES (?, ?)",
            (cursor.lastrowid, text[t.start:t.end]),
        )


def _insert_spans(conn: sqlite3.Connection, a: Analysis) -> None:
    _many(conn, 'INSERT INTO paragraphs(document_id, "index", start, "end") VALUES (?,?,?,?)',
          ((p.document_id, p.index, p.start, p.end) for p in a.paragraphs))
    _many(conn, """INSERT INTO mentions(document_id, start, "end", surface, entity_type,
                       actor_id, confidence, method) VALUES (?,?,?,?,?,?,?,?)""",
          ((m.document_id, m.start, m.end, m.surface, m.entity_type, m.actor_id,
            m.confidence, m.method) for m in a.mentions))
    _many(conn, """INSERT INTO quotes(document_id, start, "end", speaker_actor, speaker_text,
                       kind, cue, turn_index) VALUES (?,?,?,?,?,?,?,?)""",
          ((q.document_id, q.start, q.end, q.speaker_actor, q.speaker_text, q.kind, q.cue,
            q.turn_index) for q in a.quotes))
    _many(conn, """INSERT INTO events(document_id, start, "end", source_actor, type,
                       target_actor, mode, cameo_root, goldstein, negated, modality, date,
                       confidence, speaker_actor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
          ((e.document_id, e.start, e.end, e.source_actor, e.type, e.target_actor, e.mode,
            e.cameo_root, e.goldstein, int(e.negated), e.modality, e.date, e.confidence,
            e.speaker_actor) for e in a.events))
    _many(conn, """INSERT INTO topics(document_id, start, "end", label, score, unit)
                   VALUES (?,?,?,?,?,?)""",
          ((t.document_id, t.start, t.end, t.label, t.score, t.unit) for t in a.topics))
    _many(conn, """INSERT INTO mechanism_updates(mechanism_id, status, date, parties,
                       document_id, start, "end") VALUES (?,?,?,?,?,?,?)""",
          ((u.mechanism_id, u.status, u.date, json.dumps(list(u.parties)), u.document_id,
            u.start, u.end) for u in a.mechanism_updates))


def _many(conn: sqlite3.Connection, sql: str, rows: Iterable[tuple[object, ...]]) -> None:
    conn.executemany(sql, rows)


def upsert_described(conn: sqlite3.Connection, description: Description) -> None:
    """Keep what the records' ids stand for (``porteparole.described``). The most recent
    description of an id wins: a row is replaced by one described at the same time or
    later, never by an older one (an old Spark output loaded into a newer store)."""
    _many(conn, """INSERT INTO actors(id, name, type, country, sector, aliases, roles, names,
                       described_at) VALUES (?,?,?,?,?,?,?,?,?)
                   ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,
                       country = excluded.country, sector = excluded.sector,
                       aliases = excluded.aliases, roles = excluded.roles,
                       names = excluded.names, described_at = excluded.described_at
                   WHERE excluded.described_at >= actors.described_at""",
          (tuple(r[c] for c in ACTOR_COLUMNS) for r in description.actors))
    _many(conn, """INSERT INTO mechanisms(id, name, kind, parties, aliases, described_at)
                   VALUES (?,?,?,?,?,?)
                   ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                       parties = excluded.parties, aliases = excluded.aliases,
                       described_at = excluded.described_at
                   WHERE excluded.described_at >= mechanisms.described_at""",
          (tuple(r[c] for c in MECHANISM_COLUMNS) for r in description.mechanisms))


ACTOR_COLUMNS = ("id", "name", "type", "country", "sector", "aliases", "roles", "names",
                 "described_at")
MECHANISM_COLUMNS = ("id", "name", "kind", "parties", "aliases", "described_at")


def add_title_words(conn: sqlite3.Connection, words: Iterable[str]) -> None:
    """Remember the words of titles (folded), for the unresolved-mentions ranking."""
    _many(conn, "INSERT OR IGNORE INTO title_words(word) VALUES (?)", ((w,) for w in words))


def upsert_rejected(conn: sqlite3.Connection, rejected: Rejected, seen_at: str) -> None:
    """Record a rejected input once per (source, line, reason, content); a re-run only
    moves ``last_seen`` and refreshes the detail."""
    o = rejected.origin
    conn.execute(
        """INSERT INTO rejected(source, format, line, url, reason, detail, content_hash,
               first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(source, IFNULL(line, -1), reason, IFNULL(content_hash, ''))
           DO UPDATE SET last_seen = excluded.last_seen, detail = excluded.detail""",
        (o.source, o.format, o.line, o.url, rejected.reason, rejected.detail,
         rejected.content_hash, seen_at, seen_at),
    )
