"""The Spark runner: the analyzer over a cluster, writing the tables ``export`` writes.

    porteparole spark INPUT OUTPUT        (pip install 'porteparole[spark]')
    porteparole load OUTPUT --db X        the tables into a store (``porteparole.load``)

INPUT is a file or a directory of text, HTML, JSON Lines or WARC files (read by Spark's
``binaryFile`` source, then by ``read.read_bytes`` exactly as ``ingest`` reads a file), or
Parquet with a ``text`` (or ``html``) column and optional ``title``, ``date``, ``url`` and
``language`` columns. The job mirrors ``ingest``:

1. read + prepare   each partition reads its inputs and runs stages 1-3 (no model), which
                    gives every document its id                      ``pipeline.prepare``
2. one per id       the same text met twice is one document: the sighting that ``ingest``
                    would meet first (directory walk order, then line) is kept, the others
                    become extra ``document_origins`` rows
3. analyse + write  each partition runs stages 4-9 in batches (``pipeline.process``) and
                    writes its rows with pyarrow, typed by the one table spec, to
                    ``OUTPUT/<table>/part-a-NNNNN.parquet``; rejections of step 1 go to
                    ``OUTPUT/rejected/part-r-NNNNN.parquet``. Each part's ``actors`` and
                    ``mechanisms`` describe what its records name, from the executor's
                    knowledge, stamped with the job's time (``porteparole.described``)

Tables therefore have exactly the schema of ``porteparole export`` (Spark's own writer
would make every column nullable). Each part is written under a temporary name and
renamed, so a retried task replaces its part instead of duplicating it.

``--knowledge DIR`` (``run_job(knowledge=...)``) reads with an edited copy of the knowledge
files, as ``ingest --knowledge`` does; the directory must be readable at the same path on
every executor (a shared file system, or shipped with the environment). Without it each
executor reads with its default analyzer (``PORTEPAROLE_KNOWLEDGE`` or the package's).

Models are loaded once per executor Python process: ``nlp.load_model`` is cached, and
Spark reuses its Python workers between tasks (``spark.python.worker.reuse``, on by
default), so a worker pays the model load once, not once per partition.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from porteparole.records import Analysis, Origin, RawDocument, Rejected

if TYPE_CHECKING:
    from porteparole.analyzer import Analyzer

BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class JobReport:
    """What a Spark job wrote: documents, rejected inputs, extra sightings, partitions."""

    documents: int
    rejected: int
    repeats: int
    partitions: int


def spark_session(master: str | None = None, app_name: str = "porteparole") -> Any:
    """A SparkSession; in local mode the workers run this very interpreter.

    Pitfall: Spark starts its Python workers with ``PYSPARK_PYTHON``, and without it with
    the system ``python3``, which lacks porteparole and its models. In local mode this sets
    it to ``sys.executable``; on a cluster, ship the environment (see the README).
    """
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run_job(spark: Any, input_path: str, output: str, *, partitions: int | None = None,
            batch_size: int = BATCH_SIZE, knowledge: str | None = None) -> JobReport:
    """Analyse ``input_path`` into Parquet tables under ``output`` (see the module doc),
    with the knowledge directory ``knowledge`` (None: each executor's default)."""
    from porteparole import tables

    sc = spark.sparkContext
    partitions = partitions or max(2, sc.defaultParallelism)
    if _is_parquet(input_path):
        frame = spark.read.parquet(input_path)
        items = frame.rdd.mapPartitions(
            lambda rows: _read_records(rows, input_path, knowledge))
    else:
        frame = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .load(input_path).select("path", "content"))
        walked = Path(_local(input_path)).is_dir()
        items = frame.rdd.mapPartitions(lambda rows: _read_files(rows, walked, knowledge))
    items = items.persist()
    stamp = tables.now()
    rejected = items.filter(lambda item: item[0] == "rejected").map(lambda item: item[1])
    counted = rejected.mapPartitionsWithIndex(
        lambda index, part: _write_rejections(index, part, output, stamp)).sum()
    documents = (items.filter(lambda item: item[0] == "document")
                 .map(lambda item: (item[1], (item[2], item[3])))
                 .groupByKey(numPartitions=partitions))
    outcome = documents.mapPartitionsWithIndex(
        lambda index, part: _analyse_partition(index, part, output, stamp, batch_size,
                                               knowledge)
    ).collect()
    items.unpersist()
    written = [o for o in outcome if o is not None]
    return JobReport(
        documents=sum(w[0] for w in written),
        rejected=int(counted) + sum(w[1] for w in written),
        repeats=sum(w[2] for w in written),
        partitions=len(written),
    )


