"""porteparole: an auditable database of what governments say.

Public API (frozen by ``tests/pipeline/test_public_api.py``):

- ``analyze(text_or_raw, ...)`` -> ``Analysis``: every stage on one document, with the
  default analyzer.
- ``Knowledge.load(directory)``: every knowledge file of a directory, validated and hashed;
  ``Analyzer(knowledge)``: the pipeline with that knowledge (``Analyzer.analyze``), whose
  stamp every document it reads carries.
- the records in ``porteparole.records``.

Heavy modules (spaCy, the pipeline) are imported on first use, so that ``import
porteparole`` and the CLI's ``--help`` stay fast.
"""

from __future__ import annotations

from typing import Any

from porteparole.records import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Analyzer", "Knowledge", "analyze"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from porteparole.pipeline import analyze

        return analyze
    if name == "Analyzer":
        from porteparole.analyzer import Analyzer

        return Analyzer
    if name == "Knowledge":
        from porteparole.knowledge.bundle import Knowledge

        return Knowledge
    raise AttributeError(f"module 'porteparole' has no attribute {name!r}")
