"""Per-stage cost: the bare spaCy pass against each NLP stage, on the same texts.

For each corpus the documents are read, then prepared (stages 1-3, timed once: they are
part of the whole pipeline), then, in each of ``--repeat`` rounds:

- stage 4 alone: ``nlp.annotate`` over all texts (``nlp.pipe``), the bare spaCy pass;
- every stage in ``pipeline.NLP_STAGES`` (discovered at run time, so the benchmark grows as
  stages land), applied in order to the docs of that pass, each timed on its own;
- the whole ``pipeline.enrich_many`` as ingest calls it, a cross-check of the sum, in
  every round (``--enrich-rounds`` to time it in fewer).

Figures are best / median / worst of the rounds; percentages use the best times. Targets:
actor resolution adds < 10 % to the spaCy time (issue 3); the pipeline keeps >= 80 % of
the bare spaCy throughput, i.e. spaCy / (stages 1-3 + spaCy + stages 5-9) >= 80 % (issue 4);
stages 5-9 together cost < 10 % of the spaCy time (issue 10).

    python bench/stages.py [--repeat 3] [--fmprc-pages 60] [--no-facts]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _common as common

from porteparole import nlp, pipeline, read
from porteparole.records import Analysis, Rejected

ACTOR_TARGET_PCT = 10.0  # issue 3: actor resolution adds less than this to spaCy's time
THROUGHPUT_TARGET_PCT = 80.0  # issue 4: the pipeline keeps at least this of spaCy's speed
STAGES_TARGET_PCT = 10.0  # issue 10: stages 5-9 together cost less than this of spaCy's time

Stage = Callable[[Analysis, Any], Analysis]


@dataclass
class Rounds:
    """The timings of one corpus over all rounds."""

    spacy: list[float] = field(default_factory=list)
    stages: list[list[float]] = field(default_factory=list)  # per stage, per round
    enrich_many: list[float] = field(default_factory=list)
    failures: dict[int, tuple[int, str]] = field(default_factory=dict)  # stage -> count, first
    enrich_error: str | None = None  # enrich_many raised (ingest then retries per document)


@dataclass(frozen=True)
class Summary:
    corpus: str
    documents: int
    spacy: float
    stages: float
    actors_pct: float | None
    throughput_pct: float


def stage_name(stage: Any) -> str:
    """The stage's qualified name, also for a partial or a callable object."""
    target = getattr(stage, "func", stage)
    module = getattr(target, "__module__", "?")
    name = getattr(target, "__qualname__", type(target).__qualname__)
    return f"{module}.{name}"


PREPARE_SECONDS: dict[int, float] = {}  # id(analyses list) -> seconds spent in stages 1-3


def prepared(paths: Sequence[Path]) -> tuple[list[Analysis], int]:
    """Stages 1-3 on every document the paths hold, and the number of inputs rejected.

    Reading (decoding, HTML extraction) is not a pipeline stage and is not timed. Stages
    1-3 run twice: the first pass pays one-off set-up (the language detector, dateparser
    compiling its locale patterns on first use), which a long ingest pays once; the second,
    steady-state pass is timed and kept in ``PREPARE_SECONDS``."""
    raws: list[Any] = []
    rejected = 0
    _warm_prepare()
    for source in read.discover(paths):
        for raw in read.read_source(source):
            if isinstance(raw, Rejected):
                rejected += 1
            else:
                raws.append(raw)
    for raw in raws:
        pipeline.prepare(raw)
    start = time.perf_counter()
    outcomes = [pipeline.prepare(raw) for raw in raws]
    spent = time.perf_counter() - start
    analyses = [o for o in outcomes if isinstance(o, Analysis)]
    rejected += len(outcomes) - len(analyses)
    PREPARE_SECONDS[id(analyses)] = spent
    return analyses, rejected


def _warm_prepare() -> None:
    """Build the language detector and the structure vocabularies once, outside the
    timings: a long ingest pays them once, not per document."""
    from porteparole.records import Origin, RawDocument

    for text in ("Le ministère a publié jeudi un communiqué sur la coopération régionale.",
                 "The ministry published a statement on regional cooperation on Thursday."):
        pipeline.prepare(RawDocument(Origin("<warm-up>", "text"), text))


def apply_stage(stage: Stage, index: int, analyses: list[Analysis], docs: list[Any],
                rounds: Rounds) -> list[Analysis]:
    """One stage over every document; a failing document keeps its input and is counted."""
    out = []
    for analysis, doc in zip(analyses, docs, strict=True):
        try:
            out.append(stage(analysis, doc))
        except Exception as error:  # noqa: BLE001 - reported, and the benchmark goes on
            message = f"{type(error).__name__}: {error}"[:300]
            count, first = rounds.failures.get(index, (0, message))
            rounds.failures[index] = (count + 1, first)
            out.append(analysis)
    return out


