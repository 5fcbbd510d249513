"""What stands between the network and the store: the token, size limits, safe headers.

- **Token.** Writes always need the operator's token (``--token`` or
  ``PORTEPAROLE_TOKEN``); with no token configured, writes are refused. Reads are open
  unless the operator closes them (``--private``), then they need the token too. The
  token comes as ``Authorization: Bearer …``, or as the cookie the UI's sign-in page sets;
  it is compared in constant time (``hmac.compare_digest``).
- **Sizes.** A request body larger than the limit is refused with 413 before it is read
  whole: the declared ``Content-Length`` is checked first, and the bytes actually received
  are counted too (a chunked upload cannot declare its size).
- **Headers.** Every response carries a content security policy that allows only this
  server's own scripts, styles and images (no inline script, no framing), ``nosniff`` and
  no referrer.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

from porteparole.api.errors import ApiError

TOKEN_COOKIE = "porteparole_token"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


def same_token(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def presented_token(request: Request) -> str | None:
    """The token a request carries: a bearer header first, else the UI's cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(TOKEN_COOKIE)


def check_access(request: Request, token: str | None, *, write: bool, private: bool) -> None:
    """Raise the ``ApiError`` a request deserves, or nothing when it may go on."""
    if not write and not private:
        return
    if token is None:
        if write:
            raise ApiError(403, "writes_disabled",
                           "this server accepts no writes: start it with --token (or "
                           "PORTEPAROLE_TOKEN) to allow them")
        return
    given = presented_token(request)
    if given is None:
        raise ApiError(401, "token_required",
                       "this request needs the server's token: send 'Authorization: Bearer "
                       "<token>'")
    if not same_token(given, token):
        raise ApiError(403, "wrong_token", "the token sent is not this server's token")


class LimitsAndHeaders:
    """ASGI middleware: refuse bodies over ``max_body`` bytes; add the security headers."""

    def __init__(self, app: Asgi, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        refused = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if refused:  # the 413 is sent: whatever the app says after it is dropped
                return
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _too_large(send_with_headers, self.max_body)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Answer 413 now and tell the app the client has gone: it stops reading.
                    if not started:
                        await _too_large(send_with_headers, self.max_body)
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except Exception:
            if not refused:
                raise


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"error": "too_large",
                       "message": f"the request body is larger than {limit} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
