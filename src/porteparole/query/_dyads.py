"""The most active dyads: pairs of actors with the most stored events between them.

A report or a start page shows where to look first; each pair is counted in one direction
(source → target), asserted events only (a denied event did not happen).
"""

from __future__ import annotations

from dataclasses import dataclass

from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.query._common import check_limit
from porteparole.store import Store


@dataclass(frozen=True, slots=True)
class DyadCount:
    """Events from ``source`` to ``target``, with their names and mean Goldstein score."""

    source: str
    target: str
    source_name: str
    target_name: str
    events: int
    mean_goldstein: float | None


def top_dyads(store: Store, *, limit: int | None = 10,
              kb: KnowledgeBase | None = None) -> list[DyadCount]:
    """Source → target pairs by number of asserted events, most first."""
    kb = kb or load_knowledge_base()
    rows = store.rows(
        "SELECT source_actor, target_actor, count(*), avg(goldstein) FROM events "
        "WHERE negated = 0 AND source_actor IS NOT NULL AND target_actor IS NOT NULL "
        "AND source_actor != target_actor GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT :limit",
        {"limit": check_limit(limit)})

    def name(actor_id: str) -> str:
        actor = kb.actor(actor_id)
        return actor.name if actor else actor_id

    return [DyadCount(r[0], r[1], name(r[0]), name(r[1]), int(r[2]),
                      None if r[3] is None else round(float(r[3]), 2)) for r in rows]
