"""The most active dyads: pairs of actors with the most stored events between them.

A report or a start page shows where to look first; each pair is counted in one direction
(source → target), asserted events only (a denied event did not happen), an actor never
with itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from porteparole.query._actors import actor_scope, resolve_actor
from porteparole.query._common import IN_JSON, check_limit, json_ids
from porteparole.query._events import check_event_type
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
from porteparole.store import Store


@dataclass(frozen=True, slots=True)
class DyadCount:
    """Events from ``source`` to ``target``, with their stored names (the id when the store
    has none) and mean Goldstein score."""

    source: str
    target: str
    source_name: str
    target_name: str
    events: int
    mean_goldstein: float | None


_ORDER = (("n", True), ("source_actor", False), ("target_actor", False))
_KEY_TYPES = (int, str, str)
SUPPORTED = frozenset({"source", "target", "type", "since", "until", "language"})
# ``{by_document}`` joins the documents only for a filter that reads them (language, dates):
# counting 50,000 events took twice as long with the join as without.
_DYADS_SQL = f"""
SELECT d.source_actor, d.target_actor, COALESCE(s.name, d.source_actor) AS source_name,
       COALESCE(t.name, d.target_actor) AS target_name, d.n, d.mean
  FROM (SELECT e.source_actor, e.target_actor, count(*) AS n, avg(e.goldstein) AS mean
          FROM events e {{by_document}}
         WHERE e.negated = 0 AND e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL
           AND e.source_actor != e.target_actor
           AND (:sources IS NULL OR e.source_actor {IN_JSON.format("sources")})
           AND (:targets IS NULL OR e.target_actor {IN_JSON.format("targets")})
           AND (:type IS NULL OR e.type = :type) {{document_filters}}
         GROUP BY 1, 2) d
  LEFT JOIN actors s ON s.id = d.source_actor LEFT JOIN actors t ON t.id = d.target_actor
 WHERE {after_sql(_ORDER)}
 ORDER BY d.n DESC, d.source_actor, d.target_actor LIMIT :limit
"""
_BY_DOCUMENT = "JOIN documents doc ON doc.id = e.document_id"
_DOCUMENT_FILTERS = """
           AND (:language IS NULL OR doc.language = :language)
           AND (:since IS NULL OR COALESCE(e.date, doc.date) >= :since)
           AND (:until IS NULL OR COALESCE(e.date, doc.date) <= :until)"""


def top_dyads(store: Store, filters: Filters | None = None, *,
              limit: int | None = 10) -> list[DyadCount]:
    """Source → target pairs by number of asserted events, most first, on one list
    (``dyad_page`` pages them; it reads the same fields)."""
    return _dyad_rows(store, filters or Filters(), check_limit(limit), None)[0]


def dyad_page(store: Store, filters: Filters | None = None, *, limit: int = 10,
              cursor: str | None = None) -> Page[DyadCount]:
    """One page of source → target pairs by number of asserted events, then source and
    target id, after ``cursor``. Reads ``source``, ``target`` (a state covers its country,
    as in the events), ``type``, ``since``, ``until`` (the event's date, else its
    document's) and ``language``."""
    key = None if cursor is None else decode_cursor(cursor, _KEY_TYPES)
    dyads, keys = _dyad_rows(store, filters or Filters(), check_page_limit(limit) + 1, key)
    return page_of(dyads, keys, limit)


def _dyad_rows(store: Store, filters: Filters, limit: int, key: Sequence[KeyPart] | None
               ) -> tuple[list[DyadCount], list[Sequence[KeyPart]]]:
    refuse_unsupported(filters, SUPPORTED, "dyads")

    def scope(ref: str | None) -> str | None:
        if ref is None:
            return None
        return json_ids(actor_scope(resolve_actor(ref, store=store), store=store))

    params: dict[str, Any] = {
        "sources": scope(filters.source), "targets": scope(filters.target),
        "type": check_event_type(filters.type), "language": filters.language,
        "since": filters.since, "until": filters.until, "limit": limit,
        **key_params(key, len(_ORDER)),
    }
    by_document = any((filters.language, filters.since, filters.until))
    rows = store.rows(_DYADS_SQL.format(
        by_document=_BY_DOCUMENT if by_document else "",
        document_filters=_DOCUMENT_FILTERS if by_document else ""), params)
    dyads = [DyadCount(r[0], r[1], r[2], r[3], int(r[4]),
                       None if r[5] is None else round(float(r[5]), 2)) for r in rows]
    return dyads, [(int(r["n"]), r["source_actor"], r["target_actor"]) for r in rows]
