"""The core commands: ``ingest``, ``show``, ``search``, ``rejected``, ``demo``.

Each command parses its arguments, calls one library function (``porteparole.ingest`` or
``porteparole.query``) and renders the result with Rich. Library errors become a one-line
message on standard error and exit code 2 (``common.user_errors``) and nowhere else. Heavy
modules are imported inside the commands so that ``porteparole --help`` stays fast.

Every command takes ``--db PATH`` (default ``porteparole.db``, or ``$PORTEPAROLE_DB``),
except ``demo``, which always builds a fresh ``demo.db`` (or ``--db``) and so ignores the
environment variable rather than risk recreating a real store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
from porteparole.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from porteparole.analyzer import Analyzer
    from porteparole.ingest import IngestReport
    from porteparole.query import DocumentView, SearchHit
    from porteparole.records import Analysis
    from porteparole.store import Store

DEMO_DB = Path("demo.db")
SHOWN_REJECTIONS = 5  # rejections listed after an ingest; the rest via `porteparole rejected`


# -- ingest -------------------------------------------------------------------------------


def ingest_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, directories, or - for stdin (none: with --reanalyze, the whole store).",
        show_default=False)] = None,
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents analysed and committed together.")
    ] = 16,
    workers: Annotated[
        int,
        typer.Option("--workers", min=1, help="Processes analysing batches at once (one a core)."),
    ] = 1,
    verify: Annotated[
        bool, typer.Option("--verify", help="Read every file again, even one read before and "
                           "unchanged since (same path, size, modification time).")
    ] = False,
    unsupported: Annotated[
        str,
        typer.Option("--unsupported", help="A document in a language porteparole does not "
                     "analyse: store (text, paragraphs and search only, flagged "
                     "language_unsupported) or reject (as unsupported_language)."),
    ] = "store",
    reanalyze: Annotated[
        bool, typer.Option("--reanalyze", help="Read again the stored documents that another "
                           "analyzer read (another porteparole version, knowledge or model) "
                           "and replace their records; without paths, every such document "
                           "of the store.")
    ] = False,
    knowledge: Annotated[
        Path | None, typer.Option("--knowledge", envvar="PORTEPAROLE_KNOWLEDGE",
                                  help="A knowledge directory to read with instead of the "
                                  "package's (a copy of src/porteparole/knowledge, edited).")
    ] = None,
) -> None:
    """Read documents into the store; already stored ones are skipped (idempotent).

    SIGTERM or Ctrl-C stops after the batch in flight; re-run the command to continue.
    """
    from porteparole.cli.signals import stop_requests

    with user_errors(), stop_requests() as stop:
        if not paths and not reanalyze:
            raise InputError("give the files or directories to read (- for stdin), or "
                             "--reanalyze to read the stored documents again")
        from porteparole.analyzer import analyzer_at

        analyzer = analyzer_at(knowledge)
        result, store = _ingest_with_progress(paths or [], db, batch_size, workers,
                                              unsupported, stop.requested, verify,
                                              reanalyze=reanalyze, analyzer=analyzer)
        store.close()
    _render_ingest(result, Console())
    if result.interrupted:
        Console(stderr=True).print(
            f"stopped by {stop.signal_name} after {result.sources_read} of {result.sources} "
            "sources (the batches read were written); re-run the same command to continue",
            highlight=False)
        raise typer.Exit(stop.exit_code)


def _ingest_with_progress(
    paths: list[str], db: Path, batch_size: int, workers: int = 1,
    unsupported: str = "store", should_stop: Callable[[], bool] | None = None,
    verify: bool = False, created_by: str | None = None, *, reanalyze: bool = False,
    analyzer: Analyzer | None = None,
) -> tuple[IngestReport, Store]:
    """Ingest with a progress bar that counts the documents analysed and stored (a feed
    holds many, a listing page none), with the sources read, the elapsed time and an
    estimate of the time left. Returns the report and the store, still open."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from porteparole.ingest import ingest
    from porteparole.store import Store

    class CountingStore(Store):
        """The store, counting the documents each analysed batch brings."""

        analysed = 0

        def write_batch(self, analyses: Sequence[Analysis], *args: Any, **kwargs: Any) -> int:
            written = super().write_batch(analyses, *args, **kwargs)
            self.analysed += len(analyses)
            return written

    store = CountingStore(db)
    if created_by is not None:
        store.set_meta("created_by", created_by)
    columns = (TextColumn("{task.fields[analysed]} documents analysed"), BarColumn(),
               MofNCompleteColumn(), TextColumn("sources · elapsed"), TimeElapsedColumn(),
               TextColumn("· left"), TimeRemainingColumn())
    try:
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("ingest", total=None, analysed=0)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, analysed=store.analysed)

            result = ingest(paths, store, batch_size=batch_size, workers=workers,
                            on_progress=advance, unsupported=unsupported,
                            should_stop=should_stop, verify=verify, reanalyze=reanalyze,
                            analyzer=analyzer)
    except BaseException:
        store.close()
        raise
    return result, store


