"""The pages: search, document, actors, dyad, mechanisms, rejected inputs, API docs.

Each route asks ``porteparole.query`` and renders a template; links and plain ``GET``
forms do all the navigation, so every page works with the keyboard and without script.
A list shows one page and links to the next by its cursor (``pager``), as the API pages.
When the operator closes reads (``--private``), the pages need the token as well: the
sign-in form keeps it in an HTTP-only, same-site cookie.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from porteparole import query
from porteparole.api.app import store_of
from porteparole.api.errors import ApiError
from porteparole.api.security import TOKEN_COOKIE, presented_token, same_token
from porteparole.errors import InputError
from porteparole.store import Store
from porteparole.timeline import render_svg
from porteparole.web import highlight
from porteparole.web.charts import mechanisms_svg

if TYPE_CHECKING:
    from porteparole.api.app import ServerConfig

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(include_in_schema=False)
open_router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_of)]
Opt = Annotated[str | None, Query(max_length=200)]
CursorParam = Annotated[str | None, Query(max_length=2000)]


def actor_url(actor_id: str | None) -> str | None:
    return None if actor_id is None else f"/actors/{quote(actor_id, safe='')}"


@pass_context
def _name(context: Context, actor_id: str | None) -> str | None:
    """An actor's stored name in a template: from the page's ``names`` (read from the
    store by the route), the id itself for an actor the store does not describe."""
    if actor_id is None:
        return None
    names: dict[str, str] = context.get("names") or {}
    return names.get(actor_id, actor_id)


templates.env.globals.update(actor_url=actor_url, actor_name=_name)


def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=code)


def require_sign_in(request: Request, config: ServerConfig) -> None:
    """Pages follow the API's read rule; a closed server sends people to sign in."""
    if not config.private or config.token is None:
        return
    if not same_token(presented_token(request), config.token):
        raise ApiError(401, "sign_in", "sign in with the server's token")


def error_page(request: Request, status: int, message: str) -> Response:
    if status == 401:
        return RedirectResponse("/login", status_code=303)
    return page(request, "error.html", status, status=status, message=message)


# -- search -------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request, store: StoreDep,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    language: Opt = None, kind: Opt = None, spokesperson: Opt = None, outlet: Opt = None,
    actor: Opt = None, topic: Opt = None, event_type: Opt = None, year: Opt = None,
    since: Opt = None, until: Opt = None, cursor: CursorParam = None,
) -> HTMLResponse:
    given = {k: v for k, v in dict(language=language, kind=kind, spokesperson=spokesperson,
                                   outlet=outlet, actor=actor, topic=topic,
                                   event_type=event_type, year=year, since=since,
                                   until=until).items() if v}
    context: dict[str, Any] = {"q": q or "", "given": given, "results": None, "error": None}
    if not q or not q.strip():
        context["names"] = query.actor_names(store)
        context["summary"] = query.report(store)
        context["dyads"] = query.top_dyads(store, limit=8)
        return page(request, "search.html", **context)
    try:
        g = given.get  # an empty field of the form is no filter
        filters = query.Filters(
            language=g("language"), kind=g("kind"), spokesperson=g("spokesperson"),
            outlet=g("outlet"), actor=g("actor"), topic=g("topic"),
            event_type=g("event_type"), year=g("year"), since=g("since"), until=g("until"))
        results = query.search_page(store, q, filters, limit=SEARCH_PAGE, cursor=cursor)
        context["names"] = query.actor_names(store)
    except InputError as error:
        context["error"] = str(error.args[0])
        return page(request, "search.html", 400, **context)
    context["results"] = results
    context["snippet"] = lambda s: highlight.snippet_html(s, query.MARK_START, query.MARK_END)
    context["link"] = lambda **change: _search_url(q, given, change)
    context["pages"] = pager({"q": q, **given}, cursor, results.next_cursor)
    return page(request, "search.html", **context)


SEARCH_PAGE = 20  # hits per page


@dataclass(frozen=True, slots=True)
class PageLinks:
    """The links of a paged list (``pager.html``): the page after this one, and back to the
    start when this page is not the first."""

    next_url: str | None
    first_url: str | None


def pager(given: dict[str, str], cursor: str | None, next_cursor: str | None) -> PageLinks:
    """The links of a page reached by ``cursor``; ``given`` keeps the list's filters."""
    next_url = None if next_cursor is None else "?" + urlencode(
        {**given, "cursor": next_cursor})
    return PageLinks(next_url, None if cursor is None else "?" + urlencode(given))


def _search_url(q: str, given: dict[str, str], change: dict[str, Any]) -> str:
    params = {"q": q, **given}
    for key, value in change.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "/?" + urlencode(params)


# -- document -----------------------------------------------------------------------------


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    try:
        view = query.get_document(store, doc_id)
    except InputError as error:
        raise ApiError(404, "not_found", str(error.args[0])) from None
    a = view.analysis
    return page(request, "document.html", view=view, doc=a.document, names=view.names,
                blocks=highlight.blocks(a), span=a.span_text,
                quotes=list(enumerate(a.quotes)), events=list(enumerate(a.events)),
                mentions=list(enumerate(a.mentions)), topics=list(enumerate(a.topics)),
                updates=list(enumerate(a.mechanism_updates)))


# -- actors -------------------------------------------------------------------------------


