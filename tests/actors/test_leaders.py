"""Leaders since 1990 (``knowledge/actors/leaders.yaml`` and the roles persons.yaml dates).

The shipped data must validate, name nobody twice, cover the four top offices of every G20
state on sample dates across 1990-2026 with exactly one holder, and let a past leader named
in a sentence resolve to the person and, through a role dated by the document's date, to the
state. A surname shared by leaders of different decades is read by the document's date:
that rule is tested on a knowledge base written here, whatever the shipped data holds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from builders import offices_on
from porteparole.actors.resolve import resolve_actors
from porteparole.kb import load_knowledge_base
from porteparole.records import Analysis, Document, Origin, document_id_for
from porteparole.text.folds import fold_key

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "porteparole" / "knowledge" / "actors"

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
              "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA")
TOP_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister")
SAMPLE_DAYS = ("1995-09-01", "2005-09-01", "2015-09-01", "2025-09-01")
# Offices that did not exist before a date: Brazil's ministry of defence was created in
# 1999 (each armed service had its own minister before).
CREATED = {("BRA", "defense_minister"): "1999-06-10"}


def _offices_on(kb, actor_id: str, day: str) -> set[tuple[str, str]]:
    return offices_on(kb, actor_id, day, TOP_OFFICES)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def _analysis(text: str, nlp, language: str, date: str | None, knowledge=None, titles=None):
    document = Document(document_id_for(text), Origin("<test>", "text"), language,
                        "news_article", text, date=date)
    return resolve_actors(Analysis(document), nlp(text), kb=knowledge, titles=titles)


def _actor_of(analysis: Analysis, surface: str) -> str | None:
    found = [m.actor_id for m in analysis.mentions if m.surface == surface]
    assert found, f"no mention {surface!r} in {[m.surface for m in analysis.mentions]}"
    return found[0]



# --------------------------------------------------------------------------- the data


def test_leaders_file_is_read_and_validated(kb):
    assert any(source.endswith("leaders.yaml") for source in kb.sources)
    assert (SHIPPED / "leaders.yaml").read_text("utf-8").startswith("# Leaders")
    assert kb.actor("jacques-chirac").country == "FRA"


def test_no_two_persons_share_a_canonical_name(kb):
    names = Counter(fold_key(a.name) for a in kb.actors.values() if a.type == "person")
    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize("day", SAMPLE_DAYS)
def test_every_g20_state_has_one_holder_of_each_top_office(kb, day):
    missing, several = [], []
    for state in G20_STATES:
        for office in TOP_OFFICES:
            holders = kb.holders(office, state, day)
            if day < CREATED.get((state, office), ""):
                assert holders == (), f"{state} {office} had no holder on {day}"
            elif not holders:
                missing.append(f"{state} {office}")
            elif len(holders) > 1:
                several.append(f"{state} {office}: {[a.id for a in holders]}")
    assert missing == [] and several == []


def test_no_office_has_two_holders_on_any_month_since_1990(kb):
    days = [f"{year}-{month:02d}-01" for year in range(1990, 2027) for month in range(1, 13)]
    clashes = [
        (state, office, day)
        for state in G20_STATES for office in TOP_OFFICES for day in days
        if len(kb.holders(office, state, day)) > 1
    ]
    assert clashes == []


def test_un_and_eu_heads(kb):
    days = [f"{year}-06-01" for year in range(1990, 2027)]
    assert all(len(kb.holders("secretary_general", "UN", d)) == 1 for d in days)
    assert all(len(kb.holders("president", "EU-COM", d)) == 1 for d in days if d[:4] != "1999")
    assert all(len(kb.holders("president", "EU-COUNCIL", d)) == 1 for d in days if d >= "2010")
    assert all(len(kb.holders("high_representative", "EU", d)) == 1 for d in days if d >= "2000")
    assert _names(kb.holders("secretary_general", "UN", "1995-06-01")) == ["Boutros Boutros-Ghali"]
    assert _names(kb.holders("high_representative", "EU", "2005-06-01")) == ["Javier Solana"]


def _names(actors) -> list[str]:
    return [a.name for a in actors]


def test_roles_of_people_already_known_were_extended_not_duplicated(kb):
    assert _names(kb.holders("head_of_state", "RUS", "2003-06-01")) == ["Vladimir Putin"]
    assert _names(kb.holders("head_of_state", "RUS", "2010-06-01")) == ["Dmitry Medvedev"]
    assert _names(kb.holders("head_of_government", "GBR", "2012-06-01")) == ["David Cameron"]
    assert _names(kb.holders("head_of_state", "CAN", "2000-06-01")) == ["Queen Elizabeth II"]
    assert len(kb.find("Vladimir Putin")) == 1


# --------------------------------------------------------------------------- resolution


def test_a_past_president_resolves_to_his_state_while_in_office(kb, nlp_fr):
    text = "Jacques Chirac a reçu le chancelier allemand à Paris pour parler de l'euro."
    analysis = _analysis(text, nlp_fr, "fr", "1999-03-02")
    assert _actor_of(analysis, "Jacques Chirac") == "jacques-chirac"
    assert _offices_on(kb, "jacques-chirac", "1999-03-02") == {("head_of_state", "FRA")}
    assert _offices_on(kb, "jacques-chirac", "2009-03-02") == set()
    assert _offices_on(kb, "jacques-chirac", "1995-05-16") == set()  # the day before


def test_russian_leaders_in_english_and_french_transliteration(kb, nlp_en, nlp_fr):
    english = _analysis("Yevgeny Primakov told reporters that Moscow would not yield.",
                        nlp_en, "en", "1997-04-10")
    french = _analysis("Evgueni Primakov a déclaré que Moscou ne céderait pas.",
                       nlp_fr, "fr", "1997-04-10")
    assert _actor_of(english, "Yevgeny Primakov") == "yevgeny-primakov"
    assert _actor_of(french, "Evgueni Primakov") == "yevgeny-primakov"
    assert _offices_on(kb, "yevgeny-primakov", "1997-04-10") == {("foreign_minister", "RUS")}
    assert _offices_on(kb, "yevgeny-primakov", "1999-01-10") == {("head_of_government", "RUS")}
    assert _offices_on(kb, "yevgeny-primakov", "2001-01-10") == set()


def test_role_descriptions_resolve_to_the_holder_of_the_documents_date(nlp_en):
    text = "The Chinese president met the French president in Beijing."
    early = _analysis(text, nlp_en, "en", "2004-10-09")
    late = _analysis(text, nlp_en, "en", "2010-04-29")
    early_roles = {m.actor_id for m in early.mentions if m.entity_type == "ROLE"}
    late_roles = {m.actor_id for m in late.mentions if m.entity_type == "ROLE"}
    assert early_roles == {"hu-jintao", "jacques-chirac"}
    assert late_roles == {"hu-jintao", "nicolas-sarkozy"}


def test_a_surname_after_the_full_name_follows_it(nlp_en):
    text = "Hu Jintao arrived in Washington on Monday. Hu said trade would grow."
    analysis = _analysis(text, nlp_en, "en", "2011-01-18")
    assert [m.actor_id for m in analysis.mentions if m.surface == "Hu"] == ["hu-jintao"]


@pytest.mark.parametrize(("day", "expected"), [
    ("2004-05-02", "junichiro-koizumi"),  # prime minister then
    ("2025-11-20", "shinjiro-koizumi"),   # defence minister then
    ("2012-05-02", "junichiro-koizumi"),  # the one who left office last
])
def test_a_shared_surname_is_read_by_the_documents_date(nlp_en, day, expected):
    analysis = _analysis("Mr. Koizumi said Tokyo would not yield to Beijing.", nlp_en, "en", day)
    assert _actor_of(analysis, "Koizumi") == expected


# --------------------------------------------------------------------------- the rule alone

RULE_ACTORS = """
version: 1
actors:
  - {id: XAA, name: Xanadu, type: state, country: XAA, aliases: {en: [Xanadu]}}
  - {id: ann-marlowe, name: Ann Marlowe, type: person, country: XAA, surname: Marlowe,
     roles: [{role: head_of_government, organization: XAA, start: 1990-01-01, end: 2000-01-01}]}
  - {id: bob-marlowe, name: Bob Marlowe, type: person, country: XAA, surname: Marlowe,
     roles: [{role: foreign_minister, organization: XAA, start: 2010-01-01, end: 2015-01-01}]}
  - {id: cy-marlowe, name: Cy Marlowe, type: person, country: XAA, surname: Marlowe,
     roles: [{role: foreign_minister, organization: XAA, start: 2010-01-01, end: 2015-01-01}]}
  - {id: dee-quill, name: Dee Quill, type: person, country: XAA, surname: Quill,
     roles: [{role: head_of_government, organization: XAA, start: 1990-01-01, end: 2000-01-01}]}
  - {id: eve-quill, name: Eve Quill, type: person, country: XAA, surname: Quill,
     roles: [{role: defense_minister, organization: XAA, start: 2020-01-01, end: null}]}
  - {id: stephen-smith, name: Stephen Smith, type: person, country: XAA, surname: Smith,
     roles: [{role: foreign_minister, organization: XAA, start: 2007-01-01, end: 2010-01-01}]}
