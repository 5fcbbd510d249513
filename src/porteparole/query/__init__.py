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
store keeps for them, in any language (``resolve_actor``). Every name, type, country and
role a view shows comes from the store (its ``actors`` and ``mechanisms`` tables, written
with the records: ``porteparole.described``), joined in SQL: no module here reads the
knowledge files or imports an analysis stage. In event filters a state stands
for itself and every person and organization of that country (``actor_scope``): ``CHN``
matches events of ``CHN``, ``CHN-MND`` and ``wu-qian``. Lists of quotes and events come
most recent first; an event's date is its own, else its document's.

Every list takes one ``Filters`` object (each list refuses with ``InputError`` a field it
does not read) and pages by keyset: ``search_page``, ``actor_page``, ``quote_page``,
``event_page``, ``dyad_page``, ``mechanism_page`` and ``rejected_page`` take a ``limit``
and the opaque ``cursor`` a previous ``Page.next_cursor`` gave, and return a ``Page``
(``items``, ``next_cursor``; ``SearchPage`` and ``ActorPage`` add their totals). The order
of each list is total, so a walk gives every row once (``_paging``). ``search``,
``actors``, ``quotes``, ``events``, ``top_dyads``, ``mechanisms`` and ``rejected`` give
the same rows on one list, for callers that want no paging.

The work is done in private modules, one concern each (``_fts`` the query language,
``_search``, ``_documents``, ``_report``, ``_actors``, ``_quotes``, ``_events``, ``_profiles``,
``_mechanisms``, ``_facets`` search paging and facet counts, ``_paging`` filters and
cursors, ``_dyads`` the most active dyads,
``_json`` the one conversion of a view into JSON); callers import from
``porteparole.query`` alone. The modules are private so that ``query.search`` or
``query.events`` is always the function, never a submodule.
"""

from __future__ import annotations

from porteparole.query._actors import (
    ActorCount,
    ActorPage,
    AmbiguousName,
    SurfaceCount,
    UnknownName,
    actor_name,
    actor_names,
    actor_page,
    actor_scope,
    actors,
    resolve_actor,
    stored_actor,
    stored_actors,
)
from porteparole.query._documents import (
    DocumentView,
    RejectedEntry,
    get_document,
    rejected,
    rejected_page,
    resolve_id,
    sources_outside,
)
from porteparole.query._dyads import DyadCount, dyad_page, top_dyads
from porteparole.query._events import (
    EventView,
    dyad_timeline,
    event_page,
    events,
)
from porteparole.query._exports import (
    ExportEvent,
    export_events,
    referenced_actor_ids,
)
from porteparole.query._facets import (
    FACETS,
    MAX_PAGE,
    Facet,
    FacetValue,
    SearchPage,
    facet_counts,
    search_page,
)
from porteparole.query._fts import to_fts
from porteparole.query._json import to_jsonable
from porteparole.query._mechanisms import (
    MechanismHistory,
    MechanismUpdateView,
    StoredMechanism,
    mechanism_page,
    mechanisms,
    stored_mechanisms,
)
from porteparole.query._paging import Filters, Page
from porteparole.query._profiles import ActorDocument, ActorProfile, actor_profile
from porteparole.query._quotes import QuoteView, quote_page, quotes
from porteparole.query._report import (
    ConferenceRow,
    FlagCount,
    LanguageKindCount,
    OutletCount,
    ReasonCount,
    Report,
    report,
)
from porteparole.query._search import (
    MARK_END,
    MARK_START,
    SNIPPET_TOKENS,
    TITLE_WEIGHT,
    SearchHit,
    search,
)
from porteparole.query._summary import (
    ConferenceSummary,
    MechanismStatus,
    SpokespersonCount,
    Summary,
    summary,
)

__all__ = [
    "FACETS", "MAX_PAGE", "ActorPage", "DyadCount", "actor_page", "dyad_page",
    "mechanism_page", "Facet", "FacetValue", "SearchPage", "facet_counts",
    "search_page", "to_jsonable", "top_dyads", "AmbiguousName", "UnknownName",
    "ConferenceSummary", "MechanismStatus", "SpokespersonCount", "Summary", "summary",
    "ExportEvent", "export_events", "referenced_actor_ids",
    "MARK_END", "MARK_START", "SNIPPET_TOKENS", "TITLE_WEIGHT",
    "ActorCount", "ActorDocument", "ActorProfile", "ConferenceRow",
    "DocumentView", "EventView", "FlagCount", "LanguageKindCount",
    "MechanismHistory", "MechanismUpdateView", "OutletCount", "QuoteView", "ReasonCount",
    "RejectedEntry", "Report", "SearchHit", "SurfaceCount",
    "actor_name", "actor_names", "stored_actor", "stored_actors",
    "actor_profile", "actor_scope", "actors",
    "dyad_timeline", "events", "get_document", "stored_mechanisms", "StoredMechanism",
    "mechanisms", "quotes", "rejected", "report",
    "Filters", "Page", "event_page", "quote_page", "rejected_page",
    "resolve_actor", "resolve_id", "search", "sources_outside", "to_fts",
]