def _render_ingest(result: IngestReport, out: Console) -> None:
    unsupported = (f" ({result.unsupported} in a language not analysed)"
                   if result.unsupported else "")
    reanalyzed = f"reanalyzed: {result.reanalyzed}  " if result.reanalyzed else ""
    out.print(f"new: {result.new}{unsupported}  {reanalyzed}unchanged: {result.unchanged}  "
              f"rejected: {result.rejected_count}  skipped: {len(result.skipped)}  "
              f"(from {result.sources} sources)")
    if result.skipped_sources:
        out.print(f"skipped unread: {result.skipped_sources} sources read before and unchanged "
                  "since (--verify reads them again)")
    for item in result.rejected[:SHOWN_REJECTIONS]:
        where = item.origin.source + (f":{item.origin.line}" if item.origin.line else "")
        out.print(Text(f"  rejected {where}: {item.reason} — {item.detail}", style="yellow"))
    if result.rejected_count > SHOWN_REJECTIONS:
        out.print(f"  … and {result.rejected_count - SHOWN_REJECTIONS} more: "
                  "see `porteparole rejected`")
    for skipped in result.skipped[:SHOWN_REJECTIONS]:
        out.print(Text(f"  skipped {skipped.source}: {skipped.reason} — {skipped.detail}",
                       style="dim"))
    if len(result.skipped) > SHOWN_REJECTIONS:
        counts = Counter(s.reason for s in result.skipped)
        out.print(f"  … {len(result.skipped)} skipped in all: "
                  + ", ".join(f"{n} {reason}" for reason, n in counts.most_common()))


# -- show ---------------------------------------------------------------------------------


