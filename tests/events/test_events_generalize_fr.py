"""Stage 7, events: classes of French news that issue 7's "events that generalize" adds.

Each test names its class and runs sentences written for it (in French, and in English where
the class exists in the English lexicon too). Mentions are given by hand, as in
``test_events_classes.py``, so that the event reading alone is tested.
"""

from __future__ import annotations

import re

import pytest

from builders import sentence_events
from porteparole.events import extract_events, reportable
from porteparole.records import Analysis, Document, Mention, Origin


def _triples(nlp, text: str, language: str, actors: dict[str, str],
             kinds: dict[str, str] | None = None) -> set[tuple[str | None, str, str | None]]:
    events = sentence_events(nlp[language], language, text, actors, kinds=kinds, anaphora=True)
    return {(e.source_actor, e.type, e.target_actor) for e in events if reportable(e)}


# -- arms sales are military aid (CAMEO 072) -------------------------------------------------

def test_an_arms_sale_is_military_aid(nlp):
    found = _triples(nlp, "Washington a approuvé une vente d'armes à la Pologne.", "fr",
                     {"Washington": "USA", "Pologne": "POL"})
    assert ("USA", "AID", "POL") in found
    found = _triples(nlp, "L'Allemagne a vendu des chars à la Norvège en mars.", "fr",
                     {"Allemagne": "DEU", "Norvège": "NOR"})
    assert found == {("DEU", "AID", "NOR")}


# -- a meeting, talks or a call *with* someone: both take part -------------------------------

@pytest.mark.parametrize("text", [
    "Le Chili a eu un entretien avec l'Argentine mardi.",
    "Le Chili a tenu une réunion avec l'Argentine à Santiago.",
    "Le Chili a mené des négociations avec l'Argentine sur la frontière.",
    "Le Chili a discuté avec l'Argentine de la frontière.",
    "Le Chili a donné une conférence de presse conjointe avec l'Argentine.",
])
def test_a_meeting_with_another_party_is_consult_both_ways(nlp, text):
    found = _triples(nlp, text, "fr", {"Chili": "CHL", "Argentine": "ARG"})
    assert {("CHL", "CONSULT", "ARG"), ("ARG", "CONSULT", "CHL")} <= found


def test_a_visit_stays_one_way(nlp):
    found = _triples(nlp, "Le Chili a effectué une visite en Argentine.", "fr",
                     {"Chili": "CHL", "Argentine": "ARG"})
    assert found == {("CHL", "CONSULT", "ARG")}


def test_a_press_conference_alone_is_no_meeting(nlp):
    assert _triples(nlp, "Le Chili a donné une conférence de presse à Santiago.", "fr",
                    {"Chili": "CHL", "Santiago": "CHL"}) == set()


def test_contacts_between_two_states_are_mutual(nlp):
    found = _triples(nlp, "Il existe des contacts entre la Grèce et la Turquie.", "fr",
                     {"Grèce": "GRC", "Turquie": "TUR"})
    assert {("GRC", "CONSULT", "TUR"), ("TUR", "CONSULT", "GRC")} <= found


# -- understanding shown for another party's act: SUPPORT, and the act itself ----------------

def test_understanding_an_act_supports_its_authors_and_reports_the_act(nlp):
    found = _triples(nlp, "L'Autriche comprend l'action militaire du Kenya en Somalie.", "fr",
                     {"Autriche": "AUT", "Kenya": "KEN", "Somalie": "SOM"})
    assert {("AUT", "SUPPORT", "KEN"), ("KEN", "ASSAULT", "SOM")} <= found
    assert ("AUT", "SUPPORT", "SOM") not in found


def test_comprendre_as_consisting_of_is_no_support(nlp):
    found = _triples(nlp, "Le groupe comprend le Brésil, l'Inde et la Chine.", "fr",
                     {"Brésil": "BRA", "Inde": "IND", "Chine": "CHN"})
    assert not any(kind == "SUPPORT" for _, kind, _ in found)


# -- coordinated phrases the parser hangs on the noun itself ---------------------------------

