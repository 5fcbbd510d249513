"""The most active dyads: pairs of actors with the most stored events between them.

A report or a start page shows where to look first; each pair is counted in one direction
(source → target), asserted events only (a denied event did not happen).
"""

from __future__ import annotations

from dataclasses import dataclass

from porteparole.query._common import check_limit
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


def top_dyads(store: Store, *, limit: int | None = 10) -> list[DyadCount]:
    """Source → target pairs by number of asserted events, most first."""
    rows = store.rows(
        "SELECT d.source_actor, d.target_actor, COALESCE(s.name, d.source_actor), "
        "COALESCE(t.name, d.target_actor), d.n, d.mean FROM (SELECT source_actor, "
        "target_actor, count(*) AS n, avg(goldstein) AS mean FROM events WHERE negated = 0 "
        "AND source_actor IS NOT NULL AND target_actor IS NOT NULL AND source_actor != "
        "target_actor GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT :limit) d "
        "LEFT JOIN actors s ON s.id = d.source_actor LEFT JOIN actors t ON t.id = "
        "d.target_actor ORDER BY d.n DESC, 1, 2",
        {"limit": check_limit(limit)})
    return [DyadCount(r[0], r[1], r[2], r[3], int(r[4]),
                      None if r[5] is None else round(float(r[5]), 2)) for r in rows]
