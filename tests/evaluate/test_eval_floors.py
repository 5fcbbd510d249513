"""The evaluation gate: every figure of every gold set stays at or above its pinned floor.

Floors live in ``eval_floors.json`` as ``{"set/half": {"field.measure": floor}}``. A change
that improves a figure raises its floor in the same commit; a floor is never lowered to let a
change through. Sets absent from ``../shared`` are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from porteparole.evaluate.report import report_to_json
from porteparole.evaluate.sets import gold_sets, read_set, score_halves

ROOT = Path(__file__).resolve().parents[2]
FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).parent.parent / "eval_floors.json").read_text(encoding="utf-8")
)
SETS = {s.name: s for s in gold_sets(ROOT, ROOT.parent / "shared")}


@pytest.fixture(scope="module")
def figures() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name, gold_set in SETS.items():
        if gold_set.available:
            for half, report in score_halves(gold_set, *read_set(gold_set)).items():
                out[name if half == "all" else f"{name}/{half}"] = report_to_json(report)
    return out


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_figures_stay_at_or_above_their_floors(figures: dict[str, dict], key: str) -> None:
    if key not in figures:
        pytest.skip(f"gold set {key} is not available")
    low = []
    for measure, floor in FLOORS[key].items():
        field, name = measure.split(".")
        value = (figures[key].get(field) or {}).get(name)
        if value is None or value < floor - 1e-9:
            low.append(f"{measure} {value} < {floor}")
    assert low == [], f"{key}: " + "; ".join(low)


def test_every_floor_names_a_known_set_and_field() -> None:
    for key, measures in FLOORS.items():
        assert key.split("/")[0] in SETS
        for measure in measures:
            field, name = measure.split(".")
            assert field in {"quotes", "events", "turns", "persons", "countries"}
            assert name in {"precision", "recall", "f1", "role_accuracy", "speaker_accuracy"}
