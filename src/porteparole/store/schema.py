"""The store's schema, built by named migrations recorded in the ``migrations`` table.

Each migration is a plain function of a connection, applied once, in order, inside its own
transaction, and recorded by name: opening a store runs the ones it has not seen, so
opening twice is a no-op and an old file is brought up to date. A migration is never edited
once released; a change is a new migration appended to ``MIGRATIONS`` (and, when a record
field changes, a bump of ``records.SCHEMA_VERSION``).

Column names are the record field names (``index``, ``start``, ``end`` quoted where SQL
needs it), so the store speaks the same vocabulary as the code and the exports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from porteparole.errors import StoreError
from porteparole.store import identity

FTS_TOKENIZE = "unicode61 remove_diacritics 2"

_DOCUMENTS = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,  -- stable rowid for the FTS index (VACUUM keeps it)
    id TEXT NOT NULL UNIQUE,  -- records.document_id_for(text)
    source TEXT NOT NULL, format TEXT NOT NULL, line INTEGER, url TEXT,
    language TEXT NOT NULL, kind TEXT NOT NULL,
    title TEXT, date TEXT, time TEXT, place TEXT, ministry TEXT, spokesperson TEXT,
    flags TEXT NOT NULL DEFAULT '[]', removed TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    schema_version INTEGER NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_language_kind ON documents(language, kind);
"""

# Every place a document was seen: the first origin is also on the document row; the
# same text met again in another file or line adds a row here instead of a new document.
_ORIGINS = """
CREATE TABLE document_origins (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL, format TEXT NOT NULL, line INTEGER, url TEXT,
    first_seen TEXT NOT NULL
);
CREATE UNIQUE INDEX document_origins_key
    ON document_origins(document_id, source, IFNULL(line, -1));
"""

_SPANS = """
CREATE TABLE turns (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "index" INTEGER NOT NULL, role TEXT NOT NULL, speaker TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT, speaker_actor TEXT,
    UNIQUE (document_id, "index"), CHECK (0 <= start AND start <= "end")
);
CREATE TABLE paragraphs (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "index" INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    UNIQUE (document_id, "index"), CHECK (0 <= start AND start <= "end")
);
CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, surface TEXT NOT NULL,
    entity_type TEXT NOT NULL, actor_id TEXT, confidence REAL NOT NULL, method TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, speaker_actor TEXT, speaker_text TEXT,
    kind TEXT NOT NULL, cue TEXT, turn_index INTEGER,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    source_actor TEXT, type TEXT NOT NULL, target_actor TEXT, mode TEXT, cameo_root TEXT,
    goldstein REAL, negated INTEGER NOT NULL, modality TEXT, date TEXT,
    confidence REAL NOT NULL, speaker_actor TEXT,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_dyad ON events(source_actor, target_actor);
CREATE TABLE topics (
    pk INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL, score REAL NOT NULL,
    unit TEXT NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX topics_document ON topics(document_id);
CREATE TABLE mechanism_updates (
    pk INTEGER PRIMARY KEY,
    mechanism_id TEXT NOT NULL, status TEXT NOT NULL, date TEXT,
    parties TEXT NOT NULL DEFAULT '[]',
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX mechanism_updates_document ON mechanism_updates(document_id);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, sector TEXT,
    aliases TEXT NOT NULL DEFAULT '{}', roles TEXT NOT NULL DEFAULT '[]'
);
"""

# NULLs are distinct in a UNIQUE constraint, so the key folds them to sentinels: a file
# rejected twice (no line, no bytes read) is one row whose last_seen moves.
_REJECTED = """
CREATE TABLE rejected (
    pk INTEGER PRIMARY KEY,
    source TEXT NOT NULL, format TEXT NOT NULL, line INTEGER, url TEXT,
    reason TEXT NOT NULL, detail TEXT NOT NULL, content_hash TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE UNIQUE INDEX rejected_key
    ON rejected(source, IFNULL(line, -1), reason, IFNULL(content_hash, ''));
"""

# documents_fts reads its text from the documents table (external content, kept in step
# by triggers). Turn text lives only as a span of its document, so turns_fts keeps its own
# copy: an index, not a second source of truth.
_FTS = f"""
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='pk', tokenize='{FTS_TOKENIZE}'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE VIRTUAL TABLE turns_fts USING fts5(text, tokenize='{FTS_TOKENIZE}');
CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
    DELETE FROM turns_fts WHERE rowid = old.pk;
END;
"""


# Sources read completely, by fingerprint: a re-run skips them unread (``resume``).
_SOURCES_READ = """
CREATE TABLE sources_read (
    source TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    read_at TEXT NOT NULL
);
"""


