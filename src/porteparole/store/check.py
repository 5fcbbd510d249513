"""``porteparole check``: is the store whole? And ``--repair``: rebuild what can be rebuilt.

Checks, each a named finding with a count of problems:

- ``integrity``      SQLite's own ``PRAGMA integrity_check`` (pages, indexes)
- ``foreign_keys``   ``PRAGMA foreign_key_check``: no record points to a missing document
- ``spans``          every span record lies inside its document's text
- ``stamps``         the header's application id and schema version, every migration run,
                     every document's ``schema_version`` and ``ingested_at``
- ``search_index``   the FTS5 indexes agree with what they index: one documents-index row
                     per document (and, when the store is open for writing, FTS5's own
                     ``integrity-check``), one turn-index row per turn with its text,
                     one CJK-index row per CJK-language document

Only the search indexes are derived data, so only they are repaired: rebuilt from the
documents and turns, and the repair says how many rows it changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from porteparole.store import identity, schema
from porteparole.store.cjk import CJK_LANGUAGES, spaced

SPAN_TABLES = ("turns", "paragraphs", "mentions", "quotes", "events", "topics",
               "mechanism_updates")
_CJK_IN = ", ".join(f"'{code}'" for code in CJK_LANGUAGES)


@dataclass(frozen=True, slots=True)
class Finding:
    """One check: its name, how many problems it found, and examples of them."""

    check: str
    problems: int
    examples: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problems == 0


def check(conn: sqlite3.Connection) -> list[Finding]:
    """Every check, in the order of the module docstring."""
    return [_integrity(conn), _foreign_keys(conn), _spans(conn), _stamps(conn),
            _search_index(conn)]


def _integrity(conn: sqlite3.Connection) -> Finding:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    bad = [r for r in rows if r != "ok"]
    return Finding("integrity", len(bad), tuple(bad[:5]))


def _foreign_keys(conn: sqlite3.Connection) -> Finding:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    examples = tuple(f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in rows[:5])
    return Finding("foreign_keys", len(rows), examples)


def _spans(conn: sqlite3.Connection) -> Finding:
    problems = 0
    examples: list[str] = []
    for table in SPAN_TABLES:
        rows = conn.execute(
            f'SELECT s.document_id, s.start, s."end", length(d.text) FROM "{table}" s '
            "JOIN documents d ON d.id = s.document_id "
            'WHERE s.start < 0 OR s.start > s."end" OR s."end" > length(d.text)').fetchall()
        problems += len(rows)
        examples += [f"{table} {r[1]}:{r[2]} outside document {r[0]} (length {r[3]})"
                     for r in rows[:3]]
    return Finding("spans", problems, tuple(examples[:5]))


def _stamps(conn: sqlite3.Connection) -> Finding:
    examples: list[str] = []
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id != identity.APPLICATION_ID:
        examples.append(f"application id {app_id:#010x}, not {identity.APPLICATION_ID:#010x}")
    version = identity.schema_version(conn)
    if version != schema.SCHEMA_VERSION:
        examples.append(f"schema version {version}, not {schema.SCHEMA_VERSION}")
    examples += [f"migration {name} not run" for name in schema.pending(conn)]
    unstamped = conn.execute(
        "SELECT count(*) FROM documents WHERE schema_version IS NULL OR schema_version < 1 "
        "OR ingested_at IS NULL OR ingested_at = ''").fetchone()[0]
    if unstamped:
        examples.append(f"{unstamped} documents without schema version or ingest time")
    return Finding("stamps", len(examples), tuple(examples[:5]))


def _search_index(conn: sqlite3.Connection) -> Finding:
    examples: list[str] = []
    problems = 0
    # FTS5's own token-level check is written as an INSERT: only on a writable connection.
    # The row-level checks below run everywhere.
    if not conn.execute("PRAGMA query_only").fetchone()[0]:
        try:
            conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems += 1
            examples.append(f"documents index: {error}")
    for label, sql in _INDEX_QUERIES:
        count = int(conn.execute(sql).fetchone()[0])
        if count:
            problems += count
            examples.append(f"{count} {label}")
    return Finding("search_index", problems, tuple(examples))


_INDEX_QUERIES = (
    ("documents missing from the documents index",
     "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts_docsize s "
     "WHERE s.id = d.pk)"),
    ("documents-index rows with no document",
     "SELECT count(*) FROM documents_fts_docsize s WHERE NOT EXISTS (SELECT 1 FROM documents d "
     "WHERE d.pk = s.id)"),
    ("turns missing from the turn index",
     "SELECT count(*) FROM turns t WHERE NOT EXISTS (SELECT 1 FROM turns_fts f "
     "WHERE f.rowid = t.pk)"),
    ("turn-index rows with no turn",
     "SELECT count(*) FROM turns_fts f WHERE NOT EXISTS (SELECT 1 FROM turns t "
     "WHERE t.pk = f.rowid)"),
    ("turn-index rows whose text differs from the turn's",
     "SELECT count(*) FROM turns_fts f JOIN turns t ON t.pk = f.rowid JOIN documents d "
     'ON d.id = t.document_id WHERE f.text != substr(d.text, t.start + 1, t."end" - t.start)'),
    ("CJK documents missing from the CJK index",
     f"SELECT count(*) FROM documents d WHERE d.language IN ({_CJK_IN}) AND NOT EXISTS "
     "(SELECT 1 FROM cjk_fts f WHERE f.rowid = d.pk)"),
    ("CJK-index rows with no CJK document",
     f"SELECT count(*) FROM cjk_fts f WHERE NOT EXISTS (SELECT 1 FROM documents d "
     f"WHERE d.pk = f.rowid AND d.language IN ({_CJK_IN}))"),
)


def repair(conn: sqlite3.Connection) -> list[str]:
    """Rebuild the search indexes from the documents and turns, in one transaction; say
    what changed (rows removed and added per index)."""
    changes: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        changes.append(f"documents index rebuilt from {documents} documents")
        before = conn.execute("SELECT count(*) FROM turns_fts").fetchone()[0]
        conn.execute("DELETE FROM turns_fts")
        conn.execute(
            "INSERT INTO turns_fts(rowid, text) SELECT t.pk, substr(d.text, t.start + 1, "
            't."end" - t.start) FROM turns t JOIN documents d ON d.id = t.document_id')
        after = conn.execute("SELECT count(*) FROM turns_fts").fetchone()[0]
        changes.append(f"turn index rebuilt: {before} rows removed, {after} written")
        before = conn.execute("SELECT count(*) FROM cjk_fts").fetchone()[0]
        conn.execute("DELETE FROM cjk_fts")
        rows = conn.execute(
            f"SELECT pk, title, text FROM documents WHERE language IN ({_CJK_IN})").fetchall()
        conn.executemany("INSERT INTO cjk_fts(rowid, title, text) VALUES (?, ?, ?)",
                         ((r[0], spaced(r[1] or ""), spaced(r[2])) for r in rows))
        changes.append(f"CJK index rebuilt: {before} rows removed, {len(rows)} written")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return changes
