"""The SQLite store: schema and named migrations, writer, reader.

``Store`` is the public class; questions are asked through ``porteparole.query``.

- ``connection``  opening the file (WAL, foreign keys, the ``pp_fold`` SQL function)
- ``schema``      tables and FTS5 indexes, built by migrations recorded in ``migrations``
- ``writer``      records to rows, inside the Store's transactions
- ``reader``      rows back to records
"""

from __future__ import annotations

from porteparole.store.database import Store, remove_store

__all__ = ["Store", "remove_store"]