def test_every_coordinated_de_phrase_is_a_party(nlp):
    found = _triples(nlp, "Le Portugal comprend la décision de l'Espagne, de la France et de "
                     "l'Italie.", "fr", {"Portugal": "PRT", "Espagne": "ESP", "France": "FRA",
                                        "Italie": "ITA"})
    assert {("PRT", "SUPPORT", "ESP"), ("PRT", "SUPPORT", "FRA"),
            ("PRT", "SUPPORT", "ITA")} <= found


# -- a subject pronoun below the main clause stands for the one person named before it -------

_PEOPLE = {"Heiko Maas": "heiko-maas", "Catherine Colonna": "catherine-colonna"}


def test_il_in_a_subordinate_clause_is_the_person_named_before(nlp):
    text = ("La ministre Catherine Colonna a quitté la réunion après qu'elle a critiqué le "
            "gouvernement kényan.")
    found = _triples(nlp, text, "fr", {"Catherine Colonna": "catherine-colonna", "kényan": "KEN"},
                     {"Catherine Colonna": "PERSON"})
    assert found == {("catherine-colonna", "ACCUSE", "KEN")}


def test_he_in_a_subordinate_clause_is_the_person_named_before(nlp):
    text = ("The visit of the minister Heiko Maas was cut short because he criticized the "
            "Kenyan government.")
    found = _triples(nlp, text, "en", {"Heiko Maas": "heiko-maas", "Kenyan": "KEN"},
                     {"Heiko Maas": "PERSON"})
    assert found == {("heiko-maas", "ACCUSE", "KEN")}


def test_il_is_not_guessed_between_two_persons(nlp):
    text = ("Heiko Maas et Catherine Colonna ont quitté la réunion après qu'il a critiqué le "
            "gouvernement kényan.")
    found = _triples(nlp, text, "fr", {**_PEOPLE, "kényan": "KEN"},
                     dict.fromkeys(_PEOPLE, "PERSON"))
    assert not any(kind == "ACCUSE" for _, kind, _ in found)


# -- a veto or a vote against targets the United Nations, not the draft's subject ------------

@pytest.mark.parametrize("text", [
    "La Russie a opposé son veto à un projet de résolution sur la Syrie.",
    "Le veto de la Russie a bloqué le projet de résolution sur la Syrie.",
    "La Russie a voté contre le texte présenté par la Syrie.",
])
def test_a_veto_or_a_vote_against_targets_the_united_nations(nlp, text):
    found = _triples(nlp, text, "fr", {"Russie": "RUS", "Syrie": "SYR"})
    assert found == {("RUS", "REJECT", "UN")}


