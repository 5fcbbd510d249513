"""Every benchmark, in order: the entry point of ``make bench``.

1. ``stages.py``  the bare spaCy pass against each NLP stage (targets of issues 3 and 4)
2. ``ingest.py``  end-to-end ingest of the Foreign Ministry pages: throughput, where the
                  time goes, peak RSS, store size, re-ingest, what the corpus yields
3. ``search.py``  search latency over the store ingest.py kept

Each runs in its own process, so that peak RSS and model loads are its own and one failing
benchmark does not stop the others. By default the big corpus is sampled so that the whole
run takes a few minutes on 2 cores (30 pages for the stages, 100 for ingest); ``--full``
uses 60 pages for the stages and ingests all 503. Corpora under ``../shared`` that are
absent are skipped with a line saying so.

    python bench/run_all.py [--full]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import _common as common

BENCH = Path(__file__).resolve().parent


def plan(full: bool, store: Path) -> list[tuple[str, list[str]]]:
    """(script, arguments) of each benchmark, in the order they run."""
    return [
        ("stages.py", ["--fmprc-pages", "60" if full else "30", "--repeat", "3"]),
        ("ingest.py", ["--keep", str(store)] + ([] if full else ["--limit", "100"])),
        ("search.py", ["--store", str(store), "--repeat", "50"]),
    ]


def run(script: str, arguments: list[str]) -> tuple[int, float]:
    print(f"\n{'=' * 30} bench/{script} {' '.join(arguments)}", flush=True)
    start = time.perf_counter()
    code = subprocess.call([sys.executable, str(BENCH / script), "--no-facts", *arguments])
    return code, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="ingest all 503 pages and sample 60 for the stages")
    args = parser.parse_args(argv)
    common.print_facts()
    results = []
    with tempfile.TemporaryDirectory(prefix="porteparole-bench-") as directory:
        for script, arguments in plan(args.full, Path(directory) / "ingest.db"):
            code, seconds = run(script, arguments)
            results.append([f"bench/{script}", "ok" if code == 0 else f"FAILED ({code})",
                            seconds])
    common.print_table("benchmarks run", ["benchmark", "outcome", "wall s"], results,
                       align="llr")
    return 0 if all(r[1] == "ok" for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