# -- step 1: reading and preparing, on the executors ---------------------------------------


def _analyzer(knowledge: str | None) -> Analyzer:
    """The executor's analyzer: built once per process and directory (``analyzer_at``)."""
    from porteparole.analyzer import analyzer_at, default_analyzer

    return default_analyzer() if knowledge is None else analyzer_at(knowledge)


def _local(path: str) -> str:
    parsed = urlparse(path)
    return unquote(parsed.path) if parsed.scheme in ("", "file") else path


def _is_parquet(path: str) -> bool:
    local = Path(_local(path))
    if local.suffix == ".parquet":
        return True
    return local.is_dir() and any(local.glob("*.parquet")) and not any(
        p.is_file() and p.suffix != ".parquet" and not p.name.startswith(("_", "."))
        for p in local.iterdir())


def _walk_key(source: str, line: int | None) -> tuple[Any, ...]:
    """The order ``ingest`` meets a sighting in: a directory's files before its
    subdirectories (``os.walk``), names sorted, then the line within the file."""
    parts = PurePosixPath(source).parts
    return (*((1, p) for p in parts[:-1]), (0, parts[-1] if parts else ""), line or 0)


def _read_files(rows: Iterable[Any], walked: bool,
                knowledge: str | None = None) -> Iterator[tuple[Any, ...]]:
    from porteparole import read
    from porteparole.read.sources import is_document_file

    for row in rows:
        name = _local(row["path"])
        if walked and not is_document_file(Path(name)):
            continue
        yield from _prepared(read.read_bytes(bytes(row["content"]), name), knowledge)


def _read_records(rows: Iterable[Any], source: str,
                  knowledge: str | None = None) -> Iterator[tuple[Any, ...]]:
    import json

    from porteparole.read.jsonl import record_document

    for number, row in enumerate(rows, start=1):
        value = {k: v for k, v in row.asDict().items() if v is not None}
        origin = Origin(_local(source), "parquet", None, None)
        raw = json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
        yield from _prepared([record_document(value, origin, raw, f"row {number}")], knowledge)


def _prepared(items: Iterable[RawDocument | Rejected],
              knowledge: str | None = None) -> Iterator[tuple[Any, ...]]:
    from porteparole.runners import guarded

    system = _analyzer(knowledge)
    for item in items:
        prepared = item if isinstance(item, Rejected) else guarded(system.prepare, item)
        if isinstance(prepared, Rejected):
            yield ("rejected", prepared)
        else:
            origin = prepared.document.origin
            key = _walk_key(origin.source, origin.line)
            yield ("document", prepared.document.id, key, prepared)


# -- step 3: analysing and writing, on the executors ---------------------------------------


def _analyse_partition(index: int, part: Iterable[tuple[str, Iterable[tuple[Any, Analysis]]]],
                       output: str, stamp: str, batch_size: int,
                       knowledge: str | None = None) -> Iterator[Any]:
    system = _analyzer(knowledge)
    repeats: list[tuple[str, Origin]] = []

    def primaries() -> Iterator[Analysis]:
        for document_id, sightings in part:
            ordered = sorted(sightings, key=lambda s: s[0])
            repeats.extend((document_id, a.document.origin) for _, a in ordered[1:])
            yield ordered[0][1]

    with PartWriter(output, f"part-a-{index:05d}", stamp, analyzer=system) as writer:
        for item in system.process(primaries(), batch_size=batch_size):
            writer.add([item])
        writer.add(repeats)
        yield writer.documents, writer.rejected, len(repeats)


def _write_rejections(index: int, part: Iterable[Rejected], output: str,
                      stamp: str) -> Iterator[int]:
    with PartWriter(output, f"part-r-{index:05d}", stamp, only=("rejected",)) as writer:
        for rejected in part:
            writer.add([rejected])
        yield writer.rejected


