"""Knowledge is an input: one frozen bundle per directory, an analyzer stamp on every
document, and ``ingest --reanalyze`` bringing a knowledge fix to documents stored before it.

The edited knowledge is a copy of the package's with one person added (a name no real text
holds), so a reading with it resolves that name and a reading without it does not.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import PACKAGE_KNOWLEDGE, cli_app, copy_knowledge, edited_knowledge
from porteparole import pipeline, tables
from porteparole.analyzer import Analyzer, Stamp, analyzer_at, default_analyzer
from porteparole.cli import commands_eval
from porteparole.errors import KnowledgeError
from porteparole.ingest import ingest
from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.store import Store

NAMING = ("PARIS, 3 mars 2025 — Le ministre Zorvan Quilbet a déclaré mardi que la France "
          "soutenait la reprise du dialogue avec l'Allemagne.\n")
NAMING_EN = ("LYON, March 4, 2025 — Minister Zorvan Quilbet said on Tuesday that France "
             "would host the talks with Germany next month.\n")
OTHER = ("GENEVA, March 5, 2025 — The United Nations said on Wednesday that the talks "
         "between Ethiopia and Egypt would resume next week, according to a statement.\n")


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return edited_knowledge(tmp_path_factory.mktemp("knowledge") / "knowledge")


def _speaker(analysis_text: str, analyzer: Analyzer) -> str | None:
    analysis = analyzer.analyze(analysis_text)
    found = [m.actor_id for m in analysis.mentions if m.surface == "Zorvan Quilbet"]
    assert found, [m.surface for m in analysis.mentions]
    return found[0]


# -- the bundle --------------------------------------------------------------------------


def test_another_knowledge_directory_gives_another_reading_in_the_same_process(
        edited: Path) -> None:
    assert _speaker(NAMING, analyzer_at(edited)) == "zorvan-quilbet"
    assert _speaker(NAMING_EN, analyzer_at(edited)) == "zorvan-quilbet"
    assert _speaker(NAMING, default_analyzer()) is None  # nothing leaked into the default
    quotes = analyzer_at(edited).analyze(NAMING).quotes
    assert [q.speaker_actor for q in quotes] == ["zorvan-quilbet"]


STAMMERED = {
    "fr": "Le porte-parole Lin Jian a bredouillé mardi que la Chine refusait toute concession.",
    "en": "Spokesman Lin Jian stammered on Tuesday that China rejected any concession.",
}


@pytest.fixture(scope="module")
def stammering(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the knowledge whose speech lexicons add a verb of manner of speaking the
    package does not list ("bredouiller", "stammer")."""
    root = copy_knowledge(tmp_path_factory.mktemp("speech") / "knowledge")
    for code, verb in (("fr", "bredouiller"), ("en", "stammer")):
        lexicon = root / "speech" / f"{code}.yaml"
        text = lexicon.read_text(encoding="utf-8")
        lexicon.write_text(text.replace("\nverbs:\n", f"\nverbs:\n  {verb}: [clause]\n", 1),
                           encoding="utf-8")
    return root


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_speech_verb_added_to_a_copy_reaches_the_quotes_stage(
        language: str, stammering: Path) -> None:
    """The speech lexicon is read deep inside the quotes stage: the added verb makes a quote
    only with the copy."""
    root = stammering
    text = STAMMERED[language]
    assert default_analyzer().analyze(text).quotes == ()
    analysis = analyzer_at(root).analyze(text)
    assert [(q.speaker_actor, analysis.span_text(q.start, q.end).split()[0])
            for q in analysis.quotes] == [("lin-jian", "la" if language == "fr" else "China")]


