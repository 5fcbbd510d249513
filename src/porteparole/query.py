"""Every question asked of the store: search, one document, report figures, rejections.

The CLI, the API and the web UI call these functions and never write SQL themselves; each
returns frozen records, so the caller only renders.

Search syntax (``search``), translated into safe FTS5 so that no user input reaches FTS5 as
syntax:

- ``hotline Pékin``      both words (AND is implied; ``AND`` may be written)
- ``"dialogue militaire"`` the exact phrase
- ``Taïwan OR Taiwan``   either; ``OR`` binds tighter than the implied AND, as in web
                         search engines: ``a b OR c`` is ``a AND (b OR c)``
- ``-sanctions``         without the word (also ``NOT sanctions``, ``-"a phrase"``)
- ``coopér*``            words starting with the prefix

Matching ignores case and accents (``Pekin`` finds ``Pékin``). What cannot be read — an
unclosed quote, an operator with nothing on one side, only exclusions — raises
``QueryError`` with a one-line explanation.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from porteparole.errors import InputError, QueryError
from porteparole.records import KINDS, Analysis, Origin, Rejected
from porteparole.store import Store
from porteparole.store.reader import origin_of, rejected_of

# Highlight markers snippet() puts around matched words: control characters that cannot
# occur in normalized text, so a renderer can split on them without escaping surprises.
MARK_START = "\x02"
MARK_END = "\x03"
SNIPPET_TOKENS = 16
TITLE_WEIGHT = 5.0  # bm25 weight of a title match against a body match

# -- the query language -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


_WORD_CHAR = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def to_fts(query: str) -> str:
    """Translate a user query into an FTS5 expression, or raise ``QueryError``."""
    groups: list[list[_Term]] = []
    negatives: list[_Term] = []
    pending: str | None = None  # "OR" / "AND" waiting for its right-hand term
    for item in _lex(query):
        if isinstance(item, str):
            pending = _operator(item, pending, groups)
        elif item.negated:
            if pending == "OR":
                raise QueryError(f"OR cannot join an exclusion (-{item.text}) in {query!r}")
            negatives.append(item)
            pending = None
        else:
            if pending == "OR":
                groups[-1].append(item)
            else:
                groups.append([item])
            pending = None
    if pending:
        raise QueryError(f"{pending} needs a word on each side in {query!r}")
    if not groups:
        raise QueryError(
            f"nothing to search for in {query!r}: give at least one word to find "
            "(exclusions alone are not a search)"
        )
    positive = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in groups)
    if not negatives:
        return positive
    return f"({positive}) NOT ({' OR '.join(t.fts() for t in negatives)})"


def _operator(op: str, pending: str | None, groups: list[list[_Term]]) -> str:
    if pending or not groups:
        raise QueryError(f"{op} needs a word on each side")
    return op


def _lex(query: str) -> list[_Term | str]:
    """Split a query into terms and the operators ``OR``/``AND`` (``NOT x`` is ``-x``)."""
    query = _CONTROL.sub(" ", query)  # FTS5 strings end at NUL; no control char is a word
    items: list[_Term | str] = []
    negate_next = False
    i = 0
    while i < len(query):
        if query[i].isspace():
            i += 1
            continue
        negated = negate_next
        if query[i] == "-" and i + 1 < len(query) and not query[i + 1].isspace():
            negated, i = True, i + 1
        if query[i] == '"':
            text, prefix, i = _phrase(query, i)
        else:
            text, prefix, i = _word(query, i)
        if not negated and text in ("OR", "AND", "NOT") and not prefix:
            negate_next = text == "NOT"
            if text != "NOT":
                items.append(text)
            continue
        negate_next = False
        if _WORD_CHAR.search(text):  # punctuation alone matches nothing: ignore it
            items.append(_Term(text, prefix, negated))
    if negate_next:
        raise QueryError(f"NOT needs a word after it in {query!r}")
    return items


def _phrase(query: str, i: int) -> tuple[str, bool, int]:
    close = query.find('"', i + 1)
    if close < 0:
        raise QueryError(f"unclosed quote in {query!r}: end the phrase with another \"")
    end = close + 1
    prefix = end < len(query) and query[end] == "*"
    return query[i + 1 : close], prefix, end + int(prefix)


def _word(query: str, i: int) -> tuple[str, bool, int]:
    end = i
    while end < len(query) and not query[end].isspace() and query[end] != '"':
        end += 1
    word = query[i:end]
    prefix = word.endswith("*")
    return word.rstrip("*"), prefix, end


# -- search -------------------------------------------------------------------------------


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

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise InputError(f"unknown kind {self.kind!r}; choose one of {', '.join(KINDS)}")
        for name in ("since", "until"):
            _check_date(name, getattr(self, name))


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        valid = len(value) == 10 and Date.fromisoformat(value) is not None
    except ValueError:
        valid = False
    if not valid:
        raise InputError(f"--{name} {value!r} is not an ISO date; write it YYYY-MM-DD")


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
 WHERE documents_fts MATCH :match AND {document_filters}
UNION ALL
SELECT 'turn', d.id, t."index", t.role, t.speaker, d.title, d.date, d.language, d.kind,
       snippet(turns_fts, 0, :mark_start, :mark_end, '…', :tokens),
       bm25(turns_fts)
  FROM turns_fts JOIN turns t ON t.pk = turns_fts.rowid JOIN documents d ON d.id = t.document_id
 WHERE turns_fts MATCH :match AND {turn_filters}
ORDER BY rank, document_id, turn_index
LIMIT :limit
"""


