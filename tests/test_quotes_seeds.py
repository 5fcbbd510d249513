"""Stage 6 on the real seeds, after the real actor resolver: quotes against the gold."""

from __future__ import annotations

import json

import pytest

from porteparole.evaluate.gold import GoldQuote
from porteparole.evaluate.scoring import score_quotes
from porteparole.nlp import annotate
from porteparole.pipeline import prepare
from porteparole.quotes import extract_quotes
from porteparole.records import Origin, RawDocument

resolve = pytest.importorskip("porteparole.actors.resolve")
kb_module = pytest.importorskip("porteparole.actors.kb")


@pytest.fixture(scope="module")
def seed_scores(seeds_dir, seeds_gold_dir):
    kb = kb_module.load_knowledge_base()
    prepared, golds = [], []
    for gold_path in sorted(seeds_gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = seeds_dir / gold["document"]
        prepared.append(prepare(RawDocument(Origin(str(path), "text"), path.read_text("utf-8"))))
        golds.append(gold)
    docs = annotate([(a.document.language, a.document.text) for a in prepared])
    totals = [0, 0, 0, 0]
    analyses = []
    for analysis, doc, gold in zip(prepared, docs, golds, strict=True):
        analysis = extract_quotes(resolve.resolve_actors(analysis, doc), doc)
        analyses.append(analysis)
        text = analysis.document.text
        system = []
        for quote in analysis.quotes:
            actor = kb.actor(quote.speaker_actor) if quote.speaker_actor else None
            if actor is not None:
                system.append(GoldQuote(actor.name, quote.kind, text[quote.start : quote.end]))
        wanted = [GoldQuote(q["speaker"], q["kind"], q["contains"]) for q in gold["quotes"]]
        counts, _ = score_quotes(wanted, system)
        for i, value in enumerate(
            (counts.system_hits, counts.system, counts.gold_hits, counts.gold)
        ):
            totals[i] += value
    return totals, analyses


def test_seed_quotes_reach_the_targets(seed_scores):
    (hits, system, found, gold), _ = seed_scores
    assert found / gold >= 0.85
    assert hits / system >= 0.85


def test_quote_records_are_well_formed(seed_scores):
    _, analyses = seed_scores
    for analysis in analyses:
        text = analysis.document.text
        for quote in analysis.quotes:
            assert 0 <= quote.start < quote.end <= len(text)
            assert quote.kind in ("direct", "reported")
            assert text[quote.start : quote.end].strip() == text[quote.start : quote.end]
            if quote.turn_index is not None:
                turn = analysis.turns[quote.turn_index]
                assert turn.start <= quote.start < turn.end
                assert turn.role == "question" or quote.speaker_actor != turn.speaker_actor