def test_eval_scores_the_reading_of_the_knowledge_it_is_given(
        stammering: Path, tmp_path: Path) -> None:
    """``porteparole eval --knowledge DIR`` measures an edited lexicon before it lands."""
    gold_dir, corpus_dir = tmp_path / "gold", tmp_path / "corpus"
    gold_dir.mkdir()
    corpus_dir.mkdir()
    (corpus_dir / "w.txt").write_text(STAMMERED["en"], encoding="utf-8")
    gold = {"document": "w.txt", "language": "en", "persons": ["Lin Jian"], "quotes": [
        {"speaker": "Lin Jian", "kind": "reported", "contains": "rejected any concession"}]}
    (gold_dir / "w.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    app = cli_app(commands_eval)

    def quote_recall(*extra: str) -> float:
        result = CliRunner().invoke(app, ["eval", str(gold_dir), str(corpus_dir), "--json",
                                          *extra])
        assert result.exit_code == 0, result.output
        return float(json.loads(result.stdout)["quotes"]["recall"])

    assert quote_recall() == 0.0
    assert quote_recall("--knowledge", str(stammering)) == 1.0
    missing = CliRunner().invoke(app, ["eval", str(gold_dir), str(corpus_dir),
                                       "--knowledge", str(tmp_path / "nowhere")])
    assert isinstance(missing.exception, KnowledgeError)  # main() prints it in one line
    assert "not a knowledge directory" in str(missing.exception)


def test_the_digest_changes_with_any_data_file_and_only_then(edited: Path,
                                                               tmp_path: Path) -> None:
    same = copy_knowledge(tmp_path / "same")
    assert Knowledge.load(same).digest == default_knowledge().digest
    (same / "notes.py").write_text("# code is versioned by the package, not hashed\n")
    assert Knowledge.load(same).digest == default_knowledge().digest
    assert Knowledge.load(edited).digest != default_knowledge().digest
    (same / "boilerplate" / "en.txt").write_text(
        (same / "boilerplate" / "en.txt").read_text() + "\n# one more comment\n")
    assert Knowledge.load(same).digest != default_knowledge().digest


def test_an_invalid_file_fails_on_load_naming_it(tmp_path: Path) -> None:
    root = copy_knowledge(tmp_path / "broken")
    (root / "events" / "fr.yaml").write_text("version: 1\ncues: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"events/fr\.yaml"):
        Knowledge.load(root)
    with pytest.raises(KnowledgeError, match="not a knowledge directory"):
        Knowledge.load(tmp_path / "missing")


def test_the_bundle_is_frozen_and_holds_each_language() -> None:
    knowledge = default_knowledge()
    assert set(knowledge.languages) == {"fr", "en"}
    french = knowledge.language("fr")
    assert french is not None and "déclarer" in french.speech.lemmas
    assert knowledge.language("zz") is None
    with pytest.raises(AttributeError):
        knowledge.digest = "x"  # type: ignore[misc]


def test_every_nlp_stage_takes_the_same_arguments() -> None:
    for stage in pipeline.NLP_STAGES:
        names = list(inspect.signature(stage).parameters)[:3]
        assert names == ["analysis", "doc", "knowledge"], stage.__name__


# -- the stamp ---------------------------------------------------------------------------


def test_the_stamp_names_version_knowledge_and_models(edited: Path) -> None:
    stamp = default_analyzer().stamp
    assert Stamp.parse(str(stamp)) == stamp
    assert stamp.knowledge == default_knowledge().digest
    assert {name for name, _ in stamp.models} == set(default_knowledge().models.values())
    assert analyzer_at(edited).stamp.knowledge != stamp.knowledge
    with pytest.raises(ValueError, match="not an analyzer stamp"):
        Stamp.parse("knowledge=1;porteparole=2")


def test_the_stamp_is_stored_exported_and_shown(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(OTHER, encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest([source], store)
        (doc_id,) = store.stale_documents("none")
        stamp = str(default_analyzer().stamp)
        assert store.analyzer_stamp(doc_id) == stamp
        analysis = store.analysis(doc_id)
    assert analysis is not None and analysis.document.analyzer == stamp
    exported = tables.to_arrow([analysis])["documents"]
    assert exported.column("analyzer").to_pylist() == [stamp]
    shown = CliRunner().invoke(cli_app(), ["show", doc_id, "--db", str(db)],
                               env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    assert any(line.split()[:2] == ["analyzer", stamp] for line in shown.output.splitlines())


# -- reanalysis --------------------------------------------------------------------------


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    files = []
    for name, text in (("naming.txt", NAMING), ("other.txt", OTHER)):
        (folder / name).write_text(text, encoding="utf-8")
        files.append(folder / name)
    return files


def _readings(db: Path) -> dict[str, tuple[object, ...]]:
    """Every document's stamp and records, as a fresh ingest would store them."""
    with Store(db) as store:
        found = {}
        for doc_id in store.stale_documents("none"):
            a = store.analysis(doc_id)
            assert a is not None
            found[doc_id] = (a.document.analyzer, a.document.kind, a.document.date,
                             a.document.title, a.document.flags, a.document.removed, a.turns,
                             a.paragraphs, a.mentions, a.quotes, a.events, a.topics,
                             a.mechanism_updates)
        return found


def test_reanalyze_replaces_stale_readings_and_leaves_current_ones(
        edited: Path, tmp_path: Path) -> None:
    files = _corpus(tmp_path / "corpus")
    later = tmp_path / "later.txt"
    later.write_text(NAMING_EN, encoding="utf-8")
    fresh, db = tmp_path / "fresh.db", tmp_path / "s.db"
    new = analyzer_at(edited)
    with Store(fresh) as store:
        ingest([*files, later], store, analyzer=new)
    with Store(db) as store:
        assert ingest(files, store).new == 2  # the default knowledge
        assert ingest([later], store, analyzer=new).new == 1  # already the new knowledge
        before = store.analysis(store.stale_documents(str(new.stamp))[0])
        assert before is not None and before.document.analyzer != str(new.stamp)
        kept = ingest(files, store, analyzer=new, verify=True)  # no --reanalyze: kept as read
        assert (kept.unchanged, kept.reanalyzed) == (2, 0)
        report = ingest([], store, analyzer=new, reanalyze=True)
        assert (report.reanalyzed, report.new, report.unchanged) == (2, 0, 0)
        assert store.stale_documents(str(new.stamp)) == []
        again = ingest([], store, analyzer=new, reanalyze=True)
        assert (again.reanalyzed, again.new) == (0, 0)
        assert all(f.ok for f in store.check()), store.check()
        origins = store.rows("SELECT document_id, source FROM document_origins")
    assert len(origins) == 3  # each document keeps where it was read
    assert _readings(db) == _readings(fresh)  # as if read with the new knowledge from the start


def test_reanalyze_with_paths_reads_only_their_documents_again(
        edited: Path, tmp_path: Path) -> None:
    naming, other = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    new = analyzer_at(edited)
    with Store(db) as store:
        ingest([naming, other], store)
        report = ingest([naming], store, analyzer=new, reanalyze=True)
        assert (report.reanalyzed, report.unchanged, report.new) == (1, 0, 0)
        assert len(store.stale_documents(str(new.stamp))) == 1  # the other one
        report = ingest([naming], store, analyzer=new, reanalyze=True)
        assert (report.reanalyzed, report.unchanged) == (0, 1)
        mentions = store.rows("SELECT actor_id FROM mentions WHERE surface = 'Zorvan Quilbet'")
    assert [m[0] for m in mentions] == ["zorvan-quilbet"]


def test_the_command_line_reanalyzes_with_a_knowledge_directory(
        edited: Path, tmp_path: Path) -> None:
    files = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    app = cli_app()
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", *map(str, files), "--db", str(db)])
    assert first.exit_code == 0, first.output
    nothing = runner.invoke(app, ["ingest", "--db", str(db)])
    assert nothing.exit_code == 2 and "--reanalyze" in nothing.output
    result = runner.invoke(app, ["ingest", "--reanalyze", "--db", str(db)],
                           env={"PORTEPAROLE_KNOWLEDGE": str(edited)})
    assert result.exit_code == 0, result.output
    assert "reanalyzed: 2" in result.output
    with Store(db) as store:
        assert store.stale_documents(str(analyzer_at(edited).stamp)) == []
        mentions = store.rows("SELECT actor_id FROM mentions WHERE surface = 'Zorvan Quilbet'")
    assert [m[0] for m in mentions] == ["zorvan-quilbet"]
    back = runner.invoke(app, ["ingest", "--reanalyze", "--knowledge", str(PACKAGE_KNOWLEDGE),
                               "--db", str(db)])
    assert back.exit_code == 0 and "reanalyzed: 2" in back.output, back.output


def test_worker_processes_read_with_the_ingest_s_knowledge(edited: Path,
                                                          tmp_path: Path) -> None:
    files = _corpus(tmp_path / "corpus")
    with Store(tmp_path / "s.db") as store:
        report = ingest(files, store, workers=2, batch_size=1, analyzer=analyzer_at(edited))
        assert report.new == 2
        mentions = store.rows("SELECT actor_id FROM mentions WHERE surface = 'Zorvan Quilbet'")
    assert [m[0] for m in mentions] == ["zorvan-quilbet"]


def test_spark_executors_read_and_describe_with_the_job_s_knowledge(
        edited: Path, tmp_path: Path) -> None:
    """The executor side of ``porteparole spark --knowledge``, run here without a cluster:
    the partition's reading and its ``actors`` table both come from the given copy."""
    import pyarrow.parquet as pq

    from porteparole import read, spark

    raw = read.read_bytes(NAMING.encode("utf-8"), "naming.txt")
    prepared = list(spark._prepared(raw, str(edited)))
    assert [p[0] for p in prepared] == ["document"]
    _, document_id, key, analysis = prepared[0]
    out = tmp_path / "out"
    list(spark._analyse_partition(0, [(document_id, [(key, analysis)])], str(out),
                                  tables.now(), 4, str(edited)))
    mentions = pq.read_table(out / "mentions" / "part-a-00000.parquet").to_pylist()
    assert [m["actor_id"] for m in mentions if m["surface"] == "Zorvan Quilbet"] == [
        "zorvan-quilbet"]
    actors = pq.read_table(out / "actors" / "part-a-00000.parquet").to_pylist()
    assert {"id": "zorvan-quilbet", "name": "Zorvan Quilbet"}.items() <= next(
        a for a in actors if a["id"] == "zorvan-quilbet").items()
    documents = pq.read_table(out / "documents" / "part-a-00000.parquet").to_pylist()
    assert [d["analyzer"] for d in documents] == [str(analyzer_at(edited).stamp)]