def show_command(
    doc: Annotated[str, typer.Argument(help="A document id, or the first characters of one.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one document: its metadata, then its turns (or paragraphs) in order."""
    from porteparole import query

    with user_errors(), existing_store(db) as store:
        view = query.get_document(store, doc)
    if as_json:
        print_json(view)
        return
    _render_document(view, Console())


def _render_document(view: DocumentView, out: Console) -> None:
    a = view.analysis
    d = a.document
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")  # long paths are folded, never cut
    for name, value in (
        ("id", d.id), ("title", d.title), ("kind", d.kind), ("language", d.language),
        ("date", " ".join(v for v in (d.date, d.time) if v) or None), ("place", d.place),
        ("ministry", d.ministry), ("spokesperson", d.spokesperson),
        ("read from", "\n".join(_where(o.source, o.line) for o in view.origins)),
        ("ingested", view.ingested_at), ("analyzer", d.analyzer),
        ("flags", ", ".join(d.flags) or None),
        ("records", f"{len(a.turns)} turns, {len(a.paragraphs)} paragraphs, "
                    f"{len(a.mentions)} mentions, {len(a.quotes)} quotes, "
                    f"{len(a.events)} events, {len(a.topics)} topics, "
                    f"{len(a.mechanism_updates)} mechanism updates"),
    ):
        if value:
            meta.add_row(name, Text(value))
    out.print(meta)
    out.print()
    _render_body(view, out)


def _where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


def _render_body(view: DocumentView, out: Console) -> None:
    a = view.analysis
    if a.turns:
        for turn in a.turns:
            head = Text(f"[{turn.index}] {turn.role}", style="bold cyan")
            if turn.speaker:
                head.append(f" — {turn.speaker}", style="bold")
            out.print(head)
            out.print(Text(a.span_text(turn.start, turn.end)), Text())
    elif a.paragraphs:
        for paragraph in a.paragraphs:
            out.print(Text(a.span_text(paragraph.start, paragraph.end)), Text())
    else:
        out.print(Text(a.document.text))


# -- search -------------------------------------------------------------------------------


def search_command(
    query: Annotated[list[str], typer.Argument(
        help='Words (all must match), "a phrase", a OR b, -word to exclude, prefix*.')],
    db: DbOption = DEFAULT_DB,
    language: LanguageOption = None,
    kind: Annotated[
        str | None, typer.Option(help="press_conference, news_article or statement.")
    ] = None,
    spokesperson: Annotated[str | None, typer.Option(help="Part of the name.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Questions asked by this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[str | None, typer.Option(help="Documents naming this actor.")] = None,
    topic: Annotated[str | None, typer.Option(help="Documents with this topic label.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--event-type", help="Documents with an event of this type.")
    ] = None,
    year: Annotated[str | None, typer.Option(help="Documents dated in this year.")] = None,
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search documents and press-conference turns, best matches first, one page.

    A query may start with an exclusion: porteparole search "-sanctions Taiwan".
    """
    from porteparole.query import Filters, search_page

    with user_errors():
        filters = Filters(language=language, kind=kind, spokesperson=spokesperson,
                          outlet=outlet, since=since, until=until, actor=actor, topic=topic,
                          event_type=event_type, year=year)
        with existing_store(db) as store:
            page = search_page(store, " ".join(query), filters, limit=limit, cursor=cursor,
                               facets=as_json)
    if as_json:
        print_json(page)
        return
    out = Console()
    _render_hits(list(page.items), out)
    if page.total:
        out.print(f"{page.total} hits in {page.documents} documents "
                  f"({len(page.items)} shown)")
    print_next_page(out, page.next_cursor)


def _render_hits(hits: list[SearchHit], out: Console) -> None:
    from porteparole.query import MARK_END, MARK_START

    if not hits:
        out.print("no match")
        return
    for hit in hits:
        head = Text(hit.document_id[:10], style="bold magenta")
        head.append(f"  {hit.date or '????-??-??'}  {hit.language}  {hit.kind}")
        if hit.unit == "turn":
            head.append(f"  turn {hit.turn_index} {hit.role}", style="cyan")
            if hit.speaker:
                head.append(f" — {hit.speaker}", style="cyan")
        out.print(head)
        plain = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
        if hit.title and plain != hit.title:  # a title match is shown once, highlighted
            out.print(Text(f"  {hit.title}", style="bold"))
        out.print(Text("  ") + highlighted(hit.snippet))


def highlighted(snippet: str) -> Text:
    """A snippet with the matched words in bold yellow (markers from ``query.search``)."""
    from porteparole.query import MARK_END, MARK_START

    text = Text()
    for i, part in enumerate(snippet.replace("\n", " ").split(MARK_START)):
        matched, _, rest = part.partition(MARK_END) if i else ("", "", part)
        text.append(matched, style="bold yellow")
        text.append(rest)
    return text


# -- rejected --------------------------------------------------------------------


def rejected_command(
    db: DbOption = DEFAULT_DB,
    reason: Annotated[str | None, typer.Option(help="Only this reason code.")] = None,
    limit: Annotated[int, typer.Option(help="Most entries to show.")] = 100,
    cursor: CursorOption = None,
    as_json: JsonOption = False,
) -> None:
    """List inputs that were kept aside, one page, with the reason and the detail."""
    from porteparole import query

    with user_errors(), existing_store(db) as store:
        page = query.rejected_page(store, query.Filters(reason=reason), limit=limit,
                                   cursor=cursor)
    if as_json:
        print_json(page)
        return
    entries = page.items
    out = Console()
    if not entries:
        out.print("no rejected input")
        return
    table = new_table(f"{len(entries)} rejected inputs", "source", "reason", "detail", "last seen")
    table.columns[0].overflow = "fold"  # a path is worth more than a tidy column
    for entry in entries:
        o = entry.rejected.origin
        table.add_row(Text(_where(o.source, o.line)), entry.rejected.reason,
                      Text(entry.rejected.detail), entry.last_seen)
    out.print(table)
    print_next_page(out, page.next_cursor)


# -- demo ---------------------------------------------------------------------------------


def sample_corpus() -> Path:
    """The bundled sample corpus: beside the source tree (editable install), or under
    the current directory (running from a checkout)."""
    import porteparole

    package_root = Path(porteparole.__file__).resolve().parents[2]
    for base in (package_root, Path.cwd()):
        candidate = base / "examples" / "corpus"
        if candidate.is_dir():
            return candidate
    raise InputError("the sample corpus examples/corpus was not found; run the demo from "
                     "a porteparole checkout")


def demo_command(
    db: Annotated[
        Path, typer.Option("--db", help="The demo store, recreated on each run.")
    ] = DEMO_DB,
) -> None:
    """Ingest the bundled sample corpus into a fresh store and print the report."""
    from porteparole import query
    from porteparole.cli.commands_report import render_summary
    from porteparole.store import remove_store

    out = Console()
    with user_errors():
        corpus = sample_corpus()
        remove_store(db, created_by="demo", legacy=lambda old: _only_from(old, corpus))
        result, store = _ingest_with_progress([str(corpus)], db, batch_size=16,
                                              created_by="demo")
        with store:
            figures = query.summary(store)
    out.print(f"sample corpus: {corpus}  →  {db}")
    _render_ingest(result, out)
    render_summary(figures, out)
    out.print(f"next: porteparole search --db {db} \"…\"   porteparole show --db {db} ID")
    out.print("serve it (API and web UI on http://127.0.0.1:8000/):")
    out.print(f"porteparole serve --db {db}", highlight=False)


def _only_from(store: Store, corpus: Path) -> bool:
    """True for a store (written before demo stores were marked) whose documents all came
    from the sample corpus: a demo store, safe to recreate."""
    from porteparole import query

    return query.sources_outside(store, str(corpus)) == 0


def register(app: typer.Typer) -> None:
    """Add the core commands to ``app``."""
    app.command("ingest")(ingest_command)
    app.command("show")(show_command)
    # An exclusion at the start of the query ("-sanctions Taiwan") is the query, not an
    # unknown option: unknown options are passed through as arguments.
    app.command("search", context_settings={"ignore_unknown_options": True})(search_command)
    from porteparole.cli.commands_report import report_command

    app.command("report")(report_command)
    app.command("rejected")(rejected_command)
    app.command("demo")(demo_command)
