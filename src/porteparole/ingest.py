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
               on it; its origin is remembered for provenance        ``_Run.admit``
5. enrich      NLP on a batch at once, in this process or in worker
               processes (``--workers``)                 ``runners`` → ``pipeline.enrich_many``
6. write       the batch in one transaction                          ``Store.write_batch``

Stages 3-5 are ``pipeline.process_batches``, the loop Spark and the API share; ingest
supplies what it reads (``_Feed``), decides what needs the models (``_Run.admit``) and
writes what comes out (``_Run.settle``).

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

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from porteparole import pipeline, read, resume
from porteparole.analyzer import Analyzer, default_analyzer
from porteparole.errors import InputError, StoreError
from porteparole.read import Skipped
from porteparole.records import Analysis, Origin, RawDocument, Rejected
from porteparole.runners import Runner, failure, make_runner
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
    runner: Runner | None = None,
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
    ``runner`` is one the caller made (``runners.make_runner``, with ``analyzer``) and
    closes, e.g. to start its workers before a timed run; ``workers`` is then not read.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if unsupported not in pipeline.UNSUPPORTED_POLICIES:
        raise InputError(f"--unsupported must be one of "
                         f"{', '.join(pipeline.UNSUPPORTED_POLICIES)}, not {unsupported!r}")
    analyzer = analyzer or default_analyzer()
    found = read.survey(paths)  # 1
    sources = found.sources
    run = _Run(store, analyzer, reanalyze)
    feed = _Feed(run, found, verify or reanalyze, should_stop, on_progress)
    own = runner is None
    runner = make_runner(workers, analyzer) if runner is None else runner
    try:
        for outcome in pipeline.process_batches(  # 3-5
                feed.items(stored=reanalyze and not paths), batch_size=batch_size,
                analyzer=analyzer, unsupported=unsupported, runner=runner, admit=run.admit):
            run.settle(outcome)  # 6
        run.settle_repeats(final=True)
    finally:
        if own:
            runner.close()
    return IngestReport(len(sources), run.new, run.unchanged, tuple(run.rejected),
                        feed.skipped_sources, tuple(found.skipped), run.unsupported_new,
                        feed.done, feed.stopped, run.reanalyzed)


@dataclass
class _Feed:
    """What an ingest reads, in order, for ``pipeline.process_batches``: the folders that
    could not be listed, every source (skipping those read before), then, to reanalyze a
    whole store, its stale documents from their stored text. It stops between two sources
    once ``should_stop`` says so, and records each source read once its documents are all
    committed."""

    run: _Run
    found: read.Survey
    reread: bool  # read again a source read before and unchanged since
    should_stop: StopCheck | None
    on_progress: ProgressCallback | None
    done: int = 0
    skipped_sources: int = 0
    stopped: bool = False

    def items(self, *, stored: bool) -> Iterator[RawDocument | Rejected | Analysis]:
        yield from self.found.unreadable
        sources = self.found.sources
        if self.on_progress:
            self.on_progress(0, len(sources))
        for source in sources:
            if self._stop():
                return
            seen = resume.fingerprint(source)
            if seen is not None and not self.reread and self.run.store.source_read(seen):
                self.skipped_sources += 1
            else:
                unreadable = False
                for item in read.read_source(source):  # 2
                    unreadable = unreadable or (isinstance(item, Rejected)
                                                and item.reason == "unreadable")
                    yield item
                if seen is not None and not unreadable:
                    self.run.when_committed(seen)
            self.done += 1
            if self.on_progress:
                self.on_progress(self.done, len(sources))
        if stored:
            yield from self._stored()

    def _stored(self) -> Iterator[Analysis | Rejected]:
        """Every stored document another analyzer read, prepared again from its text."""
        analyzer = self.run.analyzer
        for doc_id in self.run.store.stale_documents(str(analyzer.stamp)):
            if self._stop():
                return
            document = self.run.store.document(doc_id)
            if document is None:
                continue
            try:
                yield analyzer.restore(document)
            except Exception as error:  # noqa: BLE001 - recorded as analysis_failed
                yield failure(document.origin, document.text, error)

    def _stop(self) -> bool:
        self.stopped = self.stopped or (self.should_stop is not None and self.should_stop())
        return self.stopped


