"""What every command module shares: the ``--db`` option, opening an existing store, turning
library errors into a user message, the table style, and paging (``--cursor``, the line
that gives the next page's cursor; ``--json`` prints the page: ``items``, ``next_cursor``).

Library errors become a one-line message on standard error and exit code 2 in
``user_errors``, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from porteparole.errors import InputError, PorteparoleError

if TYPE_CHECKING:
    from porteparole.store import Store

DEFAULT_DB = Path("porteparole.db")

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="PORTEPAROLE_DB", help="The store file (SQLite).",
                 show_default=True),
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Library errors as a one-line message and exit code 2, never a traceback."""
    try:
        yield
    except PorteparoleError as error:
        message = Text("error ", style="bold red") + Text(str(error))
        Console(stderr=True, soft_wrap=True).print(message)
        raise typer.Exit(2) from None


def existing_store(db: Path) -> Store:
    """The store at ``db``, opened read-only (the commands that call this only read);
    an ``InputError`` saying how to create one when there is none, rather than silently
    creating an empty store the user did not ask for."""
    from porteparole.store import Store

    if str(db) != ":memory:" and not db.exists():
        raise InputError(f"no store at {db}; create it with `porteparole ingest PATH` "
                         "or point --db / PORTEPAROLE_DB at one")
    return Store(db, readonly=str(db) != ":memory:")


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document instead of tables.")
]


CursorOption = Annotated[str | None, typer.Option(
    help="Start after the page that printed this cursor (its --json next_cursor).")]

# One wording for every list: the date is the listed record's own (an event's, else its
# document's), as ``query.Filters`` reads it; both bounds are inclusive.
SinceOption = Annotated[str | None, typer.Option(
    help="First date, YYYY-MM-DD, inclusive (an event's own date, else its document's).")]
UntilOption = Annotated[str | None, typer.Option(
    help="Last date, YYYY-MM-DD, inclusive (an event's own date, else its document's).")]
LanguageOption = Annotated[str | None, typer.Option(
    help="The documents' language, an ISO 639-1 code, e.g. fr.")]


def print_next_page(out: Console, cursor: str | None) -> None:
    """Tell the reader how to ask for the next page, when there is one."""
    if cursor is not None:
        out.print(Text(f"more: add --cursor {cursor}", style="dim"), soft_wrap=True)


def print_json(value: Any) -> None:
    """A view as indented JSON on standard output, nothing else (``query.to_jsonable``: the
    conversion the REST API uses too)."""
    import json

    from porteparole.query import to_jsonable

    typer.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def new_table(title: str, *columns: str) -> Table:
    """An empty Rich table in the style every command uses: a bold title on the left."""
    out = Table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        out.add_column(column)
    return out