class PartWriter:
    """One part file per table, written row group by row group (memory holds one group),
    under a temporary name renamed on success."""

    GROUP_ROWS = 2000

    def __init__(self, output: str, name: str, stamp: str,
                 only: tuple[str, ...] | None = None, analyzer: Analyzer | None = None
                 ) -> None:
        from porteparole import tables

        self._analyzer = analyzer  # whose knowledge describes the actors named

        self._fs, self._root = _filesystem(output)
        self._name = name
        self._stamp = stamp
        self._tables = only or tables.TABLES
        self._pending: dict[str, list[Any]] = {t: [] for t in self._tables}
        self._writers: dict[str, Any] = {}
        # what the part's records name, by table and id: written once, when the part closes
        self._described: dict[str, dict[str, Any]] = {t: {} for t in tables.DESCRIBED_TABLES}
        self.documents = 0
        self.rejected = 0

    def __enter__(self) -> PartWriter:
        return self

    def add(self, items: Iterable[Analysis | Rejected | tuple[str, Origin]]) -> None:
        from porteparole import tables
        from porteparole.described import describe

        for item in items:
            if isinstance(item, Analysis):
                self.documents += 1
                knowledge = None if self._analyzer is None else self._analyzer.knowledge
                description = describe([item], self._stamp,
                                       kb=None if knowledge is None else knowledge.actors,
                                       catalog=None if knowledge is None
                                       else knowledge.mechanisms)
                for table, found in self._described.items():
                    found.update((r["id"], r) for r in tables.described_rows(table, description))
            elif isinstance(item, Rejected):
                self.rejected += 1
            for table in self._tables:
                self._pending[table].extend(tables.rows(table, [item], self._stamp))
        for table, rows in self._pending.items():
            if len(rows) >= self.GROUP_ROWS:
                self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow.parquet as pq

        from porteparole import tables

        arrow = tables.table_of(table, self._pending[table])
        self._pending[table] = []
        if table not in self._writers:
            folder = f"{self._root}/{table}"
            self._fs.create_dir(folder, recursive=True)
            sink = self._fs.open_output_stream(f"{folder}/.{self._name}.partial")
            self._writers[table] = (sink, pq.ParquetWriter(sink, arrow.schema))
        self._writers[table][1].write_table(arrow)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        for table, found in self._described.items():
            if table in self._pending:
                self._pending[table].extend(row for _, row in sorted(found.items()))
        for table in self._tables:
            self._flush(table)  # every table gets its part, even empty: parts pair by name
        for table, (sink, writer) in self._writers.items():
            writer.close()
            sink.close()
            folder = f"{self._root}/{table}"
            if exc_type is None:
                self._fs.move(f"{folder}/.{self._name}.partial", f"{folder}/{self._name}.parquet")
            else:
                self._fs.delete_file(f"{folder}/.{self._name}.partial")


def _filesystem(output: str) -> tuple[Any, str]:
    """A pyarrow filesystem and root for a local path or a URI (hdfs://, s3://, gs://)."""
    from pyarrow import fs

    if "://" in output and not output.startswith("file://"):
        filesystem, root = fs.FileSystem.from_uri(output)
        return filesystem, str(root)
    return fs.LocalFileSystem(), os.path.abspath(_local(output))


def main(argv: list[str] | None = None) -> int:
    """``spark-submit .../porteparole/spark.py INPUT OUTPUT [PARTITIONS]``: the job under
    spark-submit, whose master and configuration it takes as given."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: spark.py INPUT OUTPUT [PARTITIONS]", file=sys.stderr)
        return 2
    session = spark_session(None)
    try:
        report = run_job(session, args[0], args[1],
                         partitions=int(args[2]) if len(args) == 3 else None)
    finally:
        session.stop()
    print(f"documents: {report.documents}  rejected: {report.rejected}  "
          f"repeated sightings: {report.repeats}  partitions: {report.partitions}")
    return 0


if __name__ == "__main__":
    # Run through the installed module, so that the functions Spark ships to executors
    # are pickled by reference to ``porteparole.spark``, not by value from ``__main__``.
    from porteparole import spark as _installed

    raise SystemExit(_installed.main())
