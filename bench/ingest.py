"""End-to-end ``ingest`` of the Foreign Ministry pages into a temporary store.

Prints documents per second; where the wall time goes (read, prepare = stages 1-3, spaCy,
stages 5-9, store writes, the rest); peak RSS; the store's size; the re-ingest time (every
document unchanged, so no NLP is spent); and what the corpus yields: press conferences,
rejections by reason, and complete transcripts (spokesperson, date, at least one question
and one answer).

The parts are timed by wrapping the functions ingest calls (``read.read_source``,
``pipeline.prepare``, ``pipeline.annotate_stream``, ``pipeline.enrich_many``,
``Store.write_batch``); ingest itself is unchanged. Models are loaded, and every stage
set up, on one page before the clock starts; that warm-up is printed on its own.

    python bench/ingest.py [--limit N] [--keep store.db] [--corpus DIR] [--no-facts]
"""

from __future__ import annotations

import argparse
import inspect
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import _common as common

from porteparole import ingest, pipeline, query, read
from porteparole.records import Analysis, Rejected
from porteparole.store import Store, remove_store

REINGEST_ROUNDS = 3
POOL_PARAMETERS = ("workers", "jobs", "processes")

# Counted here rather than through porteparole.query because no query answers it yet:
# a transcript a reader can use needs who answered, when, and at least one exchange.
COMPLETE_TRANSCRIPTS = """
SELECT count(*) FROM documents d
 WHERE d.kind = 'press_conference' AND d.spokesperson IS NOT NULL AND d.date IS NOT NULL
   AND EXISTS (SELECT 1 FROM turns t WHERE t.document_id = d.id AND t.role = 'question')
   AND EXISTS (SELECT 1 FROM turns t WHERE t.document_id = d.id AND t.role = 'answer')
"""


def timed_ingest(paths: Sequence[Path], store: Store, **options: Any
                 ) -> tuple[float, ingest.IngestReport, common.Timer]:
    """One ingest, with the time of each part it calls."""
    timer = common.Timer()
    patches = [
        (read, "read_source", timer.wrap_iterator("read", read.read_source)),
        (pipeline, "prepare", timer.wrap("prepare", pipeline.prepare)),
        (pipeline, "annotate_stream",
         timer.wrap_iterator("spacy", pipeline.annotate_stream)),
        (pipeline, "enrich_many", timer.wrap("nlp", pipeline.enrich_many)),
        (Store, "write_batch", timer.wrap("write", Store.write_batch)),
    ]
    with ExitStack() as stack:
        for target, name, replacement in patches:
            stack.enter_context(common.patched(target, name, replacement))
        start = time.perf_counter()
        outcome = ingest.ingest(paths, store, **options)
        wall = time.perf_counter() - start
    return wall, outcome, timer


def warm_up(paths: Sequence[Path]) -> float:
    """Load the models and set the stages up on the first page that is a document."""
    start = time.perf_counter()
    for path in paths:
        for raw in read.read_source(path):
            prepared = raw if isinstance(raw, Rejected) else pipeline.prepare(raw)
            if isinstance(prepared, Analysis):
                pipeline.enrich_many([prepared])
                return time.perf_counter() - start
    return time.perf_counter() - start


def print_parts(wall: float, outcome: ingest.IngestReport, timer: common.Timer) -> None:
    nlp = timer.get("nlp")
    parts = [
        ("read (read.read_source)", timer.get("read")),
        ("prepare, stages 1-3 (pipeline.prepare)", timer.get("prepare")),
        ("  = read + prepare", timer.get("read") + timer.get("prepare")),
        ("NLP, stage 4: spaCy (nlp.annotate)", timer.get("spacy")),
        ("NLP, stages 5-9", nlp - timer.get("spacy")),
        ("  = NLP (pipeline.enrich_many)", nlp),
        ("write (Store.write_batch)", timer.get("write")),
        ("other (discover, skip checks, rejections, origins)",
         wall - timer.get("read") - timer.get("prepare") - nlp - timer.get("write")),
        ("wall", wall),
    ]
    rows = [[name, seconds, f"{100 * seconds / wall:.1f}"] for name, seconds in parts]
    common.print_table("where the time goes", ["part", "seconds", "% of wall"], rows)
    print(f"throughput: {outcome.documents / wall:.2f} inputs/s, "
          f"{outcome.new / wall:.2f} new documents/s, {outcome.sources / wall:.2f} pages/s")
    if outcome.new and nlp:
        print(f"NLP alone: {outcome.new / nlp:.2f} documents/s")


