"""Events: the party a person acts for, and argument classes beyond the sentence's surface.

Class (1): a person holding a dated role in an international organization on the document's
date (the UN Secretary-General, NATO's Secretary General) is coded as that organization, not
by nationality; on a date outside the role, by nationality again. Sentences are ours.
"""

from __future__ import annotations

import re

import pytest

from builders import sentence_events
from porteparole.evaluate.predict import analysis_to_prediction
from porteparole.events import extract_events
from porteparole.kb import actor_code, load_knowledge_base
from porteparole.records import Analysis, Document, Mention, Origin


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()



def _coded(nlp, kb, text: str, language: str, date: str,
           actors: dict[str, tuple[str, str]]) -> set[tuple[str, str, str]]:
    document = Document(id="doc", origin=Origin("<test>", "text"), language=language,
                        kind="news_article", text=text, date=date)
    mentions = [Mention("doc", m.start(), m.end(), surface, kind, actor_id, 1.0)
                for surface, (kind, actor_id) in actors.items()
                for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]
    analysis = Analysis(document=document, mentions=tuple(mentions))
    analysis = Analysis(document=document, mentions=tuple(mentions),
                        events=extract_events(analysis, nlp[language](text)).events)
    prediction = analysis_to_prediction(analysis, kb.actor)
    return {(e.source, e.type, e.target) for e in prediction.events}


def test_role_in_an_organization_on_the_date_decides_the_party(kb) -> None:
    guterres = kb.actor("antonio-guterres")
    assert actor_code(guterres, kb.actor, "2023-05-02") == "United Nations"
    assert actor_code(guterres, kb.actor, "1999-03-01") == "PRT"  # then Portugal's premier
    assert actor_code(guterres) == "PRT"  # without the knowledge base: nationality
    stoltenberg = kb.actor("jens-stoltenberg")
    assert actor_code(stoltenberg, kb.actor, "2019-06-01") == "NATO"
    assert actor_code(stoltenberg, kb.actor, "2025-06-01") == "NOR"
    # The UN's spokesperson speaks for the UN.
    assert actor_code(kb.actor("stephane-dujarric"), kb.actor, "2021-01-05") == "United Nations"


@pytest.mark.parametrize(("text", "language", "actors", "expected"), [
    ("Antonio Guterres condemned Russia on Tuesday.", "en",
     {"Antonio Guterres": ("PER", "antonio-guterres"), "Russia": ("GPE", "RUS")},
     ("United Nations", "ACCUSE", "RUS")),
    ("Jens Stoltenberg met Ukraine's president in Kyiv.", "en",
     {"Jens Stoltenberg": ("PER", "jens-stoltenberg"), "Ukraine": ("GPE", "UKR")},
     ("NATO", "CONSULT", "UKR")),
    ("António Guterres a condamné la Russie mardi.", "fr",
     {"António Guterres": ("PER", "antonio-guterres"), "Russie": ("GPE", "RUS")},
     ("United Nations", "ACCUSE", "RUS")),
    ("Jens Stoltenberg a rencontré le président ukrainien à Kiev.", "fr",
     {"Jens Stoltenberg": ("PER", "jens-stoltenberg"), "ukrainien": ("NORP", "UKR")},
     ("NATO", "CONSULT", "UKR")),
])
def test_igo_officials_act_for_their_organization(nlp, kb, text, language, actors,
                                                  expected) -> None:
    assert expected in _coded(nlp, kb, text, language, "2022-03-01", actors)


# -- (2) a pronoun subject standing for the previous sentence's single party ----------------

def _triples(nlp, text: str, language: str, actors: dict[str, str]) -> set[tuple]:
    return {(e.source_actor, e.type, e.target_actor)
            for e in sentence_events(nlp[language], language, text, actors)}


