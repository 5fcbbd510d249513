"""Stage 5 on the real seed documents, with the shipped knowledge base, against the gold.

Persons are the canonical names of mentions that name a person (not role descriptions or
pronouns); countries are the states mentioned plus the country of organizations mentioned.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from porteparole.actors.resolve import label_spans, resolve_actors
from porteparole.kb import load_knowledge_base
from porteparole.nlp import annotate
from porteparole.pipeline import prepare
from porteparole.records import Analysis, Origin, RawDocument


@pytest.fixture(scope="module")
def resolved(seeds_dir: Path, seeds_gold_dir: Path) -> list[tuple[dict, Analysis]]:
    golds = [json.loads(p.read_text("utf-8")) for p in sorted(seeds_gold_dir.glob("*.gold.json"))]
    prepared = []
    for gold in golds:
        text = (seeds_dir / gold["document"]).read_text("utf-8")
        analysis = prepare(RawDocument(Origin(gold["document"], "text"), text, language="fr"))
        assert isinstance(analysis, Analysis)
        prepared.append(analysis)
    docs = annotate([(a.document.language, a.document.text) for a in prepared])
    return [(g, resolve_actors(a, d)) for g, a, d in zip(golds, prepared, docs, strict=True)]


def _found(analysis: Analysis) -> tuple[set[str], set[str]]:
    kb = load_knowledge_base()
    persons, countries = set(), set()
    for mention in analysis.mentions:
        actor = kb.actor(mention.actor_id) if mention.actor_id else None
        if actor is None:
            continue
        if actor.type == "person" and mention.entity_type == "PER":
            persons.add(actor.name)
        elif actor.type == "state":
            countries.add(actor.id)
        elif actor.type == "organization" and actor.country:
            countries.add(actor.country)
    return persons, countries


def _micro_f1(pairs: list[tuple[set[str], set[str]]]) -> float:
    tp = sum(len(s & g) for s, g in pairs)
    fp = sum(len(s - g) for s, g in pairs)
    fn = sum(len(g - s) for s, g in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_persons_of_the_seeds(resolved):
    pairs = [(_found(a)[0], set(g["persons"])) for g, a in resolved]
    assert _micro_f1(pairs) >= 0.9, pairs


def test_countries_of_the_seeds(resolved):
    if not any(a.type == "state" for a in load_knowledge_base().actors.values()):
        pytest.skip("the shipped knowledge base lists no states yet")
    pairs = [(_found(a)[1], set(g["countries"])) for g, a in resolved]
    assert _micro_f1(pairs) >= 0.9, pairs


def test_spokesperson_and_answer_speakers_resolve(resolved):
    for gold, analysis in resolved:
        assert analysis.document.spokesperson == gold["spokesperson"]
        for turn in analysis.turns:
            if turn.role == "answer":
                assert turn.speaker_actor is not None, turn


def test_mentions_are_spans_of_the_text_and_never_labels(resolved):
    for _, analysis in resolved:
        text = analysis.document.text
        labels = label_spans(text, analysis.turns)
        for mention in analysis.mentions:
            assert text[mention.start:mention.end] == mention.surface
            assert not any(a < mention.end and mention.start < b for a, b in labels), mention
