"""``porteparole report``: the store at a glance, in the terminal, as JSON, or as files.

Press conferences are summarised (count, dates, spokespersons, the latest few) rather than
listed one by one; ``--format md|html --out DIR`` writes the same summary with the charts
of the most active dyads and the mechanism table (``report_files``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from porteparole.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    existing_store,
    new_table,
    print_json,
    user_errors,
)
from porteparole.errors import InputError

if TYPE_CHECKING:
    from porteparole.query import Summary


def report_command(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="Write the report as files: md or html (needs --out).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Directory for the report files and charts.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Figures: documents, press conferences, outlets, dyads, mechanisms, rejections."""
    from porteparole import query

    with user_errors():
        if (fmt is None) != (out is None):
            raise InputError("--format and --out go together: porteparole report "
                             "--format html --out DIR")
        with existing_store(db) as store:
            if fmt is not None and out is not None:
                from porteparole.report_files import write_report

                written = write_report(store, out, fmt)
                console = Console()
                for path in written:
                    console.print(Text(str(path)))
                console.print(f"report written to {written[0]}")
                return
            figures = query.summary(store)
    if as_json:
        print_json(figures)
        return
    render_summary(figures, Console())


def render_summary(s: Summary, out: Console) -> None:
    """The summary as a few short tables."""
    out.print(f"{s.documents} documents ({s.first_date or '?'} to {s.last_date or '?'}), "
              f"{s.turns} press-conference turns, {s.rejected} rejected inputs, "
              f"{s.unresolved_mentions} unresolved mentions")
    out.print("records: " + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in s.records.items()))
    if s.unsupported_language:
        languages = ", ".join(f"{n} {code}" for code, n in s.unsupported_by_language)
        out.print(f"{s.unsupported_language} documents in a language porteparole does not "
                  f"analyse ({languages}): text, structure and search only, no actors, "
                  "quotes or events", highlight=False)
    kinds = new_table("Documents by language and kind", "language", "kind", "documents")
    for lk in s.by_language_kind:
        kinds.add_row(lk.language, lk.kind, str(lk.documents))
    c = s.conferences
    people = new_table(f"Press conferences: {c.count} ({c.first or '?'} to {c.last or '?'}), "
                       f"{c.questions} questions", "spokesperson", "conferences")
    for p in c.by_spokesperson:
        people.add_row(Text(p.spokesperson), str(p.conferences))
    latest = new_table("Latest press conferences", "date", "spokesperson", "questions", "id")
    for pc in c.latest:
        latest.add_row(pc.date or "?", Text(pc.spokesperson or "?"), str(pc.questions),
                       pc.document_id[:10])
    outlets = new_table("Outlets that asked most", "outlet", "questions")
    for o in s.outlets:
        outlets.add_row(Text(o.outlet), str(o.questions))
    dyads = new_table("Most active dyads", "source → target", "events", "mean Goldstein")
    for d in s.dyads:
        score = "" if d.mean_goldstein is None else f"{d.mean_goldstein:+.2f}"
        dyads.add_row(Text(f"{d.source_name} → {d.target_name}"), str(d.events), score)
    mechanisms = new_table("Mechanisms", "mechanism", "status", "since", "updates")
    for m in s.mechanisms:
        mechanisms.add_row(Text(m.name), m.status or "-", m.since or "", str(m.updates))
    reasons = new_table("Rejected inputs by reason", "reason", "inputs")
    for r in s.rejected_by_reason:
        reasons.add_row(r.reason, str(r.inputs))
    flags = new_table("Documents by flag", "flag", "documents")
    for flag in s.flags:
        flags.add_row(flag.flag, str(flag.documents))
    for table in (kinds, people, latest, outlets, dyads, mechanisms, reasons, flags):
        if table.row_count:
            out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``report`` to ``app``."""
    app.command("report")(report_command)
