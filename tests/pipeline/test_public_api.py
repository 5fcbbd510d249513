"""The public surface is deliberate: the package's ``__all__`` and every CLI command are
frozen here, and every command must be documented in the README."""

from __future__ import annotations

import re

import porteparole
from conftest import ROOT
from porteparole.cli import build_app


def _commands() -> set[str]:
    app = build_app()
    return {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}


def test_package_exports_are_frozen() -> None:
    assert sorted(porteparole.__all__) == ["Analyzer", "Knowledge", "SCHEMA_VERSION", "analyze"]
    assert callable(porteparole.analyze)
    assert porteparole.Analyzer.__name__ == "Analyzer"
    assert porteparole.Knowledge.__name__ == "Knowledge"


def test_cli_commands_are_frozen() -> None:
    assert _commands() == {
        "ingest", "show", "search", "report", "rejected", "demo", "actors", "actor",
        "quotes", "events", "dyads", "timeline", "mechanisms", "export", "eval", "check", "serve",
        "spark", "load",
    }


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"porteparole ([a-z]+)\b", readme))
    missing = _commands() - documented
    assert not missing, f"commands missing from README.md: {sorted(missing)}"


def test_the_readme_example_does_what_the_readme_says() -> None:
    analysis = porteparole.analyze(
        "Pékin : Le porte-parole Wu Qian a déclaré jeudi que la Chine s'oppose fermement "
        "aux ventes d'armes américaines à Taïwan.", date="2023-11-30")
    mentions = {(m.surface, m.actor_id) for m in analysis.mentions}
    assert {("Pékin", "CHN"), ("Wu Qian", "wu-qian"), ("Taïwan", "TWN")} <= mentions
    assert [q.speaker_actor for q in analysis.quotes] == ["wu-qian"]
    assert [(e.source_actor, e.type, e.target_actor, e.goldstein) for e in analysis.events] == [
        ("CHN", "REJECT", "USA", -4.0)]
