"""Who held each top office since 1990, and the months nobody did: the leaders data's audit.

A past leader resolves to a state only through a role dated on the document's day, so a
missing officeholder misreads every text of their years without an error. This prints, per
state (or organization) and office, the number of holders and the runs of months whose 15th
has no holder; ``--holders`` lists them with their dates. tests/actors/test_coverage.py
enforces the same audit (``porteparole.kb.coverage``).

    python scripts/audit_leaders.py                     # G20 offices and the others audited
    python scripts/audit_leaders.py --holders DZA EGY   # some organizations, with holders
"""

from __future__ import annotations

import argparse

from porteparole.kb import load_knowledge_base
from porteparole.kb.coverage import AUDITED_OFFICES, uncovered


def main() -> int:
    parser = argparse.ArgumentParser(description="Audit the dated top offices since 1990.")
    parser.add_argument("organizations", nargs="*", help="only these states or organizations")
    parser.add_argument("--holders", action="store_true", help="list each office's holders")
    args = parser.parse_args()
    kb = load_knowledge_base()
    for organization, role in AUDITED_OFFICES:
        if args.organizations and organization not in args.organizations:
            continue
        holders = kb.holders(role, organization)
        runs = ", ".join(a if a == b else f"{a}..{b}" for a, b in uncovered(kb, role, organization))
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
