"""Opening the SQLite file: WAL, foreign keys, and the helper functions queries use.

WAL lets readers (a web UI, a second ``porteparole search``) read while one ingest writes;
``synchronous=NORMAL`` is durable across a process kill (the case ingest must survive) and
only risks the last transaction on power loss, which re-ingesting restores.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

from porteparole.errors import StoreError

BUSY_TIMEOUT_MS = 10_000


def fold(value: str | None) -> str | None:
    """Case- and accent-insensitive form of a name, as the FTS tokenizer folds words.

    Registered as the SQL function ``pp_fold`` so that filters on speakers and outlets
    (``--spokesperson "mao ning"``) match "Mao Ning" and "Máo Níng" alike.
    """
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def open_connection(path: str | Path) -> sqlite3.Connection:
    """A connection configured for porteparole, or ``StoreError`` saying why it cannot be."""
    target = str(path)
    if target != ":memory:" and Path(target).is_dir():
        raise StoreError(f"{target} is a directory, not a database file; pass a file path")
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.create_function("pp_fold", 1, fold, deterministic=True)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot open {target} as a porteparole store: {error}") from error
    return conn
