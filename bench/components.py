"""Which spaCy components the stages read, and what each costs, per language.

For each language's model, every trainable or rule component (not the shared ``tok2vec``,
which the others listen to, nor porteparole's own line-break rule) is disabled in turn and
stages 5-9 are run on the same documents: if no record changes, no stage reads that
component and it could be excluded from the model in ``knowledge/languages.yaml``. Each
component's share of the spaCy time is measured by running the components one after the
other over the same tokenized texts.

    python bench/components.py [--docs N] [--no-facts]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import Any

import _common as common

from porteparole import nlp, pipeline, read
from porteparole.records import Analysis

FIXED = ("porteparole_line_breaks", "tok2vec")


def documents(limit: int) -> dict[str, list[Analysis]]:
    """Prepared documents per language from the corpora on this machine."""
    paths = [common.EXAMPLES]
    if not common.absent(common.SEEDS):
        paths.append(common.SEEDS)
    if not common.absent(common.FMPRC):
        paths += common.spread_sample(common.html_pages(common.FMPRC), limit)
    found: dict[str, list[Analysis]] = {}
    for item in read.read_paths(paths):
        if isinstance(item, Analysis | type(None)):
            continue
        prepared = pipeline.prepare(item) if not hasattr(item, "reason") else item
        if isinstance(prepared, Analysis):
            found.setdefault(prepared.document.language, []).append(prepared)
    return {lang: docs[:limit] for lang, docs in found.items()}


def records(analyses: list[Analysis], docs: list[Any]) -> list[tuple[Any, ...]]:
    out = []
    for analysis, doc in zip(analyses, docs, strict=True):
        for stage in pipeline.NLP_STAGES:
            analysis = stage(analysis, doc)
        out.append((analysis.turns, analysis.mentions, analysis.quotes, analysis.events,
                    analysis.topics, analysis.mechanism_updates))
    return out


def component_times(model: Any, texts: list[str]) -> dict[str, float]:
    """Seconds per component over ``texts``, each run over the tokenized batch in order."""
    times: dict[str, float] = {"tokenizer": 0.0}
    start = time.perf_counter()
    docs = [model.make_doc(t) for t in texts]
    times["tokenizer"] = time.perf_counter() - start
    for name, component in model.pipeline:
        start = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=8)) if hasattr(component, "pipe") else [
            component(d) for d in docs]
        times[name] = time.perf_counter() - start
    return times


def measure(language: str, analyses: list[Analysis]) -> list[list[Any]]:
    model = nlp.load_model(language)
    texts = [a.document.text for a in analyses]
    baseline = records(analyses, list(model.pipe(texts, batch_size=8)))
    times = component_times(model, texts)
    total = sum(times.values())
    rows: list[list[Any]] = []
    for name in ["tokenizer", *model.pipe_names]:
        share = f"{100 * times.get(name, 0.0) / total:.1f}"
        if name in FIXED or name == "tokenizer":
            rows.append([language, name, times.get(name, 0.0), share, "-", "always runs"])
            continue
        with model.select_pipes(disable=[name]):
            changed = records(analyses, list(model.pipe(texts, batch_size=8)))
        differ = sum(a != b for a, b in zip(baseline, changed, strict=True))
        verdict = "read by a stage" if differ else "NOT read: could be excluded"
        rows.append([language, name, times[name], share, f"{differ}/{len(analyses)}", verdict])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20, help="documents per language")
    parser.add_argument("--no-facts", action="store_true", help="do not print the machine")
    args = parser.parse_args(argv)
    if not args.no_facts:
        common.print_facts()
    rows: list[list[Any]] = []
    for language, analyses in sorted(documents(args.docs).items()):
        if nlp.model_name(language) is None:
            continue
        rows += measure(language, analyses)
    common.print_table("spaCy components: cost, and whether stages 5-9 read them "
                       "(documents whose records change when the component is disabled)",
                       ["language", "component", "seconds", "% of spaCy", "changed",
                        "verdict"], rows, align="llrrrl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
