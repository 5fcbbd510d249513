"""The store describes itself: the actors and mechanisms its records name are written with
them, as the knowledge had them, and every answer with a name comes from there.

A store is built from texts written for these tests by the real pipeline; then the
knowledge loaders are made to fail, and the questions, the command line and the Parquet
export (read by DuckDB in a Python that has no porteparole) still answer with names.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import HOTLINE, article, conference, statement
from porteparole import described, export, kb, query
from porteparole.cli import build_app
from porteparole.ingest import ingest
from porteparole.kb import base as kb_module
from porteparole.kb import load_knowledge_base
from porteparole.mechanisms import catalog as catalog_module
from porteparole.store import Store, schema, writer
from porteparole.store.connection import open_connection

ENGLISH = (
    "Beijing rejects Washington's new tariffs\n\n"
    "BEIJING, March 4, 2024 - China on Monday rejected the new tariffs announced by the "
    "United States. \"These measures are unacceptable,\" said Wang Yi, the Chinese foreign "
    "minister. Wang Yi urged Washington to resume dialogue with Beijing.\n"
)
FRENCH = (
    "Paris et Berlin signent un accord sur l'énergie\n\n"
    "PARIS, 12 avril 2024 - La France et l'Allemagne ont signé mardi un accord sur "
    "l'énergie. « Cet accord renforce notre coopération », a déclaré Emmanuel Macron. "
    "Le Japon a salué l'accord.\n"
)


@pytest.fixture(scope="module")
def texts_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    path = folder / "texts.db"
    with Store(path) as store:
        ingest([folder / "en.txt", folder / "fr.txt"], store)
    return path


@pytest.fixture
def no_knowledge(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every loader of the package's knowledge fails from here on."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the knowledge files were read to answer a question")

    for module, name in ((kb_module, "load_knowledge_base"),
                         (kb_module, "_default_knowledge_base"), (kb_module, "load_titles"),
                         (kb, "load_knowledge_base"), (kb, "load_titles"),
                         (catalog_module, "load_catalog")):
        monkeypatch.setattr(module, name, refuse)
    yield


def test_a_store_of_texts_answers_with_names_without_the_knowledge(
        texts_store: Path, no_knowledge: None) -> None:
    with Store(texts_store, readonly=True) as store:
        ranking = query.actors(store, limit=None)
        events = query.events(store, query.Filters(source="Chine", target="USA"))
        said = query.quotes(store, query.Filters(speaker="Wang Yi"))
        profile = query.actor_profile(store, "Macron")
        dyads = query.top_dyads(store)
        timeline = query.dyad_timeline(store, "Pékin", "Washington")
        page = query.search_page(store, "tariffs")
        document = query.get_document(store, events[0].event.document_id)
    names = {a.actor_id: (a.name, a.type, a.country) for a in ranking.items}
    assert names["wang-yi"] == ("Wang Yi", "person", "CHN")
    assert names["JPN"] == ("Japan", "state", "JPN")
    # China stands for its officials too: its scope is read from the stored countries.
    assert {(e.source_name, e.target_name) for e in events} == {
        ("China", "United States"), ("Wang Yi", "United States")}
    assert [q.speaker_name for q in said] == ["Wang Yi", "Wang Yi"]
    assert profile.actor is not None and profile.actor.name == "Emmanuel Macron"
    assert profile.actor.country == "FRA" and profile.names["FRA"] == "France"
    assert ("Germany", "France") in {(d.source_name, d.target_name) for d in dyads}
    assert (timeline.source_name, timeline.target_name) == ("China", "United States")
    actor_facet = next(f for f in page.facets if f.name == "actor")
    assert {v.label for v in actor_facet.values} >= {"China", "Wang Yi", "United States"}
    assert document.names["wang-yi"] == "Wang Yi"


def test_the_command_line_names_actors_from_the_store(texts_store: Path,
                                                      no_knowledge: None) -> None:
    result = CliRunner().invoke(build_app(), ["events", "--db", str(texts_store),
                                              "--source", "France"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "France → Germany" in result.stdout
    quotes = CliRunner().invoke(build_app(), ["quotes", "--db", str(texts_store), "--json"])
    assert {q["speaker_name"] for q in json.loads(quotes.stdout)["items"]} == {"Wang Yi",
                                                                     "Emmanuel Macron"}


def test_the_actors_written_are_those_the_records_name(texts_store: Path) -> None:
    with Store(texts_store, readonly=True) as store:
        named = set(query.referenced_actor_ids(store))
        stored = query.stored_actors(store)
    assert named == {"CHN", "USA", "wang-yi", "FRA", "DEU", "JPN", "emmanuel-macron"}
    assert named <= set(stored)
    # ... with the countries and organizations those actors are described by, no more.
    related = {x for a in stored.values()
               for x in (a.country, *(r.organization for r in a.roles)) if x}
    assert set(stored) == named | related
    assert "xi-jinping" not in stored


def test_exported_events_join_their_names_in_duckdb_without_porteparole(
        texts_store: Path, tmp_path: Path) -> None:
    with Store(texts_store, readonly=True) as store:
        export.export_parquet(store, tmp_path)
        expected = sorted((v.source_name, v.event.type, v.target_name)
                          for v in query.events(store, include_negated_all(), limit=None))
    program = f"""
