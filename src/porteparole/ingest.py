"""Ingest: sources in, analyses stored, every input accounted for.

Stages, in order:

1. discover    the sources (files, expanded directories, ``-`` for stdin) are listed
               first, so that a progress bar knows its total; what
               a walk does not read is listed with the reason       ``read.survey``
2. read        each source yields documents or rejections           ``read.read_source``
               (a file read completely before and unchanged since is
               skipped unread, unless ``verify``)                      ``resume``
3. prepare     clean, detect, structure (no NLP), giving the id     ``pipeline.prepare``
4. skip        a document already stored (or already waiting in
               this batch) is counted *unchanged*: no NLP is spent
               on it; its origin is remembered for provenance
5. enrich      NLP on a batch at once, in this process or in worker
               processes (``--workers``)                 ``runners`` → ``pipeline.enrich_many``
6. write       the batch in one transaction                          ``Store.write_batch``

Guarantees: re-ingesting adds nothing (ids are content hashes); a crash or kill loses at
most the batch in flight and never half a document; an input that cannot be read, and a
document whose analysis raises, is stored as a ``Rejected`` and the ingest goes on; a path
a directory walk does not read is in the report's ``skipped`` with the reason. Asked to
stop (``should_stop``, the CLI's SIGTERM and Ctrl-C), it finishes the batches already read
and returns, marked ``interrupted``.

The same text met twice (two files, or two lines of a feed) is one document. The second
sighting counts as *unchanged* and its origin is added to the document's origins
(``document_origins``), so ``porteparole show`` lists every place the text was read.

Every document is read by one ``Analyzer`` (default: ``analyzer.default_analyzer()``) and
stored with its stamp. With ``reanalyze``, a stored document whose stamp is not this
analyzer's is read again and its records replaced in the batch's transaction
(*reanalyzed*); one with the same stamp stays *unchanged*, unread by any model:

- with paths, the documents those sources hold (every source is read again, as with
  ``verify``);
- without paths, every document of the store, from its stored text: cleaning is not run
  again (the text is the document's identity), stages 2-9 are (``pipeline.restore``).

A crash or kill mid-reanalysis leaves each document either in its old reading or in its
new one, never both nor neither; a re-run takes up the documents still stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from porteparole import pipeline, read, resume
from porteparole.analyzer import Analyzer, default_analyzer
from porteparole.errors import InputError, StoreError
from porteparole.read import Skipped
from porteparole.records import Analysis, Origin, RawDocument, Rejected
from porteparole.runners import ProcessPoolRunner, SerialRunner, failure, guarded, make_runner
from porteparole.store import Store

ProgressCallback = Callable[[int, int], None]  # (sources done, sources in total)
StopCheck = Callable[[], bool]  # True once the caller wants the ingest to stop (a signal)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: every document read is exactly one of new/unchanged/rejected."""

    sources: int
    new: int
    unchanged: int
    rejected: tuple[Rejected, ...] = ()
    # Sources skipped unread: read completely before, unchanged since (``resume``).
    skipped_sources: int = 0
    skipped: tuple[Skipped, ...] = ()  # paths a directory walk did not read, with the reason
    unsupported: int = 0  # of the new documents, those stored in a language not analysed
    sources_read: int | None = None  # fewer than ``sources`` when stopped early
    interrupted: bool = False  # stopped by ``should_stop`` after the batch in flight
    reanalyzed: int = 0  # stored documents read again by this analyzer (``reanalyze``)

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)

    @property
    def documents(self) -> int:
        """Inputs met: documents read plus inputs rejected."""
        return self.new + self.unchanged + self.reanalyzed + len(self.rejected)


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    batch_size: int = 16,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    verify: bool = False,
    unsupported: str = "store",
    should_stop: StopCheck | None = None,
    reanalyze: bool = False,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Read ``paths`` into ``store`` (see the module docstring for the stages).

    ``workers`` > 1 runs the NLP of several batches at once in worker processes
    (``runners.ProcessPoolRunner``); reading, preparing and writing stay in this process.
    A file read completely by an earlier ingest and unchanged since (same path, size and
    modification time) is skipped without being read, unless ``verify`` (``resume``).
    ``unsupported`` is what becomes of a document in a language porteparole does not
    analyse (``pipeline.UNSUPPORTED_POLICIES``). ``should_stop`` is asked after each
    source: once it says True, the batches already read are analysed and written, and
    the ingest returns with ``interrupted`` set (a re-run continues where it stopped).
    ``reanalyze`` reads again the stored documents whose analyzer stamp is not
    ``analyzer``'s (see the module docstring); without paths, those of the whole store.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if unsupported not in pipeline.UNSUPPORTED_POLICIES:
        raise InputError(f"--unsupported must be one of "
                         f"{', '.join(pipeline.UNSUPPORTED_POLICIES)}, not {unsupported!r}")
    analyzer = analyzer or default_analyzer()
    found = read.survey(paths)  # 1
    sources = found.sources
    runner = make_runner(workers, analyzer)
    run = _Run(store, batch_size, runner, analyzer, unsupported, reanalyze)
    done = 0
    stopped = False
    try:
        run.take_all(found.unreadable)
        if on_progress:
            on_progress(0, len(sources))
        for source in sources:
            if should_stop is not None and should_stop():
                stopped = True
                break
            seen = resume.fingerprint(source)
            if seen is not None and not (verify or reanalyze) and store.source_read(seen):
                run.skipped_sources += 1
            else:
                run.take_source(read.read_source(source), seen)  # 2
            done += 1
            if on_progress:
                on_progress(done, len(sources))
        if reanalyze and not paths:
            stopped = not run.take_stored(should_stop)
        run.flush()
        run.drain(wait_all=True)
    finally:
        runner.close()
    return IngestReport(len(sources), run.new, run.unchanged, tuple(run.rejected),
                        run.skipped_sources, tuple(found.skipped), run.unsupported_new, done,
                        stopped, run.reanalyzed)


