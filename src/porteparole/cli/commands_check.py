"""``porteparole check``: is the store whole? ``--repair`` rebuilds the search indexes.

Without ``--repair`` the store is opened read-only, so checking never changes it. The exit
code is 0 when every check passes, 1 when one fails (after a repair: when one still fails).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from porteparole.cli.common import DEFAULT_DB, DbOption, existing_store, user_errors


def check_command(
    db: DbOption = DEFAULT_DB,
    repair: Annotated[bool, typer.Option(
        "--repair", help="Rebuild the search indexes from the documents and turns.")] = False,
) -> None:
    """Check the store: SQLite integrity, foreign keys, spans, stamps, search indexes."""
    from porteparole.store import Store

    out = Console()
    with user_errors():
        if repair:
            existing_store(db).close()  # the same message when there is no store
            with Store(db) as store:
                for change in store.repair_indexes():
                    out.print(f"repaired: {change}", highlight=False)
                findings = store.check()
        else:
            with existing_store(db) as store:
                findings = store.check()
    for finding in findings:
        mark = Text("ok  ", style="green") if finding.ok else Text("FAIL", style="bold red")
        out.print(mark + Text(f" {finding.check}: {finding.problems} problems"))
        for example in finding.examples:
            out.print(Text(f"     {example}", style="yellow"))
    if not all(f.ok for f in findings):
        hint = "" if repair else " (`--repair` rebuilds the search indexes)"
        out.print(f"the store has problems{hint}", highlight=False)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command("check")(check_command)
