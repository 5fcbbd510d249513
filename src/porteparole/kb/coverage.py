"""Who held each audited top office since 1990, and the months nobody did.

A past leader resolves to a state only through a role dated on the document's day, so a
missing officeholder misreads every text of their years without an error. The audited
offices and the gap finder live here once: ``scripts/audit_leaders.py`` prints them and
``tests/actors/test_coverage.py`` holds the files to them.
"""

from __future__ import annotations

from porteparole.kb.base import KnowledgeBase

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
              "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA")
TOP_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister")
# States outside the G20 the corpora name most: their foreign ministers and heads since 1990.
OTHER_STATES = ("DZA", "EGY", "IRN", "ISR", "PRK", "PAK", "PHL", "VNM", "UKR", "QAT", "ARE",
                "NGA", "ETH", "KEN")
AUDITED_OFFICES: tuple[tuple[str, str], ...] = (
    tuple((state, office) for state in G20_STATES for office in TOP_OFFICES)
    + tuple((state, "foreign_minister") for state in OTHER_STATES)
    + tuple((state, "head_of_state") for state in OTHER_STATES if state != "IRN")
    + (("ISR", "head_of_government"), ("IRN", "head_of_government"),
       ("UN", "secretary_general"), ("EU-COM", "president"), ("EU-COUNCIL", "president"),
       ("EU", "high_representative"), ("AU", "chair"),
       ("CHN-MFA", "spokesperson"), ("CHN-MND", "spokesperson"))
)  # (organization, role)
MONTHS = tuple(f"{year}-{month:02d}" for year in range(1990, 2027) for month in range(1, 13))


def uncovered(kb: KnowledgeBase, role: str, organization: str) -> list[tuple[str, str]]:
    """Runs of months (first, last) on whose 15th nobody held ``role`` in ``organization``."""
    runs: list[tuple[str, str]] = []
    previous = -2
    for index, month in enumerate(MONTHS):
        if kb.holders(role, organization, f"{month}-15"):
            continue
        if runs and previous == index - 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
        previous = index
    return runs
