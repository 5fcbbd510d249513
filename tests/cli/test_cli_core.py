"""The core commands through Typer's test runner: output, filters and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from builders import ARTICLE_EN, ARTICLE_FR, cli_app, full_analysis, plain_article
from porteparole.records import Origin, Rejected, document_id_for
from porteparole.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    # The core commands alone: the test does not depend on the other command modules.
    return cli_app()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with Store(path) as store:
        store.write_batch([
            full_analysis(),
            plain_article(ARTICLE_FR, "fr", "news_article", "2024-03-12", "fr.txt"),
            plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "en.txt"),
        ])
        store.add_rejected(Rejected(Origin("vide.txt", "text"), "empty", "nothing is left"))
    return path


def run(app: typer.Typer, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def test_show_prints_metadata_then_turns_in_order(app, db: Path) -> None:
    conference = full_analysis()
    result = run(app, "show", conference.document.id[:8], "--db", str(db))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Mao Ning" in out and "press_conference" in out and "a.txt" in out
    positions = [out.index(f"[{t.index}] {t.role}") for t in conference.turns]
    assert positions == sorted(positions)
    assert "Quel est l'objet de cette visite ?" in out


def test_show_an_article_prints_its_paragraphs(app, db: Path) -> None:
    result = run(app, "show", document_id_for(ARTICLE_EN), "--db", str(db))
    assert result.exit_code == 0
    assert "No agreement on the sanctions was announced." in result.stdout
    assert "turn" not in result.stdout.split("records")[0]


def test_show_unknown_document_exits_2_with_one_line(app, db: Path) -> None:
    result = run(app, "show", "zzzz", "--db", str(db))
    assert result.exit_code == 2
    assert "no document" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_search_ranks_highlights_and_filters(app, db: Path) -> None:
    result = run(app, "search", "Pekin", "--db", str(db))
    assert result.exit_code == 0
    assert document_id_for(ARTICLE_FR)[:10] in result.stdout
    assert "Pékin" in result.stdout
    only_en = run(app, "search", "Pekin", "--language", "en", "--db", str(db))
    assert only_en.exit_code == 0 and "no match" in only_en.stdout
    turns = run(app, "search", "objet", "--outlet", "xinhua", "--since", "2024-05-01",
                "--kind", "press_conference", "--limit", "5", "--db", str(db))
    assert turns.exit_code == 0
    assert "question" in turns.stdout


@pytest.mark.parametrize("bad", ['"unclosed', "AND OR", "-seulement"])
def test_malformed_search_exits_2_without_traceback(app, db: Path, bad: str) -> None:
    result = run(app, "search", "--db", str(db), "--", bad)
    assert result.exit_code == 2
    assert "PP110" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("option", [("--since", "hier"), ("--kind", "tweet")])
def test_bad_search_filters_exit_2(app, db: Path, option: tuple[str, str]) -> None:
    result = run(app, "search", "Pekin", *option, "--db", str(db))
    assert result.exit_code == 2
    assert "PP100" in result.stderr


def test_show_and_report_display_the_poor_witness_flag(app, tmp_path: Path) -> None:
    import dataclasses

    article = plain_article("Un texte filé, furthermore, par une machine.", "fr",
                            "news_article", "2024-01-01", "spun.txt")
    spun = dataclasses.replace(article, document=dataclasses.replace(
        article.document, flags=("poor_witness",)))
    path = tmp_path / "flags.db"
    with Store(path) as store:
        store.write_batch([spun, plain_article(ARTICLE_EN, "en", "statement", "2024-06-01",
                                               "en.txt")])
    shown = run(app, "show", spun.document.id, "--db", str(path))
    assert shown.exit_code == 0 and "poor_witness" in shown.stdout
    report = run(app, "report", "--db", str(path))
    assert report.exit_code == 0
    assert "Documents by flag" in report.stdout
    line = next(x for x in report.stdout.splitlines() if "poor_witness" in x)
    assert "1" in line.replace("poor_witness", "")


def test_report_and_rejected(app, db: Path) -> None:
    report = run(app, "report", "--db", str(db))
    assert report.exit_code == 0
    assert "3 documents" in report.stdout
    assert "Agence de presse Xinhua" in report.stdout
    assert "empty" in report.stdout
    rejected = run(app, "rejected", "--db", str(db))
    assert rejected.exit_code == 0
    assert "vide.txt" in rejected.stdout and "nothing is left" in rejected.stdout
    none = run(app, "rejected", "--reason", "binary", "--db", str(db))
    assert "no rejected input" in none.stdout


def test_db_comes_from_the_environment(app, db: Path) -> None:
    result = run(app, "report", env={"PORTEPAROLE_DB": str(db)})
    assert result.exit_code == 0 and "3 documents" in result.stdout


def test_reading_a_missing_store_exits_2(app, tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    for command in (["report"], ["rejected"], ["search", "x"], ["show", "ab"]):
        result = run(app, *command, "--db", str(missing))
        assert result.exit_code == 2, command
        assert "no store" in result.stderr
    assert not missing.exists()


def test_demo_builds_a_fresh_store_from_the_sample_corpus(
    app, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the corpus is found from the package, not the cwd
    db = tmp_path / "demo.db"
    first = run(app, "demo", "--db", str(db))
    assert first.exit_code == 0, first.output
    assert str(examples_dir) in first.stdout.replace("\n", "")
    again = run(app, "demo", "--db", str(db))
    assert again.exit_code == 0
    new_first = first.stdout.split("new: ")[1].split()[0]
    assert int(new_first) > 0
    assert again.stdout.split("new: ")[1].split()[0] == new_first  # fresh, not "unchanged"


def test_demo_refuses_to_overwrite_a_file_that_is_not_a_store(app, tmp_path: Path) -> None:
    precious = tmp_path / "notes.db"
    precious.write_text("my notes", encoding="utf-8")
    result = run(app, "demo", "--db", str(precious))
    assert result.exit_code == 2 and "not a porteparole store" in result.stderr
    assert precious.read_text(encoding="utf-8") == "my notes"


def test_rejected_pages_by_cursor(app, tmp_path: Path) -> None:
    path = tmp_path / "rejected.db"
    with Store(path) as store:
        for name in ("a.txt", "b.txt", "c.txt"):
            store.add_rejected(Rejected(Origin(name, "text"), "empty", "nothing"))
    first = run(app, "rejected", "--limit", "2", "--json", "--db", str(path))
    page = json.loads(first.stdout)
    assert len(page["items"]) == 2 and page["next_cursor"]
    second = json.loads(run(app, "rejected", "--limit", "2", "--json", "--cursor",
                            page["next_cursor"], "--db", str(path)).stdout)
    sources = [e["rejected"]["origin"]["source"] for e in page["items"] + second["items"]]
    assert sorted(sources) == ["a.txt", "b.txt", "c.txt"] and second["next_cursor"] is None
    table = run(app, "rejected", "--limit", "1", "--db", str(path))
    assert "more: add --cursor" in table.stdout
    bad = run(app, "rejected", "--cursor", "zzz", "--db", str(path))
    assert bad.exit_code == 2 and "cursor" in bad.output
