"""The CLI as scripts and new users meet it: ``--json`` everywhere, paging and totals,
``--version``, a report that summarises, clear refusals, actors by surname, names in
tables, bare titles out of the unresolved ranking, and a Goldstein line that breaks over
empty months."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from porteparole import query
from porteparole.cli import build_app
from porteparole.records import Analysis, Document, Event, Mention, Origin, document_id_for
from porteparole.store import Store
from porteparole.timeline import build_timeline, render_svg

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(build_app(), [*args, "--db", str(db)], terminal_width=200)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    result = runner.invoke(build_app(), ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("porteparole ")


def test_search_pages_with_a_total_and_json(examples_store: Path) -> None:
    code, out, _ = cli(examples_store, "search", "China", "--json", "--limit", "2")
    page = json.loads(out)
    assert code == 0 and page["total"] > 2 and len(page["items"]) == 2
    code, out, _ = cli(examples_store, "search", "China", "--limit", "2", "--cursor",
                       page["next_cursor"])
    assert code == 0 and "(2 shown)" in out and "more: add --cursor " in out
    code, second, _ = cli(examples_store, "search", "China", "--limit", "2", "--json",
                          "--cursor", page["next_cursor"])
    both = [h["document_id"] for h in page["items"] + json.loads(second)["items"]]
    code, four, _ = cli(examples_store, "search", "China", "--limit", "4", "--json")
    assert both == [h["document_id"] for h in json.loads(four)["items"]]
    code, _, err = cli(examples_store, "search", "China", "--cursor", "nope")
    assert code == 2 and "cursor" in err and "Traceback" not in err
    assert {f["name"] for f in page["facets"]} == set(query.FACETS)
    code, out, _ = cli(examples_store, "search", "Chine", "--actor", "Xi Jinping", "--json")
    assert code == 0 and json.loads(out)["total"] > 0


def test_show_report_rejected_as_json(examples_store: Path) -> None:
    code, out, _ = cli(examples_store, "search", "Pentagon", "--json", "--limit", "1")
    doc = json.loads(out)["items"][0]["document_id"]
    code, out, _ = cli(examples_store, "show", doc[:8], "--json")
    assert code == 0 and json.loads(out)["analysis"]["document"]["id"] == doc
    code, out, _ = cli(examples_store, "report", "--json")
    report = json.loads(out)
    assert code == 0 and report["documents"] == 16
    conferences = report["conferences"]
    assert conferences["count"] == 7 and len(conferences["latest"]) == 5  # summarised
    assert report["dyads"] and report["mechanisms"]
    code, out, _ = cli(examples_store, "rejected", "--json")
    assert code == 0 and json.loads(out) == {"items": [], "next_cursor": None}


def test_report_summarises_press_conferences(examples_store: Path) -> None:
    code, out, _ = cli(examples_store, "report")
    assert code == 0
    assert "Press conferences: 7" in out and "Latest press conferences" in out
    assert "Most active dyads" in out and "China → United States" in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_files_with_dyad_charts(examples_store: Path, tmp_path: Path, fmt: str) -> None:
    code, out, err = cli(examples_store, "report", "--format", fmt, "--out", str(tmp_path))
    assert code == 0, err
    page = (tmp_path / f"report.{fmt}").read_text(encoding="utf-8")
    assert "Most active dyads" in page and "Mechanisms" in page
    charts = sorted(tmp_path.glob("dyad-*.svg"))
    assert charts and all(c.name in page for c in charts)
    for chart in charts:
        assert ET.parse(chart).getroot().tag == f"{SVG}svg"
    if fmt == "html":
        assert "<script" not in page and "http" not in page.replace("http://www.w3", "")
    code, _, err = cli(examples_store, "report", "--format", "pdf", "--out", str(tmp_path))
    assert code == 2 and "md or html" in err


def test_rejected_reason_names_the_valid_ones(examples_store: Path) -> None:
    code, _, err = cli(examples_store, "rejected", "--reason", "broken")
    assert code == 2 and "unknown rejection reason 'broken'" in err
    assert "malformed_html" in err and "Traceback" not in err


def test_actor_by_surname_and_ambiguous_names(examples_store: Path) -> None:
    code, out, _ = cli(examples_store, "actor", "Trump", "--json")
    assert code == 0 and json.loads(out)["actor_id"] == "donald-trump"
    # One Wang is named in the sample corpus: the surname finds him; "AFP" names two actors
    # there (the news agency, the Philippine armed forces).
    code, out, _ = cli(examples_store, "actor", "Wang", "--json")
    assert code == 0 and json.loads(out)["actor_id"] == "wang-yi"
    code, _, err = cli(examples_store, "actor", "AFP")
    assert code == 2 and "names several actors" in err and "media-afp (AFP, outlet" in err


def test_events_and_timeline_tables_show_names(examples_store: Path) -> None:
    code, out, _ = cli(examples_store, "events", "--source", "CHN", "--target", "USA",
                       "--limit", "5")
    assert code == 0 and "China → United States" in out


def test_timeline_chart_refuses_other_extensions(examples_store: Path, tmp_path: Path) -> None:
    code, _, err = cli(examples_store, "timeline", "CHN", "USA", "--chart",
                       str(tmp_path / "chart.png"))
    assert code == 2 and ".svg" in err and not (tmp_path / "chart.png").exists()
    code, _, _ = cli(examples_store, "timeline", "CHN", "USA", "--chart",
                     str(tmp_path / "chart.svg"))
    assert code == 0 and (tmp_path / "chart.svg").exists()


def test_goldstein_line_breaks_over_months_without_a_score() -> None:
    def event(date: str, score: float) -> Event:
        return Event("d" * 16, 0, 1, "CHN", "REJECT", "USA", goldstein=score, date=date)

    months = ["2024-01-05", "2024-02-05", "2024-05-05", "2024-06-05", "2024-09-05"]
    timeline = build_timeline([event(d, -4.0) for d in months], source="CHN", target="USA")
    root = ET.fromstring(render_svg(timeline).split("?>", 1)[1])
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("class") == "goldstein"]
    # Jan–Feb and May–Jun are joined; March–April and July–August are gaps; September
    # stands alone (a dot, no line).
    assert [len(p.get("points", "").split()) for p in lines] == [2, 2]
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "score"]) == 5


def _store_with_mentions(path: Path, surfaces: list[str]) -> Path:
    text = "\n".join(f"{s} spoke." for s in surfaces)
    doc = document_id_for(text)
    mentions, offset = [], 0
    for s in surfaces:
        mentions.append(Mention(doc, offset, offset + len(s), s, "PER", None, 0.5, "ner"))
        offset += len(s) + len(" spoke.\n")
    document = Document(doc, Origin("t.txt", "text"), "en", "news_article", text)
    with Store(path) as store:
        store.write_batch([Analysis(document=document, mentions=tuple(mentions))])
    return path


def test_unresolved_ranking_leaves_out_bare_titles(tmp_path: Path) -> None:
    surfaces = ["President", "Councilor", "State Councilor", "the Minister", "Ajit Doval",
                "Ajit Doval", "Président", "Mr."]
    with Store(_store_with_mentions(tmp_path / "t.db", surfaces)) as store:
        ranking = query.actors(store)
    assert [s.surface for s in ranking.unresolved_surfaces] == ["Ajit Doval"]
    assert ranking.unresolved == len(surfaces)  # still counted, only not ranked


def test_progress_counts_documents_analysed_not_files(tmp_path: Path) -> None:
    from porteparole.cli.commands_core import _ingest_with_progress

    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": f"Beijing said on day {i} that talks with "
                                                  f"Washington would go on."})
                              for i in range(3)) + "\n", encoding="utf-8")
    result, store = _ingest_with_progress([str(feed)], tmp_path / "p.db", batch_size=2)
    with store:
        assert result.sources == 1 and result.new == 3
        assert store.analysed == 3  # what the bar shows: three documents from one file


def test_every_list_explains_its_date_bounds_in_the_same_words() -> None:
    """--since and --until mean one thing (``query.Filters``) wherever a list takes them."""
    command = typer.main.get_command(build_app())
    helps: dict[str, set[str]] = {"since": set(), "until": set()}
    takers = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        for param in sub.params:
            if param.name in helps:
                helps[param.name].add(getattr(param, "help", None) or "")
                takers.append(name)
    assert {"quotes", "events", "search", "dyads"} <= set(takers)
    assert len(helps["since"]) == 1 and len(helps["until"]) == 1
    assert "inclusive" in helps["since"].pop()
