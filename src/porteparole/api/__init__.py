"""The REST API and the web UI of a store, served by one FastAPI application.

``create_app`` builds it; ``porteparole serve`` runs it with uvicorn. The API lives under
``/api/v1`` (schema at ``/api/v1/openapi.json``, a docs page at ``/api/v1/docs``); the
server-rendered pages of ``porteparole.web`` at ``/``. Both ask ``porteparole.query`` every
question and render what it returns; neither writes SQL.
"""

from __future__ import annotations

from porteparole.api.app import API_PREFIX, ServerConfig, create_app

__all__ = ["API_PREFIX", "ServerConfig", "create_app"]
