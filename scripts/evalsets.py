"""Score every gold set, whole and in its two fixed halves: the table developers tune by.

Tune on the *tune* half (its details are printed by ``--details``); read only the figures of
the *validation* half, never its sentences (see ``porteparole.evaluate.sets``).

    python scripts/evalsets.py                    # every set found, one table of figures
    python scripts/evalsets.py --json             # the same as one JSON object
    python scripts/evalsets.py --sets dev-fr      # some sets only
    python scripts/evalsets.py --details dev-fr   # what dev-fr's tune half misses and adds
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from porteparole.evaluate.report import report_to_json
from porteparole.evaluate.scoring import score
from porteparole.evaluate.sets import GoldSet, gold_sets, half_of, read_set, score_halves

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("quotes", "events", "turns", "persons", "countries")


def _cell(figures: dict, field: str) -> str:
    values = figures.get(field) or {}
    p, r, f = (values.get(k) for k in ("precision", "recall", "f1"))
    if f is None:
        return "      –       "
    return f"{p or 0:.2f}/{r or 0:.2f}/{f:.2f}"


def print_table(results: dict[str, dict[str, dict]]) -> None:
    """One line per set and half: P/R/F1 of each field."""
    print(f"{'set':<16}" + "".join(f"{name + ' P/R/F1':<17}" for name in FIELDS))
    for set_name, by_half in results.items():
        for half, figures in by_half.items():
            label = set_name if half == "all" else f"  {half}"
            print(f"{label:<16}" + "".join(f"{_cell(figures, f):<17}" for f in FIELDS))


def print_details(gold_set: GoldSet) -> None:
    """Quote and event errors of the tune half (of the whole set when it is not split)."""
    golds, predicted = read_set(gold_set)
    for i, gold in enumerate(golds):
        if gold_set.halves and half_of(i) != "tune":
            continue
        for detail in score([gold], [predicted[i]]).documents[0].details:
            if detail.field not in ("quotes", "events") or detail.clean:
                continue
            print(f"== {gold.document} {detail.field}")
            for kind in ("missed", "extra", "wrong"):
                for line in getattr(detail, kind):
                    print(f"  {kind:<6} {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Score every gold set and its halves.")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sets", nargs="*", help="names of the sets to score (default: all)")
    parser.add_argument("--details", metavar="SET", help="list the tune half's errors of SET")
    args = parser.parse_args()
    available = [s for s in gold_sets(ROOT, ROOT.parent / "shared") if s.available]
    if args.details:
        chosen = [s for s in available if s.name == args.details]
        if not chosen:
            print(f"no set named {args.details!r} here", file=sys.stderr)
            return 2
        print_details(chosen[0])
        return 0
    if args.sets:
        available = [s for s in available if s.name in args.sets]
    results = {}
    for gold_set in available:
        reports = score_halves(gold_set, *read_set(gold_set))
        results[gold_set.name] = {half: report_to_json(r) for half, r in reports.items()}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
