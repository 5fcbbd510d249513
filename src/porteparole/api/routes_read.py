"""``GET`` endpoints: every question of ``porteparole.query``, answered as JSON.

Each route validates its parameters (FastAPI), calls one query function and sends the view
through ``query.to_jsonable`` (the conversion ``--json`` uses too). Filters are the CLI's.
Every list is a page: ``limit`` and ``cursor`` in, ``items`` and ``next_cursor`` out; a
cursor the list did not give is a 400 (``bad_request``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from porteparole import query
from porteparole.api.app import store_of
from porteparole.api.errors import ApiError
from porteparole.api.models import (
    ActorPageOut,
    MechanismOut,
    SearchPageOut,
    mechanism_page_out,
)
from porteparole.errors import InputError
from porteparole.query import DyadCount, EventView, Page, QuoteView, RejectedEntry
from porteparole.store import Store
from porteparole.timeline import Timeline, render_svg

router = APIRouter()
StoreDep = Annotated[Store, Depends(store_of)]
Text = Annotated[str | None, Query(max_length=200)]
Date = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, inclusive")]
PloverType = Annotated[str | None, Query(max_length=20, description="a PLOVER type")]
MAX_LIST = 1000
Cursor = Annotated[str | None, Query(max_length=2000, description="the next_cursor of the "
                                     "previous page; absent for the first page")]


def _json(view: Any) -> JSONResponse:
    return JSONResponse(query.to_jsonable(view))


@router.get("/search", response_model=SearchPageOut, tags=["search"])
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=1000,
                            description='words, "a phrase", a OR b, -word, prefix*')],
    language: Text = None, kind: Text = None, spokesperson: Text = None,
    outlet: Text = None, since: Date = None, until: Date = None, actor: Text = None,
    topic: Text = None, event_type: Text = None,
    year: Annotated[str | None, Query(max_length=4)] = None,
    limit: Annotated[int, Query(ge=1, le=query.MAX_PAGE)] = 20,
    cursor: Cursor = None,
    facets: bool = True,
) -> JSONResponse:
    """Documents and press-conference turns matching ``q``, best first: one page of hits,
    the total, and facet counts over the documents that match; pass ``next_cursor`` back
    as ``cursor`` for the next page."""
    filters = query.Filters(language=language, kind=kind, spokesperson=spokesperson,
                            outlet=outlet, since=since, until=until, actor=actor,
                            topic=topic, event_type=event_type, year=year)
    return _json(query.search_page(store, q, filters, limit=limit, cursor=cursor,
                                   facets=facets))


@router.get("/documents/{doc_id}", response_model=query.DocumentView, tags=["documents"])
def document(store: StoreDep, doc_id: str) -> JSONResponse:
    """One document (by id or unique id prefix) with its turns, paragraphs, mentions,
    quotes, events, topics and mechanism updates: spans into ``analysis.document.text``."""
    try:
        full_id = query.resolve_id(store, doc_id)
    except InputError as error:
        raise ApiError(404, "not_found", str(error.args[0])) from None
    return _json(query.get_document(store, full_id))


@router.get("/actors", response_model=ActorPageOut, tags=["actors"])
def actors(
    store: StoreDep, country: Text = None,
    type: Annotated[str | None, Query(max_length=20, description="person, state, "
                                      "organization or outlet")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50, cursor: Cursor = None,
) -> JSONResponse:
    """One page of actors by number of mentions, and the names no actor was found for;
    pass ``next_cursor`` back as ``cursor`` for the next page."""
    return _json(query.actor_page(store, query.Filters(country=country, type=type),
                                  limit=limit, cursor=cursor))


@router.get("/actors/{ref}", response_model=query.ActorProfile, tags=["actors"])
def actor(store: StoreDep, ref: str,
          limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50) -> JSONResponse:
    """One actor by id, name, alias or surname: facts, documents, quotes, events."""
    return _json(query.actor_profile(store, _actor_ref(store, ref), limit=limit))


def _actor_ref(store: Store, ref: str) -> str:
    try:
        return query.resolve_actor(ref, store=store)
    except query.UnknownName as error:
        raise ApiError(404, "not_found", str(error.args[0])) from None


@router.get("/quotes", response_model=Page[QuoteView], tags=["quotes"])
def quotes(
    store: StoreDep, speaker: Text = None, about: Text = None,
    kind: Annotated[str | None, Query(max_length=10, description="direct or reported")] = None,
    since: Date = None, until: Date = None, language: Text = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50, cursor: Cursor = None,
) -> JSONResponse:
    """One page of quotes, most recent first: by a speaker, naming an actor, of a kind,
    between dates; pass ``next_cursor`` back as ``cursor`` for the next page."""
    filters = query.Filters(since=since, until=until, language=language, kind=kind,
                            speaker=speaker, about=about)
    return _json(query.quote_page(store, filters, limit=limit, cursor=cursor))


@router.get("/events", response_model=Page[EventView], tags=["events"])
def events(
    store: StoreDep, source: Text = None, target: Text = None,
    type: PloverType = None,
    since: Date = None, until: Date = None, include_negated: bool = False,
    both_directions: bool = False, language: Text = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 100, cursor: Cursor = None,
) -> JSONResponse:
    """One page of events, most recent first; a state as source or target covers its
    institutions; pass ``next_cursor`` back as ``cursor`` for the next page."""
    filters = query.Filters(since=since, until=until, language=language, source=source,
                            target=target, type=type, include_negated=include_negated,
                            both_directions=both_directions)
    return _json(query.event_page(store, filters, limit=limit, cursor=cursor))


@router.get("/dyads", response_model=Page[DyadCount], tags=["events"])
def dyads(
    store: StoreDep, source: Text = None, target: Text = None,
    type: PloverType = None,
    since: Date = None, until: Date = None, language: Text = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 20, cursor: Cursor = None,
) -> JSONResponse:
    """One page of the source → target pairs with the most asserted events; pass
    ``next_cursor`` back as ``cursor`` for the next page."""
    filters = query.Filters(source=source, target=target, type=type, since=since,
                            until=until, language=language)
    return _json(query.dyad_page(store, filters, limit=limit, cursor=cursor))


@router.get("/dyads/{source}/{target}/timeline", response_model=Timeline, tags=["events"])
def dyad_timeline(
    store: StoreDep, source: str, target: str, both_directions: bool = False,
    since: Date = None, until: Date = None, include_negated: bool = False,
) -> JSONResponse:
    """Events between two parties per month: counts by type and mean Goldstein score."""
    return _json(timeline_of(store, source, target, both_directions, since, until,
                             include_negated))


@router.get("/dyads/{source}/{target}/chart.svg", tags=["events"],
            response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}, "description": "SVG chart"}})
def dyad_chart(
    store: StoreDep, source: str, target: str, both_directions: bool = False,
    since: Date = None, until: Date = None, include_negated: bool = False,
) -> Response:
    """The dyad's months as an SVG chart: events per month and mean Goldstein score."""
    timeline = timeline_of(store, source, target, both_directions, since, until,
                           include_negated)
    return Response(render_svg(timeline), media_type="image/svg+xml")


