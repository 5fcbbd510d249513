"""An analyzer: one ``Knowledge`` and one set of ``Models``, and the stamp they give a reading.

``Analyzer(knowledge, models)`` runs the pipeline (``pipeline``) with exactly that knowledge
and those models: ``analyze`` for one text, ``prepare``/``enrich_many`` for the two halves
ingest runs apart, ``process`` for the loop every runner shares. Nothing it reads is hidden
module state, so two analyzers with two knowledge directories read the same text two ways
in one process.

Every document it prepares carries its ``Stamp`` (``Document.analyzer``): the package
version, the knowledge digest and each model's name and version. The store keeps it and the
exports carry it, so that a record can always say what produced it, and ``porteparole ingest
--reanalyze`` re-reads the documents whose stamp is not the current analyzer's.

``default_analyzer()`` is the package's knowledge (or ``PORTEPAROLE_KNOWLEDGE``'s) with the
models ``languages.yaml`` names; the module-level ``porteparole.analyze`` uses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from porteparole import __version__, pipeline
from porteparole.knowledge.bundle import ENVIRONMENT, Knowledge, knowledge_at
from porteparole.records import Analysis, Document, RawDocument, Rejected


@dataclass(frozen=True, slots=True)
class Models:
    """The spaCy model package of each language, with the installed version of each."""

    names: Mapping[str, str]  # language -> package

    @classmethod
    def of(cls, knowledge: Knowledge) -> Models:
        """The models the knowledge's ``languages.yaml`` names."""
        return cls(dict(knowledge.models))

    def versions(self) -> tuple[tuple[str, str], ...]:
        """(package, installed version) for every model, by package name; "missing" when a
        package is not installed (the analysis would fail on its language anyway)."""
        found = []
        for package in sorted(set(self.names.values())):
            try:
                version = metadata.version(package)
            except metadata.PackageNotFoundError:
                version = "missing"
            found.append((package, version))
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Stamp:
    """What produced an analysis: package version, knowledge digest, models and versions."""

    version: str
    knowledge: str
    models: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        """The stored form: ``porteparole=0.1.0;knowledge=<digest>;<model>=<version>;...``."""
        parts = [("porteparole", self.version), ("knowledge", self.knowledge), *self.models]
        return ";".join(f"{name}={value}" for name, value in parts)

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """The inverse of ``str``; ``ValueError`` for text that is not a stamp."""
        pairs = [part.split("=", 1) for part in text.split(";")]
        if any(len(p) != 2 for p in pairs) or [p[0] for p in pairs[:2]] != [
                "porteparole", "knowledge"]:
            raise ValueError(f"not an analyzer stamp: {text!r}")
        return cls(pairs[0][1], pairs[1][1], tuple((p[0], p[1]) for p in pairs[2:]))


class Analyzer:
    """The pipeline bound to one knowledge bundle and one set of models."""

    def __init__(self, knowledge: Knowledge, models: Models | None = None) -> None:
        self.knowledge = knowledge
        self.models = models if models is not None else Models.of(knowledge)
        self.stamp = Stamp(__version__, knowledge.digest, self.models.versions())

    def analyze(self, source: str | RawDocument, *, title: str | None = None,
                date: str | None = None, language: str | None = None) -> Analysis:
        """Read one document completely (``pipeline.analyze``)."""
        return pipeline.analyze(source, title=title, date=date, language=language,
                                analyzer=self)

    def prepare(self, raw: RawDocument, *, unsupported: str = "store") -> Analysis | Rejected:
        """Stages 1-3, no model (``pipeline.prepare``)."""
        return pipeline.prepare(raw, unsupported=unsupported, analyzer=self)

    def restore(self, document: Document) -> Analysis:
        """Stages 2-3 again on a stored document's text (``pipeline.restore``)."""
        return pipeline.restore(document, analyzer=self)

    def enrich_many(self, prepared: list[Analysis]) -> list[Analysis]:
        """Stages 4-9 on a batch (``pipeline.enrich_many``)."""
        return pipeline.enrich_many(prepared, analyzer=self)

    def process(self, items: Iterable[RawDocument | Rejected | Analysis], *,
                batch_size: int = 16) -> Iterator[Analysis | Rejected]:
        """The one loop (``pipeline.process``)."""
        return pipeline.process(items, batch_size=batch_size, analyzer=self)


def default_analyzer() -> Analyzer:
    """The analyzer of the default knowledge (``PORTEPAROLE_KNOWLEDGE`` or the package's)."""
    return analyzer_at(os.environ.get(ENVIRONMENT) or None)


@cache
def _analyzer(directory: str | None) -> Analyzer:
    return Analyzer(knowledge_at(directory))


def analyzer_at(directory: str | os.PathLike[str] | None) -> Analyzer:
    """The analyzer of a knowledge directory (None: the package's), built once per directory."""
    return _analyzer(None if directory is None else os.fspath(directory))
