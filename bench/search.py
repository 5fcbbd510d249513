"""Full-text search latency over an ingested store: p50 / p95 per query.

Each query runs ``--repeat`` times through ``query.search`` (the function the CLI, the API
and the web UI call: FTS5 over documents and turns, bm25, snippets, top 20), after one
untimed run. ``query.report`` (the figures of ``porteparole report``) is timed the same way.

With ``--store PATH`` (``bench/run_all.py`` passes the store ``bench/ingest.py`` kept) the
store is searched as it is; otherwise a temporary store is built first from
examples/corpus, the seeds and ``--pages`` Foreign Ministry pages, those that are present.

    python bench/search.py [--store store.db] [--repeat 50] [--pages 40] [--no-facts]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import _common as common

from porteparole import ingest, query
from porteparole.store import Store

# (what it exercises, the query, the filters): plain words, a phrase, OR, a prefix,
# an exclusion, accents folded, and a filter that joins the turns.
QUERIES: tuple[tuple[str, str, query.Filters | None], ...] = (
    ("common word", "China", None),
    ("rare word", "hotline", None),
    ("two words (AND)", "trade United States", None),
    ("phrase", '"South China Sea"', None),
    ("OR", "Taiwan OR Taïwan", None),
    ("prefix", "coopér*", None),
    ("exclusion", "sanctions -Taiwan", None),
    ("accents folded", "Béijíng", None),  # matches Beijing: diacritics are removed
    ("filter: language en, kind", "cooperation",
     query.Filters(language="en", kind="press_conference")),
    ("filter: outlet", "Taiwan", query.Filters(outlet="Reuters")),
)


def latencies(call: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Milliseconds of ``repeat`` calls after one untimed call, and that call's result."""
    result = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - start))
    return times, result


def row(label: str, text: str, times: list[float], results: int | str) -> list[Any]:
    return [label, text, results, min(times), common.percentile(times, 50),
            common.percentile(times, 95), max(times)]


def measure(store: Store, repeat: int) -> None:
    rows = []
    for label, text, filters in QUERIES:
        times, hits = latencies(lambda t=text, f=filters: query.search(store, t, f), repeat)
        rows.append(row(label, text, times, len(hits)))
    times, figures = latencies(lambda: query.report(store), repeat)
    rows.append(row("query.report", "(porteparole report)", times, "-"))
    documents, turns = figures.documents, figures.turns
    common.print_table(
        f"search latency over {documents:,} documents and {turns:,} turns "
        f"({repeat} runs per query, milliseconds)",
        ["what", "query", "hits (top 20)", "min ms", "p50 ms", "p95 ms", "max ms"], rows,
        align="llrrrrr")
    print(f"store: {common.file_size_mb(Path(store.path)):.2f} MB on disk")


def build(directory: Path, pages: int) -> Path:
    """A store of the corpora that are present, for a standalone run."""
    paths: list[Path] = [common.EXAMPLES]
    if not common.absent(common.SEEDS):
        paths.append(common.SEEDS)
    if pages and not common.absent(common.FMPRC):
        paths += common.spread_sample(common.html_pages(common.FMPRC), pages)
    target = directory / "search.db"
    start = time.perf_counter()
    with Store(target) as store:
        outcome = ingest.ingest(paths, store)
    print(f"built a store of {outcome.new} documents from {len(paths)} sources "
          f"in {time.perf_counter() - start:.1f} s (not part of the latency figures)")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="an ingested store to search")
    parser.add_argument("--repeat", type=int, default=50, help="runs per query (default 50)")
    parser.add_argument("--pages", type=int, default=40,
                        help="Foreign Ministry pages in the store built without --store")
    parser.add_argument("--no-facts", action="store_true", help="do not print the machine")
    args = parser.parse_args(argv)
    if not args.no_facts:
        common.print_facts()
    with tempfile.TemporaryDirectory(prefix="porteparole-bench-") as directory:
        path = args.store
        if path is None or not path.is_file():
            if path is not None:
                print(f"{path} does not exist: building a store instead")
            path = build(Path(directory), args.pages)
        with Store(path) as store:
            measure(store, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
