"""A corpus at a glance: the figures ``report`` prints, ``--json`` gives and report files
show. Press conferences are summarised (how many, when, by whom, the latest few) rather
than listed: a store of 500 briefings is read as a shape, not as a list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from porteparole.query._dyads import DyadCount, top_dyads
from porteparole.query._mechanisms import mechanisms
from porteparole.query._report import (
    ConferenceRow,
    FlagCount,
    LanguageKindCount,
    OutletCount,
    ReasonCount,
    StoreTotals,
    report,
)
from porteparole.store import Store

LATEST = 5


@dataclass(frozen=True, slots=True)
class SpokespersonCount:
    spokesperson: str
    conferences: int


@dataclass(frozen=True, slots=True)
class ConferenceSummary:
    count: int
    first: str | None
    last: str | None
    questions: int
    by_spokesperson: tuple[SpokespersonCount, ...]
    latest: tuple[ConferenceRow, ...]


@dataclass(frozen=True, slots=True)
class MechanismStatus:
    id: str
    name: str
    status: str | None
    since: str | None
    updates: int


@dataclass(frozen=True, slots=True)
class Summary(StoreTotals):
    documents: int
    turns: int
    records: dict[str, int]  # table -> rows
    first_date: str | None
    last_date: str | None
    by_language_kind: tuple[LanguageKindCount, ...]
    conferences: ConferenceSummary
    outlets: tuple[OutletCount, ...]
    dyads: tuple[DyadCount, ...]
    mechanisms: tuple[MechanismStatus, ...]
    rejected_by_reason: tuple[ReasonCount, ...]
    unresolved_mentions: int
    flags: tuple[FlagCount, ...] = ()  # documents by flag: poor witnesses, inferred dates, ...
    # documents stored in a language porteparole does not analyse, by language
    unsupported_by_language: tuple[tuple[str, int], ...] = ()


_COUNTED = ("mentions", "quotes", "events", "topics", "mechanism_updates")


def summary(store: Store, *, top_dyads_shown: int = 10) -> Summary:
    """The store's figures, conferences summarised, the busiest dyads, mechanism statuses."""
    r = report(store)
    conferences = r.conferences
    dated = sorted(c.date for c in conferences if c.date)
    people = Counter(c.spokesperson or "unknown" for c in conferences)
    span = store.rows("SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL")[0]
    records = {t: int(store.rows(f"SELECT count(*) FROM {t}")[0][0]) for t in _COUNTED}
    return Summary(
        documents=r.documents, turns=r.turns, records=records,
        first_date=span[0], last_date=span[1], by_language_kind=r.by_language_kind,
        conferences=ConferenceSummary(
            count=len(conferences), first=dated[0] if dated else None,
            last=dated[-1] if dated else None,
            questions=sum(c.questions for c in conferences),
            by_spokesperson=tuple(SpokespersonCount(name, n)
                                  for name, n in people.most_common(10)),
            latest=tuple(sorted(conferences, key=lambda c: c.date or "", reverse=True)
                         [:LATEST])),
        outlets=r.outlets,
        dyads=tuple(top_dyads(store, limit=top_dyads_shown)),
        mechanisms=tuple(
            MechanismStatus(h.mechanism.id, h.mechanism.name,
                            h.current.update.status if h.current else None,
                            h.current.date if h.current else None, len(h.history))
            for h in mechanisms(store)),
        rejected_by_reason=r.rejected_by_reason,
        unresolved_mentions=r.unresolved_mentions,
        flags=r.flags,
        unsupported_by_language=r.unsupported_by_language,
    )
