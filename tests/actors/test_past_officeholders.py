"""Past officeholders named in English and French texts resolve to the person, and through the
role dated by the document's day, to the state or organization they spoke for.

Sentences are written here. Each case is a class the dated roles handle: a name in full in
either language, a surname after a title read by the document's date, a role description
("le ministre algérien des Affaires étrangères") read as whoever held it that day, and the
spokespersons of Chinese ministries before 2015.
"""

from __future__ import annotations

import pytest

from builders import offices_on
from porteparole.actors.resolve import resolve_actors
from porteparole.kb import load_knowledge_base
from porteparole.nlp import load_model
from porteparole.records import Analysis, Document, Origin, document_id_for

Found = list[tuple[str, str, str | None]]  # (surface, entity type, actor id) per mention
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister",
           "spokesperson", "chair")


def _offices_on(kb, actor_id: str, day: str) -> set[tuple[str, str]]:
    return offices_on(kb, actor_id, day, OFFICES)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture(scope="module")
def models():
    return {"en": load_model("en"), "fr": load_model("fr")}


def _mentions(models, language: str, text: str, date: str | None) -> Found:
    document = Document(document_id_for(text), Origin("<test>", "text"), language,
                        "news_article", text, date=date)
    analysis = resolve_actors(Analysis(document), models[language](text))
    return [(m.surface, m.entity_type, m.actor_id) for m in analysis.mentions]


def _actor_of(found: Found, surface: str) -> str | None:
    ids = [actor for text, _, actor in found if text == surface]
    assert ids, f"no mention {surface!r} in {found}"
    return ids[0]



@pytest.mark.parametrize(("language", "text", "surface"), [
    ("en", "Hillary Clinton said on Tuesday that Moscow and Beijing were blocking any progress.",
     "Hillary Clinton"),
    ("fr", "Hillary Clinton a déclaré mardi que Moscou et Pékin bloquaient tout progrès.",
     "Hillary Clinton"),
    ("en", "Mrs. Clinton said on Tuesday that Moscow and Beijing were blocking any progress.",
     "Clinton"),
    ("fr", "Mme Clinton a déclaré mardi que Moscou et Pékin bloquaient tout progrès.",
     "Clinton"),
])
def test_hillary_clinton_is_the_secretary_of_state_of_2012(kb, models, language, text, surface):
    found = _mentions(models, language, text, "2012-07-10")
    assert _actor_of(found, surface) == "hillary-clinton"
    assert _offices_on(kb, "hillary-clinton", "2012-07-10") == {("foreign_minister", "USA")}
    assert _offices_on(kb, "hillary-clinton", "2014-07-10") == set()


def test_the_surname_clinton_is_read_by_the_documents_date(models):
    found = _mentions(models, "en", "Mr. Clinton said the treaty would be signed soon.",
                      "1998-05-02")
    assert _actor_of(found, "Clinton") == "bill-clinton"


@pytest.mark.parametrize(("day", "expected"), [
    ("2020-06-01", "sabri-boukadoum"),
    ("2015-06-01", "ramtane-lamamra"),
    ("2024-06-01", "ahmed-attaf"),
    ("1998-06-01", "ahmed-attaf"),
])
def test_the_algerian_foreign_minister_is_whoever_held_the_office_that_day(models, day, expected):
    french = _mentions(models, "fr",
                       "Le ministre algérien des Affaires étrangères est arrivé lundi à Pékin.",
                       day)
    english = _mentions(models, "en", "The Algerian foreign minister arrived in Beijing on Monday.",
                        day)
    assert _actor_of(french, "ministre algérien des Affaires étrangères") == expected
    assert _actor_of(english, "foreign minister") == expected


def test_sabri_boukadoum_named_in_full_speaks_for_algeria(kb, models):
    found = _mentions(models, "fr", "Sabri Boukadoum a reçu son homologue allemand à Alger.",
                      "2020-03-01")
    assert _actor_of(found, "Sabri Boukadoum") == "sabri-boukadoum"
    assert _offices_on(kb, "sabri-boukadoum", "2020-03-01") == {("foreign_minister", "DZA")}