"""


@pytest.fixture(scope="module")
def rule_knowledge(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("rule")
    (root / "actors").mkdir()
    (root / "actors" / "people.yaml").write_text(RULE_ACTORS, encoding="utf-8")
    (root / "titles").mkdir()
    (root / "titles" / "en.txt").write_text("Mr.\nMs.\n", encoding="utf-8")
    (root / "titles" / "fr.txt").write_text("M.\nMme\n", encoding="utf-8")
    return load_knowledge_base(root / "actors"), root / "titles"


@pytest.mark.parametrize(("day", "surname", "expected"), [
    ("1995-03-01", "Quill", "dee-quill"),   # in office on the date
    ("2022-03-01", "Quill", "eve-quill"),   # in office on the date
    ("2005-03-01", "Quill", "dee-quill"),   # left office last; the other is yet to come
    ("1985-03-01", "Quill", None),          # both yet to come: no guess
    (None, "Quill", None),                  # no date: no guess
    ("2012-03-01", "Marlowe", None),        # two in office on the date: no guess
    ("2016-03-01", "Marlowe", None),        # two left office together: no guess
])
def test_date_rule_on_a_knowledge_base_of_our_own(rule_knowledge, nlp_en, day, surname, expected):
    kb, titles = rule_knowledge
    text = f"Ms. {surname} said Xanadu would answer on Monday."
    analysis = _analysis(text, nlp_en, "en", day, knowledge=kb, titles=titles)
    assert [m.actor_id for m in analysis.mentions if m.surface == surname] == [expected]


def test_the_full_name_in_the_document_wins_over_the_date(rule_knowledge, nlp_en):
    kb, titles = rule_knowledge
    text = "Dee Quill spoke on Monday. Ms. Quill said Xanadu would answer."
    analysis = _analysis(text, nlp_en, "en", "2022-03-01", knowledge=kb, titles=titles)
    assert [m.actor_id for m in analysis.mentions if m.surface == "Quill"] == ["dee-quill"]


# A known leader's surname must not swallow the full name of someone the knowledge base does
# not know: with hundreds of past leaders, common surnames (Smith, Martin, Rice) are known.

@pytest.mark.parametrize(("language", "text"), [
    ("en", "Jack Smith met reporters in Xanadu on Monday. Smith said the talks would go on."),
    ("fr", "Jack Smith a rencontré la presse lundi au Xanadu. M. Smith a dit que tout "
           "allait bien."),
])
def test_an_unknown_full_name_keeps_the_surname_it_shares(rule_knowledge, nlp_en, nlp_fr,
                                                          language, text):
    kb, titles = rule_knowledge
    nlp = nlp_en if language == "en" else nlp_fr
    analysis = _analysis(text, nlp, language, "2008-03-01", knowledge=kb, titles=titles)
    people = {m.surface: m.actor_id for m in analysis.mentions if m.entity_type == "PER"}
    assert people.get("Jack Smith", "missing") is None  # kept, as a person we do not know
    assert "stephen-smith" not in people.values()


def test_a_known_person_named_in_full_keeps_the_surname(rule_knowledge, nlp_en):
    kb, titles = rule_knowledge
    text = ("Stephen Smith met reporters in Xanadu on Monday. Smith said the talks would go "
            "on. (Reporting by Jack Smith)")
    analysis = _analysis(text, nlp_en, "en", "2008-03-01", knowledge=kb, titles=titles)
    assert [m.actor_id for m in analysis.mentions if m.surface == "Smith"] == ["stephen-smith"]
