"""Checks and SQL pieces every query module shares."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date as Date
from typing import Any

from porteparole.errors import InputError


def check_date(name: str, value: str | None) -> None:
    """Refuse a date that is not ``YYYY-MM-DD``; ``name`` is the option the user gave."""
    if value is None:
        return
    try:
        valid = len(value) == 10 and Date.fromisoformat(value) is not None
    except ValueError:
        valid = False
    if not valid:
        raise InputError(f"--{name} {value!r} is not an ISO date; write it YYYY-MM-DD")


def check_limit(limit: int | None) -> int:
    """A LIMIT value: at least 1, or -1 (SQLite's "no limit") for None."""
    if limit is None:
        return -1
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    return limit


def json_ids(values: Iterable[str] | None) -> str | None:
    """A set of ids as a JSON array for ``json_each`` (None: no restriction)."""
    return None if values is None else json.dumps(sorted(values), ensure_ascii=False)


IN_JSON = "IN (SELECT value FROM json_each(:{}))"


def cut_to(items: list[Any], limit: int) -> list[Any]:
    """The first ``limit`` items, or all for -1 (a ``check_limit`` value)."""
    return items if limit < 0 else items[:limit]
