"""The Spark job in local mode: the store loaded from its tables equals the store ``ingest``
builds from the same input, and its tables have the schema ``export`` writes.

A JVM start and two Python workers loading the models take most of its minute;
``make test`` installs the ``spark`` extra and runs it. Skipped when PySpark or Java is
missing, with the reason.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from porteparole import export, tables
from porteparole.ingest import ingest
from porteparole.load import load_tables
from porteparole.store import Store
from warc_sample import warc_bytes

pytestmark = pytest.mark.slow

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


CONFERENCE = """Conférence de presse du 5 mars 2024 tenue par la porte-parole du \
ministère des Affaires étrangères Mao Ning

La Chine s'oppose fermement aux nouvelles sanctions annoncées par les États-Unis.

Agence Belga : Pékin va-t-il reprendre le dialogue avec Washington ?

Mao Ning : La Chine demande aux États-Unis de cesser de s'ingérer dans ses affaires \
intérieures.
"""
ARTICLE = """Tokyo and Manila sign a coast guard agreement

MANILA, April 9, 2024 - Japan and the Philippines signed an agreement on Tuesday to expand \
coast guard cooperation, the Japanese foreign ministry said.

Officials from both countries said joint patrols would begin in the summer.
"""
FEED_FIRST = ("L'Union européenne a condamné jeudi l'attaque contre un convoi humanitaire, a "
              "déclaré le chef de la diplomatie européenne.")


def write_corpus(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "conference.txt").write_text(CONFERENCE, encoding="utf-8")
    (folder / "sub" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    lines = [json.dumps({"text": FEED_FIRST, "date": "2024-05-02", "url": "https://e.eu/1"}),
             "{not json",
             json.dumps({"text": ARTICLE}),  # the same text as sub/article.txt: one document
             json.dumps({"title": "no text"})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(warc_bytes())
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "README.md").write_text("notes about the corpus, not a document\n")
    return folder


def snapshot(db: Path) -> dict[str, Any]:
    """Everything a store holds about its inputs, without the times it was written."""
    with Store(db) as store:
        ids = [r[0] for r in store.rows("SELECT id FROM documents ORDER BY id")]
        analyses = {i: store.analysis(i) for i in ids}
        origins = sorted(tuple(r) for r in store.rows(
            "SELECT document_id, source, format, line, url FROM document_origins"))
        rejected = sorted(tuple(r) for r in store.rows(
            "SELECT source, format, line, url, reason, detail, content_hash FROM rejected"))
        # what the ids stand for, as described with the records (not when)
        actors = sorted(tuple(r) for r in store.rows(
            "SELECT id, name, type, country, sector, aliases, roles, names FROM actors"))
        mechanisms = sorted(tuple(r) for r in store.rows(
            "SELECT id, name, kind, parties, aliases FROM mechanisms"))
    return {"analyses": analyses, "origins": origins, "rejected": rejected, "actors": actors,
            "mechanisms": mechanisms}


@pytest.fixture(scope="module")
def spark_session() -> Any:
    from porteparole.spark import spark_session as start

    session = start("local[2]", "porteparole-test")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_tables_load_into_the_store_ingest_builds(spark_session: Any,
                                                        tmp_path: Path) -> None:
    from porteparole.spark import run_job

    assert Path(sys.executable).exists()
    corpus = write_corpus(tmp_path / "corpus")
    with Store(tmp_path / "ingested.db") as store:
        ingest([corpus], store)
    report = run_job(spark_session, str(corpus), str(tmp_path / "out"), partitions=2)
    with Store(tmp_path / "loaded.db") as store:
        loaded = load_tables(tmp_path / "out", store)

    expected, got = snapshot(tmp_path / "ingested.db"), snapshot(tmp_path / "loaded.db")
    assert set(got["analyses"]) == set(expected["analyses"])
    for doc_id, analysis in expected["analyses"].items():
        assert got["analyses"][doc_id] == analysis, doc_id
    assert got["origins"] == expected["origins"]
    assert got["rejected"] == expected["rejected"]
    assert got["actors"] == expected["actors"] and expected["actors"]
    assert got["mechanisms"] == expected["mechanisms"]

    analyses = list(expected["analyses"].values())
    assert len(analyses) == 5 and loaded.new == 5 == report.documents
    assert report.repeats == 1  # the article met twice
    assert any(a.turns for a in analyses) and any(a.quotes for a in analyses)
    assert any(a.events for a in analyses) and any(a.topics for a in analyses)
    assert sum(len(a.mentions) for a in analyses) > 10
    assert {r[4] for r in expected["rejected"]} == {"malformed_json", "empty"}


def test_spark_tables_have_the_schema_export_writes(spark_session: Any,
                                                    tmp_path: Path) -> None:
    from porteparole.spark import run_job

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run_job(spark_session, str(corpus), str(tmp_path / "out"), partitions=1)
    with Store(tmp_path / "x.db") as store:
        ingest([corpus], store)
        export.export_parquet(store, tmp_path / "export")
    for table in tables.TABLES:
        exported = pq.read_table(tmp_path / "export" / f"{table}.parquet")
        parts = sorted((tmp_path / "out" / table).glob("*.parquet"))
        assert parts, table
        spark_table = pa.concat_tables(pq.read_table(p) for p in parts)
        assert spark_table.schema.equals(exported.schema), table
        assert spark_table.num_rows == exported.num_rows, table


def test_parquet_input_is_read_like_json_lines(spark_session: Any, tmp_path: Path) -> None:
    from porteparole.spark import run_job

    source = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"text": [ARTICLE, FEED_FIRST, ""],
                             "url": ["https://a.example/1", None, None]}), source)
    report = run_job(spark_session, str(source), str(tmp_path / "out"), partitions=1)
    assert (report.documents, report.rejected) == (2, 1)
    with Store(tmp_path / "p.db") as store:
        load_tables(tmp_path / "out", store)
        rows = store.rows("SELECT format, url FROM documents ORDER BY url")
    assert [tuple(r) for r in rows] == [("parquet", None), ("parquet", "https://a.example/1")]
