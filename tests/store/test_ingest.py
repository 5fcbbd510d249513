"""Ingest end to end: counts, idempotence, rejections, failures isolated, kill and re-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from builders import cli_app
from porteparole import pipeline
from porteparole.errors import REJECTION_REASONS, InputError
from porteparole.ingest import ingest
from porteparole.records import Analysis, Origin, RawDocument
from porteparole.store import Store

CONFERENCE = """Conférence de presse du 14 février 2024 tenue par le porte-parole du \
ministère des Affaires étrangères Lin Bo

Le ministre des Affaires étrangères se rendra à Hanoï la semaine prochaine pour une visite \
officielle.

Agence Belga : Quels accords seront signés pendant cette visite ?

Lin Bo : Les deux parties signeront un accord sur la coopération portuaire et relanceront \
le dialogue annuel sur la sécurité maritime.

Radio Lac : La visite comprendra-t-elle une étape à Hué ?

Lin Bo : Le programme sera publié en temps utile.
"""

ARTICLE = """Les ministres de l'Agriculture se réunissent à Lyon

LYON, 3 avril 2024 – Les ministres de l'Agriculture de six pays se sont réunis mercredi \
pour discuter des prix des céréales et des aides aux exploitants.

Aucune décision n'a été annoncée à l'issue de la réunion, qui doit reprendre en juin.
"""

STATEMENT = """Statement on the floods in the northern provinces

The government expresses its deep sympathy to the families affected by the floods that \
struck the northern provinces this week. Emergency teams have been sent to the region and \
additional funds will be released to rebuild the damaged roads and schools.
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conference.txt").write_text(CONFERENCE, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "picture").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


def count(store: Store, table: str) -> int:
    return int(store.rows(f"SELECT count(*) FROM {table}")[0][0])


