"""Errors as JSON: ``{"error": code, "message": sentence}`` with the status that fits.

A library ``InputError`` (a bad filter, an unknown reason) is 400, a ``QueryError`` (a
malformed search) 400 too, a record that does not exist 404, a ``StoreError`` 503 (the
store cannot be read now); a request the schema refuses is 422 with the fields named.
Nothing else reaches the client: an unexpected exception is a 500 with a fixed message.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from porteparole.errors import InputError, PorteparoleError, QueryError, StoreError
from porteparole.query import AmbiguousName, UnknownName


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str
    message: str
    detail: list[Any] | None = None


class ApiError(Exception):
    """An error a route raises on purpose, with its status and code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "The request is understood but its values are wrong (a bad filter or query)."),
        (401, "The server's token is needed."),
        (403, "The token is wrong, or writes are disabled."),
        (404, "No such record."),
        (413, "The request body is too large."),
        (422, "The request does not match the schema."),
        (503, "The store cannot be read."),
    )
}


def error_response(status: int, code: str, message: str,
                   detail: list[Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)


def respond(request: Request, status: int, code: str, message: str,
            detail: list[Any] | None = None) -> Response:
    """JSON for the API, an HTML page (or the sign-in redirect) for the UI."""
    path = request.url.path
    if path.startswith("/api/") and not path.endswith("/docs"):
        return error_response(status, code, message, detail)
    from porteparole.web.pages import error_page

    return error_page(request, status, message)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into ``ErrorBody`` JSON (or a page)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return respond(request, error.status, error.code, error.message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError) -> Response:
        return respond(request, 400, "bad_query", _plain(error))

    @app.exception_handler(AmbiguousName)
    async def ambiguous(request: Request, error: AmbiguousName) -> Response:
        candidates = [{"id": a.id, "name": a.name, "type": a.type, "country": a.country}
                      for a in error.candidates]
        return respond(request, 400, "ambiguous_name", _plain(error), candidates)

    @app.exception_handler(UnknownName)
    async def unknown(request: Request, error: UnknownName) -> Response:
        return respond(request, 404, "not_found", _plain(error))

    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> Response:
        return respond(request, 400, "bad_request", _plain(error))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        return respond(request, 503, "store_unavailable", _plain(error))

    @app.exception_handler(PorteparoleError)
    async def other_error(request: Request, error: PorteparoleError) -> Response:
        return respond(request, 500, "internal", _plain(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in error.errors())
        detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in error.errors()]
        return respond(request, 422, "invalid_request", f"invalid values in: {fields}", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return respond(request, error.status_code, code, str(error.detail))


def _plain(error: PorteparoleError) -> str:
    """The message without the ``[PP100]`` code prefix (the JSON has its own code)."""
    return str(error.args[0]) if error.args else str(error)
