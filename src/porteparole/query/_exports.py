"""The questions exports ask: which actors the records name, and events with provenance."""

from __future__ import annotations

import json
from dataclasses import dataclass

from porteparole.records import Event
from porteparole.store import Store
from porteparole.store.reader import event_of
from porteparole.store.schema import REFERENCED_ACTORS_SQL


def referenced_actor_ids(store: Store) -> list[str]:
    """Every actor id a stored record names (mentions, speakers, event parties, mechanism
    parties), sorted: what the store's ``actors`` table describes (ids the knowledge knew)."""
    ids = {row[0] for row in store.rows(REFERENCED_ACTORS_SQL)}
    for row in store.rows("SELECT parties FROM mechanism_updates"):
        ids.update(json.loads(row[0] or "[]"))
    return sorted(ids)


@dataclass(frozen=True, slots=True)
class ExportEvent:
    """An event with what event files carry besides: a stable number, the effective date,
    the evidence words, where the document came from and when it was stored."""

    number: int  # the store's row number: stable across exports of the same store
    event: Event
    date: str | None  # the event's date, else its document's
    evidence: str
    url: str | None
    source: str
    ingested_at: str
    topics: tuple[str, ...]  # labels of the topic spans that contain the evidence


def export_events(store: Store, *, include_negated: bool = False) -> list[ExportEvent]:
    """Events in storage order with their provenance (denied events left out by default:
    event datasets record what happened)."""
    rows = store.rows(
        "SELECT e.*, COALESCE(e.date, d.date) AS effective_date, d.url AS document_url, "
        "d.source AS document_source, d.ingested_at AS document_ingested, "
        "substr(d.text, e.start + 1, e.\"end\" - e.start) AS span_text, "
        "(SELECT json_group_array(DISTINCT t.label) FROM topics t WHERE t.document_id = "
        "e.document_id AND t.start <= e.start AND t.\"end\" >= e.\"end\") AS topic_labels "
        "FROM events e JOIN documents d ON d.id = e.document_id "
        "WHERE (:negated OR e.negated = 0) ORDER BY e.pk",
        {"negated": int(include_negated)})
    return [ExportEvent(int(r["pk"]), event_of(r), r["effective_date"], r["span_text"],
                        r["document_url"], r["document_source"], r["document_ingested"],
                        tuple(sorted(json.loads(r["topic_labels"] or "[]"))))
            for r in rows]
