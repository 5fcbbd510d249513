"""Commands about who speaks and who is named: ``actors``, ``actor``, ``quotes``.

Each parses its arguments, calls one function of ``porteparole.query`` and renders Rich
tables, or with ``--json`` one JSON document alone on standard output (for scripts).
Actors are given by id (``CHN``, ``wu-qian``) or by any name or alias the knowledge base
lists; an ambiguous or unknown name is a one-line error and exit code 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
    from porteparole.query import ActorPage, ActorProfile, EventView, QuoteView

LimitOption = Annotated[int, typer.Option(help="Most rows to show.")]
CLIP = 110  # characters of evidence or quoted words shown in a table cell


def clip(text: str, width: int = CLIP) -> str:
    """A span's words on one line, cut with an ellipsis past ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- actors -------------------------------------------------------------------------------


def actors_command(
    db: DbOption = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 country, e.g. CHN.")] = None,
    actor_type: Annotated[
        str | None, typer.Option("--type", help="person, state, organization or outlet.")
    ] = None,
    limit: LimitOption = 20,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Most-mentioned actors, one page, and the names no actor was found for."""
    from porteparole import query

    with user_errors():
        filters = query.Filters(country=country, type=actor_type)
        with existing_store(db) as store:
            ranking = query.actor_page(store, filters, limit=limit, cursor=cursor)
    if as_json:
        print_json(ranking)
        return
    _render_ranking(ranking, Console())


def _render_ranking(ranking: ActorPage, out: Console) -> None:
    if ranking.items:
        table = new_table("Most-mentioned actors", "name", "id", "type", "country",
                           "mentions", "documents")
        for a in ranking.items:
            table.add_row(Text(a.name or a.actor_id), a.actor_id, a.type or "?", a.country or "",
                          str(a.mentions), str(a.documents))
        out.print(table)
    else:
        out.print("no resolved mention matches")
    line = Text(f"{ranking.unresolved} unresolved mentions")
    if ranking.unresolved_surfaces:
        line.append("; most frequent: ")
        line.append(", ".join(f"{s.surface} ({s.mentions})" for s in ranking.unresolved_surfaces))
    out.print(line)
    print_next_page(out, ranking.next_cursor)


# -- actor --------------------------------------------------------------------------------


def actor_command(
    name: Annotated[str, typer.Argument(help="An actor id, or any of its names or aliases.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most documents, quotes and events shown.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """One actor: knowledge-base facts, documents naming them, what they said, events."""
    from porteparole import query

    with user_errors(), existing_store(db) as store:
        profile = query.actor_profile(store, name, limit=limit)
    if as_json:
        print_json(profile)
        return
    _render_profile(profile, Console())


def _render_profile(p: ActorProfile, out: Console) -> None:

    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    a = p.actor
    rows: list[tuple[str, str | None]] = [
        ("id", p.actor_id), ("name", a.name if a else "(not described in the store)")]
    if a:
        rows += [("type", a.type), ("country", a.country), ("sector", a.sector)]
        rows += [(f"aliases ({lang})", ", ".join(names)) for lang, names in a.aliases.items()]
    rows.append(("mentions", f"{p.mentions} in {p.documents_total} documents"))
    if p.answer_turns or (a and any("spokesperson" in r.role for r in a.roles)):
        rows.append(("answer turns", str(p.answer_turns)))
    for label, value in rows:
        if value:
            meta.add_row(label, Text(value))
    out.print(meta)
    if a and a.roles:
        roles = new_table("Roles", "role", "in", "from", "until")
        for r in a.roles:
            where = r.organization or ""
            named = p.names.get(where) if where else None
            roles.add_row(r.role, Text(f"{where} ({named})" if named and named != where
                                       else where), r.start or "?", r.end or "now")
        out.print(roles)
    _render_documents(p, out)
    _render_quotes(list(p.quotes), out, f"What they said ({len(p.quotes)} of {p.quotes_total})")
    if p.events:
        out.print(event_table(list(p.events),
                              f"Events as source or target ({len(p.events)} of {p.events_total})"))


def _render_documents(p: ActorProfile, out: Console) -> None:
    if not p.documents:
        return
    table = new_table(f"Documents that name them ({len(p.documents)} of {p.documents_total})",
                       "date", "document", "mentions", "title")
    for d in p.documents:
        table.add_row(d.date or "?", d.document_id[:10], str(d.mentions), Text(d.title or ""))
    out.print(table)


def _render_quotes(views: list[QuoteView], out: Console, title: str) -> None:
    if not views:
        return
    table = new_table(title, "date", "speaker", "kind", "words", "document")
    table.columns[3].overflow = "fold"
    for v in views:
        q = v.quote
        speaker = v.speaker_name or q.speaker_text or "?"
        table.add_row(v.date or "?", Text(speaker), q.kind,
                      Text(clip(v.text)), q.document_id[:10])
    out.print(table)


def event_table(views: list[EventView], title: str) -> Table:
    """Events as a table that fits a terminal: date, parties, the event with its CAMEO root
    and Goldstein score, and the evidence followed by the document id."""
    table = new_table(title, "date", "parties", "event", "evidence  [document]")
    for column in table.columns[:3]:
        column.no_wrap = True  # short codes stay whole; the evidence takes what is left
    table.columns[3].overflow = "fold"
    for v in views:
        e = v.event
        kind = e.type + (" (negated)" if e.negated else "")
        score = "" if e.goldstein is None else f" {e.goldstein:+.1f}"
        parties = f"{v.source_name or '?'} → {v.target_name or '?'}"
        evidence = Text(clip(" ".join(v.evidence.split())))
        evidence.append(f"  [{e.document_id[:8]}]", style="dim")
        table.add_row(v.date or "?", Text(parties), f"{kind} {e.cameo_root or ''}{score}",
                      evidence)
    return table


# -- quotes -------------------------------------------------------------------------------


def quotes_command(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Who said it: a name or id.")] = None,
    about: Annotated[
        str | None, typer.Option(help="Quotes whose words name this actor (name or id).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="direct or reported.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    language: LanguageOption = None,
    limit: LimitOption = 50,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quotes, most recent first, one page: who said what, with the quoted words."""
    from porteparole import query

    with user_errors():
        filters = query.Filters(since=since, until=until, language=language, kind=kind,
                                speaker=speaker, about=about)
        with existing_store(db) as store:
            page = query.quote_page(store, filters, limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    out = Console()
    if not page.items:
        out.print("no quote matches")
        return
    _render_quotes(list(page.items), out, f"{len(page.items)} quotes")
    print_next_page(out, page.next_cursor)


def register(app: typer.Typer) -> None:
    """Add ``actors``, ``actor`` and ``quotes`` to ``app``."""
    app.command("actors")(actors_command)
    app.command("actor")(actor_command)
    app.command("quotes")(quotes_command)