def print_counts(store: Store, outcome: ingest.IngestReport) -> None:
    figures = query.report(store)
    conferences = sum(c.documents for c in figures.by_language_kind
                      if c.kind == "press_conference")
    complete = int(store.rows(COMPLETE_TRANSCRIPTS)[0][0])
    rows: list[list[Any]] = [
        ["pages (sources)", outcome.sources],
        ["documents new / unchanged", f"{outcome.new} / {outcome.unchanged}"],
        ["inputs rejected", outcome.rejected_count],
        ["press conferences", conferences],
        ["  with spokesperson, date, >= 1 question and answer", complete],
        ["turns", figures.turns],
    ]
    rows += [[f"documents {c.language} {c.kind}", c.documents] for c in figures.by_language_kind]
    rows += [[f"rejected: {r.reason}", r.inputs] for r in figures.rejected_by_reason]
    common.print_table("what the corpus yields", ["count", "value"], rows, align="lr")


def reingest(paths: Sequence[Path], store: Store) -> None:
    """Ingest the same pages again: everything is unchanged, so only read+prepare is spent."""
    times, outcome = [], None
    for _ in range(REINGEST_ROUNDS):
        seconds, outcome, _timer = timed_ingest(paths, store)
        times.append(seconds)
    assert outcome is not None
    best, median, worst = common.spread(times)
    print(f"\nre-ingest (all unchanged), {REINGEST_ROUNDS} rounds: best {best:.2f} s, "
          f"median {median:.2f} s, worst {worst:.2f} s; {outcome.documents / best:.1f} inputs/s; "
          f"new {outcome.new}, unchanged {outcome.unchanged}, rejected {outcome.rejected_count}")
    if outcome.new:
        print("  ! re-ingest added documents: ingest is not idempotent on this corpus")


def process_pool(paths: Sequence[Path], directory: Path) -> None:
    """The same ingest with 2 worker processes, when ``ingest.ingest`` offers them."""
    parameters = inspect.signature(ingest.ingest).parameters
    name = next((p for p in POOL_PARAMETERS if p in parameters), None)
    if name is None:
        print(f"\nprocess pool: ingest.ingest has no {'/'.join(POOL_PARAMETERS)} parameter; "
              "single-process figures only")
        return
    with Store(directory / "pool.db") as store:
        seconds, outcome, _timer = timed_ingest(paths, store, **{name: 2})
    print(f"\nprocess pool ({name}=2): {seconds:.2f} s wall, "
          f"{outcome.documents / seconds:.2f} inputs/s, new {outcome.new}")


def run(paths: Sequence[Path], store_path: Path) -> None:
    print(f"\nwarm-up (model load, stage set-up; not in the figures): {warm_up(paths):.2f} s")
    rss_before = common.peak_rss_mb()
    with Store(store_path) as store:
        wall, outcome, timer = timed_ingest(paths, store)
        rss_after = common.peak_rss_mb()
        print_parts(wall, outcome, timer)
        print(f"peak RSS: {rss_after:,.0f} MB (after warm-up, before ingest: {rss_before:,.0f} MB)")
        print_counts(store, outcome)
    print(f"\nstore size: {common.file_size_mb(store_path):.2f} MB on disk "
          f"({store_path.name}, WAL checkpointed on close)")
    with Store(store_path) as store:
        reingest(paths, store)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None,
                        help="ingest N pages, evenly spaced over the corpus (default: all)")
    parser.add_argument("--corpus", type=Path, default=common.FMPRC,
                        help="directory of HTML pages (default ../shared/corpus/fmprc-en)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the store here and keep it (for bench/search.py)")
    parser.add_argument("--no-pool", action="store_true",
                        help="skip the 2-process ingest (run when ingest offers one)")
    parser.add_argument("--no-facts", action="store_true", help="do not print the machine")
    args = parser.parse_args(argv)
    if not args.no_facts:
        common.print_facts()
    if common.absent(args.corpus):
        return 0
    pages = common.html_pages(args.corpus)
    paths = common.spread_sample(pages, args.limit)
    print(f"\ningest of {common.relative(args.corpus)}: {len(paths)} of {len(pages)} pages"
          + (" (evenly spaced sample; --limit)" if len(paths) < len(pages) else ""))
    with tempfile.TemporaryDirectory(prefix="porteparole-bench-") as directory:
        store_path = args.keep or Path(directory) / "bench.db"
        remove_store(store_path)
        run(paths, store_path)
        if not args.no_pool:
            process_pool(paths, Path(directory))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
