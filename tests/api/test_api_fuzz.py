"""Schemathesis fuzzes the API from its own OpenAPI schema, in-process and against the live
server over HTTP: no request it makes gives a server error, and every response matches the
schema (status, type, body).

A fixed budget (``EXAMPLES`` a read endpoint, fewer for writes, whose cases run the NLP)
and derandomized generation keep the run short and the same on every machine. The writes
are fuzzed with the token, on a copy of the store, so that the success path is checked too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from live_server import live_server
from porteparole.api import ServerConfig, create_app

pytestmark = pytest.mark.slow

TOKEN = "fuzzing-token-123"
EXAMPLES = 25
LIVE_EXAMPLES = 10
WRITE_EXAMPLES = 6
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


def test_no_server_error_and_no_schema_violation(store_copy: Path) -> None:
    app = create_app(ServerConfig(store_copy, token=TOKEN, max_body=200_000))
    _fuzz_schema(schemathesis.openapi.from_asgi("/api/v1/openapi.json", app), EXAMPLES)


def test_the_live_server_gives_no_server_error_and_no_schema_violation(
    store_copy: Path,
) -> None:
    """The same over real HTTP (uvicorn, loopback only), as an attacker would send it."""
    config = ServerConfig(store_copy, token=TOKEN, max_body=200_000)
    with live_server(config) as url:
        _fuzz_schema(schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json"), LIVE_EXAMPLES)


def _fuzz_schema(schema: Any, examples: int) -> None:
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    calls: list[int] = []
    for operation in operations:
        writes = operation.method.upper() == "POST"
        headers = {"Authorization": f"Bearer {TOKEN}"} if writes else None
        try:
            _fuzz(operation, headers, WRITE_EXAMPLES if writes else examples, calls)()
        except Exception as error:  # noqa: BLE001 - every operation is tried; all failures told
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    assert len(calls) > examples * 5


def _fuzz(operation: Any, headers: dict[str, str] | None, examples: int,
          calls: list[int]) -> Callable[[], None]:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        calls.append(1)
        case.call_and_validate(checks=CHECKS, headers=headers)

    return run


@pytest.mark.parametrize("path", ["/api/v1/search?q=%00", "/api/v1/search?q=%22%22",
                                  "/api/v1/search?q=*", "/api/v1/documents/%2e%2e",
                                  "/api/v1/actors/%00"])
def test_hostile_paths_and_queries_are_never_a_server_error(store_copy: Path,
                                                            path: str) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(ServerConfig(store_copy))) as client:
        response = client.get(path)
        assert response.status_code < 500, response.text
        assert response.headers["content-type"].startswith("application/json")
