"""``events``, ``timeline``, ``mechanisms`` and ``export`` through Typer's test runner."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from click.testing import Result

from builders import (
    HOTLINE,
    build_ambiguous_store,
    build_store,
    cli_app,
    invoke,
    one_line_error,
)
from porteparole.cli import commands_analysis
from porteparole.export import TABLES

WIDE = 220  # terminal columns: keep table cells on one line
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app(commands_analysis)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli") / "analysis.db")


def run(app: typer.Typer, db: Path, *args: str) -> Result:
    return invoke(app, db, *args, columns=WIDE)


def event_types(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [e["event"]["type"] for e in json.loads(result.stdout)["items"]]


# -- events -----------------------------------------------------------------------------


def test_events_table_shows_evidence_and_codes(app, db: Path) -> None:
    result = run(app, db, "events", "--source", "CHN", "--target", "USA")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "3 events" in out
    assert "La Chine rejette fermement les sanctions" in out
    assert "REJECT" in out and "-4.0" in out and "12" in out and "Wu Qian" in out  # names, not ids
    assert "ASSAULT" not in out


def test_events_filters(app, db: Path) -> None:
    assert event_types(run(app, db, "events", "--type", "reject", "--json")) == ["REJECT"]
    negated = event_types(run(app, db, "events", "--source", "China", "--include-negated",
                              "--json"))
    assert "ASSAULT" in negated
    assert event_types(run(app, db, "events", "--target", "CHN", "--json")) == [
        "ACCUSE", "SANCTION"]
    spring = event_types(run(app, db, "events", "--since", "2024-03-01", "--until",
                             "2024-03-31", "--json"))
    assert sorted(spring) == ["REJECT", "REQUEST"]
    assert len(event_types(run(app, db, "events", "--limit", "1", "--json"))) == 1
    data = json.loads(run(app, db, "events", "--type", "SANCTION", "--json").stdout)["items"]
    assert data[0]["date"] == "2023-12-01" and data[0]["event"]["date"] is None
    assert data[0]["evidence"] == "Washington imposed new sanctions on Chinese firms"
    empty = run(app, db, "events", "--source", "CHN-MND")
    assert empty.exit_code == 0 and "no event matches" in empty.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (("--since", "2024-02-30"), "not an ISO date"),
    (("--type", "HUG"), "unknown event type"),
    (("--target", "Atlantis"), "no actor is named"),
])
def test_events_bad_arguments_exit_2(app, db: Path, args: tuple[str, ...], needle: str) -> None:
    one_line_error(run(app, db, "events", *args), needle)


def test_events_of_an_ambiguous_source_exit_2(app, tmp_path: Path) -> None:
    db = build_ambiguous_store(tmp_path / "afp.db")
    one_line_error(run(app, db, "events", "--source", "AFP"), "several actors")


# -- timeline ---------------------------------------------------------------------------


def test_timeline_table_and_chart(app, db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "dyad.svg"
    result = run(app, db, "timeline", "China", "USA", "--both-directions", "--chart",
                 str(chart))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "China ↔ United States" in out
    for month in ("2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"):
        assert month in out
    assert "REJECT 1, REQUEST 1" in out and "-0.50" in out
    root = ET.parse(chart).getroot()
    bars = [r.get("data-month") for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert bars == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # the months that have a score


def test_timeline_json_one_direction(app, db: Path) -> None:
    result = run(app, db, "timeline", "CHN", "USA", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["source"], data["target"], data["both_directions"]) == ("CHN", "USA", False)
    assert [m["month"] for m in data["months"]] == ["2024-03", "2024-04", "2024-05"]
    assert data["months"][0]["by_type"] == {"REJECT": 1, "REQUEST": 1}
    assert data["total"] == 3


def test_timeline_errors_exit_2(app, db: Path) -> None:
    one_line_error(run(app, db, "timeline", "CHN", "Atlantis"), "no actor is named")
    one_line_error(run(app, db, "timeline", "CHN", "USA", "--since", "March"),
                   "not an ISO date")
    one_line_error(run(app, db, "timeline", "CHN", "USA", "--chart",
                       str(db.parent / "no-such-dir" / "c.svg")), "cannot write the chart")


# -- mechanisms -------------------------------------------------------------------------


def test_mechanisms_current_status_and_history(app, db: Path) -> None:
    result = run(app, db, "mechanisms")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "current: resumed since 2024-05-20" in out
    assert "China–US high-level military communication" in out and HOTLINE in out
    history = out.split("\n", 1)[1]  # below the "current" line: oldest first
    assert history.index("suspended") < history.index("resumed")
    assert "was suspended after the visit" in out and "China, United States" in out


def test_mechanisms_json_and_id(app, db: Path) -> None:
    name = "CHINA–US HIGH-LEVEL MILITARY COMMUNICATION"  # any case finds it
    result = run(app, db, "mechanisms", "--id", name, "--json")
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["next_cursor"] is None
    (mechanism,) = page["items"]
    assert mechanism["mechanism"]["id"] == HOTLINE
    assert mechanism["current"]["update"]["status"] == "resumed"
    assert [h["update"]["status"] for h in mechanism["history"]] == ["suspended", "resumed"]
    assert [h["date"] for h in mechanism["history"]] == ["2023-12-01", "2024-05-20"]


def test_mechanisms_unknown_id_exits_2(app, db: Path) -> None:
    one_line_error(run(app, db, "mechanisms", "--id", "teleporter"), "no mechanism")
    one_line_error(run(app, db, "mechanisms", "--cursor", "WzFd"), "cursor")


# -- dyads ------------------------------------------------------------------------------


def test_dyads_table_pages_and_json(app, db: Path) -> None:
    result = run(app, db, "dyads", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "China (CHN)" in result.stdout and "United States (USA)" in result.stdout
    first = json.loads(run(app, db, "dyads", "--limit", "1", "--json").stdout)
    assert [(d["source"], d["target"], d["events"]) for d in first["items"]] == [
        ("CHN", "USA", 2)]
    assert f"more: add --cursor {first['next_cursor']}" in result.stdout
    rest = json.loads(run(app, db, "dyads", "--json", "--cursor", first["next_cursor"]).stdout)
    pairs = [(d["source"], d["target"]) for d in rest["items"]]
    assert ("CHN", "USA") not in pairs and rest["next_cursor"] is None
    assert ("USA", "CHN") in pairs  # the sanctions: the other direction is its own pair
    rejected = json.loads(run(app, db, "dyads", "--type", "reject", "--json").stdout)
    assert [(d["source"], d["events"]) for d in rejected["items"]] == [("CHN", 1)]
    one_line_error(run(app, db, "dyads", "--type", "HUG"), "unknown event type")


# -- export -----------------------------------------------------------------------------


def test_export_writes_one_parquet_file_per_table(app, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = run(app, db, "export", str(out))
    assert result.exit_code == 0, result.output
    assert f"{len(TABLES)} parquet files" in result.stdout  # actors and mechanisms among them
    assert sorted(p.name for p in out.glob("*.parquet")) == sorted(f"{t}.parquet"
                                                                   for t in TABLES)
    assert pq.read_table(out / "documents.parquet").num_rows == 3
    assert pq.read_table(out / "events.parquet").num_rows == 6


def test_export_into_a_file_exits_2(app, db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    one_line_error(run(app, db, "export", str(blocker)), "is a file")


def test_events_page_with_a_cursor(app, db: Path) -> None:
    everything = event_types(run(app, db, "events", "--json"))
    paged: list[str] = []
    args: tuple[str, ...] = ()
    while True:
        result = run(app, db, "events", "--limit", "2", "--json", *args)
        assert result.exit_code == 0, result.output
        page = json.loads(result.stdout)
        paged += [e["event"]["type"] for e in page["items"]]
        if page["next_cursor"] is None:
            break
        args = ("--cursor", page["next_cursor"])
    assert paged == everything and len(everything) > 2
    table = run(app, db, "events", "--limit", "1")
    assert "more: add --cursor" in table.stdout
    one_line_error(run(app, db, "events", "--cursor", "garbage!"), "cursor")
