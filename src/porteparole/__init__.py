"""porteparole: an auditable database of what governments say.

Public API (frozen by ``tests/test_public_api.py``):

- ``analyze(text_or_raw, ...)`` -> ``Analysis``: every stage on one document.
- the records in ``porteparole.records``.

Heavy modules (spaCy, the pipeline) are imported on first use, so that ``import
porteparole`` and the CLI's ``--help`` stay fast.
"""

from __future__ import annotations

from typing import Any

from porteparole.records import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "analyze"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from porteparole.pipeline import analyze

        return analyze
    raise AttributeError(f"module 'porteparole' has no attribute {name!r}")