@dataclass
class _Run:
    """The state of one ingest: the batch being filled and the running counts."""

    store: Store
    batch_size: int
    runner: SerialRunner | ProcessPoolRunner
    analyzer: Analyzer
    unsupported: str = "store"
    reanalyze: bool = False
    new: int = 0
    reanalyzed: int = 0
    replacing: set[str] = field(default_factory=set)  # ids queued to replace a stored reading
    unsupported_new: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    batch: dict[str, Analysis] = field(default_factory=dict)
    in_flight: set[str] = field(default_factory=set)  # ids submitted, not yet written
    repeats: list[tuple[str, Origin]] = field(default_factory=list)
    skipped_sources: int = 0
    # Sources read, waiting for their documents to be committed before they are recorded.
    unrecorded: list[tuple[resume.Fingerprint, set[str]]] = field(default_factory=list)

    def take_source(self, items: Iterable[RawDocument | Rejected],
                    seen: resume.Fingerprint | None) -> None:
        """Every document of one source; its fingerprint is recorded once they are all
        committed (never for a source that could not be read)."""
        unreadable = len(self.rejected)
        self.take_all(items)
        if seen is None or any(r.reason == "unreadable" for r in self.rejected[unreadable:]):
            return
        self.unrecorded.append((seen, set(self.batch) | self.in_flight))
        self._record_sources()

    def _record_sources(self) -> None:
        waiting = []
        for seen, ids in self.unrecorded:
            if ids & (set(self.batch) | self.in_flight):
                waiting.append((seen, ids))
            else:
                self.store.record_source(seen)
        self.unrecorded = waiting

    def take_all(self, items: Iterable[RawDocument | Rejected]) -> None:
        for item in items:
            if isinstance(item, Rejected):
                self.reject(item)
            else:
                self.take(item)

    def take(self, raw: RawDocument) -> None:
        prepared = guarded(partial(self.analyzer.prepare, unsupported=self.unsupported),
                           raw)  # 3
        if isinstance(prepared, Rejected):
            self.reject(prepared)
            return
        doc_id = prepared.document.id
        stored = self.store.has_document(doc_id)
        if doc_id in self.batch or doc_id in self.in_flight or (
                stored and not self._stale(doc_id)):
            self.unchanged += 1
            self.repeats.append((doc_id, raw.origin))
            return
        if stored:
            self.replacing.add(doc_id)
            self.repeats.append((doc_id, raw.origin))
        self._queue(prepared)

    def take_stored(self, should_stop: StopCheck | None) -> bool:
        """Every stored document read by another analyzer, read again from its stored
        text; False when ``should_stop`` said stop first."""
        for doc_id in self.store.stale_documents(str(self.analyzer.stamp)):
            if should_stop is not None and should_stop():
                return False
            document = self.store.document(doc_id)
            if document is None or doc_id in self.batch or doc_id in self.in_flight:
                continue
            try:
                restored = self.analyzer.restore(document)
            except Exception as error:  # noqa: BLE001 - recorded as analysis_failed
                self.reject(failure(document.origin, document.text, error))
                continue
            self.replacing.add(doc_id)
            self._queue(restored)
        return True

    def _stale(self, doc_id: str) -> bool:
        return self.reanalyze and self.store.analyzer_stamp(doc_id) != str(self.analyzer.stamp)

    def _queue(self, prepared: Analysis) -> None:
        doc_id = prepared.document.id
        self.batch[doc_id] = prepared
        self.unsupported_new += pipeline.LANGUAGE_UNSUPPORTED in prepared.document.flags
        if len(self.batch) >= self.batch_size:
            self.flush()

    def reject(self, rejected: Rejected) -> None:
        self.store.add_rejected(rejected)
        self.rejected.append(rejected)

    def flush(self) -> None:
        prepared = list(self.batch.values())
        self.batch.clear()
        if prepared:
            self.in_flight.update(p.document.id for p in prepared)
            self.runner.submit(prepared)  # 5
        self.drain()

    def drain(self, *, wait_all: bool = False) -> None:
        """Write the batches the runner has finished (6), then the repeats' origins."""
        for outcome in self.runner.results(wait_all=wait_all):
            self.new += self._write(outcome)
            for item in outcome:
                if isinstance(item, Analysis):
                    self.in_flight.discard(item.document.id)
        waiting = []
        for doc_id, origin in self.repeats:
            if self.store.has_document(doc_id):
                self.store.add_origin(doc_id, origin)
            elif doc_id in self.in_flight and not wait_all:
                waiting.append((doc_id, origin))  # its first sighting is still being analysed
        self.repeats = waiting
        self._record_sources()

    def _write(self, outcomes: list[Analysis | Rejected]) -> int:
        analyses = [a for a in outcomes if isinstance(a, Analysis)]
        for failed in (o for o in outcomes if isinstance(o, Rejected)):
            self.reject(failed)
        try:
            written = self.store.write_batch(analyses, replace=self.replacing)
        except StoreError:
            # One document's records broke the schema: write the others one by one, so
            # that only the faulty document is rejected (with the reason).
            written = sum(self._write_one(a) for a in analyses)
        for analysis in analyses:
            if analysis.document.id in self.replacing:
                self.replacing.discard(analysis.document.id)
                self.reanalyzed += 1
        return written

    def _write_one(self, analysis: Analysis) -> int:
        try:
            return self.store.write_batch([analysis], replace=self.replacing)
        except StoreError as error:
            self.reject(failure(analysis.document.origin, analysis.document.text, error))
            return 0


