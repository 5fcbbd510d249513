"""Full-text search over whole documents and press-conference turns, best match first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from porteparole.errors import InputError, QueryError
from porteparole.query._actors import resolve_actor
from porteparole.query._common import check_date
from porteparole.query._fts import to_fts
from porteparole.records import KINDS, PLOVER_TYPES
from porteparole.store import Store
from porteparole.store.cjk import CJK_LANGUAGES, unspaced

# Highlight markers snippet() puts around matched words: control characters that cannot
# occur in normalized text, so a renderer can split on them without escaping surprises.
MARK_START = "\x02"
MARK_END = "\x03"
SNIPPET_TOKENS = 16
TITLE_WEIGHT = 5.0  # bm25 weight of a title match against a body match


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrictions on search results; dates are ISO ``YYYY-MM-DD`` and inclusive.

    ``outlet`` keeps the questions that outlet asked (and the documents where it asked);
    ``spokesperson`` and ``outlet`` match ignoring case and accents, on part of the name.
    """

    language: str | None = None
    kind: str | None = None
    spokesperson: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None  # documents that mention this actor (an id, name or alias)
    topic: str | None = None  # documents with this topic label
    event_type: str | None = None  # documents holding an event of this PLOVER type
    year: str | None = None  # documents dated in this year (YYYY)

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise InputError(f"unknown kind {self.kind!r}; choose one of {', '.join(KINDS)}")
        for name in ("since", "until"):
            check_date(name, getattr(self, name))
        if self.event_type is not None and self.event_type.upper() not in PLOVER_TYPES:
            raise InputError(f"unknown event type {self.event_type!r}; choose one of "
                             f"{', '.join(PLOVER_TYPES)}")
        if self.year is not None and not (len(self.year) == 4 and self.year.isdigit()):
            raise InputError(f"--year {self.year!r} is not a year; write it YYYY")


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


_SEARCH_SQL = """
SELECT 'document' AS unit, d.id AS document_id, NULL AS turn_index, NULL AS role,
       NULL AS speaker, d.title, d.date, d.language, d.kind,
       snippet(documents_fts, -1, :mark_start, :mark_end, '…', :tokens) AS snippet,
       bm25(documents_fts, :title_weight, 1.0) AS rank
  FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid
 WHERE documents_fts MATCH :match AND d.language NOT IN ({cjk_languages})
   AND {document_filters}
UNION ALL
SELECT 'document', d.id, NULL, NULL, NULL, d.title, d.date, d.language, d.kind,
       snippet(cjk_fts, -1, :mark_start, :mark_end, '…', :cjk_tokens),
       bm25(cjk_fts, :title_weight, 1.0)
  FROM cjk_fts JOIN documents d ON d.pk = cjk_fts.rowid
 WHERE cjk_fts MATCH :cjk_match AND {document_filters}
UNION ALL
SELECT 'turn', d.id, t."index", t.role, t.speaker, d.title, d.date, d.language, d.kind,
       snippet(turns_fts, 0, :mark_start, :mark_end, '…', :tokens),
       bm25(turns_fts)
  FROM turns_fts JOIN turns t ON t.pk = turns_fts.rowid JOIN documents d ON d.id = t.document_id
 WHERE turns_fts MATCH :match AND {turn_filters}
ORDER BY rank, document_id, turn_index
LIMIT :limit OFFSET :offset
"""


def search(
    store: Store, query: str, filters: SearchFilters | None = None, *, limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Documents and turns matching ``query`` (see the module docstring), best first;
    ``offset`` skips that many hits (paging)."""
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    if offset < 0:
        raise InputError(f"--offset must be 0 or more, not {offset}")
    sql, params = search_sql(store, query, filters, _SEARCH_SQL)
    params.update(mark_start=MARK_START, mark_end=MARK_END, tokens=SNIPPET_TOKENS,
                  cjk_tokens=SNIPPET_TOKENS * 3,  # a CJK token is one character
                  title_weight=TITLE_WEIGHT, limit=limit, offset=offset)
    return [_hit(row) for row in run_search(store, query, sql, params)]


def search_sql(store: Store, query: str, filters: SearchFilters | None,
               template: str) -> tuple[str, dict[str, Any]]:
    """A search statement (``template`` with ``{document_filters}``, ``{turn_filters}`` and
    ``{cjk_languages}``) and its parameters, for ``search`` and for the counts of
    ``query.search_page``. Documents in CJK languages are matched in ``cjk_fts``
    (``:cjk_match``), every other document in ``documents_fts`` (``:match``)."""
    filters = filters or SearchFilters()
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


def _filter_sql(filters: SearchFilters) -> tuple[list[str], dict[str, Any]]:
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
        params["event_type"] = filters.event_type.upper()
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