@pytest.mark.parametrize(("language", "text", "surface"), [
    ("en", "Chinese Foreign Ministry spokesperson Liu Weimin told reporters that Beijing "
           "opposed the sanctions.", "Liu Weimin"),
    ("fr", "Selon Liu Weimin, porte-parole du ministère chinois des Affaires étrangères, Pékin "
           "s'oppose aux sanctions.", "Liu Weimin"),
])
def test_a_chinese_spokesperson_of_2012_resolves_with_his_dated_role(kb, models, language, text,
                                                                     surface):
    found = _mentions(models, language, text, "2012-03-01")
    assert _actor_of(found, surface) == "liu-weimin"
    roles = {actor for _, kind, actor in found if kind == "ROLE"}
    assert roles == {"liu-weimin"}  # the apposed role is the named spokesperson
    assert _offices_on(kb, "liu-weimin", "2012-03-01") == {("spokesperson", "CHN-MFA")}
    assert _offices_on(kb, "liu-weimin", "2018-03-01") == set()


def test_chinese_ministry_spokespersons_are_dated_since_1990(kb):
    for year in range(1990, 2027):
        assert kb.holders("spokesperson", "CHN-MFA", f"{year}-06-15"), year
    assert [a.id for a in kb.holders("spokesperson", "CHN-MND", "2013-06-15")] != []
    assert kb.holders("spokesperson", "CHN-MND", "2005-06-15") == ()  # none named before 2008


@pytest.mark.parametrize(("language", "text", "surface"), [
    ("en", "Moussa Faki Mahamat, the chairperson of the African Union Commission, called for "
           "restraint.", "Moussa Faki Mahamat"),
    ("fr", "Moussa Faki, président de la Commission de l'Union africaine, a appelé à la "
           "retenue.", "Moussa Faki"),
])
def test_moussa_faki_is_the_au_commission_chair_of_2022(kb, models, language, text, surface):
    found = _mentions(models, language, text, "2022-06-29")
    assert _actor_of(found, surface) == "moussa-faki-mahamat"
    assert _offices_on(kb, "moussa-faki-mahamat", "2022-06-29") == {("chair", "AU")}
    assert _offices_on(kb, "moussa-faki-mahamat", "2012-06-29") == {("foreign_minister", "TCD")}
    assert [a.id for a in kb.holders("chair", "AU", "2025-06-01")] == ["mahmoud-ali-youssouf"]


@pytest.mark.parametrize(("day", "president", "minister"), [
    ("2005-03-01", "hosni-mubarak", "silvan-shalom"),
    ("2020-03-01", "abdel-fattah-el-sisi", "israel-katz"),
])
def test_roles_of_states_outside_the_g20_follow_the_date(models, day, president, minister):
    found = _mentions(models, "en",
                      "The Egyptian president met the Israeli foreign minister in Cairo.", day)
    assert _actor_of(found, "president") == president
    assert _actor_of(found, "foreign minister") == minister


@pytest.mark.parametrize(("day", "expected"), [
    ("1998-03-01", "william-cohen"),  # US defence secretary then
    ("2023-03-01", "eli-cohen"),      # Israel's foreign minister then
])
def test_a_surname_shared_across_states_is_read_by_the_date(models, day, expected):
    found = _mentions(models, "en", "Mr. Cohen said the talks would continue.", day)
    assert _actor_of(found, "Cohen") == expected


def test_transliterations_of_foreign_ministers_in_french(models):
    found = _mentions(models, "fr", "Sergueï Lavrov et Mohammad Javad Zarif se sont entretenus "
                                    "à Moscou; Pavlo Klimkine a protesté.", "2016-03-01")
    assert _actor_of(found, "Sergueï Lavrov") == "sergey-lavrov"
    assert _actor_of(found, "Mohammad Javad Zarif") == "mohammad-javad-zarif"
    assert _actor_of(found, "Pavlo Klimkine") == "pavlo-klimkin"


def test_a_north_korean_minister_then_his_surname(models):
    found = _mentions(models, "en", "Ri Yong Ho arrived in Manila. Ri said Pyongyang would not "
                                    "give up its weapons.", "2017-08-06")
    assert [actor for text, _, actor in found if text in ("Ri Yong Ho", "Ri")] == [
        "ri-yong-ho", "ri-yong-ho"]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Li Xi told the meeting that discipline would be enforced."),
    ("fr", "Li Xi a déclaré devant la réunion que la discipline serait appliquée."),
])
def test_a_full_name_ending_in_a_leaders_surname_is_its_own_person(models, language, text):
    found = _mentions(models, language, text, "2023-05-01")
    assert _actor_of(found, "Li Xi") == "li-xi"
    assert "xi-jinping" not in {actor for _, _, actor in found}
