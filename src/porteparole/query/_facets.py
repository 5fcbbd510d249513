"""A page of search results with the total hit count and facet counts (the API and the UI).

``search`` gives ranked hits; a person or a script paging through them also needs how many
there are in all and how they spread over the filters they could add. Facets count the
*documents* that hold a hit (a document matched in three turns counts once), each value
with the number of those documents, most frequent first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from porteparole.query._paging import (
    Filters,
    Page,
    check_page_limit,
    decode_cursor,
    page_of,
)
from porteparole.query._search import (
    KEY_TYPES,
    SearchHit,
    run_search,
    search_rows,
    search_sql,
)
from porteparole.store import Store

FACET_VALUES = 12  # values kept per facet, most frequent first
MAX_PAGE = 200  # the most hits one page of the API may ask for

FACETS: tuple[str, ...] = (
    "language", "kind", "spokesperson", "outlet", "actor", "topic", "event_type", "year",
)

_MATCHED_SQL = """
SELECT d.id AS document_id
  FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid
 WHERE documents_fts MATCH :match AND d.language NOT IN ({cjk_languages})
   AND {document_filters}
UNION ALL
SELECT d.id
  FROM cjk_fts JOIN documents d ON d.pk = cjk_fts.rowid
 WHERE cjk_fts MATCH :cjk_match AND {document_filters}
UNION ALL
SELECT d.id
  FROM turns_fts JOIN turns t ON t.pk = turns_fts.rowid JOIN documents d ON d.id = t.document_id
 WHERE turns_fts MATCH :match AND {turn_filters}
"""

# Each facet: SQL giving (value, documents) over the matched documents ``:ids``.
_IDS = "(SELECT value FROM json_each(:ids))"
_FACET_SQL: dict[str, str] = {
    "language": f"SELECT language, count(*) FROM documents WHERE id IN {_IDS} GROUP BY 1",
    "kind": f"SELECT kind, count(*) FROM documents WHERE id IN {_IDS} GROUP BY 1",
    "spokesperson": f"SELECT spokesperson, count(*) FROM documents WHERE id IN {_IDS} "
                    "AND spokesperson IS NOT NULL GROUP BY 1",
    "outlet": f"SELECT speaker, count(DISTINCT document_id) FROM turns WHERE document_id IN "
              f"{_IDS} AND role = 'question' AND speaker IS NOT NULL GROUP BY 1",
    "actor": f"SELECT m.actor_id, count(DISTINCT m.document_id), COALESCE(a.name, m.actor_id) "
             f"FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id WHERE m.document_id "
             f"IN {_IDS} AND m.actor_id IS NOT NULL GROUP BY 1",
    "topic": f"SELECT label, count(DISTINCT document_id) FROM topics WHERE document_id IN "
             f"{_IDS} GROUP BY 1",
    "event_type": f"SELECT type, count(DISTINCT document_id) FROM events WHERE document_id IN "
                  f"{_IDS} AND negated = 0 GROUP BY 1",
    "year": f"SELECT substr(date, 1, 4), count(*) FROM documents WHERE id IN {_IDS} "
            "AND date IS NOT NULL GROUP BY 1",
}


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet, the documents with a hit that have it, and a label to show
    (an actor's stored name for an actor id; the value itself otherwise)."""

    value: str
    label: str
    documents: int


@dataclass(frozen=True, slots=True)
class Facet:
    name: str  # one of FACETS, also the filter's name
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class SearchPage(Page[SearchHit]):
    """One page of hits (``items``, best first, and the ``next_cursor``) out of ``total``
    hits in ``documents`` documents, with the facets of all of them."""

    query: str = ""
    total: int = 0
    documents: int = 0
    facets: tuple[Facet, ...] = ()


def search_page(store: Store, query: str, filters: Filters | None = None, *,
                limit: int = 20, cursor: str | None = None,
                facets: bool = True) -> SearchPage:
    """One page of the hits of ``query``, best first, after ``cursor`` (a ``next_cursor``),
    with the total and (unless ``facets`` is False) facet counts. Reads the ``Filters``
    ``language``, ``kind`` (the document's), ``spokesperson``, ``outlet``, ``since``,
    ``until``, ``actor``, ``topic``, ``event_type`` and ``year``."""
    key = None if cursor is None else decode_cursor(cursor, KEY_TYPES)
    hits, keys = search_rows(store, query, filters, check_page_limit(limit) + 1, key)
    page = page_of(hits, keys, limit)
    sql, params = search_sql(store, query, filters, _MATCHED_SQL)
    matched = [row["document_id"] for row in run_search(store, query, sql, params)]
    ids = sorted(set(matched))
    return SearchPage(
        items=page.items, next_cursor=page.next_cursor, query=query, total=len(matched),
        documents=len(ids), facets=facet_counts(store, ids) if facets else (),
    )


def facet_counts(store: Store, document_ids: list[str]) -> tuple[Facet, ...]:
    """How the given documents spread over each facet's values (most documents first)."""
    import json

    params: dict[str, Any] = {"ids": json.dumps(document_ids)}
    out = []
    for name in FACETS:
        rows = store.rows(_FACET_SQL[name], params)
        ranked = sorted(((str(r[0]), int(r[1]), str(r[-1])) for r in rows),
                        key=lambda vcl: (-vcl[1], vcl[0]))
        out.append(Facet(name, tuple(FacetValue(v, label, n)
                                     for v, n, label in ranked[:FACET_VALUES])))
    return tuple(out)
