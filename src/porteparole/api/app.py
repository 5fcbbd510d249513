"""The application factory: configuration, middleware, error handlers, routers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.staticfiles import StaticFiles

from porteparole import __version__
from porteparole.api import errors
from porteparole.api.security import LimitsAndHeaders, check_access
from porteparole.errors import InputError
from porteparole.store import Store

API_PREFIX = "/api/v1"
DEFAULT_MAX_BODY = 20_000_000  # bytes: the reader's own limit for one document


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """What the operator decides: the store, the token, whether reads need it, limits."""

    db: Path
    token: str | None = None
    private: bool = False  # reads need the token too
    max_body: int = DEFAULT_MAX_BODY


class Stores:
    """One read-only connection per server thread (SQLite connections stay in their
    thread; a reader never migrates or writes), and one writer behind a lock for ingest."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._local = threading.local()
        self.write_lock = threading.Lock()

    def reader(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db, readonly=True)
            self._local.store = store
        return store


def create_app(config: ServerConfig) -> FastAPI:
    """The API and UI of the store ``config.db`` (which must exist)."""
    from porteparole.api import routes_read, routes_write
    from porteparole.web import pages

    if str(config.db) != ":memory:" and not Path(config.db).is_file():
        raise InputError(f"no store at {config.db}; create it with `porteparole ingest PATH`")
    app = FastAPI(
        title="porteparole",
        version=__version__,
        summary="Who said what, to whom, about what: the records of a porteparole store.",
        description="Every record is a span (``start``, ``end``: character offsets) of its "
                    "document's ``text``. Errors are JSON: ``{error, message}``.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the stock pages load scripts from a CDN; ours is server-rendered
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
    )
    app.state.config = config
    app.state.stores = Stores(config.db)
    errors.install(app)
    reads = [Depends(_read_access)]
    app.include_router(routes_read.router, prefix=API_PREFIX, dependencies=reads)
    writes = [Depends(_write_access)]
    app.include_router(routes_write.router, prefix=API_PREFIX, dependencies=writes)
    app.include_router(pages.router, dependencies=[Depends(_page_access)])
    app.include_router(pages.open_router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    app.add_middleware(LimitsAndHeaders, max_body=config.max_body)
    return app


def _read_access(request: Request) -> None:
    config: ServerConfig = request.app.state.config
    check_access(request, config.token, write=False, private=config.private)


def _write_access(request: Request) -> None:
    config: ServerConfig = request.app.state.config
    check_access(request, config.token, write=True, private=config.private)


def _page_access(request: Request) -> None:
    from porteparole.web.pages import require_sign_in

    config: ServerConfig = request.app.state.config
    require_sign_in(request, config)


def store_of(request: Request) -> Iterator[Store]:
    """The request's read connection (a FastAPI dependency)."""
    stores: Stores = request.app.state.stores
    yield stores.reader()
