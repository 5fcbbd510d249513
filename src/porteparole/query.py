"""Every question asked of the store: search, documents, report figures, rejections, actors,
quotes, events, dyad timelines and mechanisms.

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

Actors are named by the user as an id (``CHN``, ``wu-qian``) or any name or alias the
knowledge base lists, in any language (``resolve_actor``). In event filters a state stands
for itself and every person and organization of that country (``actor_scope``): ``CHN``
matches events of ``CHN``, ``CHN-MND`` and ``wu-qian``. Lists of quotes and events come
most recent first; an event's date is its own, else its document's.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING, Any

from porteparole import timeline as timelines
from porteparole.actors.kb import KnowledgeBase, fold, load_knowledge_base
from porteparole.errors import InputError, QueryError
from porteparole.records import (
    ACTOR_TYPES,
    KINDS,
    PLOVER_TYPES,
    Actor,
    Analysis,
    Event,
    MechanismUpdate,
    Origin,
    Quote,
    Rejected,
)
from porteparole.store import Store
from porteparole.store.reader import event_of, origin_of, quote_of, rejected_of, update_of

if TYPE_CHECKING:  # the mechanisms stage is imported when a mechanism question is asked
    from porteparole.mechanisms.catalog import Mechanism

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
    unresolved_mentions: int = 0  # mentions no actor was found for: the knowledge base's gaps

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
        unresolved_mentions=one("SELECT count(*) FROM mentions WHERE actor_id IS NULL"),
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


# -- actors -------------------------------------------------------------------------------


def _check_limit(limit: int | None) -> int:
    """A LIMIT value: at least 1, or -1 (SQLite's "no limit") for None."""
    if limit is None:
        return -1
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    return limit


def resolve_actor(ref: str, *, kb: KnowledgeBase | None = None,
                  store: Store | None = None) -> str:
    """The id of the actor ``ref`` names: an actor id, or any name, alias or capital.

    Names are matched folded (case, accents, punctuation ignored) through ``kb.find``. A
    name several actors share raises ``InputError`` listing them with their ids; an id the
    store holds but the knowledge base does not (written with older knowledge) is accepted
    so that nothing stored is out of reach.
    """
    kb = kb or load_knowledge_base()
    text = ref.strip()
    if not text:
        raise InputError("give an actor's name or id")
    for candidate in dict.fromkeys((text, text.upper(), text.lower())):
        if kb.actor(candidate) is not None:
            return candidate
    found = kb.find(text)
    if len(found) == 1:
        return found[0].id
    if found:
        listed = "; ".join(_describe(actor) for actor in found)
        raise InputError(f"{ref!r} names several actors: {listed}; give one of these ids")
    if store is not None and _stored_actor(store, text):
        return text
    raise InputError(f"no actor is named {ref!r} in the knowledge base or the store; "
                     "`porteparole actors` lists the actors found so far")


def _describe(actor: Actor) -> str:
    where = f", {actor.country}" if actor.country else ""
    return f"{actor.id} ({actor.name}, {actor.type}{where})"


def _stored_actor(store: Store, actor_id: str) -> bool:
    return bool(store.rows(
        "SELECT 1 FROM mentions WHERE actor_id = :id UNION ALL "
        "SELECT 1 FROM events WHERE source_actor = :id OR target_actor = :id UNION ALL "
        "SELECT 1 FROM quotes WHERE speaker_actor = :id LIMIT 1", {"id": actor_id}))


def actor_scope(actor_id: str, *, kb: KnowledgeBase | None = None) -> frozenset[str]:
    """The actor ids an actor stands for in event filters.

    A state stands for itself and every person and organization of its country (what
    "China rejects" covers: its ministries, its army, its officials); outlets are not the
    state and are left out. Any other actor stands for itself alone.
    """
    kb = kb or load_knowledge_base()
    actor = kb.actor(actor_id)
    if actor is None or actor.type != "state":
        return frozenset({actor_id})
    return frozenset({actor_id} | {a.id for a in kb.actors.values()
                                   if a.country == actor.id and a.type != "outlet"})


def actor_name(actor_id: str | None, *, kb: KnowledgeBase | None = None) -> str | None:
    """The canonical name of an actor id, or the id itself when the knowledge base lacks it."""
    if actor_id is None:
        return None
    actor = (kb or load_knowledge_base()).actor(actor_id)
    return actor.name if actor else actor_id


@dataclass(frozen=True, slots=True)
class ActorCount:
    """How often an actor is mentioned; name, type and country from the knowledge base
    (None when it does not know the id)."""

    actor_id: str
    name: str | None
    type: str | None
    country: str | None
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class SurfaceCount:
    """An unresolved spelling (folded variants counted together) and how often it occurs."""

    surface: str
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorRanking:
    """The most-mentioned actors, and the mentions no actor was found for."""

    actors: tuple[ActorCount, ...]
    unresolved: int
    unresolved_surfaces: tuple[SurfaceCount, ...]


def actors(store: Store, *, country: str | None = None, actor_type: str | None = None,
           limit: int | None = 20, top_unresolved: int = 10,
           kb: KnowledgeBase | None = None) -> ActorRanking:
    """Actors by mentions (then documents), optionally of one country or type.

    The unresolved figures ignore the filters: they say where the knowledge base should
    grow, whatever the list shows.
    """
    if actor_type is not None and actor_type not in ACTOR_TYPES:
        raise InputError(f"unknown actor type {actor_type!r}; choose one of "
                         f"{', '.join(ACTOR_TYPES)}")
    limit = _check_limit(limit)
    kb = kb or load_knowledge_base()
    rows = store.rows(
        "SELECT actor_id, count(*), count(DISTINCT document_id) FROM mentions "
        "WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY 2 DESC, 3 DESC, actor_id")
    counts = [_actor_count(kb, r[0], r[1], r[2]) for r in rows]
    kept = [c for c in counts
            if (country is None or c.country == country.upper())
            and (actor_type is None or c.type == actor_type)]
    surfaces = store.rows(
        "SELECT min(surface), count(*) FROM mentions WHERE actor_id IS NULL "
        "GROUP BY pp_fold(surface) ORDER BY 2 DESC, 1 LIMIT ?", (top_unresolved,))
    unresolved = store.rows("SELECT count(*) FROM mentions WHERE actor_id IS NULL")[0][0]
    return ActorRanking(
        actors=tuple(kept if limit < 0 else kept[:limit]),
        unresolved=int(unresolved),
        unresolved_surfaces=tuple(SurfaceCount(r[0], r[1]) for r in surfaces),
    )


def _actor_count(kb: KnowledgeBase, actor_id: str, mentions: int, documents: int) -> ActorCount:
    actor = kb.actor(actor_id)
    if actor is None:
        return ActorCount(actor_id, None, None, None, mentions, documents)
    return ActorCount(actor_id, actor.name, actor.type, actor.country, mentions, documents)


# -- quotes and events ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A stored quote with what a reader needs beside it: its words, its document's date."""

    quote: Quote
    text: str
    date: str | None  # the document's date
    title: str | None


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored event with its evidence words; ``date`` is the event's, else its document's."""

    event: Event
    evidence: str
    date: str | None


def _ids(values: Iterable[str] | None) -> str | None:
    """A set of ids as a JSON array for ``json_each`` (None: no restriction)."""
    return None if values is None else json.dumps(sorted(values), ensure_ascii=False)


_IN = "IN (SELECT value FROM json_each(:{}))"

_QUOTES_SQL = f"""
SELECT q.*, d.date AS document_date, d.title AS document_title,
       substr(d.text, q.start + 1, q."end" - q.start) AS span_text
  FROM quotes q JOIN documents d ON d.id = q.document_id
 WHERE (:kind IS NULL OR q.kind = :kind)
   AND (:since IS NULL OR d.date >= :since) AND (:until IS NULL OR d.date <= :until)
   AND (:speakers IS NULL OR q.speaker_actor {_IN.format("speakers")})
   AND (:about IS NULL OR EXISTS (
        SELECT 1 FROM mentions m WHERE m.document_id = q.document_id
           AND m.start >= q.start AND m."end" <= q."end" AND m.actor_id {_IN.format("about")}))
 ORDER BY d.date IS NULL, d.date DESC, q.document_id, q.start
 LIMIT :limit
"""


def quotes(store: Store, *, speaker: str | None = None, about: str | None = None,
           kind: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = 50, kb: KnowledgeBase | None = None) -> list[QuoteView]:
    """Quotes, most recent first: by a speaker, mentioning an actor inside the quoted words,
    of one kind, between two document dates (inclusive). Names resolve as in
    ``resolve_actor``; ``about`` a state finds quotes naming the state itself
    (``Pékin``, ``la Chine``), not its ministries."""
    if kind is not None and kind not in ("direct", "reported"):
        raise InputError(f"unknown quote kind {kind!r}; choose direct or reported")
    _check_date("since", since)
    _check_date("until", until)
    params = {
        "kind": kind, "since": since, "until": until, "limit": _check_limit(limit),
        "speakers": _ids([resolve_actor(speaker, kb=kb, store=store)] if speaker else None),
        "about": _ids([resolve_actor(about, kb=kb, store=store)] if about else None),
    }
    return [_quote_view(r) for r in store.rows(_QUOTES_SQL, params)]


def _quote_view(r: sqlite3.Row) -> QuoteView:
    return QuoteView(quote_of(r), r["span_text"], r["document_date"], r["document_title"])


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
            _check_date(name, getattr(self, name))


_EVENTS_SQL = """
SELECT e.*, d.date AS document_date, substr(d.text, e.start + 1, e."end" - e.start) AS span_text
  FROM events e JOIN documents d ON d.id = e.document_id
 WHERE {dyad}
   AND (:type IS NULL OR e.type = :type) AND (:negated OR e.negated = 0)
   AND (:since IS NULL OR COALESCE(e.date, d.date) >= :since)
   AND (:until IS NULL OR COALESCE(e.date, d.date) <= :until)
 ORDER BY COALESCE(e.date, d.date) IS NULL, COALESCE(e.date, d.date) DESC,
          e.document_id, e.start
 LIMIT :limit
"""


def events(store: Store, filters: EventFilters | None = None, *, limit: int | None = 100,
           kb: KnowledgeBase | None = None) -> list[EventView]:
    """Events matching ``filters``, most recent first."""
    filters = filters or EventFilters()
    kb = kb or load_knowledge_base()
    return _events(store, filters, _scope(store, filters.source, kb),
                   _scope(store, filters.target, kb), limit)


def _events(store: Store, filters: EventFilters, sources: frozenset[str] | None,
            targets: frozenset[str] | None, limit: int | None) -> list[EventView]:
    """Events between resolved sets of actor ids (None: any actor)."""
    params: dict[str, Any] = {
        "sources": _ids(sources), "targets": _ids(targets),
        "type": filters.type.upper() if filters.type else None,
        "negated": int(filters.include_negated), "since": filters.since,
        "until": filters.until, "limit": _check_limit(limit),
    }
    sql = _EVENTS_SQL.format(dyad=_dyad_sql(sources is not None, targets is not None,
                                            filters.both_directions))
    return [EventView(event_of(r), r["span_text"], r["date"] or r["document_date"])
            for r in store.rows(sql, params)]


def _scope(store: Store, ref: str | None, kb: KnowledgeBase) -> frozenset[str] | None:
    if ref is None:
        return None
    return actor_scope(resolve_actor(ref, kb=kb, store=store), kb=kb)


def _dyad_sql(has_sources: bool, has_targets: bool, both: bool) -> str:
    def side(column: str, param: str, present: bool) -> str:
        return f"e.{column} {_IN.format(param)}" if present else "1"

    forward = (f"({side('source_actor', 'sources', has_sources)} AND "
               f"{side('target_actor', 'targets', has_targets)})")
    if not both:
        return forward
    backward = (f"({side('source_actor', 'targets', has_targets)} AND "
                f"{side('target_actor', 'sources', has_sources)})")
    return f"({forward} OR {backward})"


def dyad_timeline(store: Store, source: str, target: str, *, both_directions: bool = False,
                  since: str | None = None, until: str | None = None,
                  include_negated: bool = False,
                  kb: KnowledgeBase | None = None) -> timelines.Timeline:
    """Events between two parties per month: counts by type and mean Goldstein score."""
    kb = kb or load_knowledge_base()
    filters = EventFilters(since=since, until=until, include_negated=include_negated,
                           both_directions=both_directions)
    source_id = resolve_actor(source, kb=kb, store=store)
    target_id = resolve_actor(target, kb=kb, store=store)
    views = _events(store, filters, actor_scope(source_id, kb=kb),
                    actor_scope(target_id, kb=kb), None)
    return timelines.build_timeline(
        (dataclasses.replace(v.event, date=v.date) for v in views),
        source=source_id, target=target_id,
        source_name=actor_name(source_id, kb=kb) or source_id,
        target_name=actor_name(target_id, kb=kb) or target_id,
        both_directions=both_directions,
    )


# -- one actor ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorDocument:
    """A document that mentions an actor, and how many times."""

    document_id: str
    date: str | None
    title: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """What the knowledge base knows of an actor and what the store holds about them.

    ``actor`` is None for an id only the store knows. Lists are most recent first and cut
    at the profile's limit; the ``*_total`` figures count them all. ``answer_turns`` counts
    the press-conference answers the actor gave (non-zero for spokespersons).
    """

    actor_id: str
    actor: Actor | None
    mentions: int
    documents: tuple[ActorDocument, ...]
    documents_total: int
    quotes: tuple[QuoteView, ...]
    quotes_total: int
    answer_turns: int
    events: tuple[EventView, ...]
    events_total: int


def actor_profile(store: Store, ref: str, *, limit: int | None = 20,
                  kb: KnowledgeBase | None = None) -> ActorProfile:
    """One actor's profile: knowledge-base facts, documents, quotes, answers, events."""
    kb = kb or load_knowledge_base()
    actor_id = resolve_actor(ref, kb=kb, store=store)
    cut = _check_limit(limit)
    one = {"id": actor_id}
    documents = store.rows(
        "SELECT d.id, d.date, d.title, count(*) FROM mentions m JOIN documents d "
        "ON d.id = m.document_id WHERE m.actor_id = :id GROUP BY d.id "
        "ORDER BY d.date IS NULL, d.date DESC, d.id", one)
    said = quotes(store, speaker=actor_id, limit=None, kb=kb)
    involved = _events(store, EventFilters(both_directions=True), frozenset({actor_id}),
                       None, None)
    return ActorProfile(
        actor_id=actor_id, actor=kb.actor(actor_id),
        mentions=sum(r[3] for r in documents),
        documents=tuple(ActorDocument(*r) for r in _cut(documents, cut)),
        documents_total=len(documents),
        quotes=tuple(_cut(said, cut)), quotes_total=len(said),
        answer_turns=int(store.rows(
            "SELECT count(*) FROM turns WHERE role = 'answer' AND speaker_actor = :id",
            one)[0][0]),
        events=tuple(_cut(involved, cut)), events_total=len(involved),
    )


def _cut(items: list[Any], limit: int) -> list[Any]:
    return items if limit < 0 else items[:limit]


# -- mechanisms ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MechanismUpdateView:
    """A stored status update with its evidence words; ``date`` is the update's, else its
    document's."""

    update: MechanismUpdate
    evidence: str
    date: str | None


@dataclass(frozen=True, slots=True)
class MechanismHistory:
    """A mechanism's updates oldest first; ``current`` is the latest by date."""

    mechanism: Mechanism  # from the catalog, or a stand-in named by the id alone
    history: tuple[MechanismUpdateView, ...]

    @property
    def current(self) -> MechanismUpdateView | None:
        return self.history[-1] if self.history else None


def mechanisms(store: Store, *, mechanism: str | None = None,
               catalog: Mapping[str, Mechanism] | None = None) -> list[MechanismHistory]:
    """Every mechanism with stored updates (or only ``mechanism``: an id, name or alias),
    with its history in date order; undated updates come first, in the order stored.

    ``catalog`` maps ids to the tracked mechanisms (default: ``knowledge/mechanisms.yaml``
    through ``mechanisms.catalog.load_catalog``). Updates stored under an id it does not
    list (written with older knowledge) are still shown, named by their id.
    """
    from porteparole.mechanisms.catalog import Mechanism

    catalog = mechanism_catalog() if catalog is None else catalog
    wanted = _mechanism_id(store, mechanism, catalog) if mechanism else None
    rows = store.rows(
        "SELECT u.*, COALESCE(u.date, d.date) AS effective_date, "
        "substr(d.text, u.start + 1, u.\"end\" - u.start) AS span_text "
        "FROM mechanism_updates u JOIN documents d ON d.id = u.document_id "
        "WHERE (:id IS NULL OR u.mechanism_id = :id) "
        "ORDER BY u.mechanism_id, effective_date IS NOT NULL, effective_date, u.pk",
        {"id": wanted})
    grouped: dict[str, list[MechanismUpdateView]] = {}
    for r in rows:
        view = MechanismUpdateView(update_of(r), r["span_text"], r["effective_date"])
        grouped.setdefault(r["mechanism_id"], []).append(view)
    if wanted and wanted not in grouped:
        grouped[wanted] = []
    return [MechanismHistory(catalog.get(m) or Mechanism(m, m, "unknown", (), (), {}),
                             tuple(views))
            for m, views in grouped.items()]


def _mechanism_id(store: Store, ref: str, catalog: Mapping[str, Mechanism]) -> str:
    if ref in catalog:
        return ref
    key = fold(ref)
    for m in catalog.values():
        names = (m.id, m.name, *(a for aliases in m.aliases.values() for a in aliases))
        if key in {fold(n) for n in names}:
            return m.id
    if store.rows("SELECT 1 FROM mechanism_updates WHERE mechanism_id = ? LIMIT 1", (ref,)):
        return ref
    known = ", ".join(sorted(catalog)) or "none in the knowledge files"
    raise InputError(f"no mechanism is named {ref!r}; known ids: {known}")


def mechanism_catalog() -> dict[str, Mechanism]:
    """The tracked mechanisms of ``knowledge/mechanisms.yaml``, by id."""
    from porteparole.mechanisms.catalog import load_catalog

    return {m.id: m for m in load_catalog().mechanisms}
