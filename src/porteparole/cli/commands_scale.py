"""``porteparole spark INPUT OUTPUT`` and ``porteparole load OUTPUT``: the Spark runner and
the way its tables come back into a store.

``spark`` needs the optional extra (``pip install 'porteparole[spark]'``) and Java 17+;
without them it says so in one line. See ``porteparole.spark`` and the README for running
it on a cluster.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from porteparole.cli.common import DEFAULT_DB, DbOption, user_errors
from porteparole.errors import InputError


def spark_command(
    input_path: Annotated[str, typer.Argument(
        metavar="INPUT", help="A file or directory of text, HTML, JSON Lines or WARC files, "
                              "or Parquet with a 'text' column (a path or a URI).")],
    output: Annotated[str, typer.Argument(
        metavar="OUTPUT", help="Directory (or URI) for one Parquet table per record type.")],
    master: Annotated[str | None, typer.Option(
        "--master", help="Spark master, e.g. local[2]; default: spark-submit's or local[*].")
    ] = None,
    partitions: Annotated[int | None, typer.Option(
        "--partitions", min=1, help="Analysis partitions (default: the cluster's cores).")
    ] = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents analysed together in a partition.")] = 16,
    knowledge: Annotated[str | None, typer.Option(
        "--knowledge", envvar="PORTEPAROLE_KNOWLEDGE",
        help="A knowledge directory to read with instead of the package's (the same path "
             "on every executor).")] = None,
) -> None:
    """Analyse INPUT with Spark into Parquet tables with the schema of `export`."""
    with user_errors():
        if knowledge is not None:  # an invalid copy fails here, not on every executor
            from porteparole.knowledge.bundle import knowledge_at

            knowledge_at(knowledge)
        try:
            from porteparole import spark
            session = spark.spark_session(master)
        except ImportError as error:
            raise InputError("PySpark is not installed: pip install 'porteparole[spark]'"
                             ) from error
        try:
            report = spark.run_job(session, input_path, output, partitions=partitions,
                                   batch_size=batch_size, knowledge=knowledge)
        finally:
            session.stop()
    Console().print(f"documents: {report.documents}  rejected: {report.rejected}  "
                    f"repeated sightings: {report.repeats}  partitions: {report.partitions}  "
                    f"→ {output}")


def load_command(
    directory: Annotated[str, typer.Argument(
        metavar="OUTPUT", help="The directory `porteparole spark` (or `export`) wrote.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Bring Parquet tables written by `spark` (or `export`) into a store."""
    from porteparole.load import load_tables
    from porteparole.store import Store

    with user_errors(), Store(db) as store:
        report = load_tables(directory, store)
    Console().print(f"new: {report.new}  unchanged: {report.unchanged}  "
                    f"rejected: {report.rejected}")


def register(app: typer.Typer) -> None:
    """Add the ``spark`` and ``load`` commands to ``app``."""
    app.command("spark")(spark_command)
    app.command("load")(load_command)
