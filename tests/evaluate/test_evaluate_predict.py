"""``analysis_to_prediction``: the system's reading of an ``Analysis`` in the gold format."""

from __future__ import annotations

from porteparole.evaluate import analysis_to_prediction, annotation_to_json, parse_annotation
from porteparole.evaluate.gold import OPTIONAL_FIELDS
from porteparole.evaluate.predict import default_actor_lookup, no_actors
from porteparole.kb import actor_code
from porteparole.records import (
    Actor,
    Analysis,
    Document,
    Event,
    Mention,
    Origin,
    Quote,
    Turn,
)

ACTORS = {
    actor.id: actor
    for actor in (
        Actor("p-ana", "Ana Ruiz", "person", "NOR", "GOV"),
        Actor("p-tom", "Tom Berg", "person", "SWE", None),
        Actor("s-nor", "Norway", "state", "NOR", "GOV"),
        Actor("s-isl", "Iceland", "state", "ISL", "GOV"),
        Actor("o-def", "Norwegian Ministry of Defence", "organization", "NOR", "MIL"),
        Actor("o-nato", "NATO", "organization", None, "IGO"),
        Actor("o-fish", "Fjord Fish", "organization", "DNK", "BUS"),
        Actor("m-radio", "Harbour Radio", "outlet", "ISL", "MED"),
    )
}

STATEMENT = "Good afternoon. Norway will talk with NATO about the fjord."
QUESTION = "Did Tom Berg say that the ferry will sail again? Fjord Fish is worried."
ANSWER = "The Ministry of Defence fired at Icelandic boats, we regret it."
TEXT = f"{STATEMENT}\nHarbour Radio: {QUESTION}\nAna Ruiz: {ANSWER}"


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def mention(part: str, actor_id: str | None) -> Mention:
    return Mention("d1", *span(part), part, "ORG", actor_id, 1.0)


def analysis() -> Analysis:
    document = Document(
        id="d1",
        origin=Origin("/corpus/ferry.txt", "text"),
        language="en",
        kind="press_conference",
        text=TEXT,
        title="Briefing",
        date="2031-03-03",
        spokesperson="Ana Ruiz",
    )
    return Analysis(
        document=document,
        turns=(
            Turn("d1", 0, "statement", "Ana Ruiz", *span(STATEMENT)),
            Turn("d1", 1, "question", "Harbour Radio", *span(QUESTION), label="Harbour Radio"),
            Turn("d1", 2, "answer", "Ana Ruiz", *span(ANSWER), label="Ana Ruiz"),
        ),
        mentions=(
            mention("Norway", "s-nor"),
            mention("NATO", "o-nato"),
            mention("Harbour Radio", "m-radio"),
            mention("Tom Berg", "p-tom"),
            mention("Fjord Fish", "o-fish"),
            mention("Ana Ruiz", "p-ana"),
            mention("Ministry of Defence", "o-def"),
            mention("Icelandic", "s-isl"),
            mention("fjord", None),
        ),
        quotes=(
            Quote("d1", *span("the ferry will sail again"), "p-tom", "Tom Berg", "reported", "say"),
            Quote("d1", *span("we regret it"), "x-unknown", "we", "direct", None),
        ),
        events=(
            Event("d1", *span("Norway will talk with NATO"), "s-nor", "CONSULT", "o-nato"),
            Event("d1", *span("fired at Icelandic boats"), "o-def", "ASSAULT", "s-isl"),
            Event("d1", *span("Ana Ruiz"), "p-ana", "AID", None),
        ),
    )


def test_prediction_has_every_field_and_whole_spans() -> None:
    prediction = analysis_to_prediction(analysis(), ACTORS.get)
    assert prediction.annotated == frozenset(OPTIONAL_FIELDS)
    assert prediction.document == "ferry.txt"
    assert (prediction.language, prediction.kind, prediction.date) == (
        "en",
        "press_conference",
        "2031-03-03",
    )
    assert [t.begins for t in prediction.turns] == [STATEMENT, QUESTION, ANSWER]
    assert [t.speaker for t in prediction.turns] == ["Ana Ruiz", "Harbour Radio", "Ana Ruiz"]
    # "we regret it" has a speaker the knowledge base does not know: gold lists speech of
    # named speakers only, so it is stored but not predicted.
    assert [(q.speaker, q.contains) for q in prediction.quotes] == [
        ("Tom Berg", "the ferry will sail again"),
    ]


def test_persons_are_people_and_countries_are_states_and_state_institutions() -> None:
    prediction = analysis_to_prediction(analysis(), ACTORS.get)
    assert prediction.persons == ("Tom Berg", "Ana Ruiz")
    # Tom Berg's nationality (SWE), the company's home (DNK) and the outlet's are no states
    # the document refers to; the ministry of defence is Norway's.
    assert prediction.countries == ("NOR", "ISL")


def test_a_spokesperson_named_only_in_the_title_is_a_person_of_the_document() -> None:
    """Anonymous "A:" turns under a title that names who answers: the title names them."""
    import dataclasses

    base = analysis()
    text = f"Q: {QUESTION}\nA: {ANSWER}"
    q, a = text.index(QUESTION), text.index(ANSWER)
    turns = (Turn("d1", 0, "question", None, q, q + len(QUESTION), label="Q"),
             Turn("d1", 1, "answer", "Ana Ruiz", a, a + len(ANSWER), label="A",
                  speaker_actor="p-ana"))
    for title, expected in (("Spokesperson Ana Ruiz's Regular Press Conference", ("Ana Ruiz",)),
                            ("Regular Press Conference", ())):
        document = dataclasses.replace(base.document, text=text, title=title)
        anonymous = Analysis(document=document, turns=turns)
        assert analysis_to_prediction(anonymous, ACTORS.get).persons == expected


def test_event_parties_are_coded_by_actor_kind() -> None:
    prediction = analysis_to_prediction(analysis(), ACTORS.get)
    triples = [(e.source, e.type, e.target) for e in prediction.events]
    assert triples == [
        ("NOR", "CONSULT", "NATO"),  # state; international organization by name
        ("NOR", "ASSAULT", "ISL"),  # a state institution acts for its state
    ]  # the AID event has no target party: stored, but gold triples name both parties
    assert prediction.events[1].evidence == "fired at Icelandic boats"
    assert actor_code(None) is None


def test_without_a_knowledge_base_actor_fields_are_empty_not_failing() -> None:
    prediction = analysis_to_prediction(analysis(), no_actors, document="x.txt")
    assert prediction.document == "x.txt"
    assert prediction.persons == () and prediction.countries == ()
    assert prediction.quotes == () and prediction.events == ()  # no speaker, no party
    assert len(prediction.turns) == 3


def test_prediction_json_is_valid_gold_format() -> None:
    prediction = analysis_to_prediction(analysis(), ACTORS.get)
    data = annotation_to_json(prediction)
    assert list(data) == ["document", *OPTIONAL_FIELDS]
    assert parse_annotation(data, "round trip") == prediction


def test_default_lookup_uses_the_knowledge_base() -> None:
    lookup = default_actor_lookup()
    assert lookup is not no_actors
    assert lookup("no-such-actor-id") is None