def test_a_default_target_must_be_an_actor_id(tmp_path):
    from porteparole.errors import KnowledgeError
    from porteparole.events import load_lexicon

    (tmp_path / "fr.yaml").write_text(
        "version: 1\nlanguage: fr\ncues:\n"
        "  - {lemma: veto, pos: NOUN, type: REJECT, default_target: [UN]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="default_target"):
        load_lexicon("fr", tmp_path)


# -- CAMEO verb classes the French lexicon lacked (11 official complaint, 051 praise, 02 appeal)

@pytest.mark.parametrize(("text", "expected"), [
    ("Le Pérou a protesté auprès du Chili contre la saisie du navire.", ("PER", "ACCUSE", "CHL")),
    ("Le Pérou s'est insurgé contre la décision du Chili.", ("PER", "ACCUSE", "CHL")),
    ("Le Pérou s'est indigné des propos du Chili.", ("PER", "ACCUSE", "CHL")),
    ("Le Pérou a rendu hommage au Chili pour son aide.", ("PER", "SUPPORT", "CHL")),
    ("Le Pérou a sollicité l'assistance du Chili.", ("PER", "REQUEST", "CHL")),
])
def test_french_cues_of_complaint_praise_and_appeal(nlp, text, expected):
    assert expected in _triples(nlp, text, "fr", {"Pérou": "PER", "Chili": "CHL"})


def test_protesting_in_the_street_stays_a_protest(nlp):
    found = _triples(nlp, "Des étudiants péruviens ont protesté devant l'ambassade du Chili.",
                     "fr", {"péruviens": "PER", "Chili": "CHL"})
    assert found == {("PER", "PROTEST", "CHL")}


# -- nominal stances: the owner of a decision, will or refusal is the infinitive's subject ----

@pytest.mark.parametrize(("text", "expected", "modality"), [
    ("La décision de la Grèce de sanctionner la Turquie a surpris Bruxelles.",
     ("GRC", "SANCTION", "TUR"), None),
    ("La Grèce a annoncé sa décision de suspendre le dialogue avec la Turquie.",
     ("GRC", "SANCTION", "TUR"), None),
    ("La Grèce a exprimé son intention de coopérer avec la Turquie.",
     ("GRC", "AGREE", "TUR"), "intent"),
    ("Le refus de la Grèce de rencontrer la Turquie a été critiqué.",
     ("GRC", "REJECT", "TUR"), "refusal"),
])
def test_a_decision_will_or_refusal_noun_owns_its_infinitive(nlp, text, expected, modality):
    document = Document(id="doc", origin=Origin("<test>", "text"), language="fr",
                        kind="news_article", text=text)
    mentions = [Mention("doc", m.start(), m.end(), name, "GPE", code, 1.0)
                for name, code in {"Grèce": "GRC", "Turquie": "TUR"}.items()
                for m in re.finditer(name, text)]
    events = extract_events(Analysis(document=document, mentions=tuple(mentions)),
                            nlp["fr"](text)).events
    found = {(e.source_actor, e.type, e.target_actor): e.modality for e in events}
    assert expected in found
    assert found[expected] == modality


def test_an_infinitive_of_purpose_is_still_no_event(nlp):
    found = _triples(nlp, "La Grèce a envoyé une délégation pour sanctionner la Turquie.", "fr",
                     {"Grèce": "GRC", "Turquie": "TUR"})
    assert ("GRC", "SANCTION", "TUR") not in found


# -- the other party's phrase, wherever the parser hangs it, is not searched for this one ----

def test_a_target_phrase_hung_on_the_source_phrase_stays_the_target(nlp):
    found = _triples(nlp, "La visite du président chilien au Pérou a été annoncée lundi.", "fr",
                     {"chilien": "CHL", "Pérou": "PER"})
    assert found == {("CHL", "CONSULT", "PER")}


def test_the_visit_of_a_president_to_a_state(nlp):
    found = _triples(nlp, "The visit of the Chilean president to Peru was announced on Monday.",
                     "en", {"Chilean": "CHL", "Peru": "PER"})
    assert found == {("CHL", "CONSULT", "PER")}


# -- receiving an office holder is a meeting of both; receiving a thing from one is not ------

@pytest.mark.parametrize("text", [
    "Le président chilien a été reçu par son homologue péruvien.",
    "Le Pérou a reçu le ministre chilien des Affaires étrangères lundi.",
])
def test_receiving_an_office_holder_is_consult_both_ways(nlp, text):
    found = _triples(nlp, text, "fr", {"chilien": "CHL", "péruvien": "PER", "Pérou": "PER"})
    assert found == {("CHL", "CONSULT", "PER"), ("PER", "CONSULT", "CHL")}


@pytest.mark.parametrize("text", [
    "Le Pérou a reçu une lettre du président chilien.",
    "Le Pérou a reçu des vivres du Chili.",
])
def test_receiving_a_thing_is_no_meeting(nlp, text):
    found = _triples(nlp, text, "fr", {"chilien": "CHL", "Chili": "CHL", "Pérou": "PER"})
    assert not any(kind == "CONSULT" for _, kind, _ in found)


# -- CAMEO 04 nouns: an audience granted to a visitor, a concertation ------------------------

def test_an_audience_granted_is_a_meeting_of_both(nlp):
    found = _triples(nlp, "Le roi du Maroc a accordé une audience au ministre espagnol.", "fr",
                     {"Maroc": "MAR", "espagnol": "ESP"})
    assert found == {("MAR", "CONSULT", "ESP"), ("ESP", "CONSULT", "MAR")}
    assert _triples(nlp, "Le Maroc a suivi l'audience du tribunal de Madrid.", "fr",
                    {"Maroc": "MAR", "Madrid": "ESP"}) == set()


def test_a_concertation_with_another_state_is_mutual(nlp):
    found = _triples(nlp, "Le Maroc a mené une concertation avec l'Espagne.", "fr",
                     {"Maroc": "MAR", "Espagne": "ESP"})
    assert found == {("MAR", "CONSULT", "ESP"), ("ESP", "CONSULT", "MAR")}