def search(
    store: Store, query: str, filters: SearchFilters | None = None, *, limit: int = 20
) -> list[SearchHit]:
    """Documents and turns matching ``query`` (see the module docstring), best first."""
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    filters = filters or SearchFilters()
    common, params = _filter_sql(filters)
    outlet_in_doc = ("EXISTS (SELECT 1 FROM turns q WHERE q.document_id = d.id AND "
                     "q.role = 'question' AND instr(pp_fold(q.speaker), pp_fold(:outlet)) > 0)")
    outlet_turn = "t.role = 'question' AND instr(pp_fold(t.speaker), pp_fold(:outlet)) > 0"
    sql = _SEARCH_SQL.format(
        document_filters=" AND ".join(common + ([outlet_in_doc] if filters.outlet else [])),
        turn_filters=" AND ".join(common + ([outlet_turn] if filters.outlet else [])),
    )
    params.update(match=to_fts(query), mark_start=MARK_START, mark_end=MARK_END,
                  tokens=SNIPPET_TOKENS, title_weight=TITLE_WEIGHT, limit=limit,
                  outlet=filters.outlet)
    try:
        rows = store.rows(sql, params)
    except sqlite3.OperationalError as error:  # a last line of defence: to_fts quotes all
        raise QueryError(f"the search index cannot read {query!r}: {error}") from error
    return [_hit(row) for row in rows]


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
    return clauses, params


def _hit(row: sqlite3.Row) -> SearchHit:
    return SearchHit(
        unit=row["unit"], document_id=row["document_id"], title=row["title"],
        date=row["date"], language=row["language"], kind=row["kind"], snippet=row["snippet"],
        rank=row["rank"], turn_index=row["turn_index"], role=row["role"],
        speaker=row["speaker"],
    )


# -- one document -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A stored document with all its records, every place it was read, and when."""

    analysis: Analysis
    origins: tuple[Origin, ...]
    ingested_at: str


def resolve_id(store: Store, ref: str) -> str:
    """The full id of the document whose id is ``ref`` or starts with it."""
    ref = ref.strip().lower()
    if not ref:
        raise InputError("give a document id or the first characters of one")
    rows = store.rows(
        "SELECT id FROM documents WHERE substr(id, 1, length(:ref)) = :ref ORDER BY id LIMIT 6",
        {"ref": ref},
    )
    if not rows:
        raise InputError(f"no document has an id starting with {ref!r}")
    if len(rows) > 1:
        shown = ", ".join(r["id"] for r in rows[:5])
        raise InputError(f"{ref!r} starts several document ids ({shown}…); give more of it")
    return str(rows[0]["id"])


