"""The ``porteparole`` command: a thin shell over the library.

Each command module parses arguments, calls one library function and renders the result
with Rich. Library errors (``errors.PorteparoleError``) become a one-line message and a
non-zero exit code here, and nowhere else.

Command modules expose ``register(app)``; they are registered explicitly below rather
than as an import side effect.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from porteparole.errors import PorteparoleError


def build_app() -> typer.Typer:
    """The Typer application with every command registered."""
    from porteparole.cli import (
        commands_actors,
        commands_analysis,
        commands_check,
        commands_core,
        commands_eval,
        commands_scale,
        commands_serve,
    )

    app = typer.Typer(
        name="porteparole",
        help="Read government press conferences, statements and news into an auditable store.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback(invoke_without_command=True)(_version_option)
    for module in (commands_core, commands_actors, commands_analysis, commands_serve,
                   commands_eval, commands_check, commands_scale):
        module.register(app)
    return app


def _version_option(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Read government press conferences, statements and news into an auditable store."""
    if version:
        from porteparole import __version__

        typer.echo(f"porteparole {__version__}")
        raise typer.Exit()


def main() -> None:
    """Console-script entry point: run the app, turning library errors into clean exits."""
    app = build_app()
    try:
        app()
    except PorteparoleError as error:
        from rich.console import Console

        Console(stderr=True).print(f"[bold red]error[/] {error}", highlight=False)
        sys.exit(2)
