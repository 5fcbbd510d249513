"""Stored events filtered by actors, type and date, and dyad timelines built from them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from porteparole import timeline as timelines
from porteparole.errors import InputError
from porteparole.query._actors import actor_name, actor_scope, resolve_actor
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
from porteparole.records import PLOVER_TYPES, Event
from porteparole.store import Store
from porteparole.store.reader import event_of


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored event with its evidence words; ``date`` is the event's, else its document's.
    The ``*_name`` fields are the stored names of its actors (the id when the store has no
    description of it, None for no actor)."""

    event: Event
    evidence: str
    date: str | None
    source_name: str | None = None
    target_name: str | None = None
    speaker_name: str | None = None


_ORDER = (("(COALESCE(e.date, d.date) IS NULL)", False),
          ("COALESCE(e.date, d.date, '')", True),
          ("e.document_id", False), ("e.start", False), ("e.pk", False))
_KEY_TYPES = (int, str, str, int, int)
SUPPORTED = frozenset({"source", "target", "type", "since", "until", "language",
                       "include_negated", "both_directions"})

_EVENTS_SQL = """
SELECT e.*, e.pk AS row_pk, d.date AS document_date,
       substr(d.text, e.start + 1, e."end" - e.start) AS span_text,
       COALESCE(sa.name, e.source_actor) AS source_name,
       COALESCE(ta.name, e.target_actor) AS target_name,
       COALESCE(pa.name, e.speaker_actor) AS speaker_name
  FROM events e JOIN documents d ON d.id = e.document_id
  LEFT JOIN actors sa ON sa.id = e.source_actor LEFT JOIN actors ta ON ta.id = e.target_actor
  LEFT JOIN actors pa ON pa.id = e.speaker_actor
 WHERE {dyad}
   AND (:type IS NULL OR e.type = :type) AND (:negated OR e.negated = 0)
   AND (:since IS NULL OR COALESCE(e.date, d.date) >= :since)
   AND (:until IS NULL OR COALESCE(e.date, d.date) <= :until)
   AND (:language IS NULL OR d.language = :language) AND {after}
 ORDER BY {order}
 LIMIT :limit
"""


def events(store: Store, filters: Filters | None = None, *,
           limit: int | None = 100) -> list[EventView]:
    """Events matching ``filters``, most recent first, on one list (``event_page`` pages
    them; it reads the same fields)."""
    filters = filters or Filters()
    refuse_unsupported(filters, SUPPORTED, "events")
    return events_between(store, filters, _scope(store, filters.source),
                          _scope(store, filters.target), limit)


def event_page(store: Store, filters: Filters | None = None, *, limit: int = 100,
               cursor: str | None = None) -> Page[EventView]:
    """One page of events, most recent first, after ``cursor`` (a ``next_cursor``). Reads
    ``source``, ``target``, ``type``, ``since``, ``until``, ``language``,
    ``include_negated`` and ``both_directions``; a state as source or target covers its
    country (``actor_scope``)."""
    filters = filters or Filters()
    refuse_unsupported(filters, SUPPORTED, "events")
    key = None if cursor is None else decode_cursor(cursor, _KEY_TYPES)
    views, keys = _event_rows(store, filters, _scope(store, filters.source),
                              _scope(store, filters.target), check_page_limit(limit) + 1,
                              key=key)
    return page_of(views, keys, limit)


def events_between(store: Store, filters: Filters, sources: frozenset[str] | None,
                   targets: frozenset[str] | None, limit: int | None) -> list[EventView]:
    """Events between resolved sets of actor ids (None: any actor); the ``source`` and
    ``target`` of ``filters`` are not read (the sets stand for them)."""
    return _event_rows(store, filters, sources, targets, check_limit(limit))[0]


def check_event_type(value: str | None) -> str | None:
    """A PLOVER type in capitals (any case is accepted), or ``InputError`` naming them."""
    if value is not None and value.upper() not in PLOVER_TYPES:
        raise InputError(f"unknown event type {value!r}; choose one of "
                         f"{', '.join(PLOVER_TYPES)}")
    return None if value is None else value.upper()


def _event_rows(store: Store, filters: Filters, sources: frozenset[str] | None,
                targets: frozenset[str] | None, limit: int, *,
                key: Sequence[KeyPart] | None = None
                ) -> tuple[list[EventView], list[Sequence[KeyPart]]]:
    params: dict[str, Any] = {
        "sources": json_ids(sources), "targets": json_ids(targets),
        "type": check_event_type(filters.type),
        "negated": int(filters.include_negated), "since": filters.since,
        "until": filters.until, "limit": limit, "language": filters.language,
        **key_params(key, len(_ORDER)),
    }
    sql = _EVENTS_SQL.format(
        dyad=_dyad_sql(sources is not None, targets is not None, filters.both_directions),
        after=after_sql(_ORDER),
        order=", ".join(f"{e} DESC" if desc else e for e, desc in _ORDER))
    rows = store.rows(sql, params)
    keys: list[Sequence[KeyPart]] = []
    for r in rows:
        day = r["date"] or r["document_date"]
        keys.append((int(day is None), day or "", r["document_id"], r["start"], r["row_pk"]))
    return [EventView(event_of(r), r["span_text"], r["date"] or r["document_date"],
                      r["source_name"], r["target_name"], r["speaker_name"])
            for r in rows], keys


def _scope(store: Store, ref: str | None) -> frozenset[str] | None:
    if ref is None:
        return None
    return actor_scope(resolve_actor(ref, store=store), store=store)


def _dyad_sql(has_sources: bool, has_targets: bool, both: bool) -> str:
    def side(column: str, param: str, present: bool) -> str:
        return f"e.{column} {IN_JSON.format(param)}" if present else "1"

    forward = (f"({side('source_actor', 'sources', has_sources)} AND "
               f"{side('target_actor', 'targets', has_targets)})")
    if not both:
        return forward
    backward = (f"({side('source_actor', 'targets', has_targets)} AND "
                f"{side('target_actor', 'sources', has_sources)})")
    return f"({forward} OR {backward})"


def dyad_timeline(store: Store, source: str, target: str, *, both_directions: bool = False,
                  since: str | None = None, until: str | None = None,
                  include_negated: bool = False) -> timelines.Timeline:
    """Events between two parties per month: counts by type and mean Goldstein score."""
    filters = Filters(since=since, until=until, include_negated=include_negated,
                      both_directions=both_directions)
    source_id = resolve_actor(source, store=store)
    target_id = resolve_actor(target, store=store)
    views = events_between(store, filters, actor_scope(source_id, store=store),
                           actor_scope(target_id, store=store), None)
    return timelines.build_timeline(
        (dataclasses.replace(v.event, date=v.date) for v in views),
        source=source_id, target=target_id,
        source_name=actor_name(source_id, store=store) or source_id,
        target_name=actor_name(target_id, store=store) or target_id,
        both_directions=both_directions,
    )
