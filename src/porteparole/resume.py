"""Cheap resume: a source already read, unchanged since, is skipped without being read.

Re-reading and re-hashing a corpus before reaching new work costs about a minute per
1,500 pages, so an ingest killed repeatedly would make no progress. A source's
fingerprint is its resolved path, size and modification time (nanoseconds); once every
document of a source is committed (or rejected), the fingerprint is recorded in the
store's ``sources_read`` table, and a later ingest skips a source whose fingerprint is
there. ``--verify`` ignores the fingerprints: every source is read and every document
checked by its content hash, as before.

A file edited in place keeps its path but changes size or modification time, so it is
read again (and its documents, if their text changed, are new ones). Standard input has
no fingerprint and is always read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from porteparole.read.sources import STDIN


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies a file's state without reading it."""

    source: str  # the resolved absolute path
    size: int
    mtime_ns: int


def fingerprint(source: Path | str) -> Fingerprint | None:
    """The fingerprint of a file, or None for standard input or a file that cannot be
    examined (it is then read, and its failure reported, as usual)."""
    if str(source) == STDIN:
        return None
    try:
        path = Path(source).resolve()
        status = os.stat(path)
    except OSError:
        return None
    return Fingerprint(str(path), status.st_size, status.st_mtime_ns)
