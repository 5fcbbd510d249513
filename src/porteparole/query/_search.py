"""Full-text search over whole documents and press-conference turns, best match first.

Hits sort by FTS5's bm25 rank, then document id, then turn (the document itself first):
the rank is a function of the store's index alone, so a fixed store gives every hit the same
rank on every call and the order is total; ``search_page`` pages it by a cursor over that
key (``_facets``). A write between two pages changes the index's statistics and so every
rank: a walk across an ingest may then repeat or miss a hit, as any ranked paging would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from porteparole.errors import QueryError
from porteparole.query._actors import resolve_actor
from porteparole.query._common import check_limit
from porteparole.query._events import check_event_type
from porteparole.query._fts import to_fts
from porteparole.query._paging import (
    Filters,
    KeyPart,
    after_sql,
    check_choice,
    key_params,
    refuse_unsupported,
)
from porteparole.records import KINDS
from porteparole.store import Store
from porteparole.store.cjk import CJK_LANGUAGES, unspaced

# Highlight markers snippet() puts around matched words: control characters that cannot
# occur in normalized text, so a renderer can split on them without escaping surprises.
MARK_START = "\x02"
MARK_END = "\x03"
SNIPPET_TOKENS = 16
TITLE_WEIGHT = 5.0  # bm25 weight of a title match against a body match


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked match: a whole document (title or text) or one press-conference turn.

    ``snippet`` marks matched words with ``MARK_START``/``MARK_END``. ``rank`` is FTS5's
    bm25 (lower is better); document and turn ranks are merged as they are.
    """

    unit: str  # "document" | "turn"
    document_id: str
    title: str | None
    date: str | None
    language: str
    kind: str
    snippet: str
    rank: float
    turn_index: int | None = None
    role: str | None = None
    speaker: str | None = None


SUPPORTED = frozenset({"language", "kind", "spokesperson", "outlet", "since", "until",
                       "actor", "topic", "event_type", "year"})
ORDER = (("rank", False), ("document_id", False), ("turn_key", False))
KEY_TYPES = (float, str, int)

# Each arm keeps only the rows after the cursor (``_AFTER``, on the very expression the arm
# ranks by, so a rank compares equal to itself), and the ORDER BY and LIMIT stay on the
# compound select: the same query wrapped in an outer select that filtered on the cursor
# took 180-300 ms for the first 20 of 4,300 hits over 5,000 documents, this one 30 ms.
_RANKS = {"documents": "bm25(documents_fts, :title_weight, 1.0)",
          "cjk": "bm25(cjk_fts, :title_weight, 1.0)", "turns": "bm25(turns_fts)"}
_AFTER = {
    "documents": after_sql(((_RANKS["documents"], False), ("d.id", False), ("-1", False))),
    "cjk": after_sql(((_RANKS["cjk"], False), ("d.id", False), ("-1", False))),
    "turns": after_sql(((_RANKS["turns"], False), ("d.id", False), ('t."index"', False))),
}
_SEARCH_SQL = f"""
SELECT 'document' AS unit, d.id AS document_id, NULL AS turn_index, -1 AS turn_key,
       NULL AS role, NULL AS speaker, d.title, d.date, d.language, d.kind,
       snippet(documents_fts, -1, :mark_start, :mark_end, '…', :tokens) AS snippet,
       {_RANKS["documents"]} AS rank
  FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid
 WHERE documents_fts MATCH :match AND d.language NOT IN ({{cjk_languages}})
   AND {{document_filters}} AND {_AFTER["documents"]}
UNION ALL
SELECT 'document', d.id, NULL, -1, NULL, NULL, d.title, d.date, d.language, d.kind,
       snippet(cjk_fts, -1, :mark_start, :mark_end, '…', :cjk_tokens), {_RANKS["cjk"]}
  FROM cjk_fts JOIN documents d ON d.pk = cjk_fts.rowid
 WHERE cjk_fts MATCH :cjk_match AND {{document_filters}} AND {_AFTER["cjk"]}
UNION ALL
SELECT 'turn', d.id, t."index", t."index", t.role, t.speaker, d.title, d.date, d.language,
       d.kind, snippet(turns_fts, 0, :mark_start, :mark_end, '…', :tokens), {_RANKS["turns"]}
  FROM turns_fts JOIN turns t ON t.pk = turns_fts.rowid JOIN documents d ON d.id = t.document_id
 WHERE turns_fts MATCH :match AND {{turn_filters}} AND {_AFTER["turns"]}
ORDER BY {", ".join(expression for expression, _ in ORDER)}
LIMIT :limit
"""


def search(store: Store, query: str, filters: Filters | None = None, *,
           limit: int | None = 20) -> list[SearchHit]:
    """Documents and turns matching ``query`` (syntax: ``porteparole.query``), best first,
    on one list (``search_page`` pages them, with totals and facets)."""
    return search_rows(store, query, filters, check_limit(limit), None)[0]


