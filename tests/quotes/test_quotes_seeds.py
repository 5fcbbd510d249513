"""Stage 6 on the real seeds, after the real actor resolver: well-formed quote records."""

from __future__ import annotations

import json

import pytest

from porteparole.nlp import annotate
from porteparole.pipeline import prepare
from porteparole.quotes import extract_quotes
from porteparole.records import Origin, RawDocument

resolve = pytest.importorskip("porteparole.actors.resolve")


@pytest.fixture(scope="module")
def seed_analyses(seeds_dir, seeds_gold_dir):
    """The seeds through stages 1-6 (figures against their gold: ``test_eval_floors``)."""
    prepared = []
    for gold_path in sorted(seeds_gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = seeds_dir / gold["document"]
        prepared.append(prepare(RawDocument(Origin(str(path), "text"), path.read_text("utf-8"))))
    docs = annotate([(a.document.language, a.document.text) for a in prepared])
    return [
        extract_quotes(resolve.resolve_actors(analysis, doc), doc)
        for analysis, doc in zip(prepared, docs, strict=True)
    ]


def test_quote_records_are_well_formed(seed_analyses):
    analyses = seed_analyses
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
