"""Commands about what happened: ``events``, ``dyads``, ``timeline``, ``mechanisms``.

Each parses its arguments, calls one library function (``porteparole.query``,
``porteparole.timeline``) and renders Rich tables, or with
``--json`` one JSON document alone on standard output. ``--source``/``--target`` take a
state code, an organization or person id, or a name; a state also covers its country's
institutions and officials (``CHN`` matches ``CHN-MND`` and ``wu-qian``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from porteparole.cli.commands_actors import LimitOption, clip, event_table
from porteparole.cli.common import (
    DEFAULT_DB,
    CursorOption,
    DbOption,
    JsonOption,
    LanguageOption,
    SinceOption,
    UntilOption,
    existing_store,
    new_table,
    print_json,
    print_next_page,
    user_errors,
)

if TYPE_CHECKING:
    from porteparole.query import MechanismHistory
    from porteparole.timeline import Timeline

NegatedOption = Annotated[
    bool, typer.Option("--include-negated", help="Also events the text denies happened.")
]


# -- events -------------------------------------------------------------------------------


def events_command(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option(help="Who acts: code, id or name.")] = None,
    target: Annotated[str | None, typer.Option(help="Who is acted on: code, id or name.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="A PLOVER type, e.g. REJECT.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    include_negated: NegatedOption = False,
    both_directions: Annotated[
        bool, typer.Option("--both-directions", help="Also target → source events.")
    ] = False,
    language: LanguageOption = None,
    limit: LimitOption = 100,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events, most recent first, one page, with their evidence."""
    from porteparole import query

    with user_errors():
        filters = query.Filters(since=since, until=until, language=language, source=source,
                                target=target, type=event_type,
                                include_negated=include_negated,
                                both_directions=both_directions)
        with existing_store(db) as store:
            page = query.event_page(store, filters, limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    out = Console()
    if not page.items:
        out.print("no event matches")
        return
    out.print(event_table(list(page.items), f"{len(page.items)} events"))
    print_next_page(out, page.next_cursor)


# -- dyads -------------------------------------------------------------------------------


def dyads_command(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option(help="Who acts: code, id or name.")] = None,
    target: Annotated[str | None, typer.Option(help="Who is acted on: code, id or name.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Count only this PLOVER type, e.g. REJECT.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    language: LanguageOption = None,
    limit: LimitOption = 20,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Source → target pairs with the most asserted events, one page."""
    from porteparole import query

    with user_errors():
        filters = query.Filters(source=source, target=target, type=event_type, since=since,
                                until=until, language=language)
        with existing_store(db) as store:
            page = query.dyad_page(store, filters, limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    out = Console()
    if not page.items:
        out.print("no dyad matches")
        return
    table = new_table("Most active dyads", "source", "target", "events", "mean Goldstein")
    for d in page.items:
        score = "" if d.mean_goldstein is None else f"{d.mean_goldstein:+.2f}"
        table.add_row(Text(f"{d.source_name} ({d.source})"),
                      Text(f"{d.target_name} ({d.target})"), str(d.events), score)
    out.print(table)
    print_next_page(out, page.next_cursor)


# -- timeline -----------------------------------------------------------------------------


def timeline_command(
    source: Annotated[str, typer.Argument(help="One party: code, id or name.")],
    target: Annotated[str, typer.Argument(help="The other party: code, id or name.")],
    db: DbOption = DEFAULT_DB,
    both_directions: Annotated[
        bool, typer.Option("--both-directions", help="Count target → source events too.")
    ] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw the months into this SVG file.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    include_negated: NegatedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Events between two parties per month: counts by type and mean Goldstein score."""
    from porteparole import query
    from porteparole.timeline import write_svg

    with user_errors():
        with existing_store(db) as store:
            result = query.dyad_timeline(store, source, target, since=since, until=until,
                                         both_directions=both_directions,
                                         include_negated=include_negated)
        if chart is not None:
            write_svg(result, chart)
            Console(stderr=True).print(Text(f"chart written to {chart}"))
    if as_json:
        print_json(result)
        return
    _render_timeline(result, Console())


def _render_timeline(t: Timeline, out: Console) -> None:
    if not t.months:
        out.print(Text(f"{t.title}: no dated event"))
    else:
        table = new_table(t.title, "month", "events", "by type", "mean Goldstein")
        for m in t.months:
            types = ", ".join(f"{kind} {n}" for kind, n in m.by_type.items())
            score = "" if m.mean_goldstein is None else f"{m.mean_goldstein:+.2f}"
            table.add_row(m.month, str(m.events), types, score)
        out.print(table)
    if t.undated:
        out.print(f"{t.undated} events without a date are not in the months above")


# -- mechanisms ---------------------------------------------------------------------------


def mechanisms_command(
    db: DbOption = DEFAULT_DB,
    mechanism: Annotated[
        str | None, typer.Option("--id", help="One mechanism: its id, name or alias.")
    ] = None,
    limit: LimitOption = 20,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tracked mechanisms, one page by id: current status (latest update by date) and
    history."""
    from porteparole import query

    with user_errors(), existing_store(db) as store:
        page = query.mechanism_page(store, query.Filters(mechanism=mechanism), limit=limit,
                                    cursor=cursor)
    if as_json:
        print_json(page)
        return
    out = Console()
    if not page.items:
        out.print("no mechanism update in the store")
        return
    for history in page.items:
        _render_mechanism(history, out)
    print_next_page(out, page.next_cursor)


def _render_mechanism(h: MechanismHistory, out: Console) -> None:
    m = h.mechanism
    head = Text(m.name, style="bold")
    if m.name != m.id:
        head.append(f"  ({m.id})", style="dim")
    current = h.current
    head.append("  current: ")
    head.append(f"{current.update.status} since {current.date or '?'}" if current
                else "no update stored", style="bold cyan")
    out.print(head)
    if not h.history:
        return
    table = new_table("", "date", "status", "parties", "document", "evidence")
    table.columns[4].overflow = "fold"
    for v in h.history:
        u = v.update
        table.add_row(v.date or "?", u.status, ", ".join(v.party_names or u.parties),
                      u.document_id[:10],
                      Text(clip(v.evidence)))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add ``events``, ``dyads``, ``timeline``, ``mechanisms`` and ``export`` to ``app``."""
    from porteparole.cli.commands_export import export_command

    app.command("events")(events_command)
    app.command("dyads")(dyads_command)
    app.command("timeline")(timeline_command)
    app.command("mechanisms")(mechanisms_command)
    app.command("export")(export_command)
