"""``actors``, ``actor`` and ``quotes`` through Typer's test runner: tables, JSON, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from click.testing import Result

from builders import (
    build_ambiguous_store,
    build_store,
    cli_app,
    conference,
    invoke,
    one_line_error,
)
from porteparole.cli import commands_actors

WIDE = 200  # terminal columns: keep table cells on one line


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app(commands_actors)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli") / "actors.db")


def run(app: typer.Typer, db: Path, *args: str) -> Result:
    return invoke(app, db, *args, columns=WIDE)


def test_actors_table_and_unresolved_line(app, db: Path) -> None:
    result = run(app, db, "actors")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("China") < out.index("United States") < out.index("Wu Qian")
    assert "3 unresolved mentions" in out and "Commission Tanaka (2)" in out


def test_actors_filters_and_json(app, db: Path) -> None:
    result = run(app, db, "actors", "--country", "CHN", "--type", "person", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {a["actor_id"] for a in data["items"]} == {"mao-ning", "wu-qian"}
    assert data["next_cursor"] is None
    assert data["unresolved"] == 3
    assert data["unresolved_surfaces"][0]["mentions"] == 2
    limited = json.loads(run(app, db, "actors", "--limit", "1", "--json").stdout)
    assert [a["actor_id"] for a in limited["items"]] == ["CHN"]
    after = json.loads(run(app, db, "actors", "--limit", "1", "--json", "--cursor",
                           limited["next_cursor"]).stdout)
    assert [a["actor_id"] for a in after["items"]] == ["USA"]  # 6 mentions, then 5
    table = run(app, db, "actors", "--limit", "1").stdout
    assert f"more: add --cursor {limited['next_cursor']}" in table
    one_line_error(run(app, db, "actors", "--cursor", "garbage"), "cursor")


def test_actors_bad_type_exits_2(app, db: Path) -> None:
    one_line_error(run(app, db, "actors", "--type", "planet"), "unknown actor type")


def test_actor_profile_of_a_spokesperson(app, db: Path) -> None:
    result = run(app, db, "actor", "mao ning")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "mao-ning" in out and "person" in out and "毛宁" in out
    assert "spokesperson" in out and "CHN-MFA" in out and "2022-09-01" in out
    assert "answer turns  1" in out
    assert conference().document.id[:10] in out
    assert "La Chine rejette fermement" in out


def test_actor_profile_json_by_alias(app, db: Path) -> None:
    result = run(app, db, "actor", "Ngô Khiêm", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actor_id"] == "wu-qian" and data["actor"]["country"] == "CHN"
    assert data["actor"]["aliases"]["vi"] == ["Ngô Khiêm", "Ngo Khiem"]
    assert [q["quote"]["kind"] for q in data["quotes"]] == ["reported"]
    assert [e["event"]["type"] for e in data["events"]] == ["COOPERATE"]


def test_actor_ambiguous_name_lists_candidates_and_exits_2(app, tmp_path: Path) -> None:
    db = build_ambiguous_store(tmp_path / "afp.db")
    result = run(app, db, "actor", "AFP")
    one_line_error(result, "several actors")
    assert "PHL-AFP" in result.stderr and "media-afp" in result.stderr


def test_actor_unknown_exits_2(app, db: Path) -> None:
    one_line_error(run(app, db, "actor", "Nobody At All"), "no actor is named")


def test_actor_needs_an_existing_store(app, tmp_path: Path) -> None:
    one_line_error(run(app, tmp_path / "missing.db", "actor", "CHN"), "no store")


def test_quotes_filters(app, db: Path) -> None:
    everything = run(app, db, "quotes")
    assert everything.exit_code == 0, everything.output
    assert "2 quotes" in everything.stdout
    about = run(app, db, "quotes", "--about", "United States", "--json")
    assert [q["quote"]["speaker_actor"] for q in json.loads(about.stdout)["items"]] == ["mao-ning"]
    reported = json.loads(run(app, db, "quotes", "--kind", "reported", "--json").stdout)["items"]
    assert [q["text"] for q in reported] == [
        "the two militaries would resume talks with the Pentagon"]
    by = json.loads(run(app, db, "quotes", "--speaker", "wu-qian", "--since", "2024-05-01",
                        "--until", "2024-05-31", "--json").stdout)["items"]
    assert [q["date"] for q in by] == ["2024-05-20"]
    none = run(app, db, "quotes", "--until", "2020-01-01")
    assert none.exit_code == 0 and "no quote matches" in none.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (("--since", "2024-5-1"), "not an ISO date"),
    (("--kind", "whispered"), "unknown quote kind"),
    (("--about", "Atlantis"), "no actor is named"),
])
def test_quotes_bad_arguments_exit_2(app, db: Path, args: tuple[str, ...], needle: str) -> None:
    one_line_error(run(app, db, "quotes", *args), needle)


def test_quotes_by_an_ambiguous_speaker_exit_2(app, tmp_path: Path) -> None:
    db = build_ambiguous_store(tmp_path / "afp.db")
    one_line_error(run(app, db, "quotes", "--speaker", "AFP"), "several actors")


def test_report_shows_unresolved_mentions(app, db: Path) -> None:
    result = run(app, db, "report")
    assert result.exit_code == 0
    assert "3 unresolved mentions" in result.stdout
