"""The actor knowledge base: the shipped files load, bad files are refused, lookups work."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from porteparole.errors import InputError, KnowledgeError
from porteparole.kb import load_knowledge_base, load_titles

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "porteparole" / "knowledge" / "actors"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def _names(actors) -> list[str]:
    return [a.name for a in actors]


# --------------------------------------------------------------------------- shipped data


def test_shipped_knowledge_loads_with_every_type(kb):
    types = {a.type for a in kb.actors.values()}
    assert {"person", "organization", "outlet"} <= types
    assert kb.actor("wu-qian").name == "Wu Qian"
    assert kb.actor("no-such-actor") is None


def test_states_file_when_present_holds_every_un_member(kb):
    if not (SHIPPED / "states.yaml").exists():
        pytest.skip("states.yaml is not written yet")
    states = [a for a in kb.actors.values() if a.type == "state"]
    assert len(states) >= 193
    assert _names(kb.find("Pékin")) and kb.find("Pékin")[0].id == "CHN"


def test_gold_persons_and_institutions_are_known(kb, seeds_gold_dir):
    """Every person, quote speaker and organization the seed gold names resolves by name."""
    wanted: set[str] = set()
    for path in seeds_gold_dir.glob("*.gold.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        wanted.update(gold.get("persons", []))
        wanted.update(q["speaker"] for q in gold.get("quotes", []))
        wanted.update(e[k] for e in gold.get("events", []) for k in ("source", "target"))
        wanted.update(t["speaker"] for t in gold.get("turns", []) if t.get("speaker"))
    codes = {w for w in wanted if len(w) == 3 and w.isupper()}
    missing = sorted(w for w in wanted - codes - {"China"} if not kb.find(w))
    assert missing == []


def test_default_load_is_cached(kb):
    assert load_knowledge_base() is kb


# --------------------------------------------------------------------------- lookups


def test_transliterations_and_spellings_find_the_person(kb):
    assert _names(kb.find("Ngo Khiem")) == ["Wu Qian"]
    assert _names(kb.find("Ngô Khiêm")) == ["Wu Qian"]
    assert _names(kb.find("Vladimir Poutine")) == ["Vladimir Putin"]
    assert _names(kb.find("Sergueï Lavrov")) == ["Sergei Lavrov"]
    assert _names(kb.find("ferdinand romualdez marcos jr")) == ["Ferdinand Marcos Jr."]
    assert _names(kb.find("习近平")) == ["Xi Jinping"]
    assert _names(kb.find("Tap Can Binh")) == ["Xi Jinping"]


def test_institution_aliases_stand_for_their_state(kb):
    assert [a.id for a in kb.find("Pentagone")] == ["USA-DOD"]
    assert [a.id for a in kb.find("département d'État")] == ["USA-DOS"]
    assert [a.id for a in kb.find("ministère chinois de la Défense nationale")] == ["CHN-MND"]
    assert kb.find("Maison Blanche")[0].country == "USA"
    assert kb.find("OTAN")[0].name == "NATO" and kb.find("OTAN")[0].country is None


def test_coast_guards_are_institutions_of_their_state(kb):
    """A coast guard that speaks ("the Japan Coast Guard said") is the institution, named in
    English (FORMAT.md), and stands for its state in events."""
    for surface, code in (("Japan Coast Guard", "JPN"), ("garde-côtes japonais", "JPN"),
                          ("China Coast Guard", "CHN"), ("garde-côtes philippins", "PHL")):
        found = kb.find(surface)
        assert [(a.type, a.country, a.sector) for a in found] == [
            ("organization", code, "COP")], surface


def test_same_text_may_name_actors_of_different_types(kb):
    assert {a.type for a in kb.find("AFP")} == {"outlet", "organization"}


def test_declared_ambiguity_returns_every_actor(kb):
    assert {a.id for a in kb.find("CNA")} == {"media-cna-sg", "media-cna-tw"}


def test_surname_lookup(kb):
    assert _names(kb.by_surname("Marcos")) == ["Ferdinand Marcos Jr."]
    assert _names(kb.by_surname("Poutine")) == ["Vladimir Putin"]
    assert {"Li Qiang", "Li Keqiang", "Li Shangfu"} <= set(_names(kb.by_surname("li")))
    assert kb.surname("xi-jinping") == "Xi"


def test_name_entries_say_their_kind_and_language(kb):
    entries = [e for e in kb.names() if e.actor_id == "vladimir-putin"]
    assert any(e.kind == "name" and e.text == "Vladimir Putin" for e in entries)
    assert any(e.kind == "alias" and e.language == "fr" and e.text == "Vladimir Poutine"
               for e in entries)
    assert any(e.kind == "surname" and e.text == "Putin" for e in entries)
    assert not any(e.language_bound for e in entries)
    assert all(e.kind == "surname" for e in kb.names(kinds=["surname"]))


# --------------------------------------------------------------------------- roles by date


@pytest.mark.parametrize(("day", "expected"), [
    ("2019-03-01", {"Lu Kang", "Geng Shuang", "Hua Chunying"}),
    ("2021-06-01", {"Hua Chunying", "Zhao Lijian", "Wang Wenbin"}),
])
def test_foreign_ministry_spokespersons_change_over_time(kb, day, expected):
    assert set(_names(kb.holders("spokesperson", "CHN-MFA", day))) == expected


def test_current_spokesperson_in_2025(kb):
    holders = _names(kb.holders("spokesperson", "CHN-MFA", "2025-07-29"))
    assert "Guo Jiakun" in holders and "Zhao Lijian" not in holders


@pytest.mark.parametrize(("day", "president"), [
    ("2019-06-01", "Donald Trump"),
    ("2021-03-01", "Joe Biden"),
    ("2025-01-20", "Donald Trump"),  # hand-over day: the successor only
    ("2025-03-01", "Donald Trump"),
])
def test_us_head_of_state_by_date(kb, day, president):
    assert _names(kb.holders("head_of_state", "USA", day)) == [president]


def test_holders_without_date_lists_everyone_latest_first(kb):
    names = _names(kb.holders("defense_minister", "CHN"))
    assert names[0] == "Dong Jun" and "Wei Fenghe" in names


def test_holders_refuses_a_malformed_date(kb):
    with pytest.raises(InputError):
        kb.holders("head_of_state", "USA", "March 2025")


# --------------------------------------------------------------------------- validation


def _write(directory: Path, name: str, body: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text("version: 1\nactors:\n" + textwrap.indent(textwrap.dedent(body), "  "),
                    encoding="utf-8")
    return directory


ORG = """\
- id: XXX-MFA
  name: Xland Foreign Ministry
  type: organization
  country: XXX
  sector: DIP
  aliases: {en: [Xland Foreign Ministry], fr: [ministère xlandais des Affaires étrangères]}