def timeline_of(store: Store, source: str, target: str, both_directions: bool,
                since: str | None, until: str | None, include_negated: bool) -> Timeline:
    """The dyad's timeline; an unknown party is a 404."""
    return query.dyad_timeline(store, _actor_ref(store, source), _actor_ref(store, target),
                               both_directions=both_directions, since=since, until=until,
                               include_negated=include_negated)


@router.get("/mechanisms", response_model=Page[MechanismOut], tags=["mechanisms"])
def mechanisms(store: StoreDep,
               id: Annotated[str | None, Query(max_length=200)] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50,
               cursor: Cursor = None) -> JSONResponse:
    """One page of tracked mechanisms, by id, with their status history, oldest first, and
    current status; pass ``next_cursor`` back as ``cursor`` for the next page."""
    page = query.mechanism_page(store, query.Filters(mechanism=id), limit=limit,
                                cursor=cursor)
    return _json(mechanism_page_out(page))


@router.get("/rejected", response_model=Page[RejectedEntry], tags=["rejected"])
def rejected(store: StoreDep, reason: Annotated[str | None, Query(max_length=40)] = None,
             limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 100,
             cursor: Cursor = None) -> JSONResponse:
    """One page of inputs kept aside, most recently met first, with the reason and
    detail; pass ``next_cursor`` back as ``cursor`` for the next page."""
    return _json(query.rejected_page(store, query.Filters(reason=reason), limit=limit,
                                     cursor=cursor))


@router.get("/report", response_model=query.Report, tags=["report"])
def report(store: StoreDep) -> JSONResponse:
    """What the store holds: documents by language and kind, conferences, outlets."""
    return _json(query.report(store))
