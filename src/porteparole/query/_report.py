"""The figures of ``porteparole report``: what the store holds, at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from porteparole.store import Store


@dataclass(frozen=True, slots=True)
class LanguageKindCount:
    language: str
    kind: str
    documents: int


@dataclass(frozen=True, slots=True)
class ConferenceRow:
    document_id: str
    date: str | None
    spokesperson: str | None
    questions: int
    title: str | None


@dataclass(frozen=True, slots=True)
class OutletCount:
    outlet: str
    questions: int


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    inputs: int


@dataclass(frozen=True, slots=True)
class FlagCount:
    """How many documents carry a flag ("poor_witness", "date_year_inferred", ...)."""

    flag: str
    documents: int


class StoreTotals:
    """Totals both the full report and its summary derive from their per-reason and
    per-language counts, written once."""

    __slots__ = ()
    rejected_by_reason: tuple[ReasonCount, ...]
    unsupported_by_language: tuple[tuple[str, int], ...]

    @property
    def unsupported_language(self) -> int:
        """Documents stored in a language porteparole does not analyse."""
        return sum(n for _, n in self.unsupported_by_language)

    @property
    def rejected(self) -> int:
        """Inputs kept aside, over every reason."""
        return sum(r.inputs for r in self.rejected_by_reason)


@dataclass(frozen=True, slots=True)
class Report(StoreTotals):
    """The figures ``porteparole report`` shows: what the store holds, at a glance."""

    documents: int
    turns: int
    by_language_kind: tuple[LanguageKindCount, ...] = ()
    conferences: tuple[ConferenceRow, ...] = ()
    outlets: tuple[OutletCount, ...] = ()
    rejected_by_reason: tuple[ReasonCount, ...] = ()
    unresolved_mentions: int = 0  # mentions no actor was found for: the knowledge base's gaps
    flags: tuple[FlagCount, ...] = ()  # documents by flag: poor witnesses, inferred dates, ...
    # documents stored in a language porteparole does not analyse (text, structure and
    # search only), by language
    unsupported_by_language: tuple[tuple[str, int], ...] = ()


def report(store: Store, *, top_outlets: int = 10) -> Report:
    """Documents by language and kind, press conferences, busiest outlets, rejections,
    documents by flag."""
    def one(sql: str) -> int:
        return int(store.rows(sql)[0][0])

    return Report(
        documents=one("SELECT count(*) FROM documents"),
        turns=one("SELECT count(*) FROM turns"),
        by_language_kind=tuple(LanguageKindCount(r[0], r[1], r[2]) for r in store.rows(
            "SELECT language, kind, count(*) FROM documents GROUP BY language, kind "
            "ORDER BY count(*) DESC, language, kind")),
        conferences=tuple(ConferenceRow(*r) for r in store.rows(
            "SELECT d.id, d.date, d.spokesperson, (SELECT count(*) FROM turns t "
            "WHERE t.document_id = d.id AND t.role = 'question'), d.title FROM documents d "
            "WHERE d.kind = 'press_conference' ORDER BY d.date IS NULL, d.date, d.id")),
        outlets=tuple(OutletCount(r[0], r[1]) for r in store.rows(
            "SELECT speaker, count(*) FROM turns WHERE role = 'question' AND speaker IS NOT "
            "NULL GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?", (top_outlets,))),
        rejected_by_reason=tuple(ReasonCount(r[0], r[1]) for r in store.rows(
            "SELECT reason, count(*) FROM rejected GROUP BY reason "
            "ORDER BY count(*) DESC, reason")),
        unresolved_mentions=one("SELECT count(*) FROM mentions WHERE actor_id IS NULL"),
        flags=tuple(FlagCount(r[0], r[1]) for r in store.rows(
            "SELECT f.value, count(DISTINCT d.id) FROM documents d, json_each(d.flags) f "
            "GROUP BY f.value ORDER BY count(DISTINCT d.id) DESC, f.value")),
        unsupported_by_language=tuple((r[0], r[1]) for r in store.rows(
            "SELECT language, count(*) FROM documents WHERE EXISTS (SELECT 1 FROM "
            "json_each(documents.flags) WHERE value = 'language_unsupported') "
            "GROUP BY language ORDER BY count(*) DESC, language")),
    )