def search_rows(store: Store, query: str, filters: Filters | None, limit: int,
                key: Sequence[KeyPart] | None
                ) -> tuple[list[SearchHit], list[Sequence[KeyPart]]]:
    """At most ``limit`` hits (-1: all) after the sort key ``key``, and their keys."""
    sql, params = search_sql(store, query, filters, _SEARCH_SQL)
    params.update(mark_start=MARK_START, mark_end=MARK_END, tokens=SNIPPET_TOKENS,
                  cjk_tokens=SNIPPET_TOKENS * 3,  # a CJK token is one character
                  title_weight=TITLE_WEIGHT, limit=limit, **key_params(key, len(ORDER)))
    rows = run_search(store, query, sql, params)
    keys: list[Sequence[KeyPart]] = [(float(r["rank"]), r["document_id"], int(r["turn_key"]))
                                     for r in rows]
    return [_hit(row) for row in rows], keys


def search_sql(store: Store, query: str, filters: Filters | None,
               template: str) -> tuple[str, dict[str, Any]]:
    """A search statement (``template`` with ``{document_filters}``, ``{turn_filters}`` and
    ``{cjk_languages}``) and its parameters, for ``search`` and for the counts of
    ``query.search_page``. Documents in CJK languages are matched in ``cjk_fts``
    (``:cjk_match``), every other document in ``documents_fts`` (``:match``)."""
    filters = filters or Filters()
    refuse_unsupported(filters, SUPPORTED, "search hits")
    check_choice("kind", filters.kind, KINDS)
    common, params = _filter_sql(filters)
    if filters.actor:
        params["actor"] = resolve_actor(filters.actor, store=store)
    outlet_in_doc = ("EXISTS (SELECT 1 FROM turns q WHERE q.document_id = d.id AND "
                     "q.role = 'question' AND instr(pp_fold(q.speaker), pp_fold(:outlet)) > 0)")
    outlet_turn = "t.role = 'question' AND instr(pp_fold(t.speaker), pp_fold(:outlet)) > 0"
    sql = template.format(
        document_filters=" AND ".join(common + ([outlet_in_doc] if filters.outlet else [])),
        turn_filters=" AND ".join(common + ([outlet_turn] if filters.outlet else [])),
        cjk_languages=", ".join(f"'{code}'" for code in CJK_LANGUAGES),
    )
    params.update(match=to_fts(query), cjk_match=to_fts(query, cjk=True),
                  outlet=filters.outlet)
    return sql, params


def run_search(store: Store, query: str, sql: str, params: dict[str, Any]) -> list[sqlite3.Row]:
    """Run a search statement; an FTS5 error becomes a ``QueryError``."""
    try:
        return store.rows(sql, params)
    except sqlite3.OperationalError as error:  # a last line of defence: to_fts quotes all
        raise QueryError(f"the search index cannot read {query!r}: {error}") from error


def _filter_sql(filters: Filters) -> tuple[list[str], dict[str, Any]]:
    clauses = ["1"]
    params: dict[str, Any] = {}
    if filters.language:
        clauses.append("d.language = :language")
        params["language"] = filters.language
    if filters.kind:
        clauses.append("d.kind = :kind")
        params["kind"] = filters.kind
    if filters.spokesperson:
        clauses.append("instr(pp_fold(d.spokesperson), pp_fold(:spokesperson)) > 0")
        params["spokesperson"] = filters.spokesperson
    if filters.since:
        clauses.append("d.date >= :since")
        params["since"] = filters.since
    if filters.until:
        clauses.append("d.date <= :until")
        params["until"] = filters.until
    if filters.actor:  # the id is resolved by search_sql
        clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id "
                       "AND m.actor_id = :actor)")
    if filters.topic:
        clauses.append("EXISTS (SELECT 1 FROM topics p WHERE p.document_id = d.id "
                       "AND p.label = :topic)")
        params["topic"] = filters.topic
    if filters.event_type:
        clauses.append("EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id "
                       "AND e.type = :event_type)")
        params["event_type"] = check_event_type(filters.event_type)
    if filters.year:
        clauses.append("substr(d.date, 1, 4) = :year")
        params["year"] = filters.year
    return clauses, params


def _hit(row: sqlite3.Row) -> SearchHit:
    snippet = row["snippet"]
    if row["language"] in CJK_LANGUAGES and row["unit"] == "document":
        snippet = unspaced(snippet)
    return SearchHit(
        unit=row["unit"], document_id=row["document_id"], title=row["title"],
        date=row["date"], language=row["language"], kind=row["kind"], snippet=snippet,
        rank=row["rank"], turn_index=row["turn_index"], role=row["role"],
        speaker=row["speaker"],
    )
