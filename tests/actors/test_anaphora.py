"""Anaphora resolved once in the actors stage (``actors.anaphora``), on sentences we wrote:
agreement in number, gender and personhood, the look-back window, and the mentions the
stage leaves on pronouns for the quotes and events stages to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.actors.anaphora import agrees, lookback_mentions, window_start
from porteparole.kb import load_knowledge_base
from porteparole.quotes.lexicon import load_quote_lexicon
from porteparole.records import Analysis, Mention, Turn


def _persons(text: str, names: dict[str, str | None]) -> list[Mention]:
    return [Mention("doc", text.index(name), text.index(name) + len(name), name, "PER", actor,
                    1.0, "name") for name, actor in names.items()]


def _lookback(nlp, text: str, language: str, names: dict[str, str | None],
              turns: tuple[Turn, ...] = ()) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    found = lookback_mentions(doc, _persons(text, names), load_knowledge_base().actor,
                              load_quote_lexicon(language), "doc", language, turns)
    return [(m.surface, m.actor_id, m.method) for m in found]


def test_she_takes_the_person_subject_before_en(nlp_en):
    text = "Ola Berg opened the talks in Oslo on Monday. She said the quotas would stay."
    assert _lookback(nlp_en, text, "en", {"Ola Berg": None}) == [("She", None, "antecedent")]


def test_a_feminine_pronoun_skips_a_masculine_office_fr(nlp_fr):
    # « le ministre » marks its holder masculine; « elle » cannot be him
    text = ("Le ministre Ola Berg a ouvert les pourparlers. La ministre Kari Dahl est "
            "arrivée lundi. Elle a déclaré que les quotas resteraient inchangés.")
    doc = nlp_fr(text)
    elle = next(t for t in doc if t.text == "Elle")
    berg = next(t for t in doc if t.text == "ministre")
    dahl = [t for t in doc if t.text == "ministre"][1]
    persons = load_quote_lexicon("fr").person_pronouns
    assert not agrees(elle, berg, True, persons)
    assert agrees(elle, dahl, True, persons)


def test_a_person_pronoun_takes_no_state_en(nlp_en):
    doc = nlp_en("Norway rejected the plan. He said it was unfair.")
    he, norway = doc[5], doc[0]
    assert he.text == "He"
    assert not agrees(he, norway, False, load_quote_lexicon("en").person_pronouns)
    assert agrees(he, None, True, load_quote_lexicon("en").person_pronouns)


def test_two_persons_coordinated_leave_a_singular_pronoun_open_en(nlp_en):
    text = "Ola Berg and Kari Dahl met in Oslo on Monday. He said the talks went well."
    assert _lookback(nlp_en, text, "en", {"Ola Berg": None, "Kari Dahl": None}) == []


def test_a_pronoun_after_an_institution_in_its_sentence_is_left_open_fr(nlp_fr):
    # « il » may be the ministry named after Berg in its own sentence
    text = ("Ola Berg est arrivé lundi. Puis le ministère norvégien a réagi et il a déclaré "
            "que rien ne changeait.")
    doc = nlp_fr(text)
    start = text.index("ministère norvégien")
    mentions = _persons(text, {"Ola Berg": None}) + [
        Mention("doc", start, start + len("ministère norvégien"), "ministère norvégien",
                "ORG", None, 0.9, "institution")]
    found = lookback_mentions(doc, mentions, load_knowledge_base().actor,
                              load_quote_lexicon("fr"), "doc", "fr")
    assert not [m for m in found if m.surface == "il"]


def test_the_window_stops_at_the_turn(nlp_en):
    text = "Ola Berg asked about the quotas.\nShe said the talks would resume."
    answer = text.index("She")
    turns = (Turn("doc", 0, "question", None, 0, answer),
             Turn("doc", 1, "answer", None, answer, len(text)))
    assert window_start(text, [0, answer], answer, turns) == answer
    assert _lookback(nlp_en, text, "en", {"Ola Berg": None}, turns) == []
    assert _lookback(nlp_en, text, "en", {"Ola Berg": None}) == [("She", None, "antecedent")]


def test_the_latter_takes_the_last_person_named_en(nlp_en):
    text = ("Talks between Ola Berg and the minister Kari Dahl ended. The latter said the "
            "quotas were illegal.")
    found = _lookback(nlp_en, text, "en", {"Ola Berg": "berg", "Kari Dahl": None})
    assert ("The latter", None, "latter") in found


def test_ce_dernier_takes_the_last_person_named_fr(nlp_fr):
    text = ("Les pourparlers entre Ola Berg et la ministre Kari Dahl ont pris fin, cette "
            "dernière ayant affirmé que les quotas étaient illégaux.")
    found = _lookback(nlp_fr, text, "fr", {"Ola Berg": None, "Kari Dahl": None})
    assert ("cette dernière", None, "latter") in found


# -- one mention, read by the quotes and the events stages ------------------------------------

def _analyze(tmp_path: Path, text: str) -> Analysis:
    from porteparole.evaluate.runner import analyze_file

    path = tmp_path / "news.txt"
    path.write_text(text + "\n", encoding="utf-8")
    analysis = analyze_file(path)
    assert isinstance(analysis, Analysis)
    return analysis


def _pronoun(analysis: Analysis, word: str) -> Mention | None:
    body = analysis.document.text
    return next((m for m in analysis.mentions if body[m.start : m.end] == word
                 and m.entity_type == "PRON"), None)


@pytest.mark.parametrize("text, word", [
    ("Foreign Minister Wang Yi met reporters in Beijing on Monday. He accused Japan of "
     "provoking tension in the region.", "He"),
    ("Le ministre des Affaires étrangères Wang Yi a rencontré la presse lundi à Pékin. Il a "
     "accusé le Japon de provoquer des tensions dans la région.", "Il"),
])
def test_the_quote_and_the_event_take_the_same_pronoun_mention(tmp_path, text, word):
    analysis = _analyze(tmp_path, text)
    mention = _pronoun(analysis, word)  # the actors stage's output holds the anaphor
    assert mention is not None and mention.actor_id == "wang-yi"
    assert mention.method in ("coreference", "antecedent")
    quotes = [q for q in analysis.quotes if q.speaker_text == word]
    assert quotes and all(q.speaker_actor == mention.actor_id for q in quotes)
    accusations = [e for e in analysis.events if e.type == "ACCUSE"]
    assert accusations and all(e.source_actor == mention.actor_id for e in accusations)


@pytest.mark.parametrize("text, word", [
    # two persons coordinated: a singular pronoun could be either
    ("Wang Yi and Antony Blinken met in Beijing on Monday. He accused Japan of provoking "
     "tension in the region.", "He"),
    # « le ministre » marks Wang Yi masculine: « elle » is not him
    ("Le ministre des Affaires étrangères Wang Yi a rencontré la presse lundi à Pékin. Elle a "
     "accusé le Japon de provoquer des tensions dans la région.", "Elle"),
])
def test_agreement_blocks_the_wrong_person_in_both_stages(tmp_path, text, word):
    analysis = _analyze(tmp_path, text)
    assert _pronoun(analysis, word) is None
    persons = {"wang-yi", "antony-blinken"}
    assert [q for q in analysis.quotes if q.speaker_text == word]
    assert not [q for q in analysis.quotes if q.speaker_actor in persons]
    assert not [e for e in analysis.events if e.type == "ACCUSE" and e.source_actor in persons]
