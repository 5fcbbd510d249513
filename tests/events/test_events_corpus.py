"""Stage 7 on real text: the seed documents and our sample corpus, through the real stages.

Stages 1-5 run as ingest runs them (reader, prepare, spaCy, actors); quotes are not needed
by events (speech is also read from turns and speech verbs), so this test does not depend on
stage 6. Events are scored as ``porteparole eval`` does: (source, type, target) triples per
document, actors mapped to states and IGOs, micro-averaged; only ``reportable`` events count.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from porteparole import pipeline
from porteparole.actors.resolve import resolve_actors
from porteparole.evaluate.predict import default_actor_lookup
from porteparole.events import extract_events, reportable
from porteparole.kb import actor_code
from porteparole.nlp import annotate
from porteparole.read import read_source


def _score(gold_dir: Path, corpus_dir: Path) -> tuple[int, int, int, list]:
    lookup = default_actor_lookup()

    def code(actor_id):
        return actor_code(lookup(actor_id)) if actor_id else None

    hits = predicted = expected = 0
    analyses = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "events" not in gold:
            continue
        raw = next(iter(read_source(corpus_dir / gold["document"])))
        prepared = pipeline.prepare(raw)
        doc = annotate([(prepared.document.language, prepared.document.text)])[0]
        analysis = extract_events(resolve_actors(prepared, doc), doc)
        analyses.append(analysis)
        system = {(code(e.source_actor), e.type, code(e.target_actor))
                  for e in analysis.events if reportable(e)}
        wanted = {(e["source"], e["type"], e["target"]) for e in gold["events"]}
        hits += len(system & wanted)
        predicted += len(system)
        expected += len(wanted)
    return hits, predicted, expected, analyses


def _f1(hits: int, predicted: int, expected: int) -> float:
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.fixture(scope="module")
def seeds(seeds_gold_dir, seeds_dir):
    return _score(seeds_gold_dir, seeds_dir)


def test_seed_events_reach_the_target_f1(seeds):
    hits, predicted, expected, _ = seeds
    assert expected > 0
    assert _f1(hits, predicted, expected) >= 0.6


def test_seed_events_are_well_formed_spans(seeds):
    *_, analyses = seeds
    events = [(a, e) for a in analyses for e in a.events]
    assert events
    for analysis, event in events:
        text = analysis.document.text
        assert 0 <= event.start < event.end <= len(text)
        assert text[event.start:event.end].strip() == text[event.start:event.end]
        assert event.cameo_root is not None and event.goldstein is not None
        assert event.source_actor != event.target_actor


def test_sample_corpus_events(examples_dir):
    gold_dir = examples_dir.parent / "gold"
    hits, predicted, expected, _ = _score(gold_dir, examples_dir)
    assert expected > 0
    assert hits / predicted >= 0.6  # precision first: gold lists only the main interactions
    assert _f1(hits, predicted, expected) >= 0.45