@pytest.mark.parametrize(("text", "language", "actors", "expected"), [
    ("Norway held naval drills in the Barents Sea on Monday. It also expelled three Russian "
     "diplomats.", "en", {"Norway": "NOR", "Russian": "RUS"}, ("NOR", "SANCTION", "RUS")),
    ("Chile and Peru signed a fisheries accord last week. They jointly condemned Bolivia on "
     "Friday.", "en", {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL"},
     ("CHL", "ACCUSE", "BOL")),
    ("Le Japon a organisé des manœuvres navales lundi. Il a ensuite expulsé trois diplomates "
     "russes.", "fr", {"Japon": "JPN", "russes": "RUS"}, ("JPN", "SANCTION", "RUS")),
    ("La Norvège a organisé des manœuvres navales lundi. Elle a ensuite condamné la Russie.",
     "fr", {"Norvège": "NOR", "Russie": "RUS"}, ("NOR", "ACCUSE", "RUS")),
])
def test_pronoun_takes_the_single_party_of_the_previous_sentence(nlp, text, language, actors,
                                                                 expected) -> None:
    assert expected in _triples(nlp, text, language, actors)


@pytest.mark.parametrize(("text", "language", "actors"), [
    # Number disagrees: "they" after one state, « elle » after a masculine state.
    ("Norway held naval drills on Monday. They also condemned Russia.", "en",
     {"Norway": "NOR", "Russia": "RUS"}),
    ("Le Japon a organisé des manœuvres navales lundi. Elle a ensuite condamné la Russie.",
     "fr", {"Japon": "JPN", "Russie": "RUS"}),
    ("Le Japon a organisé des manœuvres navales lundi. Ils ont ensuite condamné la Russie.",
     "fr", {"Japon": "JPN", "Russie": "RUS"}),
])
def test_pronoun_that_does_not_agree_is_skipped(nlp, text, language, actors) -> None:
    assert not {t for t in _triples(nlp, text, language, actors) if t[2] == "RUS" and t[0]}


# -- (3) passives swap source and target; an event noun's agent is its source ----------------

@pytest.mark.parametrize(("text", "language", "actors", "expected"), [
    ("Ukraine was attacked by Russia on Sunday.", "en",
     {"Ukraine": "UKR", "Russia": "RUS"}, ("RUS", "ASSAULT", "UKR")),
    ("Seoul was accused by Pyongyang of provocation.", "en",
     {"Seoul": "KOR", "Pyongyang": "PRK"}, ("PRK", "ACCUSE", "KOR")),
    ("L'Ukraine a été attaquée par la Russie dimanche.", "fr",
     {"Ukraine": "UKR", "Russie": "RUS"}, ("RUS", "ASSAULT", "UKR")),
    # « par X » on a verb with a passive auxiliary is the agent even when parsed obl:mod.
    ("L'Iran a été sanctionné par les États-Unis.", "fr",
     {"Iran": "IRN", "États-Unis": "USA"}, ("USA", "SANCTION", "IRN")),
    ("Iran was sanctioned by the United States last year.", "en",
     {"Iran": "IRN", "United States": "USA"}, ("USA", "SANCTION", "IRN")),
    ("Deux diplomates turcs ont été expulsés par l'Allemagne.", "fr",
     {"turcs": "TUR", "Allemagne": "DEU"}, ("DEU", "SANCTION", "TUR")),
    ("The attack by Russia on Ukraine killed ten.", "en",
     {"Russia": "RUS", "Ukraine": "UKR"}, ("RUS", "ASSAULT", "UKR")),
    ("Sanctions by the European Union against Iran took effect.", "en",
     {"European Union": "EU", "Iran": "IRN"}, ("EU", "SANCTION", "IRN")),
    ("Les accusations portées par Pékin contre Washington se multiplient.", "fr",
     {"Pékin": "CHN", "Washington": "USA"}, ("CHN", "ACCUSE", "USA")),
    ("Les sanctions par l'Union européenne contre l'Iran sont entrées en vigueur.", "fr",
     {"Union européenne": "EU", "Iran": "IRN"}, ("EU", "SANCTION", "IRN")),
])
def test_passive_and_nominal_agents_are_sources(nlp, text, language, actors,
                                                expected) -> None:
    assert expected in _triples(nlp, text, language, actors)


@pytest.mark.parametrize(("text", "language", "actors"), [
    ("The attack on Ukraine was condemned by France.", "en", {"France": "FRA", "Ukraine": "UKR"}),
    ("L'attaque contre l'Ukraine a été condamnée par la France.", "fr",
     {"France": "FRA", "Ukraine": "UKR"}),
])
def test_agent_of_the_governing_passive_is_not_the_nouns_source(nlp, text, language,
                                                                  actors) -> None:
    assert ("FRA", "ASSAULT", "UKR") not in _triples(nlp, text, language, actors)
