"""How an ``EvalReport`` is shown: the fixed JSON object of FORMAT.md, Rich tables, details.

The JSON keys are a contract with scripts that hold the figures against thresholds: they are
written out here once, literally, and never derived from field names that might change.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from porteparole.evaluate.scoring import (
    ACCURACY_FIELDS,
    Accuracy,
    DocumentScore,
    EvalReport,
    Overlap,
    TurnCounts,
)

OVERLAP_FIELDS: tuple[str, ...] = ("quotes", "persons", "countries", "events")


def _prf(overlap: Overlap) -> dict[str, float | None]:
    return {"precision": overlap.precision, "recall": overlap.recall, "f1": overlap.f1}


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """The figures as FORMAT.md's JSON object: fixed keys, ``None`` where nothing was counted."""
    totals = report.totals
    return {
        "documents": len(report.documents),
        "kind": {"accuracy": totals.kind.accuracy},
        "language": {"accuracy": totals.language.accuracy},
        "date": {"accuracy": totals.date.accuracy},
        "spokesperson": {"accuracy": totals.spokesperson.accuracy},
        "turns": {
            **_prf(totals.turns.overlap),
            "role_accuracy": totals.turns.role.accuracy,
            "speaker_accuracy": totals.turns.speaker.accuracy,
        },
        "quotes": _prf(totals.quotes),
        "persons": _prf(totals.persons),
        "countries": _prf(totals.countries),
        "events": _prf(totals.events),
    }


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _scored(document: DocumentScore, name: str) -> bool:
    return any(detail.field == name for detail in document.details)


def _accuracy_row(label: str, counts: Accuracy) -> list[str]:
    return [label, str(counts.total), str(counts.correct), _figure(counts.accuracy)]


def _overlap_row(label: str, counts: Overlap) -> list[str]:
    return [
        label,
        str(counts.gold),
        str(counts.system),
        str(counts.gold_hits),
        str(counts.system_hits),
        _figure(counts.precision),
        _figure(counts.recall),
        _figure(counts.f1),
    ]


def _turn_row(label: str, counts: TurnCounts) -> list[str]:
    overlap = counts.overlap
    return [
        label,
        str(overlap.gold),
        str(overlap.system),
        str(overlap.gold_hits),
        _figure(overlap.precision),
        _figure(overlap.recall),
        _figure(overlap.f1),
        _figure(counts.role.accuracy),
        _figure(counts.speaker.accuracy),
    ]


_COLUMNS: dict[str, tuple[str, ...]] = {
    "accuracy": ("scored", "correct", "accuracy"),
    "overlap": ("gold", "system", "gold found", "system correct", "precision", "recall", "F1"),
    "turns": (
        "gold",
        "system",
        "matched",
        "precision",
        "recall",
        "F1",
        "role acc.",
        "speaker acc.",
    ),
}


def field_table(report: EvalReport, name: str) -> Table:
    """One field's table: a row per document that annotates it, then the micro-averaged total."""
    shape, row = (
        ("accuracy", _accuracy_row)
        if name in ACCURACY_FIELDS
        else ("turns", _turn_row)
        if name == "turns"
        else ("overlap", _overlap_row)
    )
    table = Table(title=name, title_justify="left", show_footer=False)
    table.add_column("document")
    for column in _COLUMNS[shape]:
        table.add_column(column, justify="right")
    for document in report.documents:
        if _scored(document, name):
            table.add_row(*row(document.document, getattr(document, name)))
    table.add_row(*row("all (micro)", getattr(report.totals, name)), style="bold")
    return table


def render_tables(report: EvalReport, console: Console) -> None:
    """Print one table per field, in FORMAT.md's order."""
    console.print(f"[bold]{len(report.documents)}[/] documents scored")
    for name in (*ACCURACY_FIELDS, "turns", *OVERLAP_FIELDS):
        console.print(field_table(report, name))


def details_table(report: EvalReport) -> Table:
    """Per document and field, each item missed, extra, or wrong (a matched turn's role or
    speaker), so that a reader sees why a figure is low."""
    table = Table(title="details", title_justify="left")
    for column in ("document", "field", "what", "item"):
        table.add_column(column, overflow="fold")
    for document in report.documents:
        for detail in document.details:
            for what in ("missed", "extra", "wrong"):
                for item in getattr(detail, what):
                    table.add_row(document.document, detail.field, what, item)
    return table


def render_details(report: EvalReport, console: Console) -> None:
    """Print the details table, or say that nothing was missed."""
    if all(detail.clean for document in report.documents for detail in document.details):
        console.print("nothing missed, nothing extra")
        return
    console.print(details_table(report))


def render_notes(report: EvalReport, console: Console) -> None:
    """Print the documents that could not be read (scored as empty predictions)."""
    for note in report.notes:
        console.print(f"[yellow]warning[/] {note}", highlight=False)
