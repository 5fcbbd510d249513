"""Whose file is this? A porteparole store says so in its SQLite header.

A store carries ``PRAGMA application_id = APPLICATION_ID`` (bytes 68-71 of the header, the
field SQLite reserves for applications) and ``PRAGMA user_version`` = the number of
migrations it has run, its schema version. ``identify`` reads both *before* anything is
written, so that a mistyped ``--db`` pointing at someone else's SQLite file (or at a text
file) is refused with a message, and the file is left exactly as it was: no table added,
no journal mode switched.

Stores written before the header was stamped (application id 0) are recognised by their
``migrations`` table holding porteparole's first migration (or by that table alone and
empty, a creation killed before its first migration), and stamped on their next writable
open.
"""

from __future__ import annotations

import sqlite3
from enum import Enum

from porteparole.errors import StoreError

APPLICATION_ID = 0x50504152  # "PPAR" in ASCII: porteparole's mark in the SQLite header
FIRST_MIGRATION = "0001_documents"


class Identity(Enum):
    """What an SQLite file is, as far as porteparole is concerned."""

    EMPTY = "empty"  # no schema at all: a new store may be built in it
    STORE = "store"  # stamped with our application id
    UNSTAMPED_STORE = "unstamped"  # a porteparole store from before the stamp


def identify(conn: sqlite3.Connection, path: str) -> Identity:
    """The identity of the file behind ``conn``, or ``StoreError`` if it is not ours.

    Only reads: the header pragmas and ``sqlite_master``.
    """
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        names = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path} is not a porteparole store (not an SQLite database: {error}); "
            "pass --db a store file or a new path") from error
    if app_id == APPLICATION_ID:
        return Identity.STORE
    if app_id != 0:
        raise StoreError(
            f"{path} is an SQLite file of another application (application id "
            f"{app_id:#010x}), not a porteparole store; it was left untouched")
    if not names:
        return Identity.EMPTY
    if "migrations" in names and (_has_first_migration(conn) or _interrupted_creation(conn, names)):
        return Identity.UNSTAMPED_STORE
    shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
    raise StoreError(
        f"{path} is an SQLite database of something else (tables: {shown}), not a "
        "porteparole store; it was left untouched. Pass --db a store file or a new path")


def _interrupted_creation(conn: sqlite3.Connection, names: set[str]) -> bool:
    """A lone, empty ``migrations`` table: a store whose creation was killed before its first
    migration committed (porteparole before the header mark was written with that table)."""
    if names != {"migrations"}:
        return False
    try:
        return int(conn.execute("SELECT count(*) FROM migrations").fetchone()[0]) == 0
    except sqlite3.DatabaseError:
        return False


def _has_first_migration(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT 1 FROM migrations WHERE name = ?",
                           (FIRST_MIGRATION,)).fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None


def stamp(conn: sqlite3.Connection, schema_version: int) -> None:
    """Write the application id and the schema version into the header."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    conn.execute(f"PRAGMA user_version = {int(schema_version):d}")


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version the header records (the number of migrations run)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])