"""


def _person(role_line: str, pid: str = "ann-example", alias: str = "Ann Example") -> str:
    return f"""\
- id: {pid}
  name: {alias}
  type: person
  country: XXX
  sector: DIP
  surname: Example
  aliases: {{en: [{alias}]}}
  roles:
    - {role_line}
"""


GOOD_ROLE = "{role: spokesperson, organization: XXX-MFA, start: 2020-01-01, end: 2022-01-01}"


def test_a_small_valid_directory_loads(tmp_path):
    kb = load_knowledge_base(_write(tmp_path / "k", "a.yaml", ORG + _person(GOOD_ROLE)))
    assert _names(kb.holders("spokesperson", "XXX-MFA", "2021-05-05")) == ["Ann Example"]
    assert kb.holders("spokesperson", "XXX-MFA", "2022-01-01") == ()


def test_duplicate_id_across_files_names_both_files(tmp_path):
    directory = _write(tmp_path / "k", "a.yaml", ORG)
    _write(directory, "b.yaml", ORG.replace("Xland Foreign Ministry", "Other"))
    with pytest.raises(KnowledgeError, match=r"b\.yaml.*XXX-MFA.*duplicate id.*a\.yaml"):
        load_knowledge_base(directory)


@pytest.mark.parametrize("role_line", [
    "{role: spokesperson, organization: XXX-MFA, start: 2020-02-30, end: null}",
    "{role: spokesperson, organization: XXX-MFA, start: 2020-01-01, end: 2019-01-01}",
    "{role: spokesperson, organization: XXX-MFA, start: 'January 2020', end: null}",
])
def test_bad_dates_are_refused(tmp_path, role_line):
    directory = _write(tmp_path / "k", "a.yaml", ORG + _person(role_line))
    with pytest.raises(KnowledgeError, match=r"a\.yaml: actor 'ann-example'"):
        load_knowledge_base(directory)


def test_unknown_role_is_refused(tmp_path):
    line = "{role: grand_vizier, organization: XXX-MFA, start: null, end: null}"
    with pytest.raises(KnowledgeError, match="unknown role 'grand_vizier'"):
        load_knowledge_base(_write(tmp_path / "k", "a.yaml", ORG + _person(line)))


def test_unknown_organization_in_a_role_is_refused(tmp_path):
    line = "{role: spokesperson, organization: XXX-MOD, start: null, end: null}"
    with pytest.raises(KnowledgeError, match="unknown organization 'XXX-MOD'"):
        load_knowledge_base(_write(tmp_path / "k", "a.yaml", ORG + _person(line)))


def test_role_held_in_the_wrong_kind_of_actor_is_refused(tmp_path):
    line = "{role: head_of_state, organization: XXX-MFA, start: null, end: null}"
    with pytest.raises(KnowledgeError, match="must be held in a state"):
        load_knowledge_base(_write(tmp_path / "k", "a.yaml", ORG + _person(line)))


def test_alias_collision_between_two_persons_is_refused(tmp_path):
    body = ORG + _person(GOOD_ROLE) + _person(GOOD_ROLE, pid="ann-other", alias="ANN  EXAMPLE")
    with pytest.raises(KnowledgeError, match=r"'ann-other'.*also names 'ann-example'"):
        load_knowledge_base(_write(tmp_path / "k", "a.yaml", body))


def test_alias_collision_declared_ambiguous_in_both_is_allowed(tmp_path):
    first = _person(GOOD_ROLE).replace("  surname:", "  ambiguous: [Ann Example]\n  surname:")
    second = _person(GOOD_ROLE, pid="ann-other").replace(
        "  surname:", "  ambiguous: [ann example]\n  surname:")
    kb = load_knowledge_base(_write(tmp_path / "k", "a.yaml", ORG + first + second))
    assert {a.id for a in kb.find("Ann Example")} == {"ann-example", "ann-other"}


@pytest.mark.parametrize(("change", "message"), [
    (("type: organization", "type: agency"), "type must be one of"),
    (("sector: DIP", "sector: XYZ"), "sector must be one of"),
    (("country: XXX", "country: Xland"), "alpha-3"),
    (("id: XXX-MFA", "id: xxx-mfa"), "shape of a organization id"),
    (("  sector: DIP", "  sector: DIP\n  colour: blue"), "unknown keys"),
])
def test_malformed_entries_are_refused(tmp_path, change, message):
    body = ORG.replace(*change, 1)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge_base(_write(tmp_path / "k", "a.yaml", body))


def test_file_without_version_is_refused(tmp_path):
    directory = tmp_path / "k"
    directory.mkdir()
    (directory / "a.yaml").write_text("actors: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"a\.yaml.*version"):
        load_knowledge_base(directory)


# --------------------------------------------------------------------------- helpers


def test_titles_are_listed_longest_first():
    french = load_titles("fr")
    assert "M." in french and "colonel supérieur" in french
    assert french.index("lieutenant-colonel") < french.index("colonel")
    assert "Senior Colonel" in load_titles("en")
    assert load_titles("xx") == ()