def test_ingest_counts_then_adds_nothing_the_second_time(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    progress: list[tuple[int, int]] = []
    with Store(tmp_path / "i.db") as store:
        first = ingest([corpus], store, batch_size=2,
                       on_progress=lambda done, total: progress.append((done, total)))
        assert (first.new, first.unchanged, first.rejected_count) == (3, 0, 2)
        assert {r.reason for r in first.rejected} <= set(REJECTION_REASONS)
        assert "empty" in {r.reason for r in first.rejected}
        tables = ("documents", "turns", "paragraphs", "rejected", "document_origins")
        before = {t: count(store, t) for t in tables}
        second = ingest([corpus], store, batch_size=2, verify=True)  # every file read again
        assert (second.new, second.unchanged, second.rejected_count) == (0, 3, 2)
        assert {t: count(store, t) for t in tables} == before
        third = ingest([corpus], store, batch_size=2)  # unchanged files are not even read
        assert (third.new, third.unchanged, third.skipped_sources) == (0, 0, first.sources)
    assert progress[0] == (0, first.sources) and progress[-1] == (first.sources, first.sources)
    assert [done for done, _ in progress] == list(range(first.sources + 1))


def test_stored_documents_keep_their_text_and_structure(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "i.db") as store:
        ingest([corpus / "conference.txt"], store)
        prepared = pipeline.prepare(RawDocument(
            Origin(str(corpus / "conference.txt"), "text"), CONFERENCE))
        assert isinstance(prepared, Analysis)
        stored = store.analysis(prepared.document.id)
    assert stored is not None
    assert stored.document.text == prepared.document.text
    assert stored.turns == prepared.turns and stored.paragraphs == prepared.paragraphs


def test_same_text_in_two_files_is_one_document_with_both_origins(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(tmp_path / "d.db") as store:
        result = ingest([folder], store)
        assert (result.new, result.unchanged) == (1, 1)
        assert count(store, "documents") == 1
        sources = {r[0] for r in store.rows("SELECT source FROM document_origins")}
    assert sources == {str(folder / "a.txt"), str(folder / "b.txt")}


def test_a_failing_analysis_is_rejected_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    real_prepare, real_enrich_many = pipeline.prepare, pipeline.enrich_many

    def fragile_prepare(raw: RawDocument, **options: str):
        if "Lyon" in raw.text:
            raise RuntimeError("the parser tripped on Lyon")
        return real_prepare(raw, **options)

    def failing_batch(prepared: list[Analysis], **options: object) -> list[Analysis]:
        raise ValueError("the batch failed")

    def fragile_enrich(prepared: Analysis, **options: Any) -> Analysis:
        if "floods" in prepared.document.text:
            raise KeyError("no model for floods")
        return real_enrich_many([prepared], **options)[0]

    monkeypatch.setattr(pipeline, "prepare", fragile_prepare)
    monkeypatch.setattr(pipeline, "enrich_many", failing_batch)
    monkeypatch.setattr(pipeline, "enrich", fragile_enrich)
    with Store(tmp_path / "f.db") as store:
        result = ingest([corpus], store)
        failed = {r.detail: r for r in result.rejected if r.reason == "analysis_failed"}
        assert result.new == 1
        assert set(failed) == {"RuntimeError: the parser tripped on Lyon",
                               "KeyError: 'no model for floods'"}
        assert count(store, "documents") == 1
        stored = store.rows("SELECT count(*) FROM rejected WHERE reason = 'analysis_failed'")
        assert stored[0][0] == 2


def test_a_missing_path_fails_before_anything_is_read(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "m.db") as store:
        with pytest.raises(InputError, match="no such file"):
            ingest([corpus, tmp_path / "typo"], store)
        assert count(store, "documents") == 0


# -- through the command line -------------------------------------------------------------


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app()


def test_cli_ingest_then_show_search_report(app: typer.Typer, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "new: 3  unchanged: 0  rejected: 2" in first.stdout
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--verify"])
    assert "new: 0  unchanged: 3  rejected: 2" in again.stdout
    found = runner.invoke(app, ["search", "cooperation portuaire", "--db", db])
    assert found.exit_code == 0 and "portuaire" in found.stdout
    assert "answer — Lin Bo" in found.stdout  # the turn, not only the document
    asked = runner.invoke(app, ["search", "visite", "--outlet", "belga", "--db", db])
    assert "question — Agence Belga" in asked.stdout and "Radio Lac" not in asked.stdout
    doc_id = found.stdout.split()[0]
    shown = runner.invoke(app, ["show", doc_id, "--db", db])
    assert shown.exit_code == 0 and "conference.txt" in "".join(shown.stdout.split())
    assert shown.stdout.index("question — Agence Belga") < shown.stdout.index(
        "question — Radio Lac")
    report = runner.invoke(app, ["report", "--db", db])
    assert report.exit_code == 0 and "3 documents" in report.stdout
    assert "Agence Belga" in report.stdout and "Lin Bo" in report.stdout
    rejected = runner.invoke(app, ["rejected", "--db", db], env={"COLUMNS": "300"})
    assert "empty.txt" in rejected.stdout


def test_cli_ingest_reads_standard_input(app: typer.Typer, tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    result = CliRunner().invoke(app, ["ingest", "-", "--db", db], input=STATEMENT)
    assert result.exit_code == 0, result.output
    assert "new: 1" in result.stdout


def test_cli_ingest_of_a_missing_path_exits_2(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope"), "--db",
                                      str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "no such file" in result.stderr


# -- a real kill ----------------------------------------------------------------------------

KILL_DOCUMENTS = 400
KILL_BATCH = 4


def _generated(i: int) -> str:
    return (
        f"Communiqué numéro {i} sur la coopération régionale\n\n"
        f"PARIS, le {1 + i % 28} mars 2024 – Le ministère annonce la réunion numéro {i} du "
        f"comité mixte, consacrée aux échanges universitaires et à la recherche.\n\n"
        f"Le comité se réunira de nouveau dans {2 + i % 9} mois pour faire le point."
    )


def _stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def test_killed_ingest_loses_at_most_the_batch_in_flight(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(KILL_DOCUMENTS):
        (corpus / f"doc{i:04d}.txt").write_text(_generated(i), encoding="utf-8")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-c", "from porteparole.cli import main; main()",
               "ingest", str(corpus), "--db", str(db), "--batch-size", str(KILL_BATCH)]
    log = tmp_path / "ingest.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = time.monotonic() + 120
        while _stored_count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL, (
        f"the ingest ended before the kill: {log.read_text(encoding='utf-8')[-2000:]}")

    survived = _stored_count(db)
    assert 0 < survived < KILL_DOCUMENTS
    assert survived % KILL_BATCH == 0  # whole batches only
    with Store(db) as store:
        rerun = ingest([corpus], store, batch_size=KILL_BATCH)
        # the files of committed batches are skipped unread (or, killed between the
        # batch's commit and their record, read and found unchanged)
        assert rerun.skipped_sources + rerun.unchanged == survived
        assert rerun.new == KILL_DOCUMENTS - survived
        assert rerun.rejected == ()
        expected = {}
        for path in sorted(corpus.iterdir()):
            prepared = pipeline.prepare(RawDocument(Origin(str(path), "text"),
                                                    path.read_text(encoding="utf-8")))
            assert isinstance(prepared, Analysis)
            expected[prepared.document.id] = len(prepared.paragraphs)
        stored = {r[0]: r[1] for r in store.rows(
            "SELECT d.id, (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) "
            "FROM documents d")}
        assert stored == expected  # every document once, each with all its paragraphs
        assert count(store, "documents_fts") == KILL_DOCUMENTS


def test_worker_processes_store_the_same_documents_as_one_process(tmp_path: Path) -> None:
    """The process-pool runner is an adapter: same documents, same turns, exactly once."""
    from porteparole.ingest import ingest
    from porteparole.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(7):
        (corpus / f"d{number}.txt").write_text(
            f"Le ministère a publié jeudi son rapport numéro {number} sur la coopération "
            f"régionale.\n\nLe texte numéro {number} décrit les échanges avec les voisins.",
            encoding="utf-8",
        )
    (corpus / "copy.txt").write_text((corpus / "d3.txt").read_text("utf-8"), encoding="utf-8")
    with Store(tmp_path / "serial.db") as serial, Store(tmp_path / "pool.db") as pooled:
        one = ingest([corpus], serial, batch_size=2, workers=1)
        two = ingest([corpus], pooled, batch_size=2, workers=2)
        assert (one.new, one.unchanged) == (two.new, two.unchanged) == (7, 1)
        query = "select id, kind, language from documents order by id"
        assert serial.rows(query, ()) == pooled.rows(query, ())