@dataclass
class _Run:
    """The state of one ingest: what is in flight and the running counts."""

    store: Store
    analyzer: Analyzer
    reanalyze: bool = False
    new: int = 0
    reanalyzed: int = 0
    unsupported_new: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)  # ids admitted, not yet written
    replacing: set[str] = field(default_factory=set)  # of those, ids read before (reanalyze)
    repeats: list[tuple[str, Origin]] = field(default_factory=list)
    # Sources read, waiting for their documents to be committed before they are recorded.
    unrecorded: list[tuple[resume.Fingerprint, set[str]]] = field(default_factory=list)

    def admit(self, prepared: Analysis) -> bool:
        """Whether a prepared document needs the models (4): not when it is stored (4,
        *unchanged*) or already on its way, unless ``reanalyze`` and another analyzer
        read it (it is then read again and replaces its stored reading)."""
        document = prepared.document
        stored = self.store.has_document(document.id)
        if document.id in self.pending or (stored and not self._stale(document.id)):
            self.unchanged += 1
            self.repeats.append((document.id, document.origin))
            return False
        if stored:
            self.replacing.add(document.id)
            self.repeats.append((document.id, document.origin))
        else:
            self.unsupported_new += pipeline.LANGUAGE_UNSUPPORTED in document.flags
        self.pending.add(document.id)
        return True

    def _stale(self, doc_id: str) -> bool:
        return self.reanalyze and self.store.analyzer_stamp(doc_id) != str(self.analyzer.stamp)

    def when_committed(self, seen: resume.Fingerprint) -> None:
        """Record a source read completely once the documents now pending are written."""
        self.unrecorded.append((seen, set(self.pending)))
        self._record_sources()

    def _record_sources(self) -> None:
        waiting = []
        for seen, ids in self.unrecorded:
            if ids & self.pending:
                waiting.append((seen, ids))
            else:
                self.store.record_source(seen)
        self.unrecorded = waiting

    def reject(self, rejected: Rejected) -> None:
        self.store.add_rejected(rejected)
        self.rejected.append(rejected)

    def settle(self, outcome: list[Analysis | Rejected]) -> None:
        """Write one outcome of the pipeline (6): a batch in one transaction, or a
        rejection; then the repeats' origins and the sources now committed."""
        analyses = [a for a in outcome if isinstance(a, Analysis)]
        for failed in (o for o in outcome if isinstance(o, Rejected)):
            self.reject(failed)
        if analyses:
            self.new += self._write(analyses)
            self.pending.difference_update(a.document.id for a in analyses)
        self.settle_repeats(final=False)
        self._record_sources()

    def settle_repeats(self, *, final: bool) -> None:
        """Add the origins of documents met again once their first sighting is stored."""
        waiting = []
        for doc_id, origin in self.repeats:
            if self.store.has_document(doc_id):
                self.store.add_origin(doc_id, origin)
            elif doc_id in self.pending and not final:
                waiting.append((doc_id, origin))  # its first sighting is still being analysed
        self.repeats = waiting

    @property
    def _knowledge(self) -> dict[str, Any]:
        """The knowledge the analyses were read with describes what they name in the store."""
        knowledge = self.analyzer.knowledge
        return {"kb": knowledge.actors, "catalog": knowledge.mechanisms}

    def _write(self, analyses: list[Analysis]) -> int:
        try:
            written = self.store.write_batch(analyses, replace=self.replacing, **self._knowledge)
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
            return self.store.write_batch([analysis], replace=self.replacing, **self._knowledge)
        except StoreError as error:
            self.replacing.discard(analysis.document.id)  # its stored reading stays
            self.reject(failure(analysis.document.origin, analysis.document.text, error))
            return 0
