"""porteparole: an auditable database of what governments say.

Public API (frozen by ``tests/test_public_api.py``):

- ``analyze(text_or_raw, ...)`` -> ``Analysis``: every stage on one document.
- ``Store(path)``: the embedded SQLite store; ``ingest`` fills it.
- the records in ``porteparole.records``.
"""

from porteparole.pipeline import analyze
from porteparole.records import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "analyze"]
__version__ = "0.1.0"
