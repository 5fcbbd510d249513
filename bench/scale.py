"""Scale: the ratios of issue 10, each measured side by side in one run.

Absolute times on a shared machine are noise; ratios of two things measured in the same
process, in alternating rounds, on the same texts, are not. Printed and written to
``--out`` (default ``bench/results/scale.txt``):

1. whole analysis (``pipeline.process``: stages 1-9) against the bare spaCy pass (the
   model's default pipeline, ``spacy.load(name).pipe``) on the same texts: throughput ratio, best
   of ``--rounds``; target >= 0.95. Also with Python's cyclic garbage collector paused,
   which shows how much of the gap is collection of the many small objects the stages
   make while every Doc of the batch is alive (see the README on the 0.87 vs 0.72 figures);
2. ingest into a fresh store against analysis alone: target >= 0.85;
3. ingest with ``--workers 2`` against 1, each in a fresh process, start-up (model loads
   in the pool's workers) measured on 2 documents and subtracted: target >= 1.7 (needs 2
   idle cores);
4. peak memory and time of an ingest of 500, 2,000 and 5,000 generated documents, each
   in a fresh process (``--scale 0.1`` for 50, 200, 500): target peak(5,000) <= 1.2 x
   peak(500);
5. search latency (p50, p95) against store size, on the stores of 4;
6. one long document of 100,000, 200,000 and 400,000 characters, analysed in chunks
   (``chunks.py``), each in a fresh process: time per character and memory stay flat.

The corpus is generated offline by recombining paragraphs of the shared Foreign Ministry
pages (``../shared/corpus/fmprc-en``) and of ``examples/corpus``: document ``i`` takes a
base text's opening and a paragraph of two others, so every document is distinct (a new
id) and realistic in length and vocabulary.

    python bench/scale.py [--scale 0.1] [--rounds 3] [--pages 60] [--out FILE] [--no-facts]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import _common as common

from porteparole import nlp, pipeline, query, read
from porteparole.ingest import ingest
from porteparole.records import Analysis, Origin, RawDocument
from porteparole.store import Store

SIZES = (500, 2000, 5000)
SEARCHES = ("China", "\"South China Sea\"", "sanctions OR tariffs", "coop*", "Taiwan -Japan")
TARGETS = {"analysis": 0.95, "ingest": 0.85, "workers": 1.7, "memory": 1.2}


# -- the generated corpus -----------------------------------------------------------------


def source_texts(pages: int) -> list[str]:
    """Raw texts of a sample of the shared pages and of the sample corpus (read once)."""
    paths: list[Path] = [common.EXAMPLES]
    if not common.absent(common.FMPRC):
        paths += common.spread_sample(common.html_pages(common.FMPRC), pages)
    texts = [item.text for item in read.read_paths(paths) if isinstance(item, RawDocument)]
    origin = Origin("<bench>", "text")
    return [t for t in texts if isinstance(pipeline.prepare(RawDocument(origin, t)), Analysis)]


def generate(texts: list[str], count: int, folder: Path, *, max_paragraphs: int = 8) -> Path:
    """``count`` distinct documents in ``folder``: a base text's first paragraphs plus one
    paragraph from each of two other texts."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [[p for p in t.split("\n\n") if p.strip()] for t in texts]
    chooser = random.Random(10)
    for i in range(count):
        base = paragraphs[i % len(paragraphs)][:max_paragraphs]
        extra = [chooser.choice(chooser.choice(paragraphs)) for _ in range(2)]
        body = "\n\n".join([*base, *extra, f"(document {i})"])
        (folder / f"doc{i:05d}.txt").write_text(body, encoding="utf-8")
    return folder


# -- side-by-side timings -----------------------------------------------------------------


