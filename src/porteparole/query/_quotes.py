"""Stored quotes with their words and dates, most recent first."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from porteparole.errors import InputError
from porteparole.query._actors import resolve_actor
from porteparole.query._common import IN_JSON, check_limit, json_ids
from porteparole.query._paging import (
    Filters,
    KeyPart,
    Page,
    after_sql,
    check_page_limit,
    decode_cursor,
    key_params,
    page_of,
    refuse_unsupported,
)
from porteparole.records import Quote
from porteparole.store import Store
from porteparole.store.reader import quote_of


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A stored quote with what a reader needs beside it: its words, its document's date,
    its speaker's stored name (the id when the store has no description of it)."""

    quote: Quote
    text: str
    date: str | None  # the document's date
    title: str | None
    speaker_name: str | None = None


_ORDER = (("(d.date IS NULL)", False), ("COALESCE(d.date, '')", True),
          ("q.document_id", False), ("q.start", False), ("q.pk", False))
_KEY_TYPES = (int, str, str, int, int)
SUPPORTED = frozenset({"kind", "since", "until", "speaker", "about", "language"})

_QUOTES_SQL = f"""
SELECT q.*, q.pk AS row_pk, d.date AS document_date, d.title AS document_title,
       substr(d.text, q.start + 1, q."end" - q.start) AS span_text,
       COALESCE(a.name, q.speaker_actor) AS speaker_name
  FROM quotes q JOIN documents d ON d.id = q.document_id
  LEFT JOIN actors a ON a.id = q.speaker_actor
 WHERE (:kind IS NULL OR q.kind = :kind) AND (:language IS NULL OR d.language = :language)
   AND (:since IS NULL OR d.date >= :since) AND (:until IS NULL OR d.date <= :until)
   AND (:speakers IS NULL OR q.speaker_actor {IN_JSON.format("speakers")})
   AND (:about IS NULL OR EXISTS (
        SELECT 1 FROM mentions m WHERE m.document_id = q.document_id
           AND m.start >= q.start AND m."end" <= q."end" AND m.actor_id {IN_JSON.format("about")}))
 AND {after_sql(_ORDER)}
 ORDER BY {", ".join(f"{e} DESC" if desc else e for e, desc in _ORDER)}
 LIMIT :limit
"""


def quotes(store: Store, filters: Filters | None = None, *,
           limit: int | None = 50) -> list[QuoteView]:
    """Quotes, most recent first, on one list (``quote_page`` pages them; it reads the same
    fields)."""
    return _quote_rows(store, filters or Filters(), check_limit(limit), None)[0]


def quote_page(store: Store, filters: Filters | None = None, *, limit: int = 50,
               cursor: str | None = None) -> Page[QuoteView]:
    """One page of quotes, most recent first, after ``cursor`` (a ``next_cursor``).
    Reads ``kind``, ``since``, ``until``, ``speaker``, ``about`` and ``language``; names
    resolve as in ``resolve_actor``; ``about`` a state finds quotes naming the state
    itself (``Pékin``, ``la Chine``), not its ministries."""
    key = None if cursor is None else decode_cursor(cursor, _KEY_TYPES)
    views, keys = _quote_rows(store, filters or Filters(), check_page_limit(limit) + 1, key)
    return page_of(views, keys, limit)


def _quote_rows(store: Store, filters: Filters, limit: int, key: Sequence[KeyPart] | None
                ) -> tuple[list[QuoteView], list[Sequence[KeyPart]]]:
    refuse_unsupported(filters, SUPPORTED, "quotes")
    if filters.kind is not None and filters.kind not in ("direct", "reported"):
        raise InputError(f"unknown quote kind {filters.kind!r}; choose direct or reported")

    def actor_ids(ref: str | None) -> str | None:
        return json_ids([resolve_actor(ref, store=store)] if ref else None)

    params: dict[str, object] = {
        "kind": filters.kind, "since": filters.since, "until": filters.until,
        "language": filters.language, "limit": limit,
        "speakers": actor_ids(filters.speaker), "about": actor_ids(filters.about),
        **key_params(key, len(_ORDER)),
    }
    rows = store.rows(_QUOTES_SQL, params)
    keys: list[Sequence[KeyPart]] = [
        (int(r["document_date"] is None), r["document_date"] or "", r["document_id"],
         r["start"], r["row_pk"]) for r in rows]
    return [_quote_view(r) for r in rows], keys


def _quote_view(r: sqlite3.Row) -> QuoteView:
    return QuoteView(quote_of(r), r["span_text"], r["document_date"], r["document_title"],
                     r["speaker_name"])