def warm_up(analyses: list[Analysis], stages: Sequence[Stage]) -> float:
    """Load the models and let each stage build its one-off tables, outside the timings."""
    start = time.perf_counter()
    for language in sorted({a.document.language for a in analyses}):
        first = [a for a in analyses if a.document.language == language][:1]
        docs = nlp.annotate([(a.document.language, a.document.text[:2000]) for a in first])
        current = first
        for i, stage in enumerate(stages):
            current = apply_stage(stage, i, current, docs, Rounds())
    return time.perf_counter() - start


def measure(analyses: list[Analysis], stages: Sequence[Stage], repeat: int,
            enrich_rounds: int) -> Rounds:
    """``repeat`` rounds of spaCy then each stage; ``enrich_many`` in the last
    ``enrich_rounds`` of them (it repeats the spaCy pass, so it is the costly cross-check)."""
    texts = [(a.document.language, a.document.text) for a in analyses]
    rounds = Rounds(stages=[[] for _ in stages])
    for round_ in range(repeat):
        seconds, docs = common.stopwatch(lambda: nlp.annotate(texts))
        rounds.spacy.append(seconds)
        current = analyses
        for i, stage in enumerate(stages):
            start = time.perf_counter()
            current = apply_stage(stage, i, current, docs, rounds)
            rounds.stages[i].append(time.perf_counter() - start)
        del docs, current
        if round_ >= repeat - enrich_rounds:
            try:
                seconds, _ = common.stopwatch(lambda: pipeline.enrich_many(analyses))
                rounds.enrich_many.append(seconds)
            except Exception as error:  # noqa: BLE001 - a stage in progress; reported below
                rounds.enrich_error = f"{type(error).__name__}: {error}"[:300]
    if stages:  # each stage's failures were counted once per round
        rounds.failures = {i: (n // repeat, m) for i, (n, m) in rounds.failures.items()}
    return rounds


def report(corpus: str, analyses: list[Analysis], rejected: int, stages: Sequence[Stage],
           rounds: Rounds) -> Summary:
    spacy = min(rounds.spacy)
    stage_best = [min(t) for t in rounds.stages]
    total = sum(stage_best)
    rows: list[list[Any]] = [["4", "spaCy pass (nlp.annotate)", *common.spread(rounds.spacy),
                              "100.0", ""]]
    actors_pct = None
    for i, (stage, best) in enumerate(zip(stages, stage_best, strict=True)):
        pct = 100 * best / spacy
        target = ""
        if "resolve_actors" in stage_name(stage):
            actors_pct = pct
            target = _verdict(pct < ACTOR_TARGET_PCT, f"< {ACTOR_TARGET_PCT:.0f} %")
        rows.append([str(5 + i), stage_name(stage), *common.spread(rounds.stages[i]),
                     f"{pct:.1f}", target])
    rows.append(["5-9", "all NLP stages", total,
                 sum(common.spread(t)[1] for t in rounds.stages),
                 sum(max(t) for t in rounds.stages), f"{100 * total / spacy:.1f}",
                 _verdict(100 * total / spacy < STAGES_TARGET_PCT, f"< {STAGES_TARGET_PCT:.0f} %")])
    if rounds.enrich_many:
        rows.append(["4-9", f"pipeline.enrich_many ({_rounds(len(rounds.enrich_many))})",
                     *common.spread(rounds.enrich_many),
                     f"{100 * min(rounds.enrich_many) / spacy:.1f}", ""])
    chars = sum(len(a.document.text) for a in analyses)
    languages = ", ".join(f"{k} {v}" for k, v in sorted(_languages(analyses).items()))
    title = (f"{corpus}: {len(analyses)} documents ({languages}), {chars:,} characters, "
             f"{rejected} inputs rejected by stages 1-3; {_rounds(len(rounds.spacy))}")
    common.print_table(title, ["stage", "function", "best s", "median s", "worst s",
                               "% of spaCy", "target"], rows, align="llrrrrl")
    prepare = PREPARE_SECONDS.get(id(analyses), 0.0)
    throughput = 100 * spacy / (prepare + spacy + total)
    print(f"spaCy pass: {len(analyses) / spacy:,.2f} documents/s, "
          f"{chars / spacy:,.0f} characters/s; stages 1-3 (prepare): {prepare:.2f} s, "
          f"{100 * prepare / spacy:.1f} % of spaCy")
    stages_pct = 100 * total / spacy
    print(f"stages 5-9 / spaCy: {stages_pct:.1f} % of the spaCy time (best times) "
          f"{_verdict(stages_pct < STAGES_TARGET_PCT, f'< {STAGES_TARGET_PCT:.0f} %')}")
    print(f"stages 5-9 alone: {100 * spacy / (spacy + total):.1f} % of the spaCy throughput")
    print(f"whole pipeline throughput as % of the bare spaCy pass: {throughput:.1f} %  "
          f"[spaCy / (stages 1-3 + spaCy + stages 5-9)] "
          f"{_verdict(throughput >= THROUGHPUT_TARGET_PCT, f'>= {THROUGHPUT_TARGET_PCT:.0f} %')}")
    if rounds.enrich_many:
        enrich_pct = 100 * spacy / min(rounds.enrich_many)
        print(f"  cross-check, spaCy / enrich_many: {enrich_pct:.1f} %")
    if rounds.enrich_error:
        print(f"  ! pipeline.enrich_many raised: {rounds.enrich_error}")
    for i, (count, first) in sorted(rounds.failures.items()):
        print(f"  ! stage {stage_name(stages[i])} raised on {count} documents; first: {first}")
    return Summary(corpus, len(analyses), spacy, total, actors_pct, throughput)


def _rounds(n: int) -> str:
    return f"{n} round" + ("" if n == 1 else "s")


def _verdict(ok: bool, target: str) -> str:
    return f"target {target}: {'OK' if ok else 'MISSED'}"


def _languages(analyses: list[Analysis]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in analyses:
        counts[a.document.language] = counts.get(a.document.language, 0) + 1
    return counts


def corpora(fmprc_pages: int) -> list[tuple[str, list[Path]]]:
    """The corpora on this machine; an absent one is skipped with a line saying so."""
    found = [("examples/corpus", [common.EXAMPLES])]
    if not common.absent(common.SEEDS):
        found.append((common.relative(common.SEEDS), [common.SEEDS]))
    if fmprc_pages and not common.absent(common.FMPRC):
        pages = common.spread_sample(common.html_pages(common.FMPRC), fmprc_pages)
        found.append((f"{common.relative(common.FMPRC)} ({len(pages)} pages, evenly spaced)",
                      pages))
    return found


def enrich_rounds(analyses: list[Analysis], repeat: int, args: argparse.Namespace) -> int:
    """How many rounds time ``enrich_many`` too: all of them when that is cheap."""
    if args.enrich_rounds is not None:
        return max(1, min(repeat, args.enrich_rounds))
    # Every round: the best of one timing of the whole against the sum of the bests of
    # several timings of each part is how the whole once looked 15 % slower than its parts
    # on a busy machine (README, "Summed stages and the whole").
    return repeat


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds per corpus (default 3)")
    parser.add_argument("--fmprc-pages", type=int, default=60,
                        help="pages of ../shared/corpus/fmprc-en to sample (0: none)")
    parser.add_argument("--enrich-rounds", type=int, default=None,
                        help="rounds that also time the whole enrich_many (default: every "
                             "round)")
    parser.add_argument("--no-facts", action="store_true", help="do not print the machine")
    args = parser.parse_args(argv)
    if not args.no_facts:
        common.print_facts()
    stages = tuple(pipeline.NLP_STAGES)
    print(f"\nNLP stages wired in pipeline.NLP_STAGES: {len(stages)}")
    for i, stage in enumerate(stages):
        print(f"  {5 + i}  {stage_name(stage)}")
    summaries = []
    for corpus, paths in corpora(args.fmprc_pages):
        analyses, rejected = prepared(paths)
        if not analyses:
            print(f"skipped: {corpus} holds no document once prepared")
            continue
        setup = warm_up(analyses, stages)
        print(f"\n[{corpus}] warm-up (model load, stage set-up; not timed below): {setup:.2f} s")
        repeat = max(1, args.repeat)
        rounds = measure(analyses, stages, repeat, enrich_rounds(analyses, repeat, args))
        summaries.append(report(corpus, analyses, rejected, stages, rounds))
    print_summary(summaries)
    return 0


def print_summary(summaries: list[Summary]) -> None:
    rows = [[s.corpus, s.documents, s.spacy, s.stages, f"{100 * s.stages / s.spacy:.1f}",
             "-" if s.actors_pct is None else f"{s.actors_pct:.1f}", f"{s.throughput_pct:.1f}"]
            for s in summaries]
    common.print_table(
        f"summary (best times; targets: stages 5-9 < {STAGES_TARGET_PCT:.0f} % of spaCy, "
        f"actors < {ACTOR_TARGET_PCT:.0f} % of spaCy, "
        f"throughput >= {THROUGHPUT_TARGET_PCT:.0f} % of spaCy)",
        ["corpus", "documents", "spaCy s", "stages 5-9 s", "stages 5-9 % of spaCy",
         "actors % of spaCy", "throughput % of spaCy"], rows)


if __name__ == "__main__":
    raise SystemExit(main())
