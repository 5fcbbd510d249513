"""Every benchmark, in order: the entry point of ``make bench``.

1. ``stages.py``  the bare spaCy pass against each NLP stage (targets of issues 3 and 4)
2. ``ingest.py``  end-to-end ingest of the Foreign Ministry pages: throughput, where the
                  time goes, peak RSS, store size, re-ingest, what the corpus yields
3. ``search.py``  search latency over the store ingest.py kept
4. ``components.py``  which spaCy components the stages read, and each one's cost
5. ``scale.py``   the ratios of issue 10 side by side: whole analysis vs bare spaCy, ingest
                  vs analysis, 2 workers vs 1, peak memory and time at 500/2,000/5,000
                  generated documents (``--scale`` shrinks them), search latency vs size

Each runs in its own process, so that peak RSS and model loads are its own and one failing
benchmark does not stop the others. By default the big corpus is sampled so that the whole
run takes a few minutes on 2 cores (30 pages for the stages, 100 for ingest); ``--full``
uses 60 pages for the stages and ingests all 503. Corpora under ``../shared`` that are
absent are skipped with a line saying so.

Everything printed is also written to ``bench/results/bench.txt`` (``bench-full.txt`` with
``--full``; ``--out``), and scale.py's figures to ``scale.txt`` (``scale-full.txt``) beside
it. On an idle 2-core machine the default run takes about 12 minutes and ``--full`` (500,
2,000 and 5,000 documents) about 25.

    python bench/run_all.py [--full] [--scale 0.1] [--out FILE]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import _common as common

BENCH = Path(__file__).resolve().parent


def plan(full: bool, store: Path, scale: float, out: Path) -> list[tuple[str, list[str]]]:
    """(script, arguments) of each benchmark, in the order they run."""
    scale_out = out.with_name(out.stem.replace("bench", "scale") + out.suffix)
    if scale_out == out:
        scale_out = out.with_name(f"scale-{out.name}")
    return [
        ("stages.py", ["--fmprc-pages", "60" if full else "30", "--repeat", "3"]),
        ("ingest.py", ["--keep", str(store)] + ([] if full else ["--limit", "100"])),
        ("search.py", ["--store", str(store), "--repeat", "50"]),
        ("components.py", ["--docs", "20" if full else "8"]),
        ("scale.py", ["--scale", str(scale), "--out", str(scale_out)]),
    ]


def run(script: str, arguments: list[str], log: TextIO) -> tuple[int, float]:
    """Run one benchmark, echoing its output and keeping a copy in ``log``."""
    header = f"\n{'=' * 30} bench/{script} {' '.join(arguments)}"
    print(header, flush=True)
    log.write(header + "\n")
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, str(BENCH / script), "--no-facts", *arguments],
                          stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            log.write(line)
    return process.returncode, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="ingest all 503 pages and sample 60 for the stages")
    parser.add_argument("--scale", type=float, default=None,
                        help="fraction of the 500/2,000/5,000 documents of scale.py "
                             "(default 0.1, or 1 with --full)")
    parser.add_argument("--out", type=Path, default=None,
                        help="file that keeps a copy of everything printed (default "
                             "bench/results/bench.txt, or bench-full.txt with --full; "
                             "scale.py writes its own figures beside it, scale*.txt)")
    args = parser.parse_args(argv)
    scale = args.scale if args.scale is not None else (1.0 if args.full else 0.1)
    if args.out is None:
        args.out = BENCH / "results" / ("bench-full.txt" if args.full else "bench.txt")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    with common.captured(lines):
        common.print_facts()
    results = []
    with args.out.open("w", encoding="utf-8") as log, \
            tempfile.TemporaryDirectory(prefix="porteparole-bench-") as directory:
        log.write("\n".join(lines) + "\n")
        for script, arguments in plan(args.full, Path(directory) / "ingest.db", scale,
                                      args.out):
            code, seconds = run(script, arguments, log)
            results.append([f"bench/{script}", "ok" if code == 0 else f"FAILED ({code})",
                            seconds])
        lines = []
        with common.captured(lines):
            common.print_table("benchmarks run", ["benchmark", "outcome", "wall s"], results,
                               align="llr")
        log.write("\n".join(lines) + "\n")
    print(f"\nfigures written to {args.out}")
    return 0 if all(r[1] == "ok" for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