def get_document(store: Store, ref: str) -> DocumentView:
    """One document by id or unique id prefix, or ``InputError`` saying what matched."""
    document_id = resolve_id(store, ref)
    analysis = store.analysis(document_id)
    if analysis is None:  # deleted between the two reads
        raise InputError(f"document {document_id} is no longer in the store")
    origins = store.rows(
        "SELECT * FROM document_origins WHERE document_id = ? ORDER BY first_seen, rowid",
        (document_id,),
    )
    ingested = store.rows("SELECT ingested_at FROM documents WHERE id = ?", (document_id,))
    return DocumentView(
        analysis=analysis,
        origins=tuple(origin_of(r) for r in origins),
        ingested_at=ingested[0]["ingested_at"],
    )


# -- report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LanguageKindCount:
    language: str
    kind: str
    documents: int


@dataclass(frozen=True, slots=True)
class ConferenceRow:
    document_id: str
    date: str | None
    spokesperson: str | None
    questions: int
    title: str | None


@dataclass(frozen=True, slots=True)
class OutletCount:
    outlet: str
    questions: int


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    inputs: int


@dataclass(frozen=True, slots=True)
class Report:
    """The figures ``porteparole report`` shows: what the store holds, at a glance."""

    documents: int
    turns: int
    by_language_kind: tuple[LanguageKindCount, ...] = ()
    conferences: tuple[ConferenceRow, ...] = ()
    outlets: tuple[OutletCount, ...] = ()
    rejected_by_reason: tuple[ReasonCount, ...] = ()

    @property
    def rejected(self) -> int:
        return sum(r.inputs for r in self.rejected_by_reason)


def report(store: Store, *, top_outlets: int = 10) -> Report:
    """Documents by language and kind, press conferences, busiest outlets, rejections."""
    def one(sql: str) -> int:
        return int(store.rows(sql)[0][0])

    return Report(
        documents=one("SELECT count(*) FROM documents"),
        turns=one("SELECT count(*) FROM turns"),
        by_language_kind=tuple(LanguageKindCount(r[0], r[1], r[2]) for r in store.rows(
            "SELECT language, kind, count(*) FROM documents GROUP BY language, kind "
            "ORDER BY count(*) DESC, language, kind")),
        conferences=tuple(ConferenceRow(*r) for r in store.rows(
            "SELECT d.id, d.date, d.spokesperson, (SELECT count(*) FROM turns t "
            "WHERE t.document_id = d.id AND t.role = 'question'), d.title FROM documents d "
            "WHERE d.kind = 'press_conference' ORDER BY d.date IS NULL, d.date, d.id")),
        outlets=tuple(OutletCount(r[0], r[1]) for r in store.rows(
            "SELECT speaker, count(*) FROM turns WHERE role = 'question' AND speaker IS NOT "
            "NULL GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?", (top_outlets,))),
        rejected_by_reason=tuple(ReasonCount(r[0], r[1]) for r in store.rows(
            "SELECT reason, count(*) FROM rejected GROUP BY reason "
            "ORDER BY count(*) DESC, reason")),
    )


# -- rejected inputs ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectedEntry:
    """A rejected input as stored: the record, and when it was first and last met."""

    rejected: Rejected
    first_seen: str
    last_seen: str


def rejected(store: Store, *, reason: str | None = None, limit: int | None = None
             ) -> list[RejectedEntry]:
    """Rejected inputs, most recently met first; optionally one reason only."""
    rows = store.rows(
        "SELECT * FROM rejected WHERE (:reason IS NULL OR reason = :reason) "
        "ORDER BY last_seen DESC, source, line LIMIT :limit",
        {"reason": reason, "limit": -1 if limit is None else limit},
    )
    return [RejectedEntry(rejected_of(r), r["first_seen"], r["last_seen"]) for r in rows]
