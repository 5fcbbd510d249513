"""``porteparole export DIR --format …``: the store as files other tools read as they are.

``parquet``, ``jsonl`` and ``csv`` write one file per table (``--table`` to choose, any
number of times), the ``actors`` table included; ``gdelt`` writes the events in GDELT 2.0's
column order with a file documenting each column; ``plover`` writes PLOVER event records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from porteparole.cli.common import DEFAULT_DB, DbOption, existing_store, user_errors
from porteparole.errors import InputError

FORMATS = ("parquet", "jsonl", "csv", "gdelt", "plover")


def export_command(
    directory: Annotated[Path, typer.Argument(help="Directory for the exported files.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="parquet, jsonl, csv, gdelt or plover.")
                   ] = "parquet",
    tables: Annotated[list[str] | None, typer.Option(
        "--table", help="A table to export (repeatable; default all). Tables: documents, "
                        "document_origins, turns, paragraphs, mentions, quotes, events, "
                        "topics, mechanism_updates, rejected, actors.")] = None,
) -> None:
    """Write the store as files: tables (Parquet, JSON Lines, CSV) or events (GDELT, PLOVER)."""
    with user_errors():
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if tables and fmt in ("gdelt", "plover"):
            raise InputError(f"--table applies to table formats; {fmt} writes events only")
        with existing_store(db) as store:
            if fmt == "gdelt":
                from porteparole.export_gdelt import export_gdelt

                written = export_gdelt(store, directory)
            elif fmt == "plover":
                from porteparole.export_plover import export_plover

                written = export_plover(store, directory)
            else:
                from porteparole.export_tables import export_tables

                written = export_tables(store, directory, fmt, tables)
    out = Console()
    for path in written:
        out.print(Text(str(path)))
    out.print(f"{len(written)} {fmt} files written to {directory}")


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app``."""
    app.command("export")(export_command)