import json, sys
import duckdb
rows = duckdb.sql('''
    SELECT s.name, e.type, t.name, json_extract_string(s.aliases, '$.fr[0]')
      FROM read_parquet('{tmp_path}/events.parquet') e
      JOIN read_parquet('{tmp_path}/actors.parquet') s ON s.id = e.source_actor
      JOIN read_parquet('{tmp_path}/actors.parquet') t ON t.id = e.target_actor
     ORDER BY 1, 2, 3''').fetchall()
print(json.dumps({{"rows": rows, "porteparole": any(m.startswith("porteparole")
                                                   for m in sys.modules)}}))
"""
    done = subprocess.run([sys.executable, "-I", "-c", program], capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    answer = json.loads(done.stdout)
    assert answer["porteparole"] is False
    assert [tuple(r[:3]) for r in answer["rows"]] == expected
    assert ("France", "AGREE", "Germany", "France") in [tuple(r) for r in answer["rows"]]


def include_negated_all() -> query.Filters:
    return query.Filters(include_negated=True)


def test_a_later_batch_with_newer_knowledge_updates_the_names(tmp_path: Path) -> None:
    kb = load_knowledge_base()
    renamed = dataclasses.replace(kb, actors={
        **kb.actors, "CHN": dataclasses.replace(kb.actors["CHN"], name="People's China")})
    with Store(tmp_path / "s.db") as store:
        store.write_batch([conference()])
        assert query.actor_name("CHN", store=store) == "China"
        store.write_batch([statement()], kb=renamed)  # a later batch, newer knowledge
        assert query.actor_name("CHN", store=store) == "People's China"
        assert query.events(store, query.Filters(source="CHN"))[0].source_name == \
            "People's China"
        # An older description (an old Spark output loaded later) does not roll it back.
        old = described.describe_ids(["CHN"], [], "2001-01-01T00:00:00+00:00")
        store.write_batch([], described=old)
        assert query.actor_name("CHN", store=store) == "People's China"


def test_an_id_the_knowledge_does_not_know_is_shown_as_itself(tmp_path: Path) -> None:
    analysis = article()
    unknown = dataclasses.replace(analysis.events[0], target_actor="xx-nobody")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([dataclasses.replace(analysis, events=(unknown,))])
        (view,) = query.events(store, query.Filters(target="xx-nobody"))
        assert query.stored_actor(store, "xx-nobody") is None
    assert (view.source_name, view.target_name) == ("Wu Qian", "xx-nobody")


def test_an_old_store_is_described_when_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = open_connection(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    # A store without 0009 (later migrations applied, so today's writer can fill it).
    for name, step in schema.MIGRATIONS:
        if name != "0009_described_actors_and_mechanisms":
            schema._apply(conn, name, step)
    conn.execute("BEGIN")
    for analysis in (conference(), article(), statement()):
        writer.write_analysis(conn, analysis, "2024-01-01T00:00:00+00:00")
    conn.execute("COMMIT")
    assert conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
    conn.close()
    with pytest.raises(Exception, match="predates this porteparole"):
        Store(path, readonly=True)
    with Store(path) as store:  # opening it for writing migrates it
        assert "0009_described_actors_and_mechanisms" in store.migrations()
        assert query.actor_name("wu-qian", store=store) == "Wu Qian"
        (history,) = query.mechanisms(store)
        assert history.mechanism.id == HOTLINE and history.mechanism.kind == "channel"
        assert query.actors(store).unresolved_surfaces  # title words are there to filter
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM title_words").fetchone()[0] > 20
    raw.close()


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


STAGES = ("actors", "quotes", "events", "topics", "mechanisms", "structure", "knowledge",
          "kb", "pipeline", "described")


@pytest.mark.parametrize("folder", ["query", "web", "api/routes_read.py", "cli/common.py",
                                    "cli/commands_actors.py", "cli/commands_analysis.py"])
def test_what_answers_questions_imports_no_stage_and_no_knowledge(folder: str) -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "porteparole"
    target = root / folder
    files = sorted(target.glob("*.py")) if target.is_dir() else [target]
    for file in files:
        bad = {m for m in _imported(file) for stage in STAGES
               if m == f"porteparole.{stage}" or m.startswith(f"porteparole.{stage}.")}
        if file.name == "_documents.py":  # which ids an analysis names: no knowledge read
            bad -= {"porteparole.described", "porteparole.described.referenced_actors"}
        assert not bad, (file, bad)
