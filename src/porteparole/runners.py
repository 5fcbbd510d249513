"""Runners: how NLP batches are executed, apart from what they compute.

``pipeline.enrich_many`` is pure; a runner decides where it runs. ``SerialRunner`` runs each
batch in this process as it is submitted. ``ProcessPoolRunner`` sends batches to worker
processes (each loads the spaCy models once) so that a multi-core machine analyses several
batches at a time, while this process keeps reading, preparing and writing: the store still
has one writer. A Spark runner (``spark.py``) is the same idea over a cluster.

A runner hands results back in submission order, a batch at a time. Every runner analyses
with one ``Analyzer``: a worker process builds its own from the same knowledge directory
(``_start_worker``), since the bundle is read once per process rather than sent per batch.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from typing import TYPE_CHECKING

from porteparole import pipeline
from porteparole.records import Analysis, Origin, RawDocument, Rejected
from porteparole.workers import tie_to_parent

if TYPE_CHECKING:
    from porteparole.analyzer import Analyzer

Outcome = list[Analysis | Rejected]

# The analyzer of this worker process (``_start_worker``); None in the main process.
_WORKER_ANALYZER: Analyzer | None = None


def enrich_batch(prepared: list[Analysis], analyzer: Analyzer | None = None) -> Outcome:
    """NLP stages on a batch; if the batch fails, document by document, so that one
    document that breaks the NLP is rejected instead of taking the batch down.

    ``analyzer`` defaults to this worker's (``_start_worker``), else the default one."""
    analyzer = analyzer or _WORKER_ANALYZER
    try:
        return list(pipeline.enrich_many(prepared, analyzer=analyzer))
    except Exception:  # noqa: BLE001 - isolated and reported per document below
        return [guarded(partial(pipeline.enrich, analyzer=analyzer), p) for p in prepared]


def guarded(stage: Callable[..., Analysis | Rejected], item: RawDocument | Analysis
            ) -> Analysis | Rejected:
    """Run a stage on one document; an unexpected exception becomes a ``Rejected``."""
    try:
        return stage(item)
    except Exception as error:  # noqa: BLE001 - recorded as analysis_failed, not swallowed
        if isinstance(item, Analysis):
            return failure(item.document.origin, item.document.text, error)
        return failure(item.origin, item.text, error)


def failure(origin: Origin, text: str, error: Exception) -> Rejected:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Rejected(origin, "analysis_failed", f"{type(error).__name__}: {error}", digest)


def _warm(batch: list[Analysis]) -> int:
    """Analyse ``batch`` (every model it needs loaded, every stage set up) and say which
    process did it (``ProcessPoolRunner.warm_up``)."""
    enrich_batch(batch)
    return os.getpid()


def _start_worker(parent_pid: int, knowledge: str | None) -> None:
    """A worker's first act: die with its parent, and build its analyzer once from the
    knowledge directory of the parent's (None: the package's)."""
    global _WORKER_ANALYZER
    tie_to_parent(parent_pid)
    from porteparole.analyzer import analyzer_at

    _WORKER_ANALYZER = analyzer_at(knowledge)


class SerialRunner:
    """Each batch analysed in this process, at once."""

    def __init__(self, analyzer: Analyzer | None = None) -> None:
        self._done: deque[Outcome] = deque()
        self._analyzer = analyzer

    def submit(self, batch: list[Analysis]) -> None:
        self._done.append(enrich_batch(batch, self._analyzer))

    def warm_up(self, samples: list[Analysis]) -> None:
        """Load the models and set up the stages ``samples`` need (their languages), so
        that what follows is timed without them (``bench/scale.py``)."""
        enrich_batch(samples, self._analyzer)

    def results(self, *, wait_all: bool = False) -> Iterator[Outcome]:
        while self._done:
            yield self._done.popleft()

    def close(self) -> None:
        self._done.clear()


class ProcessPoolRunner:
    """Batches analysed in ``workers`` processes, at most ``workers * 2`` in flight.

    Workers are started with "spawn": they import porteparole afresh rather than inherit
    this process's state, which is safe with the threads that libraries start. They die
    with this process, however it ends (``workers.tie_to_parent``).
    """

    def __init__(self, workers: int, analyzer: Analyzer | None = None) -> None:
        knowledge = analyzer.knowledge.directory if analyzer is not None else None
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"),
            initializer=_start_worker, initargs=(os.getpid(), knowledge))
        self._pending: deque[Future[Outcome]] = deque()
        self._workers = workers
        self._limit = workers * 2

    def submit(self, batch: list[Analysis]) -> None:
        self._pending.append(self._pool.submit(enrich_batch, batch))

    def warm_up(self, samples: list[Analysis], *, attempts: int = 20) -> None:
        """Start every worker and have each load the models and set up the stages
        ``samples`` need, before any batch is timed (``bench/scale.py``).

        The pool starts a process per task while none is idle, so ``workers`` tasks at
        once start them all; a fast worker may take two, so rounds go on until every
        worker has answered (at most ``attempts`` rounds)."""
        warmed: set[int] = set()
        for _ in range(attempts):
            tasks = [self._pool.submit(_warm, samples) for _ in range(self._workers)]
            warmed.update(task.result() for task in tasks)
            if len(warmed) >= self._workers:
                return

    def results(self, *, wait_all: bool = False) -> Iterator[Outcome]:
        """Finished batches, oldest first; waits while too many are in flight (or for all)."""
        while self._pending and (
            wait_all or len(self._pending) >= self._limit or self._pending[0].done()
        ):
            yield self._pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


Runner = SerialRunner | ProcessPoolRunner


def make_runner(workers: int, analyzer: Analyzer | None = None) -> Runner:
    """The runner for ``workers`` processes (1: this process only), analysing with
    ``analyzer`` (default: the default analyzer)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    return SerialRunner(analyzer) if workers == 1 else ProcessPoolRunner(workers, analyzer)
