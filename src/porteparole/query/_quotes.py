"""Stored quotes with their words and dates, most recent first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from porteparole.errors import InputError
from porteparole.query._actors import resolve_actor
from porteparole.query._common import IN_JSON, check_date, check_limit, json_ids
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


_QUOTES_SQL = f"""
SELECT q.*, d.date AS document_date, d.title AS document_title,
       substr(d.text, q.start + 1, q."end" - q.start) AS span_text,
       COALESCE(a.name, q.speaker_actor) AS speaker_name
  FROM quotes q JOIN documents d ON d.id = q.document_id
  LEFT JOIN actors a ON a.id = q.speaker_actor
 WHERE (:kind IS NULL OR q.kind = :kind)
   AND (:since IS NULL OR d.date >= :since) AND (:until IS NULL OR d.date <= :until)
   AND (:speakers IS NULL OR q.speaker_actor {IN_JSON.format("speakers")})
   AND (:about IS NULL OR EXISTS (
        SELECT 1 FROM mentions m WHERE m.document_id = q.document_id
           AND m.start >= q.start AND m."end" <= q."end" AND m.actor_id {IN_JSON.format("about")}))
 ORDER BY d.date IS NULL, d.date DESC, q.document_id, q.start
 LIMIT :limit
"""


def quotes(store: Store, *, speaker: str | None = None, about: str | None = None,
           kind: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = 50) -> list[QuoteView]:
    """Quotes, most recent first: by a speaker, mentioning an actor inside the quoted words,
    of one kind, between two document dates (inclusive). Names resolve as in
    ``resolve_actor``; ``about`` a state finds quotes naming the state itself
    (``Pékin``, ``la Chine``), not its ministries."""
    if kind is not None and kind not in ("direct", "reported"):
        raise InputError(f"unknown quote kind {kind!r}; choose direct or reported")
    check_date("since", since)
    check_date("until", until)
    def actor_ids(ref: str | None) -> str | None:
        return json_ids([resolve_actor(ref, store=store)] if ref else None)

    params = {
        "kind": kind, "since": since, "until": until, "limit": check_limit(limit),
        "speakers": actor_ids(speaker), "about": actor_ids(about),
    }
    return [_quote_view(r) for r in store.rows(_QUOTES_SQL, params)]


def _quote_view(r: sqlite3.Row) -> QuoteView:
    return QuoteView(quote_of(r), r["span_text"], r["document_date"], r["document_title"],
                     r["speaker_name"])
