"""Opening the SQLite file: identity first, then WAL, foreign keys and the query helpers.

The file's identity (``identity.identify``) is read before any pragma that writes, so that
a file which is not a porteparole store is refused untouched. A writable store runs in WAL
mode: readers (a web UI, a second ``porteparole search``) read while one ingest writes;
``synchronous=NORMAL`` is durable across a process kill (the case ingest must survive) and
only risks the last transaction on power loss, which re-ingesting restores.

A read-only connection (``readonly=True``) opens the file with SQLite's ``mode=ro`` and
``query_only``: it works on a file the user may not write, and can never change it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from porteparole.errors import StoreError
from porteparole.store.identity import identify
from porteparole.text.folds import fold_key, fold_search

BUSY_TIMEOUT_MS = 10_000


def name_key(value: str | None) -> str | None:
    """The key names are matched by (``text.folds.fold_key``: case, accents and punctuation
    ignored), registered as the SQL function ``pp_name_key`` so that a name a user types
    is resolved against the names the store keeps with the knowledge's own folding."""
    if value is None:
        return None
    return fold_key(value)


def open_connection(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection configured for porteparole, or ``StoreError`` saying why it cannot be."""
    target = str(path)
    memory = target == ":memory:"
    if not memory and Path(target).is_dir():
        raise StoreError(f"{target} is a directory, not a database file; pass a file path")
    if readonly and not memory and not Path(target).is_file():
        raise StoreError(f"no store at {target}")
    try:
        conn = _connect(target, readonly and not memory)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot open {target} as a porteparole store: {error}") from error
    try:
        identify(conn, target)  # refuses a foreign file before anything is written
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        else:
            conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.create_function("pp_fold", 1, fold_search, deterministic=True)
        conn.create_function("pp_name_key", 1, name_key, deterministic=True)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"cannot open {target} as a porteparole store: {error}") from error
    except StoreError:
        conn.close()
        raise
    return conn


def _connect(target: str, readonly: bool) -> sqlite3.Connection:
    if readonly:
        uri = Path(target).resolve().as_uri() + "?mode=ro"
        if not os.access(target, os.W_OK) and not Path(f"{target}-wal").exists():
            # Nobody can be writing a file no one may write: read it as it is, without
            # the shared-memory file a WAL reader would otherwise need to create.
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    return conn
