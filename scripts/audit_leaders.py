"""Who held each top office since 1990, and the months nobody did: the leaders data's audit.

A past leader resolves to a state only through a role dated on the document's day, so a
missing officeholder misreads every text of their years without an error. This prints, per
state (or organization) and office, the number of holders and the runs of months whose 15th
has no holder; ``--holders`` lists them with their dates. tests/actors/test_coverage.py
enforces the same audit.

    python scripts/audit_leaders.py                     # G20 offices and the others audited
    python scripts/audit_leaders.py --holders DZA EGY   # some organizations, with holders
"""

from __future__ import annotations

import argparse

from porteparole.kb import KnowledgeBase, load_knowledge_base

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
              "MEX", "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA")
TOP_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defense_minister")
OTHER_STATES = ("DZA", "EGY", "IRN", "ISR", "PRK", "PAK", "PHL", "VNM", "UKR", "QAT", "ARE",
                "NGA", "ETH", "KEN")
OTHERS = (("UN", "secretary_general"), ("EU-COM", "president"), ("EU-COUNCIL", "president"),
          ("EU", "high_representative"), ("AU", "chair"), ("CHN-MFA", "spokesperson"),
          ("CHN-MND", "spokesperson"))
MONTHS = tuple(f"{year}-{month:02d}" for year in range(1990, 2027) for month in range(1, 13))


def offices() -> list[tuple[str, str]]:
    """(organization, role) pairs the audit covers."""
    pairs = [(state, office) for state in G20_STATES for office in TOP_OFFICES]
    pairs += [(state, "foreign_minister") for state in OTHER_STATES]
    pairs += [(state, "head_of_state") for state in OTHER_STATES if state != "IRN"]
    pairs += [("ISR", "head_of_government"), ("IRN", "head_of_government")]
    return pairs + list(OTHERS)


def gaps(kb: KnowledgeBase, organization: str, role: str) -> list[tuple[str, str]]:
    """Runs of months (first, last) on whose 15th nobody held the office."""
    runs: list[tuple[str, str]] = []
    last_index = -2
    for index, month in enumerate(MONTHS):
        if kb.holders(role, organization, f"{month}-15"):
            continue
        if runs and last_index == index - 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
        last_index = index
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description="Audit the dated top offices since 1990.")
    parser.add_argument("organizations", nargs="*", help="only these states or organizations")
    parser.add_argument("--holders", action="store_true", help="list each office's holders")
    args = parser.parse_args()
    kb = load_knowledge_base()
    for organization, role in offices():
        if args.organizations and organization not in args.organizations:
            continue
        holders = kb.holders(role, organization)
        runs = ", ".join(a if a == b else f"{a}..{b}" for a, b in gaps(kb, organization, role))
        print(f"{organization:<11}{role:<20}{len(holders):>3} holders; gaps: {runs or '-'}")
        if args.holders:
            held = sorted((r.start or "", r.end or "", actor.name)
                          for actor in holders for r in actor.roles
                          if r.role == role and r.organization == organization)
            for start, end, name in held:
                print(f"{'':<14}{start:<11} {end or 'now':<11} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
