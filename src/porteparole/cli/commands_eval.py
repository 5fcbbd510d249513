"""``porteparole eval GOLD_DIR CORPUS_DIR``: score the system against gold annotations.

Parses the arguments, calls ``evaluate.run`` and renders the report: Rich tables on standard
output, or with ``--json`` the FORMAT.md JSON object alone on standard output (warnings,
progress and ``--details`` then go to standard error, so that scripts can parse stdout).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

PROGRESS_FROM = 4  # documents; fewer finish before a bar is worth drawing


def _count_gold(gold_dir: Path) -> int:
    from porteparole.evaluate.gold import GOLD_SUFFIX

    return len(list(gold_dir.glob(f"*{GOLD_SUFFIX}"))) if gold_dir.is_dir() else 0


def evaluate_command(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of NAME.gold.json files.")],
    corpus_dir: Annotated[Path, typer.Argument(help="Directory of the documents they name.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as one JSON object.")
    ] = False,
    details: Annotated[
        bool, typer.Option("--details", help="List what was missed and extra, per document.")
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Also write NAME.pred.json readings into this DIR."),
    ] = None,
    knowledge: Annotated[
        Path | None, typer.Option("--knowledge", envvar="PORTEPAROLE_KNOWLEDGE",
                                  help="A knowledge directory to read with instead of the "
                                  "package's (a copy of src/porteparole/knowledge, edited).")
    ] = None,
) -> None:
    """Score porteparole against gold annotations (FORMAT.md)."""
    from porteparole.evaluate import report, run

    out = Console()
    err = Console(stderr=True)
    total = _count_gold(gold_dir)
    with Progress(console=err, transient=True, disable=total < PROGRESS_FROM) as progress:
        task = progress.add_task("evaluating", total=total)
        result = run(
            gold_dir,
            corpus_dir,
            predictions_dir=predictions,
            knowledge=knowledge,
            on_document=lambda _name: progress.advance(task),
        )
    report.render_notes(result, err)
    if as_json:
        typer.echo(json.dumps(report.report_to_json(result), ensure_ascii=False, indent=2))
        if details:
            report.render_details(result, err)
        return
    report.render_tables(result, out)
    if details:
        report.render_details(result, out)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""
    app.command("eval")(evaluate_command)
