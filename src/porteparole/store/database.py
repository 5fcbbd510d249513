"""``Store``: the one object that owns the SQLite file and every write to it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from porteparole.described import Description, describe, title_words
from porteparole.errors import StoreError
from porteparole.records import Analysis, Document, Origin, Rejected
from porteparole.resume import Fingerprint
from porteparole.store import check as check_module
from porteparole.store import identity, reader, schema, writer
from porteparole.store.connection import open_connection

if TYPE_CHECKING:
    from porteparole.kb import KnowledgeBase
    from porteparole.mechanisms.catalog import Catalog


class Store:
    """A porteparole database: one SQLite file in WAL mode, migrated on open.

    ``readonly=True`` opens an existing store for reading only: nothing is migrated or
    written (it works on a file the user cannot write), and a store whose schema is older
    than this porteparole is refused with the way to upgrade it. A file that is not a
    porteparole store is refused either way, untouched (``identity``).

    Use it as a context manager. Writes go through ``write_batch``, ``add_rejected`` and
    ``add_origin``, each one transaction; questions are asked through
    ``porteparole.query``, which is the only caller of ``rows``. One ``Store`` is one
    writer: share it across threads only behind a lock of your own.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._titles_written = False  # title words are refreshed once per open (write_batch)
        self._conn: sqlite3.Connection | None = open_connection(self.path, readonly=readonly)
        try:
            if readonly:
                self._check_current()
            else:
                schema.migrate(self._conn)
        except sqlite3.DatabaseError as error:
            self.close()
            raise StoreError(f"cannot migrate {self.path}: {error}") from error
        except StoreError:
            self.close()
            raise

    def _check_current(self) -> None:
        missing = schema.pending(self._connection)
        if not identity.schema_version(self._connection) and len(missing) == len(
                schema.MIGRATIONS):
            raise StoreError(f"{self.path} is an empty file, not a porteparole store")
        if missing:
            raise StoreError(
                f"the store {self.path} predates this porteparole (it lacks "
                f"{', '.join(missing)}); open it once for writing to upgrade it, e.g. "
                f"`porteparole check --db {self.path} --repair`")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only")
        conn = self._connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------

    def write_batch(self, analyses: Sequence[Analysis], *,
                    replace: Collection[str] = (), described: Description | None = None,
                    kb: KnowledgeBase | None = None, catalog: Catalog | None = None) -> int:
        """Store analyses in one transaction; return how many documents were new.

        All of the batch is written or none of it; a document already stored is skipped
        (its origin is remembered), so writing the same batch twice adds nothing. A document
        whose id is in ``replace`` is a new reading of a stored one (``ingest
        --reanalyze``): its old records are replaced in the same transaction. With the
        records goes the description of the actors and mechanisms they name
        (``porteparole.described``): ``described`` when the caller has it (``load`` reads
        it from Parquet), else made now from ``kb`` and ``catalog`` (default: the
        package's knowledge, which the analysis used).
        """
        seen_at = schema.now()
        if described is None:
            described = describe(analyses, seen_at, kb=kb, catalog=catalog)
        try:
            with self._transaction() as conn:
                new = sum(
                    not writer.replace_analysis(conn, a, seen_at) if a.document.id in replace
                    else writer.write_analysis(conn, a, seen_at)
                    for a in analyses)
                writer.upsert_described(conn, described)
                if not self._titles_written:
                    writer.add_title_words(conn, title_words())
            self._titles_written = True
            return new
        except sqlite3.IntegrityError as error:
            raise StoreError(f"a record of the batch breaks the schema: {error}") from error

    def add_rejected(self, rejected: Rejected) -> None:
        """Keep a rejected input aside with its reason; a re-run does not duplicate it."""
        with self._transaction() as conn:
            writer.upsert_rejected(conn, rejected, schema.now())

    def add_origin(self, document_id: str, origin: Origin) -> None:
        """Note another place a stored document was read from (same text, other file)."""
        with self._transaction() as conn:
            writer.add_origin(conn, document_id, origin, schema.now())

    def record_source(self, fingerprint: Fingerprint) -> None:
        """Remember that a source was read completely in this state (``resume``)."""
        with self._transaction() as conn:
            conn.execute(
                """INSERT INTO sources_read(source, size, mtime_ns, read_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT(source) DO UPDATE SET size = excluded.size,
                       mtime_ns = excluded.mtime_ns, read_at = excluded.read_at""",
                (fingerprint.source, fingerprint.size, fingerprint.mtime_ns, schema.now()),
            )

    def set_meta(self, key: str, value: str) -> None:
        """Record a fact about the store itself (``store_meta``), e.g. who created it."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO store_meta(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- reads ----------------------------------------------------------------------------

    def source_read(self, fingerprint: Fingerprint) -> bool:
        """True when the source was read completely in exactly this state."""
        row = self._connection.execute(
            "SELECT 1 FROM sources_read WHERE source = ? AND size = ? AND mtime_ns = ?",
            (fingerprint.source, fingerprint.size, fingerprint.mtime_ns),
        ).fetchone()
        return row is not None

    def meta(self, key: str) -> str | None:
        """A fact recorded with ``set_meta``, or None."""
        row = self._connection.execute(
            "SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def has_document(self, document_id: str) -> bool:
        row = self._connection.execute(
            "SELECT 1 FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return row is not None

    def analyzer_stamp(self, document_id: str) -> str | None:
        """The stamp of the analyzer that read a stored document (None: none recorded)."""
        row = self._connection.execute(
            "SELECT analyzer FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if row is None else row[0]

    def stale_documents(self, stamp: str) -> list[str]:
        """Ids of the stored documents read by another analyzer than ``stamp`` (or by one
        that left no stamp), in storage order."""
        rows = self._connection.execute(
            "SELECT id FROM documents WHERE analyzer IS NULL OR analyzer != ? ORDER BY pk",
            (stamp,)).fetchall()
        return [str(r[0]) for r in rows]

    def document(self, document_id: str) -> Document | None:
        """A stored document without its records; None if absent."""
        return reader.load_document(self._connection, document_id)

    def analysis(self, document_id: str) -> Analysis | None:
        """A stored document with all its records, exactly as written; None if absent."""
        return reader.load_analysis(self._connection, document_id)

    def check(self) -> list[check_module.Finding]:
        """Integrity, foreign keys, spans, stamps, search indexes (``store.check``)."""
        return check_module.check(self._connection)

    def repair_indexes(self) -> list[str]:
        """Rebuild the search indexes; what changed, one sentence per index."""
        if self.readonly:
            raise StoreError(f"the store {self.path} is open read-only")
        return check_module.repair(self._connection)

    def migrations(self) -> list[str]:
        """Names of the migrations applied to this store, in order."""
        return schema.applied(self._connection)

    def table_columns(self, table: str) -> list[reader.Column]:
        """The columns of one of the store's tables (for exports that mirror the schema)."""
        return reader.table_columns(self._connection, table)

    def table_batches(self, table: str, columns: Sequence[str], *, size: int = 5000
                      ) -> Iterator[list[sqlite3.Row]]:
        """Rows of a whole table, ``size`` at a time, in storage order (for exports)."""
        return reader.table_batches(self._connection, table, columns, size)

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run a read for ``porteparole.query``, the module that holds every question.

        Other callers ask ``porteparole.query`` rather than writing SQL of their own.
        """
        return self._connection.execute(sql, params).fetchall()


def remove_store(path: str | Path, *, created_by: str | None = None,
                 legacy: Callable[[Store], bool] | None = None) -> None:
    """Delete a store file and its WAL companions, refusing anything that is not a store.

    ``porteparole demo`` recreates its database on every run; this keeps a mistyped
    ``--db`` from deleting a file that is not a porteparole store, and, with
    ``created_by``, a store that was not made by that command (``Store.meta``; ``legacy``
    recognises such a store written before the mark existed).
    """
    target = Path(path)
    if target.exists():
        if not target.is_file():
            raise StoreError(f"{target} is not a file; not deleting it")
        with Store(target) as store:  # refuses a foreign file, upgrades an old store
            maker = store.meta("created_by")
            if maker is None and legacy is not None and legacy(store):
                maker = created_by
        if created_by is not None and maker != created_by:
            raise StoreError(
                f"{target} is a porteparole store that `porteparole {created_by}` did not "
                "create; not overwriting it (pass another --db, or delete it yourself)")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
