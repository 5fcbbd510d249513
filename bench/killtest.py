"""Crash safety: SIGKILL a real ``porteparole ingest`` at random points, re-run, compare.

    python bench/killtest.py --kills 50                 # the long run (Foreign Ministry pages)
    python bench/killtest.py --kills 10 --files 12      # the size ``make test`` runs

Each round starts the real CLI (``porteparole ingest``) in its own session, waits a random
time (fixed seed), and SIGKILLs the ingest process alone — its workers and the resource
tracker must die by themselves (``workers.tie_to_parent``). After the kills a last run
finishes the ingest. The store is then compared with one built by an uninterrupted ingest
of the same files:

- ``porteparole check``: SQLite integrity, foreign keys, spans, stamps, search indexes;
- the same documents, each once, each with as many records of every kind as in the
  uninterrupted store (records lost or duplicated show as a difference);
- the same rejected inputs and counts in every table;
- no process of any round left running.

The test suite imports ``run`` (tests/store/test_crash_safety.py); as a script it prints the
figures and exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FMPRC = ROOT.parent / "shared" / "corpus" / "fmprc-en"
RECORD_TABLES = ("turns", "paragraphs", "mentions", "quotes", "events", "topics",
                 "mechanism_updates")
ALL_TABLES = ("documents", "document_origins", *RECORD_TABLES, "rejected")


@dataclass
class Outcome:
    """The figures of one kill test."""

    inputs: int
    kills: int = 0
    killed_mid_write: int = 0  # kills after the round had written documents
    processes_left: int = 0
    problems: list[str] = field(default_factory=list)
    documents: int = 0
    records_lost: int = 0
    duplicates: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.processes_left


def cli(*args: str) -> list[str]:
    """The command line of ``porteparole`` from this checkout."""
    return [sys.executable, "-c", "from porteparole.cli import main; main()", *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def session_processes(session: int) -> list[int]:
    """Ids of the live processes of a session (Linux ``/proc``); zombies are not counted."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            found.append(int(entry.name))
    return found


