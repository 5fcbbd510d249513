"""Stored events filtered by actors, type and date, and dyad timelines built from them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from porteparole import timeline as timelines
from porteparole.errors import InputError
from porteparole.query._actors import actor_name, actor_scope, resolve_actor
from porteparole.query._common import IN_JSON, check_date, check_limit, json_ids
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


@dataclass(frozen=True, slots=True)
class EventFilters:
    """Restrictions on events. ``source``/``target`` are names or ids; a state covers its
    country (``actor_scope``). ``both_directions`` also keeps target → source events."""

    source: str | None = None
    target: str | None = None
    type: str | None = None  # a PLOVER type, any case
    since: str | None = None
    until: str | None = None
    include_negated: bool = False
    both_directions: bool = False

    def __post_init__(self) -> None:
        if self.type is not None and self.type.upper() not in PLOVER_TYPES:
            raise InputError(f"unknown event type {self.type!r}; choose one of "
                             f"{', '.join(PLOVER_TYPES)}")
        for name in ("since", "until"):
            check_date(name, getattr(self, name))


_EVENTS_SQL = """
SELECT e.*, d.date AS document_date, substr(d.text, e.start + 1, e."end" - e.start) AS span_text,
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
 ORDER BY COALESCE(e.date, d.date) IS NULL, COALESCE(e.date, d.date) DESC,
          e.document_id, e.start
 LIMIT :limit
"""


def events(store: Store, filters: EventFilters | None = None, *,
           limit: int | None = 100) -> list[EventView]:
    """Events matching ``filters``, most recent first."""
    filters = filters or EventFilters()
    return events_between(store, filters, _scope(store, filters.source),
                          _scope(store, filters.target), limit)


def events_between(store: Store, filters: EventFilters, sources: frozenset[str] | None,
                   targets: frozenset[str] | None, limit: int | None) -> list[EventView]:
    """Events between resolved sets of actor ids (None: any actor)."""
    params: dict[str, Any] = {
        "sources": json_ids(sources), "targets": json_ids(targets),
        "type": filters.type.upper() if filters.type else None,
        "negated": int(filters.include_negated), "since": filters.since,
        "until": filters.until, "limit": check_limit(limit),
    }
    sql = _EVENTS_SQL.format(dyad=_dyad_sql(sources is not None, targets is not None,
                                            filters.both_directions))
    return [EventView(event_of(r), r["span_text"], r["date"] or r["document_date"],
                      r["source_name"], r["target_name"], r["speaker_name"])
            for r in store.rows(sql, params)]


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
    filters = EventFilters(since=since, until=until, include_negated=include_negated,
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
