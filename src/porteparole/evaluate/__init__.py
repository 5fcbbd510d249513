"""Evaluation against gold annotations (``../shared/eval/FORMAT.md``): ``porteparole eval``.

- ``run(gold_dir, corpus_dir, *, predictions_dir=None)`` reads and analyses every document
  the gold files name, and scores the system's readings.
- ``score(golds, predictions)`` is the pure scorer, for readings obtained any other way
  (another system's ``*.pred.json`` files, say).
- ``analysis_to_prediction(analysis, actor_lookup)`` turns an ``Analysis`` into the gold format.

Modules: ``gold`` (the format, loaded and validated), ``scoring``
(per-field scorers and the report), ``predict`` (Analysis -> prediction), ``runner`` (the
corpus pass), ``report`` (JSON and tables). Strings are compared through
``porteparole.text.folds.fold_compare``.
"""

from __future__ import annotations

from porteparole.evaluate.gold import (
    Annotation,
    GoldEvent,
    GoldQuote,
    GoldTurn,
    annotation_to_json,
    load_annotation,
    load_gold_dir,
    parse_annotation,
)
from porteparole.evaluate.predict import analysis_to_prediction
from porteparole.evaluate.report import report_to_json
from porteparole.evaluate.runner import run
from porteparole.evaluate.scoring import EvalReport, score

__all__ = [
    "Annotation",
    "EvalReport",
    "GoldEvent",
    "GoldQuote",
    "GoldTurn",
    "analysis_to_prediction",
    "annotation_to_json",
    "load_annotation",
    "load_gold_dir",
    "parse_annotation",
    "report_to_json",
    "run",
    "score",
]