def _wait_gone(session: int, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = session_processes(session)
        if not left:
            return []
        time.sleep(0.1)
    return session_processes(session)


def ingest_args(files: list[Path], db: Path, workers: int, batch_size: int) -> list[str]:
    return cli("ingest", *map(str, files), "--db", str(db), "--workers", str(workers),
               "--batch-size", str(batch_size))


def run(files: list[Path], workdir: Path, *, kills: int, seed: int, workers: int = 1,
        batch_size: int = 2, max_delay: float = 8.0, log=print,  # noqa: ANN001
        baseline_in_process: bool = False, min_delay: float = 0.5,
        baseline_db: Path | None = None) -> Outcome:
    """Kill ``kills`` ingests of ``files`` at random points, finish, compare (module doc).

    ``baseline_in_process`` builds the uninterrupted store with ``ingest.ingest`` in this
    process (the same code, without a second model load: the test suite's choice).
    """
    started = time.monotonic()
    rng = random.Random(seed)
    outcome = Outcome(inputs=len(files))
    baseline, killed = workdir / "baseline.db", workdir / "killed.db"
    if baseline_db is not None:
        baseline = baseline_db
    elif baseline_in_process:
        from porteparole.ingest import ingest
        from porteparole.store import Store

        with Store(baseline) as store:
            ingest(files, store, batch_size=batch_size)
    else:
        subprocess.run(ingest_args(files, baseline, workers, batch_size), env=_env(),
                       check=True, capture_output=True)
    written = 0
    for round_ in range(kills):
        before = written
        delay = rng.uniform(min_delay, max_delay)
        process = subprocess.Popen(ingest_args(files, killed, workers, batch_size), env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            process.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
            os.kill(process.pid, signal.SIGKILL)  # the ingest alone, not its group
            process.wait()
            outcome.kills += 1
        if process.stderr is not None:
            process.stderr.read()  # returns only once every holder of the pipe is gone
            process.stderr.close()
        left = _wait_gone(process.pid, timeout=5.0)
        if left:
            outcome.processes_left += len(left)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
        written = _count(killed, "documents")
        outcome.killed_mid_write += (not finished) and written > before
        log(f"round {round_ + 1}: {'finished' if finished else f'killed after {delay:.1f} s'}"
            f", {written} documents stored, {len(left)} processes left", flush=True)
    subprocess.run(ingest_args(files, killed, workers, batch_size), env=_env(), check=True,
                   capture_output=True)
    _compare(baseline, killed, outcome)
    outcome.seconds = time.monotonic() - started
    return outcome


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0


def _compare(baseline: Path, killed: Path, outcome: Outcome) -> None:
    check = subprocess.run(cli("check", "--db", str(killed)), env=_env(), capture_output=True,
                           text=True)
    if check.returncode != 0:
        outcome.problems.append(f"porteparole check failed:\n{check.stdout}{check.stderr}")
    want, got = _per_document(baseline), _per_document(killed)
    outcome.documents = len(got)
    if set(want) != set(got):
        outcome.problems.append(f"documents differ: {len(set(want) - set(got))} missing, "
                                f"{len(set(got) - set(want))} extra")
    for doc_id in set(want) & set(got):
        for table, (expected, found) in enumerate(zip(want[doc_id], got[doc_id], strict=True)):
            if found < expected:
                outcome.records_lost += expected - found
            elif found > expected:
                outcome.duplicates += found - expected
            if found != expected:
                outcome.problems.append(f"document {doc_id}: {RECORD_TABLES[table]} "
                                        f"{found} != {expected}")
    for table in ALL_TABLES:
        a, b = _count(baseline, table), _count(killed, table)
        if table != "document_origins" and a != b:
            outcome.problems.append(f"{table}: {b} rows after the kills, {a} uninterrupted")
    ids = _ids(killed)
    outcome.duplicates += len(ids) - len(set(ids))


def _per_document(db: Path) -> dict[str, tuple[int, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        counts = {r[0]: [0] * len(RECORD_TABLES) for r in conn.execute("SELECT id FROM documents")}
        for i, table in enumerate(RECORD_TABLES):
            for doc_id, n in conn.execute(
                    f"SELECT document_id, count(*) FROM {table} GROUP BY document_id"):
                counts.setdefault(doc_id, [0] * len(RECORD_TABLES))[i] = n
        return {k: tuple(v) for k, v in counts.items()}
    finally:
        conn.close()


def _ids(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM documents")]
    finally:
        conn.close()


def corpus_slice(corpus: Path, files: int | None) -> list[Path]:
    """``files`` pages spread evenly over the corpus (all of them with None)."""
    pages = sorted(p for p in corpus.iterdir() if p.suffix == ".html")
    if files is None or files >= len(pages):
        return pages
    step = len(pages) / files
    return [pages[int(i * step)] for i in range(files)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--files", type=int, default=None, help="pages (default: all)")
    parser.add_argument("--corpus", type=Path, default=FMPRC)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--max-delay", type=float, default=None,
                        help="latest kill, in seconds (default: scaled to the corpus)")
    parser.add_argument("--min-delay", type=float, default=0.5, help="earliest kill, seconds")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a store an uninterrupted ingest of the same files built")
    args = parser.parse_args()
    files = corpus_slice(args.corpus, args.files)
    max_delay = args.max_delay or max(8.0, len(files) * 0.5)
    with tempfile.TemporaryDirectory(prefix="porteparole-kill-") as tmp:
        outcome = run(files, Path(tmp), kills=args.kills, seed=args.seed, workers=args.workers,
                      batch_size=args.batch_size, max_delay=max_delay,
                      min_delay=args.min_delay, baseline_db=args.baseline)
    print(f"inputs: {outcome.inputs}  kills survived: {outcome.kills} "
          f"({outcome.killed_mid_write} after writing part of the corpus)  documents: "
          f"{outcome.documents}  records lost: {outcome.records_lost}  duplicates: "
          f"{outcome.duplicates}  processes left: {outcome.processes_left}  "
          f"({outcome.seconds:.0f} s)")
    for problem in outcome.problems:
        print("problem:", problem)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