def best_of(rounds: int, *runs: Callable[[], Any]) -> list[float]:
    """Best time of each run, the runs alternating round by round."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run()
            times[i].append(time.perf_counter() - start)
    return [min(t) for t in times]


def analysis_vs_spacy(raws: list[RawDocument], rounds: int) -> list[list[Any]]:
    prepared = [p for p in map(pipeline.prepare, raws) if isinstance(p, Analysis)]
    texts = [(a.document.language, a.document.text) for a in prepared]
    pipeline.enrich_many(prepared[:2])  # models loaded before the clock

    import spacy

    # The bare pass is the model's default pipeline, as its package ships it (porteparole
    # loads it without the components no stage reads).
    defaults = {lang: spacy.load(name) for lang in {lang for lang, _ in texts}
                if (name := nlp.model_name(lang))}
    by_language = {lang: [t for lg, t in texts if lg == lang] for lang in defaults}

    def bare() -> None:
        for lang, model in defaults.items():
            for _ in model.pipe(by_language[lang], batch_size=nlp.BATCH_SIZE):
                pass

    def whole() -> None:
        for _ in pipeline.process(raws):
            pass

    def paused(run: Callable[[], None]) -> Callable[[], None]:
        def without_gc() -> None:
            gc.disable()
            try:
                run()
            finally:
                gc.enable()
        return without_gc

    spacy, analysis, spacy_nogc, analysis_nogc = best_of(
        rounds, bare, whole, paused(bare), paused(whole))
    return [
        ["whole analysis / bare spaCy (throughput)", spacy / analysis,
         _target("analysis", spacy / analysis), f"{analysis:.1f} s vs {spacy:.1f} s"],
        ["  same, garbage collector paused", spacy_nogc / analysis_nogc, "",
         f"{analysis_nogc:.1f} s vs {spacy_nogc:.1f} s"],
    ]


BATCH_SIZES = (4, 8, 16, 32)


def batch_sizes(raws: list[RawDocument], rounds: int) -> list[list[Any]]:
    """The spaCy pass at several ``nlp.pipe`` batch sizes (``nlp.annotate``'s default is
    what ingest uses), as throughput relative to the default."""
    prepared = [p for p in map(pipeline.prepare, raws) if isinstance(p, Analysis)]
    texts = [(a.document.language, a.document.text) for a in prepared]
    runs = [lambda size=size: nlp.annotate(texts, batch_size=size) for size in BATCH_SIZES]
    times = best_of(rounds, *runs)
    default = times[BATCH_SIZES.index(nlp.BATCH_SIZE)]
    return [[f"spaCy batch size {size} / {nlp.BATCH_SIZE} (throughput)", default / seconds,
             "", f"{seconds:.1f} s"] for size, seconds in zip(BATCH_SIZES, times, strict=True)]


def ingest_vs_analysis(folder: Path, rounds: int, workdir: Path) -> list[list[Any]]:
    paths = [folder]

    def analysis() -> None:
        for _ in pipeline.process(read.read_paths(paths)):
            pass

    counter = iter(range(10_000))

    def store_ingest(workers: int) -> Callable[[], None]:
        def run() -> None:
            with Store(workdir / f"i{next(counter)}.db") as store:
                ingest(paths, store, workers=workers)
        return run

    alone, stored = best_of(rounds, analysis, store_ingest(1))
    return [
        ["ingest / analysis alone (throughput)", alone / stored, _target("ingest", alone / stored),
         f"{stored:.1f} s vs {alone:.1f} s"],
    ]


def workers_speedup(folder: Path, small: Path, workdir: Path) -> list[list[Any]]:
    """Ingest with 1 and 2 workers, each in a fresh process (both load the models, and the
    pool's workers load them again); the start-up of each mode is measured on a 2-document
    corpus and subtracted, so the speed-up is that of the analysis itself."""
    def seconds(corpus: Path, workers: int) -> float:
        db = workdir / f"w{workers}-{corpus.name}.db"
        out = subprocess.run(
            [sys.executable, __file__, "--child-workers", str(corpus), str(db), str(workers)],
            capture_output=True, text=True, check=True)
        return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])

    one, two = seconds(folder, 1), seconds(folder, 2)
    one_start, two_start = seconds(small, 1), seconds(small, 2)
    if one - one_start <= 0 or two - two_start <= 0:  # start-up timing noisier than the run
        return [["2 workers / 1 (ingest speed-up)", one / two,
                 "n/a: start-up not separable; use more --ratio-docs",
                 f"{two:.1f} s vs {one:.1f} s"]]
    steady = (one - one_start) / (two - two_start)
    return [
        ["2 workers / 1 (ingest speed-up, start-up excluded)", steady,
         _target("workers", steady),
         f"{two:.1f} - {two_start:.1f} s vs {one:.1f} - {one_start:.1f} s"],
        ["  same, start-up included", one / two, "", f"{two:.1f} s vs {one:.1f} s"],
    ]


def child_workers(folder: Path, db: Path, workers: int) -> None:
    """Time one ingest with ``workers`` from a fresh process (models loaded by the clock)."""
    start = time.perf_counter()
    with Store(db) as store:
        ingest([folder], store, workers=workers, batch_size=4)
    print(json.dumps({"seconds": time.perf_counter() - start}))


def _target(name: str, value: float) -> str:
    wanted = TARGETS[name]
    ok = value <= wanted if name == "memory" else value >= wanted
    sign = "<=" if name == "memory" else ">="
    return f"{sign} {wanted}: {'OK' if ok else 'MISSED'}"


# -- memory and time against size, each in a fresh process ---------------------------------


def child(folder: Path, db: Path) -> None:
    """Ingest ``folder`` into ``db`` and print seconds, peak RSS and search latencies."""
    nlp.load_model("en")
    nlp.load_model("fr")
    before = common.peak_rss_mb()
    start = time.perf_counter()
    with Store(db) as store:
        report = ingest([folder], store)
        seconds = time.perf_counter() - start
        peak = common.peak_rss_mb()
        now = common.current_rss_mb()
        latencies = []
        for text in SEARCHES:
            query.search(store, text)
            times = []
            for _ in range(20):
                t = time.perf_counter()
                query.search(store, text)
                times.append(time.perf_counter() - t)
            latencies += times
    print(json.dumps({"documents": report.new, "seconds": seconds, "peak_mb": peak,
                      "end_mb": now,
                      "models_mb": before, "p50_ms": 1000 * common.percentile(latencies, 50),
                      "p95_ms": 1000 * common.percentile(latencies, 95),
                      "store_mb": common.file_size_mb(db)}))


def sizes(texts: list[str], scale: float, workdir: Path) -> list[list[Any]]:
    rows = []
    for size in SIZES:
        count = max(5, round(size * scale))
        folder = generate(texts, count, workdir / f"corpus{count}")
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(workdir / f"s{count}.db")],
            capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append([count, figures["documents"], figures["seconds"],
                     figures["documents"] / figures["seconds"], figures["peak_mb"],
                     figures["end_mb"], figures["models_mb"], figures["store_mb"],
                     figures["p50_ms"], figures["p95_ms"]])
    return rows


LONG_CHARS = (100_000, 200_000, 400_000)


def child_long(folder: Path, chars: int, chunk: int) -> None:
    """Analyse one document of ``chars`` characters (paragraphs of the generated corpus)
    with chunks of ``chunk`` characters; print seconds and peak RSS."""
    from porteparole import chunks

    chunks.CHUNK_CHARS = chunk
    nlp.load_model("en")
    nlp.load_model("fr")
    paragraphs: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n")
                       if p.strip() and not p.startswith("(document")]
    english = [p for p in paragraphs if p.isascii()] or paragraphs
    body, i = [], 0
    while sum(len(p) + 2 for p in body) < chars:
        body.append(english[i % len(english)])
        i += 1
    text = "\n\n".join(body)[:chars]
    before = common.peak_rss_mb()
    start = time.perf_counter()
    analysis = pipeline.analyze(text, language="en")
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": common.peak_rss_mb(),
                      "models_mb": before, "mentions": len(analysis.mentions)}))


def long_documents(folder: Path, scale: float) -> list[list[Any]]:
    """One long document at three lengths, each in a fresh process: with chunks, time and
    memory per character stay flat. Below ``--scale 0.5`` lengths and chunk size are a
    quarter (below 0.05, a twentieth), for the same numbers of chunks."""
    factor = 1.0 if scale >= 0.5 else 0.25 if scale >= 0.05 else 0.05
    chunk = int(100_000 * factor)
    rows = []
    for size in LONG_CHARS:
        chars = int(size * factor)
        out = subprocess.run(
            [sys.executable, __file__, "--child-long", str(folder), str(chars), str(chunk)],
            capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append([chars, chars // chunk + (chars % chunk > 0), figures["seconds"],
                     1000 * figures["seconds"] / (chars / 1000), figures["peak_mb"],
                     figures["peak_mb"] - figures["models_mb"]])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of 500/2,000/5,000 documents (0.1: 50/200/500)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per ratio")
    parser.add_argument("--pages", type=int, default=60,
                        help="Foreign Ministry pages recombined into the corpus")
    parser.add_argument("--ratio-docs", type=int, default=40,
                        help="generated documents the ratios are measured on")
    parser.add_argument("--out", type=Path, default=common.ROOT / "bench" / "results"
                        / "scale.txt", help="file the figures are written to")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-long", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--no-facts", action="store_true", help="do not print the machine")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.child_long:
        folder, chars, chunk = args.child_long
        child_long(Path(folder), int(chars), int(chunk))
        return 0
    if args.child_workers:
        folder, db, workers = args.child_workers
        child_workers(Path(folder), Path(db), int(workers))
        return 0
    lines: list[str] = []
    if not args.no_facts:
        common.print_facts()
    texts = source_texts(args.pages)
    with tempfile.TemporaryDirectory(prefix="porteparole-scale-") as directory:
        workdir = Path(directory)
        folder = generate(texts, args.ratio_docs, workdir / "ratio")
        raws = [r for r in read.read_paths([folder]) if isinstance(r, RawDocument)]
        ratios = analysis_vs_spacy(raws, args.rounds)
        ratios += batch_sizes(raws, args.rounds)
        ratios += ingest_vs_analysis(folder, args.rounds, workdir)
        ratios += workers_speedup(folder, generate(texts, 2, workdir / "start"), workdir)
        by_size = sizes(texts, args.scale, workdir)
        long = long_documents(folder, args.scale)
    with common.captured(lines):
        common.print_table(f"ratios, measured side by side ({args.ratio_docs} generated "
                           f"documents, best of {args.rounds} alternating rounds)",
                           ["ratio", "value", "target", "times"], ratios, align="lrll")
        common.print_table("ingest of generated corpora, each in a fresh process",
                           ["documents", "new", "seconds", "docs/s", "peak RSS MB",
                            "RSS at end MB", "peak after model load MB", "store MB",
                            "search p50 ms", "search p95 ms"], by_size)
        common.print_table("one long document, analysed in chunks, each in a fresh process",
                           ["characters", "chunks", "seconds", "ms per 1,000 chars",
                            "peak RSS MB", "above models MB"], long)
        growth = by_size[-1][4] / by_size[0][4]
        print(f"peak memory at {by_size[-1][0]:,} documents / at {by_size[0][0]:,}: "
              f"{growth:.3f}  (target {_target('memory', growth)})")
        print(f"load average when done: {', '.join(f'{x:.2f}' for x in _load())} on "
              f"{_cores()} cores: other work on the machine makes every figure noisy")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


def _load() -> tuple[float, float, float]:
    import os

    return os.getloadavg()


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
