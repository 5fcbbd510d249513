"""The scorer of ``porteparole eval`` on hand-made gold files and predictions (FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from porteparole.errors import EvalError
from porteparole.evaluate import (
    Annotation,
    load_gold_dir,
    parse_annotation,
    report_to_json,
    score,
)
from porteparole.evaluate.scoring import match_turns, score_quotes

FULL_GOLD: dict[str, Any] = {
    "document": "briefing.txt",
    "language": "en",
    "kind": "press_conference",
    "title": "Regular briefing of 3 March 2031",
    "date": "2031-03-03",
    "spokesperson": "Ana Ruiz",
    "turns": [
        {"role": "statement", "speaker": "Ana Ruiz", "begins": "Good afternoon"},
        {"role": "question", "speaker": "Harbour Radio", "begins": "Will the ferry talks"},
        {"role": "answer", "speaker": "Ana Ruiz", "begins": "The talks will"},
        {"role": "question", "speaker": None, "begins": "One more question"},
        {"role": "answer", "speaker": "Ana Ruiz", "begins": "No comment"},
    ],
    "quotes": [
        {"speaker": "Tom Berg", "kind": "reported", "contains": "the ferry will sail again"},
    ],
    "persons": ["Ana Ruiz", "Tom Berg"],
    "countries": ["NOR", "ISL"],
    "events": [
        {"source": "NOR", "type": "CONSULT", "target": "ISL", "evidence": "talks"},
        {"source": "ISL", "type": "REQUEST", "target": "NATO", "evidence": "asked"},
    ],
}


def gold(**fields: Any) -> Annotation:
    """An annotation built through the validated JSON route, as a gold file would be."""
    return parse_annotation({"document": "doc.txt", **fields}, "test")


def figures(golds: list[Annotation], predictions: list[Annotation]) -> dict[str, Any]:
    return report_to_json(score(golds, predictions))


# --- perfect and empty predictions -----------------------------------------------------


def test_perfect_prediction_scores_one_everywhere() -> None:
    document = parse_annotation(FULL_GOLD, "gold")
    result = figures([document], [document])
    for name, values in result.items():
        if name != "documents":
            assert all(value == 1.0 for value in values.values()), name
    assert result["documents"] == 1


def test_json_keys_are_exactly_those_of_the_format() -> None:
    result = figures([parse_annotation(FULL_GOLD, "gold")], [])
    prf = ["precision", "recall", "f1"]
    assert list(result) == [
        "documents",
        "kind",
        "language",
        "date",
        "spokesperson",
        "turns",
        "quotes",
        "persons",
        "countries",
        "events",
    ]
    for name in ("kind", "language", "date", "spokesperson"):
        assert list(result[name]) == ["accuracy"]
    assert list(result["turns"]) == [*prf, "role_accuracy", "speaker_accuracy"]
    for name in ("quotes", "persons", "countries", "events"):
        assert list(result[name]) == prf
    json.dumps(result)  # serializable as is


def test_missing_prediction_scores_zero_recall_and_null_precision() -> None:
    result = figures([parse_annotation(FULL_GOLD, "gold")], [])
    assert result["persons"] == {"precision": None, "recall": 0.0, "f1": 0.0}
    assert result["turns"]["role_accuracy"] is None  # no matched turn to judge
    assert result["kind"]["accuracy"] == 0.0


# --- turns -----------------------------------------------------------------------------


def turns(*specs: tuple[str, str | None, str]) -> list[dict[str, Any]]:
    return [{"role": r, "speaker": s, "begins": b} for r, s, b in specs]


def test_each_gold_turn_takes_the_first_free_matching_system_turn() -> None:
    g = gold(turns=turns(("answer", "A", "Thank you"), ("answer", "A", "Thank you")))
    s = gold(turns=turns(("answer", "A", "Thank you, Sir."), ("answer", "A", "Thank you all.")))
    assert match_turns(g.turns, s.turns) == [0, 1]


def test_a_system_turn_is_taken_only_once() -> None:
    g = gold(turns=turns(("answer", "A", "Yes"), ("answer", "A", "Yes")))
    s = gold(turns=turns(("answer", "A", "Yes, indeed.")))
    assert match_turns(g.turns, s.turns) == [0, None]
    result = figures([g], [s])["turns"]
    assert (result["precision"], result["recall"]) == (1.0, 0.5)
    assert result["f1"] == pytest.approx(2 / 3)


def test_gold_turn_matching_only_a_later_system_turn_takes_it() -> None:
    g = gold(turns=turns(("question", "Q", "Next question"), ("answer", "A", "First")))
    s = gold(
        turns=turns(
            ("answer", "A", "First of all, no."),
            ("answer", "A", "Something else."),
            ("question", "Q", "Next question, please: why?"),
        )
    )
    assert match_turns(g.turns, s.turns) == [2, 0]
    result = figures([g], [s])["turns"]
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == 1.0


def test_system_text_must_start_with_gold_begins_not_the_reverse() -> None:
    g = gold(turns=turns(("answer", "A", "Thank you very much")))
    s = gold(turns=turns(("answer", "A", "Thank you")))
    assert match_turns(g.turns, s.turns) == [None]


def test_turn_matching_folds_typography_and_role_speaker_are_judged_on_matches() -> None:
    g = gold(
        turns=turns(
            ("question", None, "L’accord «historique»"),
            ("answer", "Éva Lind", "Nous   sommes"),
            ("answer", "Éva Lind", "Jamais"),
        )
    )
    s = gold(
        turns=turns(
            ("question", None, 'l\'accord "historique" est-il signé ?'),
            ("statement", "eva lind", "nous sommes prêts."),
            ("answer", "Reuters", "Plus tard."),
        )
    )
    result = figures([g], [s])["turns"]
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["role_accuracy"] == 0.5  # the second turn's role is wrong
    assert result["speaker_accuracy"] == 1.0  # null == null, and folded names


# --- quotes ----------------------------------------------------------------------------


def quotes(*specs: tuple[str | None, str]) -> list[dict[str, Any]]:
    return [{"speaker": s, "kind": "reported", "contains": c} for s, c in specs]


def test_quotes_recall_and_precision_with_a_wrong_speaker() -> None:
    g = gold(
        quotes=quotes(
            ("Alma Voss", "the bridge will reopen"),
            ("Alma Voss", "no toll"),
            ("Piet Dekker", "we object"),
        )
    )
    s = gold(
        quotes=quotes(
            ("Alma Voss", "She said the bridge will reopen in May, with no toll."),
            ("Karl Moe", "we object to the plan"),  # right words, wrong speaker
            ("Piet Dekker", "the weather was fine"),
        )
    )
    counts, detail = score_quotes(g.quotes, s.quotes)
    assert (counts.gold_hits, counts.gold, counts.system_hits, counts.system) == (2, 3, 1, 3)
    result = figures([g], [s])["quotes"]
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["precision"] == pytest.approx(1 / 3)
    assert result["f1"] == pytest.approx(4 / 9)
    assert detail.missed == ("Piet Dekker: we object",)
    assert len(detail.extra) == 2


def test_optional_gold_quote_is_left_out_of_recall_but_credits_precision() -> None:
    g = gold(
        quotes=[
            {"speaker": "Alma Voss", "contains": "the bridge will reopen"},
            {"speaker": "Alma Voss", "contains": "tolls stay low", "optional": True},
            {"speaker": "Piet Dekker", "contains": "ferries are late", "optional": True},
        ]
    )
    s = gold(
        quotes=quotes(
            ("Alma Voss", "the bridge will reopen in May"),
            ("Alma Voss", "and tolls stay low"),  # optional, found: correct, not required
        )
    )
    counts, detail = score_quotes(g.quotes, s.quotes)
    # recall: 1 required, found; Dekker's optional miss costs nothing
    assert (counts.gold_hits, counts.gold) == (1, 1)
    assert (counts.system_hits, counts.system) == (2, 2)
    assert detail.missed == ()
    other = gold(quotes=quotes(("Alma Voss", "nothing of the kind")))
    unfound = score_quotes(g.quotes, other.quotes)[0]
    assert (unfound.gold_hits, unfound.gold, unfound.system_hits) == (0, 1, 0)


def test_optional_event_triple_counts_neither_way() -> None:
    g = gold(
        events=[
            {"source": "NOR", "type": "CONSULT", "target": "ISL"},
            {"source": "ISL", "type": "CONSULT", "target": "NOR", "optional": True},
            {"source": "DNK", "type": "AID", "target": "ISL", "optional": True},
        ]
    )
    s = gold(
        events=[
            {"source": "NOR", "type": "CONSULT", "target": "ISL"},
            {"source": "ISL", "type": "CONSULT", "target": "NOR"},  # optional: not a FP
            {"source": "ISL", "type": "ACCUSE", "target": "NOR"},  # a real FP
        ]
    )
    result = figures([g], [s])["events"]
    assert result["recall"] == 1.0  # the missed optional DNK→ISL is not a FN
    assert result["precision"] == pytest.approx(1 / 2)


def test_a_triple_both_optional_and_required_is_required() -> None:
    event = {"source": "NOR", "type": "CONSULT", "target": "ISL"}
    g = gold(events=[{**event, "optional": True}, event])
    assert figures([g], [gold(events=[])])["events"]["recall"] == 0.0


def test_optional_must_be_a_boolean(tmp_path: Path) -> None:
    bad = {**FULL_GOLD, "events": [{"source": "NOR", "type": "AID", "target": "ISL",
                                    "optional": "yes"}]}
    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(EvalError, match=r"events\[0\]\.optional"):
        load_gold_dir(tmp_path)


# --- micro-averaging and nulls ---------------------------------------------------------


def test_persons_and_countries_are_micro_averaged_over_documents() -> None:
    big = parse_annotation(
        {
            "document": "a.txt",
            "persons": ["Ana Ruiz", "Tom Berg", "Li Wen", "Omar Sy"],
            "countries": ["NOR"],
        },
        "gold a",
    )
    big_system = parse_annotation(
        {"document": "a.txt", "persons": ["ana ruiz", "Tom Berg", "Kim Lee"], "countries": []},
        "pred a",
    )
    small = parse_annotation(
        {"document": "b.txt", "persons": ["Eva Lind"], "countries": ["ISL", "NOR"]}, "gold b"
    )
    small_system = parse_annotation(
        {"document": "b.txt", "persons": ["Eva Lind"], "countries": ["isl", "NOR", "DNK"]},
        "pred b",
    )
    result = figures([big, small], [big_system, small_system])
    # persons: TP 2+1, FP 1+0, FN 2+0 -> P 3/4, R 3/5 (macro would give 5/6 and 3/4)
    assert result["persons"]["precision"] == pytest.approx(0.75)
    assert result["persons"]["recall"] == pytest.approx(0.6)
    assert result["persons"]["f1"] == pytest.approx(6 / 9)
    # countries: TP 0+2, FP 0+1, FN 1+0 -> P 2/3, R 2/3
    assert result["countries"]["precision"] == pytest.approx(2 / 3)
    assert result["countries"]["recall"] == pytest.approx(2 / 3)


def test_events_are_scored_as_triples_and_evidence_is_ignored() -> None:
    def events(*triples: tuple[str, str, str]) -> list[dict[str, Any]]:
        return [{"source": a, "type": t, "target": b, "evidence": "x"} for a, t, b in triples]

    g = gold(events=events(("NOR", "CONSULT", "ISL"), ("ISL", "REQUEST", "NATO")))
    system_events = events(
        ("NOR", "CONSULT", "ISL"), ("ISL", "REQUEST", "nato"), ("ISL", "CONSULT", "NOR")
    )
    s = gold(events=[dict(e, evidence="other words") for e in system_events])
    result = figures([g], [s])["events"]
    assert result["recall"] == 1.0
    assert result["precision"] == pytest.approx(2 / 3)


def test_figures_with_nothing_to_count_are_null() -> None:
    article = gold(kind="news_article", turns=[], persons=[])
    result = figures([article], [gold(kind="news_article", turns=[], persons=[])])
    assert result["turns"] == {
        "precision": None,
        "recall": None,
        "f1": None,
        "role_accuracy": None,
        "speaker_accuracy": None,
    }
    assert result["persons"] == {"precision": None, "recall": None, "f1": None}
    assert result["date"] == {"accuracy": None}  # not annotated at all
    assert result["kind"] == {"accuracy": 1.0}


def test_a_field_left_out_of_the_gold_file_is_not_scored() -> None:
    partial = gold(persons=["Ana Ruiz"])  # no events, no quotes, no date
    system = gold(
        persons=["Ana Ruiz"],
        date="2031-01-01",
        events=[{"source": "NOR", "type": "AID", "target": "ISL"}],
        quotes=quotes(("Ana Ruiz", "anything")),
    )
    report = score([partial], [system])
    result = report_to_json(report)
    assert result["events"] == {"precision": None, "recall": None, "f1": None}
    assert result["quotes"]["precision"] is None
    assert result["date"]["accuracy"] is None
    assert result["persons"]["f1"] == 1.0
    assert [d.field for d in report.documents[0].details] == ["persons"]


def test_null_date_is_annotated_and_matches_only_null() -> None:
    g = gold(date=None)
    assert figures([g], [gold(date=None)])["date"]["accuracy"] == 1.0
    assert figures([g], [gold(date="2031-01-01")])["date"]["accuracy"] == 0.0


def test_details_say_what_was_missed_and_extra() -> None:
    report = score([gold(countries=["NOR", "ISL"])], [gold(countries=["NOR", "DNK"])])
    (detail,) = report.documents[0].details
    assert (detail.missed, detail.extra) == (("ISL",), ("DNK",))


# --- gold files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"person": ["Ana Ruiz"]}, "person"),
        ({"kind": "interview"}, "kind"),
        ({"date": "03/03/2031"}, "date"),
        ({"turns": [{"role": "reply", "speaker": None, "begins": "Hi"}]}, "turns[0].role"),
        ({"turns": [{"role": "answer", "speaker": "A"}]}, "turns[0]"),
        ({"quotes": [{"speaker": "A", "contains": ""}]}, "quotes[0].contains"),
        ({"events": [{"source": "NOR", "type": "ATTACK", "target": "ISL"}]}, "events[0].type"),
        ({"persons": "Ana Ruiz"}, "persons"),
        ({"countries": ["NOR", 7]}, "countries[1]"),
        ({"document": None}, "document"),
    ],
)
def test_malformed_gold_raises_eval_error_naming_file_and_field(
    tmp_path: Path, change: dict[str, Any], field: str
) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps({**FULL_GOLD, **change}), encoding="utf-8")
    with pytest.raises(EvalError) as raised:
        load_gold_dir(tmp_path)
    assert str(path) in str(raised.value)
    assert repr(field) in str(raised.value)


def test_gold_that_is_not_json_or_absent_raises_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no \\*.gold.json"):
        load_gold_dir(tmp_path)
    (tmp_path / "x.gold.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(EvalError, match="x.gold.json"):
        load_gold_dir(tmp_path)


def test_two_gold_files_for_one_document_is_an_error(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.gold.json").write_text(json.dumps(FULL_GOLD), encoding="utf-8")
    with pytest.raises(EvalError, match="briefing.txt"):
        load_gold_dir(tmp_path)


def test_the_real_seed_gold_files_load_and_score_themselves_perfectly(
    seeds_gold_dir: Path, seeds_dir: Path
) -> None:
    golds = load_gold_dir(seeds_gold_dir)
    assert len(golds) == 5
    for document in golds:
        assert (seeds_dir / document.document).is_file()
        assert document.has("turns") and document.has("persons")
    result = figures(list(golds), list(golds))
    assert result["documents"] == 5
    assert result["turns"]["f1"] == 1.0
    assert result["quotes"]["precision"] == 1.0
