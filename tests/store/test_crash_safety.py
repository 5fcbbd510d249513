"""Crash safety: SIGKILL a real CLI ingest at random points (fixed seed), re-run, and the
store equals an uninterrupted one; a killed or stopped two-worker ingest leaves no process;
a killed ``ingest --reanalyze`` leaves every document in its old reading or its new one.

The long version: ``python bench/killtest.py --kills 50`` (all the Foreign Ministry pages).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builders import edited_knowledge
from conftest import ROOT
from porteparole.analyzer import analyzer_at
from porteparole.ingest import ingest
from porteparole.store import Store

sys.path.insert(0, str(ROOT / "bench"))
import killtest  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                       reason="process accounting reads Linux /proc"),
]


def test_ten_random_kills_lose_nothing_and_duplicate_nothing(
        fmprc_dir: Path, tmp_path: Path) -> None:
    files = killtest.corpus_slice(fmprc_dir, 8)
    outcome = killtest.run(files, tmp_path, kills=10, seed=7, workers=1, batch_size=2,
                           max_delay=6.0, log=lambda *_, **__: None,
                           baseline_in_process=True)
    assert outcome.kills >= 10
    assert outcome.problems == []
    assert (outcome.records_lost, outcome.duplicates, outcome.processes_left) == (0, 0, 0)
    assert outcome.documents > 0


def _start_two_workers(files: list[Path], db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(killtest.ingest_args(files, db, 2, 1), env=killtest._env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_for_workers(process: subprocess.Popen[bytes], count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(killtest.session_processes(process.pid)) >= 1 + count:
            return
        time.sleep(0.1)
    pytest.fail("the workers did not start")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_signalled_two_worker_ingest_leaves_no_process_and_no_open_pipe(
        fmprc_dir: Path, tmp_path: Path, sig: signal.Signals) -> None:
    files = killtest.corpus_slice(fmprc_dir, 6)
    process = _start_two_workers(files, tmp_path / "s.db")
    _wait_for_workers(process, 2, timeout=60)
    os.kill(process.pid, sig)  # the ingest alone, not its process group
    out, err = process.communicate(timeout=120)  # EOF: nobody holds the pipes any more
    assert killtest._wait_gone(process.pid, timeout=5) == []
    if sig == signal.SIGTERM:
        assert process.returncode == 128 + signal.SIGTERM
        assert b"stopped by SIGTERM" in err and b"Traceback" not in err
        check = subprocess.run(killtest.cli("check", "--db", str(tmp_path / "s.db")),
                               env=killtest._env(), capture_output=True)
        assert check.returncode == 0, check.stdout


def test_a_killed_load_of_parquet_tables_resumes_to_the_same_store(
        examples_store: Path, tmp_path: Path) -> None:
    """``porteparole load`` (Spark's or export's tables into a store) killed at random points
    and re-run ends with the store the tables came from: nothing lost, nothing twice."""
    import random

    tables = tmp_path / "tables"
    subprocess.run(killtest.cli("export", str(tables), "--db", str(examples_store)),
                   env=killtest._env(), check=True, capture_output=True)
    started = time.monotonic()
    subprocess.run(killtest.cli("load", str(tables), "--db", str(tmp_path / "timed.db")),
                   env=killtest._env(), check=True, capture_output=True)
    whole = time.monotonic() - started  # an uninterrupted load: kills fall inside it
    target = tmp_path / "loaded.db"
    rng = random.Random(11)
    outcome = killtest.Outcome(inputs=1)
    for _ in range(8):
        process = subprocess.Popen(killtest.cli("load", str(tables), "--db", str(target)),
                                   env=killtest._env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.2, 0.9) * whole)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
            outcome.kills += 1
        process.wait()
        outcome.processes_left += len(killtest._wait_gone(process.pid, timeout=5))
        if finished:
            break
    final = subprocess.run(killtest.cli("load", str(tables), "--db", str(target)),
                           env=killtest._env(), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    killtest._compare(examples_store, target, outcome)
    assert outcome.kills >= 1
    assert outcome.ok, outcome.problems
    assert outcome.records_lost == outcome.duplicates == 0


def test_a_killed_reanalysis_loses_nothing_and_duplicates_nothing(
        fmprc_dir: Path, tmp_path: Path) -> None:
    """``ingest --reanalyze`` under edited knowledge, SIGKILLed at random points and re-run,
    ends with the store a fresh ingest under that knowledge gives: every document read
    again once, its records replaced, none lost, none twice."""
    import random
    import shutil

    files = killtest.corpus_slice(fmprc_dir, 4)
    knowledge = edited_knowledge(tmp_path / "knowledge")
    new = analyzer_at(knowledge)
    baseline, target = tmp_path / "baseline.db", tmp_path / "target.db"
    with Store(baseline) as store:
        ingest(files, store, analyzer=new)
    with Store(target) as store:
        ingest(files, store)  # the package's knowledge: every document stale for ``new``
    command = killtest.cli("ingest", "--reanalyze", "--knowledge", str(knowledge),
                           "--batch-size", "1", "--db", str(target))
    timed = tmp_path / "timed.db"
    shutil.copy(target, timed)
    started = time.monotonic()
    subprocess.run([*command[:-1], str(timed)], env=killtest._env(), check=True,
                   capture_output=True)
    whole = time.monotonic() - started
    stale = tmp_path / "stale.db"
    shutil.copy(target, stale)
    rng = random.Random(5)
    outcome = killtest.Outcome(inputs=len(files))
    share = 0.95  # of the timed run: past the model load, into the batches
    for _ in range(8):  # two kills; a run that outpaced its timer starts again, sooner
        process = subprocess.Popen(command, env=killtest._env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.6, 1.0) * share * whole)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            outcome.kills += 1
        else:  # finished: back to the stale store (its WAL files too) for another try
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copy(stale, target)
            share *= 0.7
        process.wait()
        outcome.processes_left += len(killtest._wait_gone(process.pid, timeout=5))
        if outcome.kills >= 2:
            break
    final = subprocess.run(command, env=killtest._env(), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    killtest._compare(baseline, target, outcome)
    assert outcome.kills >= 1
    assert outcome.problems == []
    assert (outcome.records_lost, outcome.duplicates, outcome.processes_left) == (0, 0, 0)
    with Store(target) as store:
        assert store.stale_documents(str(new.stamp)) == []
