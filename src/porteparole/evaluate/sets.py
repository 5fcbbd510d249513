"""The gold sets developers measure by, and their fixed tune and validation halves.

Each development set is split once and for all by the position of its gold file in name order:
even positions are the *tune* half (read its details, fix the classes of text it shows), odd
positions the *validation* half (read its figures only, never its sentences). Reporting both
halves side by side is how a change shows that it generalizes instead of fitting what was read.

The sets live beside the project in ``shared/`` (absent sets are skipped); ``examples`` is the
project's own sample gold. ``scripts/evalsets.py`` prints the table; ``tests/eval_floors.json``
holds the floors a test keeps every figure above.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from porteparole.evaluate.gold import Annotation, load_gold_set
from porteparole.evaluate.predict import default_actor_lookup
from porteparole.evaluate.runner import analyze_file, predict_document
from porteparole.evaluate.scoring import EvalReport, score

HALVES: tuple[str, ...] = ("tune", "validation")


@dataclass(frozen=True, slots=True)
class GoldSet:
    """A gold directory, the corpus its files name, and whether it is split in halves."""

    name: str
    gold: Path
    corpus: Path
    halves: bool

    @property
    def available(self) -> bool:
        return self.gold.is_dir() and self.corpus.is_dir()


def gold_sets(project: Path, shared: Path) -> tuple[GoldSet, ...]:
    """Every known set: the seeds and development sets in ``shared``, the project's examples."""
    evals = shared / "eval"
    return (
        GoldSet("seeds", evals / "seeds", shared / "corpus/seeds", False),
        *(
            GoldSet(name, evals / name / "gold", evals / name / "corpus", True)
            for name in ("dev-fr", "dev-en", "plover-dev")
        ),
        GoldSet("examples", project / "examples/gold", project / "examples/corpus", False),
    )


def half_of(position: int) -> str:
    """The half a gold file belongs to, from its position in name order."""
    return HALVES[position % 2]


def read_set(gold_set: GoldSet) -> tuple[list[Annotation], list[Annotation]]:
    """Gold annotations in name order and the system's reading of each document."""
    golds = list(load_gold_set(gold_set.gold).values())
    lookup = default_actor_lookup()
    predicted = [
        predict_document(gold_set.corpus, gold.document, analyze_file, lookup)[0]
        for gold in golds
    ]
    return golds, predicted


def score_halves(
    gold_set: GoldSet, golds: list[Annotation], predicted: list[Annotation]
) -> dict[str, EvalReport]:
    """The whole set's report under ``all`` and, for a split set, one per half."""
    out = {"all": score(golds, predicted)}
    if gold_set.halves:
        for half in HALVES:
            keep = [i for i in range(len(golds)) if half_of(i) == half]
            out[half] = score([golds[i] for i in keep], [predicted[i] for i in keep])
    return out
