"""Coverage of the dated offices in ``knowledge/actors``, month by month, 1990 to today.

A past leader resolves to a state only through a role dated on the document's day, so a
missing officeholder silently misreads every text of their years. This audit walks the 15th
of every month from 1990 and asks the knowledge base who held each office then: every year
must have a holder, and no stretch without one may be longer than a caretaker interim, unless
the office did not exist or the files' headers document the gap. The same audit, printed, is
``scripts/audit_leaders.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from porteparole.errors import KnowledgeError
from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.kb.coverage import AUDITED_OFFICES as OFFICES
from porteparole.kb.coverage import uncovered

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "porteparole" / "knowledge" / "actors"

LONGEST_INTERIM = 3  # months: a caretaker between two holders, who is not listed

# Months (first, last, inclusive, "YYYY-MM") without a holder that the files document: the
# office did not exist yet, or the holders are not known well enough to be listed.
DOCUMENTED_GAPS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("head_of_state", "RUS"): (("1990-01", "1991-06"),),  # the Russian republic's presidency
    ("head_of_government", "RUS"): (("1990-01", "1990-05"),),
    ("foreign_minister", "RUS"): (("1990-01", "1990-09"),),
    ("defense_minister", "RUS"): (("1990-01", "1992-05"),),  # Russia's own ministry, 1992
    ("defense_minister", "BRA"): (("1990-01", "1999-05"),),  # created 1999-06-10
    ("defense_minister", "TUR"): (("1990-01", "1993-06"), ("1995-10", "1996-06")),
    ("defense_minister", "KOR"): (("2024-12", "2025-07"),),  # acting vice minister
    ("foreign_minister", "PAK"): (("1991-03", "1993-10"), ("2002-06", "2002-11")),
    ("foreign_minister", "QAT"): (("1990-01", "1992-08"),),
    ("foreign_minister", "NGA"): (("1993-01", "1993-10"), ("2013-09", "2014-02"),
                                  ("2015-06", "2015-10")),
    ("head_of_state", "UKR"): (("1990-01", "1990-07"),),  # the Ukrainian SSR's chairmen
    ("foreign_minister", "UKR"): (("1990-01", "1990-07"), ("2009-03", "2009-09")),
    ("foreign_minister", "PRK"): (("2007-01", "2007-05"),),
    ("president", "EU-COUNCIL"): (("1990-01", "2009-11"),),  # a permanent president from 2009
    ("high_representative", "EU"): (("1990-01", "1999-10"),),  # the office from 1999
    ("chair", "AU"): (("1990-01", "2002-06"),),  # the African Union from 2002
    ("president", "EU-COM"): (("1999-04", "1999-09"),),  # the Santer Commission resigned
    ("spokesperson", "CHN-MND"): (("1990-01", "2008-04"),),  # a spokesperson from 2008
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _months(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = (map(int, first.split("-")), map(int, last.split("-")))
    return (y2 - y1) * 12 + m2 - m1 + 1


def _inside(run: tuple[str, str], allowed: tuple[tuple[str, str], ...]) -> bool:
    return any(first <= run[0] and run[1] <= last for first, last in allowed)


@pytest.mark.parametrize(("organization", "role"), OFFICES,
                         ids=[f"{o}-{r}" for o, r in OFFICES])
def test_every_month_since_1990_has_a_holder_or_a_documented_gap(kb, organization, role):
    allowed = DOCUMENTED_GAPS.get((role, organization), ())
    long_gaps = [run for run in uncovered(kb, role, organization)
                 if _months(*run) > LONGEST_INTERIM and not _inside(run, allowed)]
    assert long_gaps == []


@pytest.mark.parametrize(("organization", "role"), OFFICES,
                         ids=[f"{o}-{r}" for o, r in OFFICES])
def test_every_year_since_1990_has_a_holder_unless_documented(kb, organization, role):
    allowed = DOCUMENTED_GAPS.get((role, organization), ())
    empty_years = [
        year for year in range(1990, 2027)
        if not any(kb.holders(role, organization, f"{year}-{month:02d}-15")
                   for month in range(1, 13))
        and not _inside((f"{year}-01", f"{year}-12"), allowed)
    ]
    assert empty_years == []


def test_documented_gaps_are_still_gaps(kb):
    """A gap filled since must leave the list, so that the list keeps saying what is missing."""
    stale = [
        (role, organization, gap)
        for (role, organization), gaps in DOCUMENTED_GAPS.items() for gap in gaps
        if not any(first <= gap[0] <= last or gap[0] <= first <= gap[1]
                   for first, last in uncovered(kb, role, organization))
    ]
    assert stale == []


def test_the_audit_finds_a_removed_holder(tmp_path, kb):
    """The audit is not vacuous: take out one foreign minister and his years show up."""
    copy = tmp_path / "actors"
    shutil.copytree(SHIPPED, copy)
    leaders = copy / "leaders.yaml"
    text = leaders.read_text("utf-8")
    entry = text[text.index("  - {id: sabri-boukadoum"):text.index("  # ----", text.index(
        "  - {id: sabri-boukadoum"))]
    leaders.write_text(text.replace(entry, ""), "utf-8")
    reduced = load_knowledge_base(copy)
    assert uncovered(kb, "foreign_minister", "DZA") == []
    assert uncovered(reduced, "foreign_minister", "DZA") == [("2019-04", "2021-06")]


# --------------------------------------------------------------------------- validation


def test_the_shipped_files_load_and_validate_together():
    kb = load_knowledge_base(SHIPPED)
    files = {Path(source).name for source in kb.sources}
    assert {"leaders.yaml", "persons.yaml", "organizations.yaml", "states.yaml"} <= files
    assert kb.actor("moussa-faki-mahamat") is not None
    assert kb.actor("liu-weimin") is not None


@pytest.mark.parametrize(("old", "new", "message"), [
    # a role that ends before it starts
    ("{role: foreign_minister, organization: DZA, start: 2019-03-31, end: 2021-07-07}",
     "{role: foreign_minister, organization: DZA, start: 2021-07-07, end: 2019-03-31}",
     "ends (2019-03-31) before it starts"),
    # an impossible calendar date
    ("{role: foreign_minister, organization: DZA, start: 2019-03-31, end: 2021-07-07}",
     "{role: foreign_minister, organization: DZA, start: 2019-02-30, end: 2021-07-07}",
     "must be an ISO date"),
    # a role in a state that does not exist
    ("{role: foreign_minister, organization: DZA, start: 2019-03-31, end: 2021-07-07}",
     "{role: foreign_minister, organization: ALG, start: 2019-03-31, end: 2021-07-07}",
     "unknown organization 'ALG'"),
    # a role outside the vocabulary
    ("{role: foreign_minister, organization: DZA, start: 2019-03-31, end: 2021-07-07}",
     "{role: foreign_secretary, organization: DZA, start: 2019-03-31, end: 2021-07-07}",
     "unknown role 'foreign_secretary'"),
])
def test_an_invalid_role_is_refused_naming_the_file_and_the_person(tmp_path, old, new, message):
    copy = tmp_path / "actors"
    shutil.copytree(SHIPPED, copy)
    leaders = copy / "leaders.yaml"
    text = leaders.read_text("utf-8")
    assert text.count(old) == 1
    leaders.write_text(text.replace(old, new), "utf-8")
    with pytest.raises(KnowledgeError) as refused:
        load_knowledge_base(copy)
    assert "leaders.yaml" in str(refused.value)
    assert "sabri-boukadoum" in str(refused.value)
    assert message in str(refused.value)


def test_a_person_listed_in_two_files_is_refused(tmp_path):
    copy = tmp_path / "actors"
    shutil.copytree(SHIPPED, copy)
    (copy / "extra.yaml").write_text(
        "version: 1\nactors:\n"
        "  - {id: liu-weimin, name: Liu Weimin, type: person, country: CHN, surname: Liu}\n",
        "utf-8")
    with pytest.raises(KnowledgeError, match="duplicate id"):
        load_knowledge_base(copy)
