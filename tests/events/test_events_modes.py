"""Stage 7, events: every PLOVER type and mode has its cues in both languages (issue 7).

The lexicons are audited against the PLOVER manual's modes and the CAMEO verb classes under
each, not against the sentences of a gold set: the first tests read the lexicon files and
require, for every type, verbs and event nouns in English and in French, and for every mode of
``plover.yaml`` at least one cue in each language. The others run sentences written for these
tests through the event reader, one class a test: the mode a cue gives, offers and proposals
(AGREE), denials, and the precision guards that keep broad cues to their literal sense.
Mentions are given by hand so that the event reading alone is tested.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from builders import sentence_events
from porteparole.errors import KnowledgeError
from porteparole.events import reportable
from porteparole.events.ontology import load_ontology
from porteparole.events.patterns import load_lexicon
from porteparole.knowledge import knowledge_path

if TYPE_CHECKING:
    from spacy.language import Language

Coded = tuple[str | None, str, str | None, str | None]
LANGUAGES = ("en", "fr")



def _coded(nlp: dict[str, Language], language: str, text: str,
           actors: dict[str, str]) -> set[Coded]:
    """(source, type, target, mode) of the reportable events of one sentence."""
    events = sentence_events(nlp[language], language, text, actors)
    return {(e.source_actor, e.type, e.target_actor, e.mode) for e in events if reportable(e)}


def _triples(nlp: dict[str, Language], language: str, text: str,
             actors: dict[str, str]) -> set[tuple[str | None, str, str | None]]:
    return {(s, t, g) for s, t, g, _ in _coded(nlp, language, text, actors)}


# -- the audit of the lexicon files -----------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_type_has_verbs_and_event_nouns(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon is not None
    for kind in load_ontology().types:
        cues = [c for c in lexicon.cues if c.type == kind]
        assert any(c.pos != "NOUN" for c in cues), f"{language}: no verb cue for {kind}"
        assert any(c.pos == "NOUN" for c in cues), f"{language}: no event noun for {kind}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_mode_has_a_cue(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon is not None
    missing = [f"{kind}/{mode}" for kind, entry in load_ontology().types.items()
               for mode in entry.modes
               if not any(c.type == kind and c.mode == mode for c in lexicon.cues)]
    assert not missing, f"{language}: modes without a cue: {', '.join(missing)}"


# -- the mode a cue gives, by the CAMEO class of what it names --------------------------------

_MODES = [
    # CONSULT third-party: a meeting on the sidelines of another one (CAMEO 044)
    ("en", "Iran met Iraq on the sidelines of the summit.", {"Iran": "IRN", "Iraq": "IRQ"},
     ("IRN", "CONSULT", "IRQ", "third-party")),
    ("fr", "L'Iran a rencontré l'Irak en marge du sommet.", {"Iran": "IRN", "Irak": "IRQ"},
     ("IRN", "CONSULT", "IRQ", "third-party")),
    # RETREAT ceasefire: a ceasefire observed (CAMEO 0871)
    ("en", "Israel observed the ceasefire with Lebanon.", {"Israel": "ISR", "Lebanon": "LBN"},
     ("ISR", "RETREAT", "LBN", "ceasefire")),
    ("fr", "Israël a respecté le cessez-le-feu avec le Liban.",
     {"Israël": "ISR", "Liban": "LBN"}, ("ISR", "RETREAT", "LBN", "ceasefire")),
    # REQUEST yield: a demand that the other side release, withdraw or lift (CAMEO 025)
    ("en", "Japan demanded the release of the detainees from China.",
     {"Japan": "JPN", "China": "CHN"}, ("JPN", "REQUEST", "CHN", "yield")),
    ("fr", "Le Japon a exigé de la Chine la libération des détenus.",
     {"Japon": "JPN", "Chine": "CHN"}, ("JPN", "REQUEST", "CHN", "yield")),
    # REQUEST assist: an appeal for aid (CAMEO 023)
    ("en", "Kenya asked Britain for military aid.", {"Kenya": "KEN", "Britain": "GBR"},
     ("KEN", "REQUEST", "GBR", "assist")),
    ("fr", "Le Kenya a sollicité une aide militaire auprès du Royaume-Uni.",
     {"Kenya": "KEN", "Royaume-Uni": "GBR"}, ("KEN", "REQUEST", "GBR", "assist")),
    # THREATEN violence: a threat of force (CAMEO 138)
    ("en", "Russia threatened Ukraine with military force.", {"Russia": "RUS", "Ukraine": "UKR"},
     ("RUS", "THREATEN", "UKR", "violence")),
    ("fr", "La Russie a menacé l'Ukraine d'une intervention militaire.",
     {"Russie": "RUS", "Ukraine": "UKR"}, ("RUS", "THREATEN", "UKR", "violence")),
    # ACCUSE disapprove (CAMEO 110)
    ("en", "Germany voiced its disapproval of Hungary's decision.",
     {"Germany": "DEU", "Hungary": "HUN"}, ("DEU", "ACCUSE", "HUN", "disapprove")),
    ("fr", "L'Allemagne a désapprouvé la décision de la Hongrie.",
     {"Allemagne": "DEU", "Hongrie": "HUN"}, ("DEU", "ACCUSE", "HUN", "disapprove")),
    # REJECT meet: an invitation declined (CAMEO 126)
    ("en", "Iran rejected the invitation of Saudi Arabia.", {"Iran": "IRN", "Saudi Arabia": "SAU"},
     ("IRN", "REJECT", "SAU", "meet")),
    ("fr", "L'Iran a décliné l'invitation de l'Arabie saoudite.",
     {"Iran": "IRN", "Arabie saoudite": "SAU"}, ("IRN", "REJECT", "SAU", "meet")),
    # ASSAULT unconventional: weapons of mass destruction (CAMEO 20)
    ("en", "The Syrian army used chemical weapons against Turkey.",
     {"Syrian": "SYR", "Turkey": "TUR"}, ("SYR", "ASSAULT", "TUR", "unconventional")),
    ("fr", "L'armée syrienne a utilisé des armes chimiques contre la Turquie.",
     {"syrienne": "SYR", "Turquie": "TUR"}, ("SYR", "ASSAULT", "TUR", "unconventional")),
    # MOBILIZE weapons: missiles deployed are weapons, not troops (CAMEO 154)
    ("en", "China deployed missiles near Taiwan.", {"China": "CHN", "Taiwan": "TWN"},
     ("CHN", "MOBILIZE", "TWN", "weapons")),
    # COERCE curfew and withhold (CAMEO 1723, 171)
    ("en", "Chad imposed a curfew in Sudan.", {"Chad": "TCD", "Sudan": "SDN"},
     ("TCD", "COERCE", "SDN", "curfew")),
    ("en", "Iran withheld payments from Iraq.", {"Iran": "IRN", "Iraq": "IRQ"},
     ("IRN", "COERCE", "IRQ", "withhold")),
]


@pytest.mark.parametrize(("language", "text", "actors", "expected"), _MODES)
def test_a_cue_names_its_mode(nlp: dict[str, Language], language: str, text: str,
                              actors: dict[str, str], expected: Coded) -> None:
    assert expected in _coded(nlp, language, text, actors)


def test_missiles_deployed_are_not_troops(nlp: dict[str, Language]) -> None:
    found = _coded(nlp, "en", "China deployed missiles near Taiwan.",
                   {"China": "CHN", "Taiwan": "TWN"})
    assert ("CHN", "MOBILIZE", "TWN", "troops") not in found


# -- a ceasefire: declared is a concession, agreed an agreement -------------------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Israel declared a ceasefire in Gaza.", {"Israel": "ISR", "Gaza": "PSE"}),
    ("fr", "Israël a déclaré un cessez-le-feu à Gaza.", {"Israël": "ISR", "Gaza": "PSE"}),
])
def test_a_declared_ceasefire_is_a_concession(nlp: dict[str, Language], language: str,
                                              text: str, actors: dict[str, str]) -> None:
    assert ("ISR", "CONCEDE", "PSE") in _triples(nlp, language, text, actors)


# -- relations established or restored: diplomatic recognition (CAMEO 054) --------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Kenya and Somalia restored diplomatic relations.",
     {"Kenya": "KEN", "Somalia": "SOM"}),
    ("fr", "Le Kenya et la Somalie ont rétabli leurs relations diplomatiques.",
     {"Kenya": "KEN", "Somalie": "SOM"}),
])
def test_restored_relations_are_support_both_ways(nlp: dict[str, Language], language: str,
                                                  text: str, actors: dict[str, str]) -> None:
    assert {("KEN", "SUPPORT", "SOM"), ("SOM", "SUPPORT", "KEN")} <= _triples(
        nlp, language, text, actors)


# -- verbal defence (CAMEO 052), not the defence of principles --------------------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "China defended Russia at the Security Council.", {"China": "CHN", "Russia": "RUS"}),
    ("fr", "La Chine a défendu la Russie au Conseil de sécurité.",
     {"Chine": "CHN", "Russie": "RUS"}),
])
def test_defending_a_party_is_support(nlp: dict[str, Language], language: str, text: str,
                                      actors: dict[str, str]) -> None:
    assert ("CHN", "SUPPORT", "RUS") in _triples(nlp, language, text, actors)


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "China defends the principles of the Charter of the United Nations.",
     {"China": "CHN", "United Nations": "United Nations"}),
    ("fr", "La Chine défend les principes de la Charte des Nations unies.",
     {"Chine": "CHN", "Nations unies": "United Nations"}),
])
def test_defending_principles_supports_nobody(nlp: dict[str, Language], language: str,
                                              text: str, actors: dict[str, str]) -> None:
    assert not any(kind == "SUPPORT" for _, kind, _ in _triples(nlp, language, text, actors))


# -- modality: a proposal is an offer; a tabled text is not; a denied act is not coded -------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Turkey proposed a ceasefire to Syria.", {"Turkey": "TUR", "Syria": "SYR"}),
    ("fr", "La Turquie a proposé un cessez-le-feu à la Syrie.",
     {"Turquie": "TUR", "Syrie": "SYR"}),
])
def test_a_proposal_is_an_offer(nlp: dict[str, Language], language: str, text: str,
                                actors: dict[str, str]) -> None:
    assert ("TUR", "AGREE", "SYR") in _triples(nlp, language, text, actors)


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "The resolution proposed by China to the United Nations was adopted.",
     {"China": "CHN", "United Nations": "United Nations"}),
    ("fr", "La résolution proposée par la Chine aux Nations unies a été adoptée.",
     {"Chine": "CHN", "Nations unies": "United Nations"}),
])
def test_a_tabled_resolution_is_no_offer(nlp: dict[str, Language], language: str, text: str,
                                         actors: dict[str, str]) -> None:
    assert not any(kind == "AGREE" for _, kind, _ in _triples(nlp, language, text, actors))


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Russia denied attacking Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie a démenti avoir attaqué l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie nie avoir bombardé l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
])
def test_a_denied_act_is_not_coded(nlp: dict[str, Language], language: str, text: str,
                                   actors: dict[str, str]) -> None:
    assert not any(kind == "ASSAULT" for _, kind, _ in _triples(nlp, language, text, actors))


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Russia did not attack Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie n'a pas rencontré l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
])
def test_a_negated_act_is_not_reported(nlp: dict[str, Language], language: str, text: str,
                                       actors: dict[str, str]) -> None:
    assert not _triples(nlp, language, text, actors)


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Israel will withdraw its troops from Lebanon unless Beirut disarms the militia.",
     {"Israel": "ISR", "Lebanon": "LBN", "Beirut": "LBN"}),
    ("fr", "Israël retirera ses troupes du Liban à moins que Beyrouth ne désarme la milice.",
     {"Israël": "ISR", "Liban": "LBN", "Beyrouth": "LBN"}),
])
def test_a_measure_announced_unless_the_other_yields_is_a_threat(
        nlp: dict[str, Language], language: str, text: str, actors: dict[str, str]) -> None:
    found = _triples(nlp, language, text, actors)
    assert ("ISR", "THREATEN", "LBN") in found
    assert ("ISR", "RETREAT", "LBN") not in found


# -- figurative uses of material verbs --------------------------------------------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("fr", "La Corée du Nord a frappé les esprits en Corée du Sud.",
     {"Corée du Nord": "PRK", "Corée du Sud": "KOR"}),
    ("en", "Japan's offer failed to meet the expectations of China.",
     {"Japan": "JPN", "China": "CHN"}),
    ("en", "Chile struck a balance with Peru.", {"Chile": "CHL", "Peru": "PER"}),
])
def test_a_figure_of_speech_is_no_event(nlp: dict[str, Language], language: str, text: str,
                                        actors: dict[str, str]) -> None:
    assert not any(kind in ("ASSAULT", "CONSULT")
                   for _, kind, _ in _triples(nlp, language, text, actors))


# -- transgressions named by a noun in someone's speech are the speaker's accusation ---------

@pytest.mark.parametrize(("language", "text", "actors", "expected"), [
    ("en", "China said that Japan's provocations had raised tensions in the region.",
     {"China": "CHN", "Japan": "JPN"}, ("CHN", "ACCUSE", "JPN")),
    ("fr", "La Chine a déclaré que les provocations du Japon avaient accru les tensions.",
     {"Chine": "CHN", "Japon": "JPN"}, ("CHN", "ACCUSE", "JPN")),
    ("en", "China said that the interference by the United States had harmed relations.",
     {"China": "CHN", "United States": "USA"}, ("CHN", "ACCUSE", "USA")),
    ("fr", "La Chine a déclaré que l'ingérence des États-Unis avait nui aux relations.",
     {"Chine": "CHN", "États-Unis": "USA"}, ("CHN", "ACCUSE", "USA")),
])
def test_a_transgression_noun_in_speech_accuses(
        nlp: dict[str, Language], language: str, text: str, actors: dict[str, str],
        expected: tuple[str, str, str]) -> None:
    assert expected in _triples(nlp, language, text, actors)


# -- warships tracked and monitored: a show of military presence (CAMEO 152) -----------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "The Chinese navy tracked and monitored the American warships.",
     {"Chinese": "CHN", "American": "USA"}),
    ("fr", "La marine chinoise a suivi et surveillé les navires de guerre américains.",
     {"chinoise": "CHN", "américains": "USA"}),
])
def test_tracking_warships_is_mobilization(nlp: dict[str, Language], language: str, text: str,
                                           actors: dict[str, str]) -> None:
    assert ("CHN", "MOBILIZE", "USA") in _triples(nlp, language, text, actors)


# -- help (CAMEO 070), and help that is one aim in a list of aims ----------------------------

def test_help_is_aid(nlp: dict[str, Language]) -> None:
    found = _triples(nlp, "fr", "La Chine a aidé le Laos à construire son barrage.",
                     {"Chine": "CHN", "Laos": "LAO"})
    assert ("CHN", "AID", "LAO") in found


def test_an_aim_listed_after_one_hung_on_a_noun_is_an_aim(nlp: dict[str, Language]) -> None:
    text = ("La Chine profitera de l'adoption de cette résolution pour intensifier la "
            "coopération avec la communauté internationale, assurer le suivi de la résolution, "
            "et aider le Laos à construire son barrage.")
    found = _triples(nlp, "fr", text, {"Chine": "CHN", "Laos": "LAO"})
    assert not any(kind == "AID" for _, kind, _ in found)


# -- a stated preparation: force readied is a show of force, anything else no event ----------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Russia is preparing to invade Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie se prépare à envahir l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
])
def test_force_being_readied_is_mobilization(nlp: dict[str, Language], language: str,
                                             text: str, actors: dict[str, str]) -> None:
    found = _triples(nlp, language, text, actors)
    assert ("RUS", "MOBILIZE", "UKR") in found
    assert ("RUS", "ASSAULT", "UKR") not in found


@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Russia is preparing to hold talks with Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie prépare une rencontre avec l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
    ("en", "Russia could be preparing to invade Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
    ("en", "Russia is not preparing to invade Ukraine.", {"Russia": "RUS", "Ukraine": "UKR"}),
])
def test_a_preparation_of_anything_else_is_no_event(nlp: dict[str, Language], language: str,
                                                    text: str, actors: dict[str, str]) -> None:
    assert not _triples(nlp, language, text, actors)


def test_a_prepared_type_must_be_a_plover_type(tmp_path: Path) -> None:
    source = Path(str(knowledge_path("events", "plover.yaml"))).read_text(encoding="utf-8")
    broken = tmp_path / "plover.yaml"
    broken.write_text(source.replace("prepared_type: MOBILIZE", "prepared_type: MARCH"),
                      encoding="utf-8")
    with pytest.raises(KnowledgeError, match="MARCH"):
        load_ontology(broken)


# -- a promise of harm is a threat; a promise of help stays an agreement ---------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "Iran vowed retaliation against Israel.", {"Iran": "IRN", "Israel": "ISR"}),
    ("en", "Iran promised a firm response to Israel.", {"Iran": "IRN", "Israel": "ISR"}),
    ("fr", "L'Iran a promis des représailles contre Israël.", {"Iran": "IRN", "Israël": "ISR"}),
    ("fr", "L'Iran a juré de riposter contre Israël.", {"Iran": "IRN", "Israël": "ISR"}),
])
def test_a_promise_of_harm_is_a_threat(nlp: dict[str, Language], language: str, text: str,
                                       actors: dict[str, str]) -> None:
    found = _triples(nlp, language, text, actors)
    assert ("IRN", "THREATEN", "ISR") in found
    assert ("IRN", "AGREE", "ISR") not in found


def test_a_promise_of_aid_is_an_agreement(nlp: dict[str, Language]) -> None:
    found = _triples(nlp, "en", "Iran promised aid to Iraq.", {"Iran": "IRN", "Iraq": "IRQ"})
    assert ("IRN", "AGREE", "IRQ") in found


# -- verbs one lexicon had and the other lacked ----------------------------------------------

@pytest.mark.parametrize(("language", "text", "actors", "expected"), [
    ("en", "China disputed the decision of Japan.", {"China": "CHN", "Japan": "JPN"},
     ("CHN", "REJECT", "JPN")),
    ("fr", "Le Japon a contesté la décision de la Chine.", {"Japon": "JPN", "Chine": "CHN"},
     ("JPN", "REJECT", "CHN")),
    ("en", "Serbia consented to Kosovo's request.", {"Serbia": "SRB", "Kosovo": "XKX"},
     ("SRB", "AGREE", "XKX")),
    ("fr", "Le Pakistan et l'Inde se sont entendus sur un cessez-le-feu.",
     {"Pakistan": "PAK", "Inde": "IND"}, ("PAK", "AGREE", "IND")),
    ("fr", "Le ministre iranien a dialogué avec son homologue irakien.",
     {"iranien": "IRN", "irakien": "IRQ"}, ("IRN", "CONSULT", "IRQ")),
])
def test_a_verb_of_the_other_lexicon(nlp: dict[str, Language], language: str, text: str,
                                     actors: dict[str, str],
                                     expected: tuple[str, str, str]) -> None:
    assert expected in _triples(nlp, language, text, actors)


# -- a verb the model leaves unlemmatized fires by its regular form --------------------------

def test_an_unlemmatized_verb_form_fires_its_cue(nlp: dict[str, Language]) -> None:
    doc = nlp["fr"]("La Chine conteste la décision du Japon.")
    assert doc[2].lemma_ != "contester"  # the model's lemma; the form still reads as the cue
    found = _triples(nlp, "fr", "La Chine conteste la décision du Japon.",
                     {"Chine": "CHN", "Japon": "JPN"})
    assert ("CHN", "REJECT", "JPN") in found


def test_inflections_must_map_endings_to_endings(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text(
        "version: 1\ninflections: {er: e}\ncues:\n  - {lemma: contester, type: REJECT}\n",
        encoding="utf-8")
    with pytest.raises(KnowledgeError, match="inflections"):
        load_lexicon("xx", tmp_path)


# -- a hedged report codes no event (FORMAT.md: hedged speech) -------------------------------

@pytest.mark.parametrize(("language", "text", "actors"), [
    ("en", "China reportedly attacked Vietnam.", {"China": "CHN", "Vietnam": "VNM"}),
    ("en", "China allegedly attacked Vietnam.", {"China": "CHN", "Vietnam": "VNM"}),
    ("fr", "La Russie a prétendument attaqué l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
    ("fr", "La Russie a apparemment attaqué l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"}),
])
def test_a_hedged_report_is_not_coded(nlp: dict[str, Language], language: str, text: str,
                                      actors: dict[str, str]) -> None:
    assert not _triples(nlp, language, text, actors)


@pytest.mark.parametrize(("language", "text", "actors", "expected"), [
    ("en", "China attacked Vietnam.", {"China": "CHN", "Vietnam": "VNM"},
     ("CHN", "ASSAULT", "VNM")),
    ("fr", "La Russie a attaqué l'Ukraine.", {"Russie": "RUS", "Ukraine": "UKR"},
     ("RUS", "ASSAULT", "UKR")),
])
def test_the_same_report_unhedged_is_coded(nlp: dict[str, Language], language: str, text: str,
                                           actors: dict[str, str],
                                           expected: tuple[str, str, str]) -> None:
    assert expected in _triples(nlp, language, text, actors)
