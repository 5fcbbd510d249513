"""Views as JSON: the one conversion the CLI's ``--json`` and the REST API share.

A view is a frozen dataclass (or a list or tuple of them). Its fields become an object's
members, in declaration order, and so do its public properties (``Timeline.total``,
``MechanismHistory.current``, ``Report.rejected``): what a table shows from a property, a
script reads from the JSON too. Tuples become arrays; mappings keep their keys as strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any


def to_jsonable(value: Any) -> Any:
    """``value`` as plain JSON data (dicts, lists, strings, numbers, booleans, None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in _properties(type(value)):
            out[name] = to_jsonable(getattr(value, name))
        return out
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [to_jsonable(v) for v in items]
    return value


def _properties(cls: type) -> list[str]:
    return [name for name in dir(cls)
            if not name.startswith("_") and isinstance(getattr(cls, name, None), property)]
