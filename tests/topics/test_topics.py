"""Stage 8: topic labels on sentences we wrote, the taxonomy file, and the real corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.errors import KnowledgeError
from porteparole.nlp import load_model
from porteparole.records import Analysis, Document, Mention, Origin, Paragraph, Turn
from porteparole.topics import assign_topics, load_taxonomy
from porteparole.topics.scoring import Hit, score_unit
from porteparole.topics.taxonomy import Scoring


@pytest.fixture(scope="session")
def fr_nlp():
    return load_model("fr")


@pytest.fixture(scope="session")
def en_nlp():
    return load_model("en")


def _article(nlp, language: str, paragraphs: list[str], mentions=()) -> tuple[Analysis, object]:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for index, paragraph in enumerate(paragraphs):
        spans.append(Paragraph("d", index, start, start + len(paragraph)))
        start += len(paragraph) + 2
    document = Document("d", Origin("t", "text"), language, "news_article", text)
    return Analysis(document, paragraphs=tuple(spans), mentions=tuple(mentions)), nlp(text)


def _labels(analysis: Analysis, unit: str = "paragraph") -> list[set[str]]:
    by_span: dict[tuple[int, int], set[str]] = {}
    for topic in analysis.topics:
        if topic.unit == unit:
            by_span.setdefault((topic.start, topic.end), set()).add(topic.label)
    return [by_span.get(span, set()) for span in sorted(by_span)]


@pytest.mark.parametrize(
    ("language", "sentence", "label"),
    [
        ("fr", "Les garde-côtes ont bloqué un ravitaillement près d'un récif en mer de Chine "
               "méridionale.", "maritime_territorial"),
        ("fr", "Le ministère a rappelé que Taïwan fait partie de la Chine et s'oppose à toute "
               "vente d'armes.", "taiwan"),
        ("fr", "Les pays doivent renforcer la gouvernance mondiale de l'intelligence "
               "artificielle.", "ai_governance"),
        ("fr", "Deux ressortissants chinois ont été enlevés ; le consulat suit l'affaire.",
         "consular_citizens"),
        ("fr", "Les droits de douane sur les exportations pèsent sur le commerce bilatéral.",
         "trade_economy"),
        ("en", "The two militaries agreed to reopen the defense hotline and hold theater "
               "commander calls.", "military_relations"),
        ("en", "Washington tightened export controls on advanced chips sold to Chinese "
               "firms.", "technology_export_controls"),
        ("en", "The satellite was placed in orbit and the space station received a new crew.",
         "space"),
        ("en", "Officials warned that NATO and AUKUS were building small circles in Asia.",
         "alliances"),
        ("en", "The envoy spoke about the Ukraine crisis and the shelling near Kyiv.",
         "russia_ukraine"),
        ("en", "Japan should reflect on its wartime aggression as the anniversary of the victory "
               "in the Second World War approaches.", "history_memory"),
        ("en", "The treaty on arms control and nuclear weapons expired.", "nuclear_arms_control"),
    ],
)
def test_labels_on_written_sentences(request, language, sentence, label):
    nlp = request.getfixturevalue(f"{language}_nlp")
    analysis, doc = _article(nlp, language, [sentence])
    result = assign_topics(analysis, doc)
    assert label in _labels(result)[0]
    assert all(0 <= t.score <= 1 for t in result.topics)


def test_unrelated_paragraph_gets_no_label(en_nlp):
    analysis, doc = _article(en_nlp, "en", ["Good afternoon. Now the floor is open."])
    assert assign_topics(analysis, doc).topics == ()


def test_actor_cue_from_mentions(en_nlp):
    text = "Kyiv said the shelling went on; Moscow denied it."
    kyiv, moscow = text.index("Kyiv"), text.index("Moscow")
    mentions = [
        Mention("d", kyiv, kyiv + 4, "Kyiv", "GPE", "UKR", 0.85),
        Mention("d", moscow, moscow + 6, "Moscow", "GPE", "RUS", 0.85),
    ]
    plain, doc = _article(en_nlp, "en", [text])
    with_mentions, _ = _article(en_nlp, "en", [text], mentions)
    score = {a: max((t.score for t in r.topics if t.label == "russia_ukraine"), default=0.0)
             for a, r in (("plain", assign_topics(plain, doc)),
                          ("mentions", assign_topics(with_mentions, doc)))}
    assert score["mentions"] > score["plain"]


def test_question_and_answer_agree(fr_nlp):
    question = "Quelle est votre réaction aux manœuvres autour de Taïwan ?"
    answer = "Nous avons pris note des informations. Notre position est constante et claire."
    text = f"AFP : {question}\n\nMao Ning : {answer}"
    q0, a0 = text.index(question), text.index(answer)
    turns = (
        Turn("d", 0, "question", "AFP", q0, q0 + len(question)),
        Turn("d", 1, "answer", "Mao Ning", a0, a0 + len(answer)),
    )
    document = Document("d", Origin("t", "text"), "fr", "press_conference", text)
    result = assign_topics(Analysis(document, turns=turns), fr_nlp(text))
    turn_topics = [(t.start, t.label) for t in result.topics if t.unit == "turn"]
    assert (q0, "taiwan") in turn_topics and (a0, "taiwan") in turn_topics


def test_at_most_three_labels_and_length_normalization():
    scoring = Scoring()
    hits = [Hit(label, i, i + 1, 3.0, label) for i, label in enumerate("abcde")]
    assert len(score_unit(hits, 30, scoring)) == scoring.max_labels
    one = [Hit("taiwan", 0, 6, 3.0, "Taiwan")]
    assert score_unit(one, 20, scoring)[0][1] > dict(score_unit(one, 150, scoring)).get(
        "taiwan", 0.0
    )


def test_taxonomy_has_the_required_labels_with_both_languages():
    taxonomy = load_taxonomy()
    required = {
        "ai_governance", "military_relations", "maritime_territorial", "taiwan",
        "russia_ukraine", "trade_economy", "technology_export_controls", "space",
        "nuclear_arms_control", "history_memory", "alliances", "consular_citizens",
        "regional_diplomacy",
    }
    assert required <= {label.id for label in taxonomy.labels}
    for label in taxonomy.labels:
        assert {"en", "fr"} <= set(label.names) and {"en", "fr"} <= set(label.cues)


def test_bad_taxonomy_is_refused(tmp_path: Path):
    path = tmp_path / "topics.yaml"
    path.write_text("version: 1\ntopics:\n  - id: x\n    name: {en: X}\n", "utf-8")
    with pytest.raises(KnowledgeError, match="topic x"):
        load_taxonomy(path)


def test_seed_press_conference_topics(seeds_dir, fr_nlp):
    from porteparole.pipeline import prepare
    from porteparole.read import read_source

    path = next(p for p in sorted(seeds_dir.glob("*.txt"))
                if "Conférence de presse" in p.read_text("utf-8")[:300])
    analysis = prepare(next(iter(read_source(path))))
    result = assign_topics(analysis, fr_nlp(analysis.document.text))
    labels = {t.label for t in result.topics if t.unit == "turn"}
    assert "ai_governance" in labels and len(labels) >= 3
    answers = {t.start for t in analysis.turns if t.role == "answer"}
    assert {t.start for t in result.topics if t.unit == "turn"} & answers
