"""The records' JSON form is the contract between stages, store, exports and API."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from porteparole.records import (
    SCHEMA_VERSION,
    Actor,
    ActorRole,
    Analysis,
    Document,
    Event,
    Mention,
    Origin,
    Quote,
    Turn,
    document_id_for,
    from_json,
    to_json,
)

TEXT = "Reuters : La Chine coopérera-t-elle ?\nMao Ning : Oui, Pékin est prêt."
CHINE = TEXT.index("Chine")
ANSWER = TEXT.index("Oui")


def _analysis() -> Analysis:
    doc_id = document_id_for(TEXT)
    document = Document(
        id=doc_id, origin=Origin("a.txt", "text"), language="fr", kind="press_conference",
        text=TEXT, spokesperson="Mao Ning", flags=("boilerplate_removed",), removed=("Imprimer",),
    )
    return Analysis(
        document=document,
        turns=(
            Turn(doc_id, 0, "question", "Reuters", 10, TEXT.index("\n"), label="Reuters"),
            Turn(doc_id, 1, "answer", "Mao Ning", ANSWER, len(TEXT), label="Mao Ning"),
        ),
        mentions=(Mention(doc_id, CHINE, CHINE + 5, "Chine", "GPE", "CHN", 0.95),),
        quotes=(Quote(doc_id, ANSWER, len(TEXT), "mao-ning", "Mao Ning", "direct", None, 1),),
        events=(Event(doc_id, ANSWER, len(TEXT), "CHN", "AGREE", None, modality="intent"),),
    )


def test_json_round_trip_keeps_every_record() -> None:
    analysis = _analysis()
    data = json.loads(json.dumps(to_json(analysis), ensure_ascii=False))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["record"] == "Analysis"
    assert from_json(data) == analysis


def test_actor_round_trip_with_aliases_and_roles() -> None:
    actor = Actor(
        "wu-qian", "Wu Qian", "person", "CHN", "MIL",
        aliases={"en": ("Wu Qian",), "vi": ("Ngo Khiem",)},
        roles=(ActorRole("spokesperson", "CHN-MND", "2015-08-01", None),),
    )
    assert from_json(json.loads(json.dumps(to_json(actor)))) == actor


def test_from_json_refuses_another_schema_version() -> None:
    data = to_json(_analysis())
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValueError, match="schema_version"):
        from_json(data)


def test_spans_point_at_the_words() -> None:
    analysis = _analysis()
    assert analysis.span_text(CHINE, CHINE + 5) == "Chine"
    assert analysis.span_text(analysis.turns[0].start, analysis.turns[0].end).startswith("La Chine")


@given(st.text())
def test_document_id_depends_only_on_text(text: str) -> None:
    assert document_id_for(text) == document_id_for(str(text))
    assert len(document_id_for(text)) == 16
