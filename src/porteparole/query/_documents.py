"""One stored document by id or id prefix, and the inputs that were rejected."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from porteparole.described import referenced_actors
from porteparole.errors import REJECTION_REASONS, InputError
from porteparole.query._common import check_limit
from porteparole.query._paging import (
    Filters,
    KeyPart,
    Page,
    after_sql,
    check_choice,
    check_page_limit,
    decode_cursor,
    key_params,
    page_of,
    refuse_unsupported,
)
from porteparole.records import Analysis, Origin, Rejected
from porteparole.store import Store
from porteparole.store.reader import origin_of, rejected_of


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A stored document with all its records, every place it was read, and when;
    ``names`` gives the stored name of every actor its records name, by id."""

    analysis: Analysis
    origins: tuple[Origin, ...]
    ingested_at: str
    names: dict[str, str] = field(default_factory=dict)


def resolve_id(store: Store, ref: str) -> str:
    """The full id of the document whose id is ``ref`` or starts with it."""
    ref = ref.strip().lower()
    if not ref:
        raise InputError("give a document id or the first characters of one")
    rows = store.rows(
        "SELECT id FROM documents WHERE substr(id, 1, length(:ref)) = :ref ORDER BY id LIMIT 6",
        {"ref": ref},
    )
    if not rows:
        raise InputError(f"no document has an id starting with {ref!r}")
    if len(rows) > 1:
        shown = ", ".join(r["id"] for r in rows[:5])
        raise InputError(f"{ref!r} starts several document ids ({shown}…); give more of it")
    return str(rows[0]["id"])


def get_document(store: Store, ref: str) -> DocumentView:
    """One document by id or unique id prefix, or ``InputError`` saying what matched."""
    document_id = resolve_id(store, ref)
    analysis = store.analysis(document_id)
    if analysis is None:  # deleted between the two reads
        raise InputError(f"document {document_id} is no longer in the store")
    origins = store.rows(
        "SELECT * FROM document_origins WHERE document_id = ? ORDER BY first_seen, rowid",
        (document_id,),
    )
    ingested = store.rows("SELECT ingested_at FROM documents WHERE id = ?", (document_id,))
    return DocumentView(
        analysis=analysis,
        origins=tuple(origin_of(r) for r in origins),
        ingested_at=ingested[0]["ingested_at"],
        names=_names(store, analysis),
    )


def _names(store: Store, analysis: Analysis) -> dict[str, str]:
    ids = referenced_actors([analysis])
    rows = store.rows("SELECT id, name FROM actors WHERE id IN (SELECT value FROM "
                      "json_each(:ids)) ORDER BY id", {"ids": json.dumps(sorted(ids))})
    return {r[0]: r[1] for r in rows}


@dataclass(frozen=True, slots=True)
class RejectedEntry:
    """A rejected input as stored: the record, and when it was first and last met."""

    rejected: Rejected
    first_seen: str
    last_seen: str


_REJECTED_ORDER = (("last_seen", True), ("source", False), ("COALESCE(line, -1)", False),
                   ("pk", False))
_REJECTED_SQL = f"""
SELECT *, COALESCE(line, -1) AS line_key FROM rejected
 WHERE (:reason IS NULL OR reason = :reason) AND {after_sql(_REJECTED_ORDER)}
 ORDER BY last_seen DESC, source, COALESCE(line, -1), pk LIMIT :limit
"""


def rejected(store: Store, filters: Filters | None = None, *,
             limit: int | None = None) -> list[RejectedEntry]:
    """Rejected inputs, most recently met first, on one list (``rejected_page`` pages
    them; it reads the same field)."""
    return _rejected_rows(store, filters or Filters(), check_limit(limit), None)[0]


def rejected_page(store: Store, filters: Filters | None = None, *, limit: int = 100,
                  cursor: str | None = None) -> Page[RejectedEntry]:
    """One page of rejected inputs, most recently met first, after ``cursor``. Reads
    ``reason`` only (one of ``errors.REJECTION_REASONS``). An input met again moves to the
    front, so a walk through pages may miss it if it is met again meanwhile (it is then
    newer than the walk)."""
    key = None if cursor is None else decode_cursor(cursor, (str, str, int, int))
    entries, keys = _rejected_rows(store, filters or Filters(), check_page_limit(limit) + 1,
                                   key)
    return page_of(entries, keys, limit)


def _rejected_rows(store: Store, filters: Filters, limit: int, key: Sequence[KeyPart] | None
                   ) -> tuple[list[RejectedEntry], list[Sequence[KeyPart]]]:
    refuse_unsupported(filters, frozenset({"reason"}), "rejected inputs")
    check_choice("rejection reason", filters.reason, tuple(REJECTION_REASONS))
    params = {"reason": filters.reason, "limit": limit,
              **key_params(key, len(_REJECTED_ORDER))}
    rows = store.rows(_REJECTED_SQL, params)
    keys: list[Sequence[KeyPart]] = [(r["last_seen"], r["source"], r["line_key"], r["pk"])
                                     for r in rows]
    return [RejectedEntry(rejected_of(r), r["first_seen"], r["last_seen"]) for r in rows], keys


def sources_outside(store: Store, prefix: str) -> int:
    """How many documents were read (at least once) from a source not under ``prefix``."""
    rows = store.rows(
        "SELECT count(DISTINCT document_id) FROM document_origins "
        "WHERE substr(source, 1, length(:prefix)) != :prefix", {"prefix": prefix})
    return int(rows[0][0])
