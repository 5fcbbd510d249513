"""Run the system over a gold set's corpus and score it: ``run`` is what ``porteparole eval`` does.

Each gold file names its document in the corpus directory; the document is read with the
ordinary readers and analysed by the ordinary pipeline, exactly as ingest would. A document
that is missing, or that the reader or the pipeline rejects, is scored as an empty prediction
and reported in ``EvalReport.notes``: an evaluation never silently drops a document, and never
stops halfway because one of them is unreadable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from porteparole.errors import EvalError, InputError
from porteparole.evaluate.gold import (
    PREDICTION_SUFFIX,
    Annotation,
    empty_prediction,
    load_gold_set,
    write_annotation,
)
from porteparole.evaluate.predict import ActorLookup, analysis_to_prediction, default_actor_lookup
from porteparole.evaluate.scoring import EvalReport, score
from porteparole.records import Analysis, RawDocument, Rejected

if TYPE_CHECKING:
    from porteparole.analyzer import Analyzer as System

Analyzer = Callable[[Path], Analysis | Rejected]


def analyze_file(path: Path, system: System | None = None) -> Analysis | Rejected:
    """Read one corpus file and run every pipeline stage on its first document, with the
    analyzer ``system`` (None: the default one, as ingest would use)."""
    from porteparole.analyzer import default_analyzer
    from porteparole.read import read_source

    system = system or default_analyzer()

    first: RawDocument | Rejected | None = None
    for item in read_source(path):
        first = item
        break
    if first is None:
        raise InputError(f"{path}: the reader found no document in it")
    if isinstance(first, Rejected):
        return first
    prepared = system.prepare(first)
    if isinstance(prepared, Rejected):
        return prepared
    return system.enrich_many([prepared])[0]


def predict_document(
    corpus_dir: Path, document: str, analyzer: Analyzer, lookup: ActorLookup
) -> tuple[Annotation, str | None]:
    """The prediction for one corpus document, and a note when it could not be read."""
    path = corpus_dir / document
    if not path.is_file():
        return empty_prediction(document), f"{document}: not found in {corpus_dir}"
    try:
        result = analyzer(path)
    except InputError as error:
        return empty_prediction(document), f"{document}: not analysed ({error})"
    if isinstance(result, Rejected):
        note = f"{document}: rejected ({result.reason}): {result.detail}"
        return empty_prediction(document), note
    return analysis_to_prediction(result, lookup, document=document), None


def run(
    gold_dir: Path,
    corpus_dir: Path,
    *,
    predictions_dir: Path | None = None,
    actor_lookup: ActorLookup | None = None,
    analyzer: Analyzer | None = None,
    knowledge: Path | None = None,
    on_document: Callable[[str], None] | None = None,
) -> EvalReport:
    """Analyse every document the gold files of ``gold_dir`` name, and score the readings.

    ``predictions_dir``, when given, receives ``NAME.pred.json`` for each ``NAME.gold.json``.
    ``analyzer`` replaces the reader and pipeline (to score another system, or in tests);
    ``knowledge`` is a knowledge directory to analyse and name actors with instead of the
    default one (to measure an edit of the lexicons before it lands);
    ``on_document`` is called after each document, for progress display.
    """
    gold_dir, corpus_dir = Path(gold_dir), Path(corpus_dir)
    golds = load_gold_set(gold_dir)
    if not corpus_dir.is_dir():
        raise EvalError(f"{corpus_dir}: corpus directory not found")
    if knowledge is not None:
        from porteparole.analyzer import analyzer_at

        system = analyzer_at(knowledge)
        lookup = actor_lookup or system.knowledge.actors.actor
        analyze = analyzer or partial(analyze_file, system=system)
    else:
        lookup = actor_lookup or default_actor_lookup()
        analyze = analyzer or analyze_file
    predictions: dict[str, Annotation] = {}
    notes: list[str] = []
    for name, gold in golds.items():
        prediction, note = predict_document(corpus_dir, gold.document, analyze, lookup)
        predictions[name] = prediction
        notes.extend([note] if note else [])
        if on_document is not None:
            on_document(gold.document)
    if predictions_dir is not None:
        write_predictions(Path(predictions_dir), predictions)
    report = score(list(golds.values()), list(predictions.values()))
    return dataclasses.replace(report, notes=tuple(notes))


def write_predictions(predictions_dir: Path, predictions: dict[str, Annotation]) -> None:
    """Write ``NAME.pred.json`` into ``predictions_dir`` for each ``NAME`` of the gold set."""
    try:
        predictions_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EvalError(f"{predictions_dir}: cannot be created ({error.strerror})") from error
    for name, prediction in predictions.items():
        write_annotation(prediction, predictions_dir / f"{name}{PREDICTION_SUFFIX}")