# Key-value facts about the store itself: who created it (``porteparole demo`` marks its own
# store, so that it only ever recreates a file it made).
_META = """
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Chinese, Japanese and Korean are written without spaces between words, so unicode61 reads
# a whole clause as one token and no word inside it can be found. Documents in those
# languages are indexed here instead, with every CJK character a token of its own
# (``cjk.spaced``; written by ``writer``), and a query word becomes a phrase of characters.
_CJK = f"""
CREATE VIRTUAL TABLE cjk_fts USING fts5(title, text, tokenize='{FTS_TOKENIZE}');
CREATE TRIGGER cjk_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM cjk_fts WHERE rowid = old.pk;
END;
"""


# What the records' ids stand for, as the knowledge described them when the records were
# written (``porteparole.described``). The ``actors`` table of 0003 was never written, so it
# is made again whole: every name a user may type (``names``) and the time of the
# description join its columns. Mechanisms get their own table; the words of titles tell a
# bare title from a name among unresolved mentions. A store written before this migration
# is described from the knowledge of the porteparole that migrates it (``_described``).
_DESCRIBED = """
DROP TABLE actors;
CREATE TABLE actors (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
    sector TEXT, aliases TEXT NOT NULL DEFAULT '{}', roles TEXT NOT NULL DEFAULT '[]',
    names TEXT NOT NULL DEFAULT '[]', described_at TEXT NOT NULL
);
CREATE INDEX actors_country ON actors(country);
CREATE TABLE mechanisms (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    parties TEXT NOT NULL DEFAULT '[]', aliases TEXT NOT NULL DEFAULT '{}',
    described_at TEXT NOT NULL
);
CREATE TABLE title_words (word TEXT NOT NULL PRIMARY KEY);
"""


def _described(conn: sqlite3.Connection) -> None:
    from porteparole import described
    from porteparole.store import writer

    _script(_DESCRIBED)(conn)
    writer.add_title_words(conn, described.title_words())
    actor_ids = [r[0] for r in conn.execute(REFERENCED_ACTORS_SQL)]
    for (parties,) in conn.execute("SELECT parties FROM mechanism_updates"):
        actor_ids += json.loads(parties or "[]")
    mechanism_ids = [r[0] for r in conn.execute(
        "SELECT DISTINCT mechanism_id FROM mechanism_updates")]
    writer.upsert_described(conn, described.describe_ids(actor_ids, mechanism_ids, now()))


# Every actor id a stored record names, but mechanism parties (JSON arrays).
REFERENCED_ACTORS_SQL = """
SELECT actor_id FROM mentions WHERE actor_id IS NOT NULL
UNION SELECT speaker_actor FROM quotes WHERE speaker_actor IS NOT NULL
UNION SELECT speaker_actor FROM turns WHERE speaker_actor IS NOT NULL
UNION SELECT source_actor FROM events WHERE source_actor IS NOT NULL
UNION SELECT target_actor FROM events WHERE target_actor IS NOT NULL
UNION SELECT speaker_actor FROM events WHERE speaker_actor IS NOT NULL
"""


# What read each document (``analyzer.Stamp``: package version, knowledge digest, models):
# ``ingest --reanalyze`` re-reads the documents whose stamp is not the current one. NULL on
# a document stored before stamps existed, which therefore counts as stale.
_ANALYZER_STAMP = """
ALTER TABLE documents ADD COLUMN analyzer TEXT;
CREATE INDEX documents_analyzer ON documents(analyzer);
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def migrate(conn: sqlite3.Connection) -> None:
        for statement in _statements(sql):
            conn.execute(statement)

    return migrate


def _statements(sql: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit our transaction)."""
    statements: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]


MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("0001_documents", _script(_DOCUMENTS)),
    ("0002_document_origins", _script(_ORIGINS)),
    ("0003_span_records_and_actors", _script(_SPANS)),
    ("0004_rejected", _script(_REJECTED)),
    ("0005_full_text_search", _script(_FTS)),
    ("0006_store_meta", _script(_META)),
    ("0007_cjk_search", _script(_CJK)),
    ("0008_sources_read", _script(_SOURCES_READ)),
    ("0009_described_actors_and_mechanisms", _described),
    ("0010_analyzer_stamp", _script(_ANALYZER_STAMP)),
)
SCHEMA_VERSION = len(MIGRATIONS)  # written to the header's user_version (identity.stamp)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this store has run, in the order they ran."""
    rows = conn.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()
    return [row[0] for row in rows]


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this store has not run (a read-only open cannot run them)."""
    try:
        done = set(applied(conn))
    except sqlite3.OperationalError:
        done = set()
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this store lacks; return the names applied now (often none).

    Then stamp the header (``identity.stamp``): porteparole's application id and the
    schema version, so that the file says what it is.
    """
    _begin_store(conn)
    done = set(applied(conn))
    unknown = done - {name for name, _ in MIGRATIONS}
    if unknown:
        raise StoreError(
            f"this store was written by a newer porteparole (unknown migrations: "
            f"{', '.join(sorted(unknown))}); upgrade porteparole to open it"
        )
    ran: list[str] = []
    for name, step in MIGRATIONS:
        if name not in done and _apply(conn, name, step):
            ran.append(name)
    if ran or identity.schema_version(conn) != SCHEMA_VERSION or not _stamped(conn):
        identity.stamp(conn, SCHEMA_VERSION)
    return ran


def _begin_store(conn: sqlite3.Connection) -> None:
    """Create the ``migrations`` table and mark the header as ours in one transaction.

    A process killed between the two would otherwise leave a file holding a table but no
    mark, which the next open could not tell from someone else's database.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                     "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        if not _stamped(conn):
            conn.execute(f"PRAGMA application_id = {identity.APPLICATION_ID:d}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _stamped(conn: sqlite3.Connection) -> bool:
    return int(conn.execute("PRAGMA application_id").fetchone()[0]) == identity.APPLICATION_ID


def _apply(conn: sqlite3.Connection, name: str, step: Callable[[sqlite3.Connection], None]) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have run it while we waited for the write lock.
        fresh = not conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone()
        if fresh:
            step(conn)
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now()))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return fresh


def now() -> str:
    """A UTC timestamp in ISO 8601, to the second: the store's clock for audit columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")
