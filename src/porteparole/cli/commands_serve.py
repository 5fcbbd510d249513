"""``porteparole serve``: the REST API and the web UI of a store, from one process.

Binds 127.0.0.1 unless ``--host`` says otherwise: exposing a store to a network is the
operator's explicit choice. The token (``--token`` or ``PORTEPAROLE_TOKEN``) allows writes;
``--private`` makes reads need it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from porteparole.cli.common import DEFAULT_DB, DbOption, user_errors
from porteparole.errors import InputError


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 exposes the server "
                                           "to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="PORTEPAROLE_TOKEN", show_default=False,
        help="Token that writes (POST) need; without one the server is read-only.")] = None,
    private: Annotated[bool, typer.Option(
        "--private", help="Reads need the token too (API and pages).")] = False,
    max_body: Annotated[int, typer.Option(
        "--max-body", min=1024, help="Largest request body accepted, in bytes.")] = 20_000_000,
) -> None:
    """Serve the API (/api/v1, docs at /api/v1/docs) and the web UI of a store."""
    import uvicorn

    from porteparole.api import ServerConfig, create_app

    with user_errors():
        if private and not token:
            raise InputError("--private needs --token (or PORTEPAROLE_TOKEN): a closed "
                             "server without a token could not be opened at all")
        if token is not None and len(token) < 8:
            raise InputError("the token must be at least 8 characters long")
        app = create_app(ServerConfig(Path(db), token=token, private=private,
                                      max_body=max_body))
    Console(stderr=True).print(f"serving {db} on http://{host}:{port}/  "
                               f"(API: http://{host}:{port}/api/v1/docs)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_command)