ACTORS_PAGE = 200  # actors listed per page


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: StoreDep, cursor: CursorParam = None
                ) -> HTMLResponse:
    ranking = _paged(lambda: query.actor_page(store, limit=ACTORS_PAGE, cursor=cursor))
    return page(request, "actors.html", ranking=ranking,
                pages=pager({}, cursor, ranking.next_cursor))


T = TypeVar("T")


def _paged(fetch: Callable[[], T]) -> T:
    """A page of a list; a cursor the list did not give is a 400 page saying so."""
    try:
        return fetch()
    except InputError as error:
        raise ApiError(400, "bad_request", str(error.args[0])) from None


@router.get("/actors/{ref}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, ref: str) -> HTMLResponse:
    try:
        profile = query.actor_profile(store, ref, limit=100)
    except query.AmbiguousName as error:
        return page(request, "candidates.html", 300, ref=ref, candidates=error.candidates)
    except query.UnknownName as error:
        raise ApiError(404, "not_found", str(error.args[0])) from None
    return page(request, "actor.html", p=profile, a=profile.actor,
                names={**profile.names, **_event_names(profile.events)})


# -- dyads --------------------------------------------------------------------------------


@router.get("/dyads", response_class=HTMLResponse, response_model=None)
def dyads_page(request: Request, store: StoreDep, source: Opt = None,
               target: Opt = None, cursor: CursorParam = None) -> Response:
    if source and target:
        return RedirectResponse(f"/dyads/{quote(source, safe='')}/{quote(target, safe='')}",
                                status_code=303)
    dyads = _paged(lambda: query.dyad_page(store, limit=DYADS_PAGE, cursor=cursor))
    return page(request, "dyads.html", dyads=dyads.items,
                pages=pager({}, cursor, dyads.next_cursor))


DYADS_PAGE = 50  # dyads listed per page


DYAD_EVENTS_PAGE = 100  # events listed under a dyad's chart, per page


@router.get("/dyads/{source}/{target}", response_class=HTMLResponse)
def dyad_page(request: Request, store: StoreDep, source: str, target: str,
              both_directions: bool = False, cursor: CursorParam = None) -> HTMLResponse:
    try:
        source_id = query.resolve_actor(source, store=store)
        target_id = query.resolve_actor(target, store=store)
    except query.UnknownName as error:
        raise ApiError(404, "not_found", str(error.args[0])) from None
    timeline = query.dyad_timeline(store, source_id, target_id,
                                   both_directions=both_directions)
    filters = query.Filters(source=source_id, target=target_id,
                            both_directions=both_directions)
    events = _paged(lambda: query.event_page(store, filters, limit=DYAD_EVENTS_PAGE,
                                             cursor=cursor))
    links = pager({"both_directions": str(both_directions).lower()}, cursor,
                  events.next_cursor)
    svg = render_svg(timeline).split("?>", 1)[-1]  # inline: no XML declaration
    return page(request, "dyad.html", t=timeline, chart=Markup(svg), events=events.items,
                both=both_directions, names=_event_names(events.items), pages=links)


def _event_names(views: Iterable[query.EventView]) -> dict[str, str]:
    """The stored names the events carry, by id, for the templates' ``actor_name``."""
    names: dict[str, str] = {}
    for v in views:
        for actor_id, name in ((v.event.source_actor, v.source_name),
                               (v.event.target_actor, v.target_name)):
            if actor_id and name:
                names[actor_id] = name
    return names


# -- mechanisms, rejected, docs -------------------------------------------------------------


MECHANISMS_PAGE = 50  # mechanisms charted and listed per page


@router.get("/mechanisms", response_class=HTMLResponse)
def mechanisms_page(request: Request, store: StoreDep, cursor: CursorParam = None
                    ) -> HTMLResponse:
    found = _paged(lambda: query.mechanism_page(store, limit=MECHANISMS_PAGE, cursor=cursor))
    histories = list(found.items)
    names = {p: n for h in histories for v in h.history
             for p, n in zip(v.update.parties, v.party_names, strict=False)}
    return page(request, "mechanisms.html", histories=histories, names=names,
                chart=Markup(mechanisms_svg(histories)),
                pages=pager({}, cursor, found.next_cursor))


@router.get("/rejected", response_class=HTMLResponse)
def rejected_page(request: Request, store: StoreDep, reason: Opt = None,
                  cursor: CursorParam = None) -> HTMLResponse:
    from porteparole.errors import REJECTION_REASONS

    entries = _paged(lambda: query.rejected_page(store, query.Filters(reason=reason or None),
                                                 limit=REJECTED_PAGE, cursor=cursor))
    given = {"reason": reason} if reason else {}
    return page(request, "rejected.html", entries=entries.items, reason=reason,
                reasons=REJECTION_REASONS, pages=pager(given, cursor, entries.next_cursor))


REJECTED_PAGE = 200  # rejected inputs listed per page


@router.get("/api/v1/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = [(path, method.upper(), op) for path, item in schema["paths"].items()
                  for method, op in item.items()]
    return page(request, "apidocs.html", operations=operations, schema=schema)


# -- sign-in --------------------------------------------------------------------------------


@open_router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return page(request, "login.html", failed=False)


@open_router.post("/login", response_class=HTMLResponse, response_model=None)
def login(request: Request, token: Annotated[str, Form(max_length=500)]) -> Response:
    config = request.app.state.config
    if config.token is None or not same_token(token, config.token):
        return page(request, "login.html", 403, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
