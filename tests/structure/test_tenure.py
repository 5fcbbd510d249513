"""An inferred year must fall in the spokesperson's time in office, as the knowledge base says."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.pipeline import prepare
from porteparole.read import read_source
from porteparole.records import Analysis, Origin, RawDocument
from porteparole.structure.tenure import in_office
from porteparole.text.dates import complete_year

ACTORS = """
version: 1
actors:
  - {id: CHN, name: China, type: state, country: CHN, aliases: {en: [China]}}
  - {id: CHN-MFA, name: Chinese Ministry of Foreign Affairs, type: organization, country: CHN,
     aliases: {en: [Foreign Ministry]}}
  - {id: ana-vidal, name: Ana Vidal, type: person, country: CHN, surname: Vidal,
     roles: [{role: foreign_minister, organization: CHN, start: 2005-01-01, end: 2012-01-01},
             {role: spokesperson, organization: CHN-MFA, start: 2016-09-01, end: 2020-07-01}]}
  - {id: tom-reyes, name: Tom Reyes, type: person, country: CHN, surname: Reyes,
     roles: [{role: foreign_minister, organization: CHN, start: 2010-03-01, end: 2013-03-01}]}
  - {id: lea-moreau, name: Lea Moreau, type: person, country: CHN, surname: Moreau}
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("actors")
    (root / "world.yaml").write_text(ACTORS, encoding="utf-8")
    return load_knowledge_base(root)


def test_the_speaking_role_decides_not_other_offices(kb: KnowledgeBase) -> None:
    held = in_office("Ana Vidal", kb)
    assert held("2018-09-20") and held("2016-09-01")
    assert not held("2013-09-20")  # not yet spokesperson
    assert not held("2010-05-01")  # foreign minister then, but that is not who speaks at a briefing
    assert not held("2020-07-01")  # the end day is the successor's


def test_without_a_speaking_role_any_dated_role_counts(kb: KnowledgeBase) -> None:
    held = in_office("Tom Reyes", kb)
    assert held("2012-05-01") and not held("2014-05-01")


@pytest.mark.parametrize("speaker", ["Lea Moreau", "Someone Unknown", None])
def test_no_dated_role_constrains_nothing(kb: KnowledgeBase, speaker: str | None) -> None:
    assert in_office(speaker, kb)("1999-01-01")


def test_the_nearest_year_in_office_wins(kb: KnowledgeBase) -> None:
    held = in_office("Ana Vidal", kb)
    title = "Foreign Ministry Spokesperson Ana Vidal's Regular Press Conference on September 20"
    # 2015-09-20 is nearest to the hint, but she was not yet spokesperson: 2016 it is
    assert complete_year(title, "2016-03-01", ["en"]) == "2015-09-20"
    assert complete_year(title, "2016-03-01", ["en"], held) == "2016-09-20"
    # no candidate year (2013-2015) in office: no date rather than a wrong one
    assert complete_year(title, "2014-01-01", ["en"], held) is None
    titre = "Conférence de presse régulière du 20 septembre tenue par la porte-parole Ana Vidal"
    assert complete_year(titre, "2016-03-01", ["fr"], held) == "2016-09-20"
    assert complete_year(titre, "2014-01-01", ["fr"], held) is None


def _briefing(hint: str) -> RawDocument:
    """A page of our own: its title prints a month and a day, and the page hints a year."""
    text = "\n\n".join([
        "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on September 20",
        "Q: Will the delegation travel to the summit next week?",
        "A: I have no information to release on that at the moment.",
        "Q: Do you have any comment on the new tariffs?",
        "A: Our position is consistent and clear.",
    ])
    return RawDocument(Origin("<page>", "html"), text, date_hint=hint)


@pytest.mark.parametrize(
    ("hint", "expected", "flags"),
    [
        ("2018-08-30", "2018-09-20", ("date_year_inferred",)),
        ("2014-01-01", None, ()),  # 2013, 2014, 2015: Geng Shuang spoke for no ministry then
    ],
)
def test_pipeline_dates_a_briefing_only_within_the_term(
    hint: str, expected: str | None, flags: tuple[str, ...]
) -> None:
    result = prepare(_briefing(hint))
    assert isinstance(result, Analysis)
    assert result.document.spokesperson == "Geng Shuang"
    assert (result.document.date, result.document.flags) == (expected, flags)


def test_geng_shuang_september_2018_pages_are_not_dated_2013(fmprc_dir: Path) -> None:
    """The real pages whose context hints 2014: no year agrees with his term, so no date."""
    kb = load_knowledge_base()
    checked = 0
    for name in ("t1597236", "t1597725", "t1598615", "t1599177", "t1599752", "t1600384"):
        page = fmprc_dir / f"{name}.html"
        if not page.exists():
            continue
        (raw,) = list(read_source(page))
        result = prepare(raw) if isinstance(raw, RawDocument) else raw
        assert isinstance(result, Analysis)
        document = result.document
        assert document.spokesperson == "Geng Shuang"
        assert document.date is None or in_office(document.spokesperson, kb)(document.date)
        checked += 1
    if not checked:
        pytest.skip("pages not in this copy of the corpus")
