"""Stage 7, events: the classes of text issue 7 names, on sentences we wrote, in both languages.

Each block names its class: (1) cue lexicons covering every PLOVER type and mode, verbal and
nominal; (2) a target inside an infinitive; (3) modality (offers, ultimatums, reported
"would", hypotheticals, denials); (4) arguments (conjuncts, relative pronouns, definite
descriptions of a state, "the two sides"); (5) evidence that supports the event (figurative
cues, scare-quoted nouns). Mentions are given by hand, as in ``test_events.py``, so that the
event reading alone is tested; the last test runs the whole pipeline on plover-dev.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import sentence_events
from porteparole.errors import KnowledgeError
from porteparole.events import load_lexicon, reportable
from porteparole.records import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[2]
PLOVER_DEV = ROOT.parent / "shared" / "eval" / "plover-dev"



def _triples(nlp, text: str, language: str, actors: dict[str, str], *,
             only_reportable: bool = True) -> set[tuple[str | None, str, str | None]]:
    events = sentence_events(nlp[language], language, text, actors, anaphora=True)
    return {(e.source_actor, e.type, e.target_actor) for e in events
            if reportable(e) or not only_reportable}


# -- (1) cue lexicons: every PLOVER type, verbal and nominal cues ----------------------------

_EN_TYPES = [
    ("Kenyan troops killed six Somali fighters near the border.",
     {"Kenyan": "KEN", "Somali": "SOM"}, ("KEN", "ASSAULT", "SOM")),
    ("Israeli soldiers beat up Palestinian detainees.",
     {"Israeli": "ISR", "Palestinian": "PSE"}, ("ISR", "ASSAULT", "PSE")),
    ("Switzerland expelled two Russian diplomats for spying.",
     {"Switzerland": "CHE", "Russian": "RUS"}, ("CHE", "SANCTION", "RUS")),
    ("Egypt recalled its ambassador from Qatar.",
     {"Egypt": "EGY", "Qatar": "QAT"}, ("EGY", "SANCTION", "QAT")),
    ("The Israeli army lifted the blockade on Palestinian trucks.",
     {"Israeli": "ISR", "Palestinian": "PSE"}, ("ISR", "RETREAT", "PSE")),
    ("Serbia lifted the curfew in Montenegro.",
     {"Serbia": "SRB", "Montenegro": "MNE"}, ("SRB", "CONCEDE", "MNE")),
    ("Mexican workers rioted against Canada on Monday.",
     {"Mexican": "MEX", "Canada": "CAN"}, ("MEX", "PROTEST", "CAN")),
    ("Israel shared intelligence with the United States about the plot.",
     {"Israel": "ISR", "United States": "USA"}, ("ISR", "COOPERATE", "USA")),
    ("Germany welcomed the latest statement of Japan.",
     {"Germany": "DEU", "Japan": "JPN"}, ("DEU", "SUPPORT", "JPN")),
    ("Moroccan diplomats held a meeting with Spain on Tuesday.",
     {"Moroccan": "MAR", "Spain": "ESP"}, ("MAR", "CONSULT", "ESP")),
    ("Russia hosted Japan's prime minister for an informal summit.",
     {"Russia": "RUS", "Japan": "JPN"}, ("RUS", "CONSULT", "JPN")),
    ("Peru ruled out any deal with Chile.",
     {"Peru": "PER", "Chile": "CHL"}, ("PER", "REJECT", "CHL")),
    ("Russia put its forces on high alert near Ukraine.",
     {"Russia": "RUS", "Ukraine": "UKR"}, ("RUS", "MOBILIZE", "UKR")),
    ("Ukraine renewed its appeal to Germany for air defence systems.",
     {"Ukraine": "UKR", "Germany": "DEU"}, ("UKR", "REQUEST", "DEU")),
    ("Iran held Israel responsible for the attack.",
     {"Iran": "IRN", "Israel": "ISR"}, ("IRN", "ACCUSE", "ISR")),
    ("The Indian minister paid a visit to Japan.",
     {"Indian": "IND", "Japan": "JPN"}, ("IND", "CONSULT", "JPN")),
]

_FR_TYPES = [
    ("Les soldats kényans ont tué six combattants somaliens près de la frontière.",
     {"kényans": "KEN", "somaliens": "SOM"}, ("KEN", "ASSAULT", "SOM")),
    ("La Suisse a expulsé deux diplomates russes pour espionnage.",
     {"Suisse": "CHE", "russes": "RUS"}, ("CHE", "SANCTION", "RUS")),
    ("L'armée israélienne a levé le blocus imposé aux camions palestiniens.",
     {"israélienne": "ISR", "palestiniens": "PSE"}, ("ISR", "RETREAT", "PSE")),
    ("La Serbie a levé le couvre-feu au Monténégro.",
     {"Serbie": "SRB", "Monténégro": "MNE"}, ("SRB", "CONCEDE", "MNE")),
    ("Le Maroc a exprimé sa profonde inquiétude face aux actes de l'Algérie.",
     {"Maroc": "MAR", "Algérie": "DZA"}, ("MAR", "ACCUSE", "DZA")),
    ("Le Japon a eu une conversation téléphonique avec la Corée du Sud.",
     {"Japon": "JPN", "Corée du Sud": "KOR"}, ("JPN", "CONSULT", "KOR")),
    ("La France a tenu une visioconférence avec l'Inde.",
     {"France": "FRA", "Inde": "IND"}, ("FRA", "CONSULT", "IND")),
    ("Le Chili a partagé des renseignements avec le Pérou.",
     {"Chili": "CHL", "Pérou": "PER"}, ("CHL", "COOPERATE", "PER")),
    ("Le Brésil a rappelé son ambassadeur en Israël.",
     {"Brésil": "BRA", "Israël": "ISR"}, ("BRA", "SANCTION", "ISR")),
    ("Le ministre indien a rendu visite au Japon la semaine dernière.",
     {"indien": "IND", "Japon": "JPN"}, ("IND", "CONSULT", "JPN")),
    ("La Turquie s'inquiète des manœuvres de la Grèce.",
     {"Turquie": "TUR", "Grèce": "GRC"}, ("TUR", "ACCUSE", "GRC")),
    ("L'Iran tient Israël responsable de l'attaque.",
     {"Iran": "IRN", "Israël": "ISR"}, ("IRN", "ACCUSE", "ISR")),
]


@pytest.mark.parametrize(("text", "actors", "expected"), _EN_TYPES)
def test_english_cues_cover_the_plover_types(nlp, text, actors, expected):
    assert expected in _triples(nlp, text, "en", actors)


@pytest.mark.parametrize(("text", "actors", "expected"), _FR_TYPES)
def test_french_cues_cover_the_plover_types(nlp, text, actors, expected):
    assert expected in _triples(nlp, text, "fr", actors)


def test_every_plover_type_has_cues_in_both_languages():
    for language in ("en", "fr"):
        lexicon = load_lexicon(language)
        assert lexicon is not None
        assert {cue.type for cue in lexicon.cues} == set(PLOVER_TYPES), language


def test_a_nominal_meeting_between_two_parties_is_mutual(nlp):
    found = _triples(nlp, "La rencontre entre la Chine et le Vietnam a eu lieu mardi.", "fr",
                     {"Chine": "CHN", "Vietnam": "VNM"})
    assert {("CHN", "CONSULT", "VNM"), ("VNM", "CONSULT", "CHN")} <= found


# -- (2) a target inside an infinitive -------------------------------------------------------


def test_a_threat_takes_its_target_from_the_infinitive(nlp):
    en = _triples(nlp, "Norway threatened to suspend fishing licences for Icelandic vessels.",
                  "en", {"Norway": "NOR", "Icelandic": "ISL"})
    fr = _triples(nlp, "La Norvège a menacé de suspendre les licences des navires islandais.",
                  "fr", {"Norvège": "NOR", "islandais": "ISL"})
    assert en == {("NOR", "THREATEN", "ISL")}
    assert fr == {("NOR", "THREATEN", "ISL")}


def test_a_refusal_takes_its_target_from_the_infinitive(nlp):
    en = _triples(nlp, "Ghana refused to extradite the suspects to Togo.", "en",
                  {"Ghana": "GHA", "Togo": "TGO"})
    fr = _triples(nlp, "Le Ghana a refusé d'extrader les suspects vers le Togo.", "fr",
                  {"Ghana": "GHA", "Togo": "TGO"})
    assert en == {("GHA", "REJECT", "TGO")}
    assert fr == {("GHA", "REJECT", "TGO")}


# -- (3) modality ----------------------------------------------------------------------------


def test_an_offer_to_host_talks_is_agree_not_a_meeting_of_the_guests(nlp):
    actors = {"Canada": "CAN", "Colombia": "COL", "Venezuela": "VEN", "Colombie": "COL"}
    en = _triples(nlp, "Canada offered to host talks between Colombia and Venezuela.", "en",
                  actors)
    fr = _triples(nlp, "Le Canada a proposé d'accueillir des pourparlers entre la Colombie et "
                  "le Venezuela.", "fr", actors)
    for found in (en, fr):
        assert ("CAN", "AGREE", "COL") in found
        assert ("COL", "CONSULT", "VEN") not in found


def test_stated_openness_is_agree(nlp):
    en = _triples(nlp, "Seoul is open to resuming military exchanges with Tokyo.", "en",
                  {"Seoul": "KOR", "Tokyo": "JPN"})
    fr = _triples(nlp, "Séoul se dit ouvert à une reprise des échanges militaires avec Tokyo.",
                  "fr", {"Séoul": "KOR", "Tokyo": "JPN"})
    assert en == {("KOR", "AGREE", "JPN")}
    assert fr == {("KOR", "AGREE", "JPN")}


def test_a_measure_announced_unless_the_other_side_yields_is_a_threat(nlp):
    en = _triples(nlp, "Nigeria announced that it will withdraw its ambassador from Chad unless "
                  "the blockade ends.", "en", {"Nigeria": "NGA", "Chad": "TCD"})
    fr = _triples(nlp, "Le Nigeria retirera son ambassadeur du Tchad à moins que le blocus ne "
                  "cesse.", "fr", {"Nigeria": "NGA", "Tchad": "TCD"})
    assert en == {("NGA", "THREATEN", "TCD")}
    assert fr == {("NGA", "THREATEN", "TCD")}


def test_encore_moins_is_not_an_ultimatum(nlp):
    found = _triples(nlp, "Le Japon ne doit pas aider la Chine, et encore moins attaquer la "
                     "Corée.", "fr", {"Japon": "JPN", "Chine": "CHN", "Corée": "KOR"},
                     only_reportable=False)
    assert not any(kind == "THREATEN" for _, kind, _ in found)


def test_reported_would_is_a_future_and_bare_would_a_hypothetical(nlp):
    actors = {"Palestinian": "PSE", "United States": "USA", "Sudan": "SDN", "Egypt": "EGY"}
    reported = _triples(nlp, "Palestinian leaders said they would boycott all official "
                        "contact with the United States.", "en", actors)
    assert ("PSE", "THREATEN", "USA") in reported
    bare = _triples(nlp, "An attack on Egypt would ruin Sudan.", "en", actors)
    assert not bare


def test_an_unconfirmed_conditional_is_not_coded_even_when_tagged_imperfect(nlp):
    found = _triples(nlp, "Il s'agirait de la première rencontre entre la Chine et l'Inde.",
                     "fr", {"Chine": "CHN", "Inde": "IND"})
    assert found == set()


def test_a_denied_attack_is_not_reported(nlp):
    en = _triples(nlp, "Kenya did not attack Somalia.", "en", {"Kenya": "KEN",
                                                               "Somalia": "SOM"})
    fr = _triples(nlp, "Le Kenya n'a pas attaqué la Somalie.", "fr", {"Kenya": "KEN",
                                                                       "Somalie": "SOM"})
    assert en == set() and fr == set()


def test_preparing_or_discussing_an_act_is_not_the_act(nlp):
    fr = _triples(nlp, "La Russie se prépare à envahir l'Ukraine.", "fr",
                  {"Russie": "RUS", "Ukraine": "UKR"})
    en = _triples(nlp, "Chinese and US negotiators are still discussing the text of a deal.",
                  "en", {"Chinese": "CHN", "US": "USA"})
    # the invasion is not reported; readying it is a show of force (test_events_modes.py)
    assert not any(kind == "ASSAULT" for _, kind, _ in fr)
    assert not any(kind == "AGREE" for _, kind, _ in en)


def test_a_vow_of_force_is_a_threat(nlp):
    found = _triples(nlp, "Iran vowed to attack Israel.", "en", {"Iran": "IRN",
                                                                 "Israel": "ISR"})
    assert found == {("IRN", "THREATEN", "ISR")}


# -- (4) arguments ---------------------------------------------------------------------------


def test_conjoined_states_at_two_depths_of_the_subject_are_both_parties(nlp):
    found = _triples(nlp, "Les ministres de la défense du Japon et de la Chine doivent se "
                     "rencontrer samedi.", "fr", {"Japon": "JPN", "Chine": "CHN"})
    assert found == {("JPN", "CONSULT", "CHN"), ("CHN", "CONSULT", "JPN")}


def test_a_relative_pronoun_subject_stands_for_its_antecedent(nlp):
    en = _triples(nlp, "The Japanese minister, who threatened to suspend talks with China, "
                  "resigned.", "en", {"Japanese": "JPN", "China": "CHN"})
    fr = _triples(nlp, "Le président américain, qui a menacé de détruire la Corée du Nord, "
                  "a parlé.", "fr", {"américain": "USA", "Corée du Nord": "PRK"})
    assert en == {("JPN", "THREATEN", "CHN")}
    assert fr == {("USA", "THREATEN", "PRK")}


def test_a_definite_description_stands_for_the_state_just_named(nlp):
    en = _triples(nlp, "Japan sent a survey ship near Palau. China then condemned the "
                  "archipelago.", "en", {"Japan": "JPN", "China": "CHN", "Palau": "PLW"})
    assert ("CHN", "ACCUSE", "PLW") in en
    fr = _triples(nlp, "Le Japon a évoqué les Philippines. La Chine a ensuite critiqué "
                  "l'archipel.", "fr", {"Japon": "JPN", "Chine": "CHN",
                                        "Philippines": "PHL"})
    assert ("CHN", "ACCUSE", "PHL") in fr


def test_the_two_sides_are_the_two_states_named_before(nlp):
    en = _triples(nlp, "Chile and Peru met in Lima. The two sides agreed to cooperate.", "en",
                  {"Chile": "CHL", "Peru": "PER"})
    fr = _triples(nlp, "Le Chili et le Pérou se sont réunis. Les deux parties ont convenu de "
                  "coopérer.", "fr", {"Chili": "CHL", "Pérou": "PER"})
    assert ("CHL", "AGREE", "PER") in en and ("PER", "AGREE", "CHL") in en
    assert ("CHL", "AGREE", "PER") in fr and ("PER", "AGREE", "CHL") in fr


def test_the_two_ministers_are_the_states_of_the_last_two_persons_named(nlp):
    actors = {"Wang Yi": "wang-yi", "Antony Blinken": "antony-blinken", "Taïwan": "TWN",
              "Taiwan": "TWN"}
    fr = _triples(nlp, "Wang Yi a parlé avec Antony Blinken de Taïwan. Les deux ministres ont "
                  "aussi échangé des vues sur le commerce.", "fr", actors)
    en = _triples(nlp, "Wang Yi spoke with Antony Blinken about Taiwan. The two ministers "
                  "also agreed to meet again.", "en", actors)
    assert ("CHN", "CONSULT", "USA") in {(_code(a), k, _code(b)) for a, k, b in fr}
    assert ("USA", "AGREE", "CHN") in {(_code(a), k, _code(b)) for a, k, b in en}
    assert not any("TWN" in (a, b) for a, _, b in fr | en)


def _code(actor_id: str | None) -> str | None:
    return {"wang-yi": "CHN", "antony-blinken": "USA"}.get(actor_id or "", actor_id)


def test_he_after_a_spokesperson_says_is_that_spokesperson(nlp):
    en = _triples(nlp, "The Chinese spokesperson says the talks were frank. However, he "
                  "blamed provocation by the Philippines for the tension.", "en",
                  {"Chinese": "CHN", "Philippines": "PHL"})
    fr = _triples(nlp, "Le porte-parole chinois a déclaré que les discussions étaient "
                  "franches. Il a ensuite critiqué les Philippines.", "fr",
                  {"chinois": "CHN", "Philippines": "PHL"})
    assert ("CHN", "ACCUSE", "PHL") in en
    assert ("CHN", "ACCUSE", "PHL") in fr


def test_it_in_a_new_sentence_is_not_guessed_from_the_previous_subject(nlp):
    found = _triples(nlp, "Japan said the talks were frank. It then condemned Peru.", "en",
                     {"Japan": "JPN", "Peru": "PER"})
    assert found == set()


def test_quoted_as_urging_makes_the_quoted_one_the_subject(nlp):
    found = _triples(nlp, "The newspaper quoted a Chinese official as urging the Japanese "
                     "government to act.", "en", {"Chinese": "CHN", "Japanese": "JPN"})
    assert found == {("CHN", "REQUEST", "JPN")}


def test_a_noun_naming_other_participants_is_not_the_subjects_event(nlp):
    en = _triples(nlp, "Israeli officials shared evidence with the United States about contacts "
                  "between militants and smugglers.", "en",
                  {"Israeli": "ISR", "United States": "USA"})
    fr = _triples(nlp, "Le Maroc a informé l'Espagne des contacts entre des passeurs et des "
                  "rebelles.", "fr", {"Maroc": "MAR", "Espagne": "ESP"})
    assert ("ISR", "CONSULT", "USA") not in en
    assert ("MAR", "CONSULT", "ESP") not in fr


def test_a_mediation_effort_between_two_states(nlp):
    found = _triples(nlp, "Qatar launched a mediation effort between Egypt and Sudan.", "en",
                     {"Qatar": "QAT", "Egypt": "EGY", "Sudan": "SDN"})
    assert {("QAT", "CONSULT", "EGY"), ("QAT", "CONSULT", "SDN")} <= found


def test_both_alone_and_a_counted_group_stand_for_the_states_just_named(nlp):
    en = _triples(nlp, "China and the Philippines argued over the reef. Both have also traded "
                  "accusations over the incident.", "en", {"China": "CHN",
                                                           "Philippines": "PHL"})
    assert {("CHN", "ACCUSE", "PHL"), ("PHL", "ACCUSE", "CHN")} <= en
    fr = _triples(nlp, "L'Australie, le Royaume-Uni et les États-Unis ont signé le pacte. La "
                  "Chine exhorte les trois pays à abandonner ce projet.", "fr",
                  {"Australie": "AUS", "Royaume-Uni": "GBR", "États-Unis": "USA",
                   "Chine": "CHN"})
    assert {("CHN", "REQUEST", "AUS"), ("CHN", "REQUEST", "GBR"),
            ("CHN", "REQUEST", "USA")} <= fr


def test_countries_in_general_are_no_description_of_one_state(nlp):
    found = _triples(nlp, "Le Japon a parlé du Vietnam. La Chine appelle les pays à coopérer.",
                     "fr", {"Japon": "JPN", "Chine": "CHN", "Vietnam": "VNM"})
    assert not any(kind == "REQUEST" for _, kind, _ in found)


def test_a_noun_cue_takes_its_target_from_the_verbs_indirect_object(nlp):
    found = _triples(nlp, "Kyiv has sent Moscow an offer to hold another round of talks.",
                     "en", {"Kyiv": "UKR", "Moscow": "RUS"})
    assert ("UKR", "AGREE", "RUS") in found


def test_welcoming_favourably_is_support_not_hosting(nlp):
    found = _triples(nlp, "Le Brésil accueille favorablement la proposition de l'Argentine.",
                     "fr", {"Brésil": "BRA", "Argentine": "ARG"})
    assert found == {("BRA", "SUPPORT", "ARG")}


def test_an_object_the_parser_hangs_on_a_weekday_is_the_verbs_object(nlp):
    found = _triples(nlp, "Les garde-côtes des Philippines ont accusé dimanche la Chine "
                     "d'avoir procédé à des manoeuvres dangereuses.", "fr",
                     {"Philippines": "PHL", "Chine": "CHN"})
    assert found == {("PHL", "ACCUSE", "CHN")}


def test_a_summit_is_mutual_only_between_the_parties_it_names(nlp):
    en = _triples(nlp, "Chile and Peru declined to back a declaration at the Lima summit.",
                  "en", {"Chile": "CHL", "Peru": "PER"})
    fr = _triples(nlp, "Le Chili et le Pérou ont refusé d'appuyer la déclaration lors du "
                  "sommet de Lima.", "fr", {"Chili": "CHL", "Pérou": "PER"})
    assert ("CHL", "REJECT", "PER") not in en | fr
    between = _triples(nlp, "The summit between Chile and Peru opened on Monday.", "en",
                       {"Chile": "CHL", "Peru": "PER"})
    assert ("CHL", "CONSULT", "PER") in between


def test_agreeing_to_a_mediation_targets_the_mediator(nlp):
    found = _triples(nlp, "Israel has agreed to US mediation.", "en",
                     {"Israel": "ISR", "US": "USA"})
    assert ("ISR", "AGREE", "USA") in found


def test_a_noun_cue_takes_its_parties_from_its_participle(nlp):
    found = _triples(nlp, "Officials listed the accusations made by Canada against India.",
                     "en", {"Canada": "CAN", "India": "IND"})
    assert ("CAN", "ACCUSE", "IND") in found


# -- (5) evidence that supports the event ----------------------------------------------------


def test_a_figurative_meeting_is_not_a_meeting(nlp):
    en = _triples(nlp, "Japan agreed to meet China halfway on price.", "en",
                  {"Japan": "JPN", "China": "CHN"}, only_reportable=False)
    fr = _triples(nlp, "Le plan de la France a rencontré un succès en Inde.", "fr",
                  {"France": "FRA", "Inde": "IND"}, only_reportable=False)
    assert not any(kind == "CONSULT" for _, kind, _ in en | fr)


def test_a_scare_quoted_noun_is_not_an_event(nlp):
    en = _triples(nlp, 'Chile mocked the "talks" with Peru.', "en",
                  {"Chile": "CHL", "Peru": "PER"})
    fr = _triples(nlp, "Le Chili a moqué les « négociations » avec le Pérou.", "fr",
                  {"Chili": "CHL", "Pérou": "PER"})
    assert not any(kind == "CONSULT" for _, kind, _ in en | fr)
    plain = _triples(nlp, "Chile held talks with Peru.", "en", {"Chile": "CHL", "Peru": "PER"})
    assert ("CHL", "CONSULT", "PER") in plain


# -- the lexicon file is validated on load ---------------------------------------------------


def test_an_unknown_key_in_an_event_file_is_refused(tmp_path):
    (tmp_path / "xx.yaml").write_text("version: 1\nultimatums: [unless]\ncues: []\n",
                                      encoding="utf-8")
    with pytest.raises(KnowledgeError, match="ultimatums"):
        load_lexicon("xx", tmp_path)


def test_figurative_words_are_read_from_the_cue(tmp_path):
    (tmp_path / "xx.yaml").write_text(
        "version: 1\ncues:\n  - {lemma: meet, type: CONSULT, unless_near: [Halfway]}\n",
        encoding="utf-8")
    lexicon = load_lexicon("xx", tmp_path)
    assert lexicon is not None and lexicon.cues[0].unless_near == frozenset({"halfway"})


# -- every PLOVER type fires on the PLOVER development sentences ------------------------------


def test_every_plover_type_fires_on_plover_dev():
    if not (PLOVER_DEV / "gold").is_dir():
        pytest.skip(f"{PLOVER_DEV} is not available")
    from porteparole.evaluate.gold import load_gold_set
    from porteparole.evaluate.predict import default_actor_lookup
    from porteparole.evaluate.runner import analyze_file, predict_document

    lookup = default_actor_lookup()
    fired: set[str] = set()
    for gold in load_gold_set(PLOVER_DEV / "gold").values():
        predicted = predict_document(PLOVER_DEV / "corpus", gold.document, analyze_file,
                                     lookup)[0]
        fired |= {event.type for event in predicted.events}
    assert fired == set(PLOVER_TYPES), sorted(set(PLOVER_TYPES) - fired)
