"""SIGTERM and Ctrl-C: noted, not fatal; the ingest stops after the batch in flight and
says so; a second Ctrl-C stops at once. Workers never outlive their parent."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from porteparole.cli.signals import stop_requests
from porteparole.ingest import ingest
from porteparole.store import Store
from porteparole.workers import _death_signal

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_is_noted_and_the_handlers_restored(sig: signal.Signals) -> None:
    before = signal.getsignal(sig)
    with stop_requests() as stop:
        os.kill(os.getpid(), sig)
        assert stop.requested() and stop.signal_name == sig.name
        assert stop.exit_code == 128 + sig
    assert signal.getsignal(sig) == before


def test_a_second_ctrl_c_stops_at_once() -> None:
    with pytest.raises(KeyboardInterrupt), stop_requests():
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)


def test_ingest_stops_between_sources_and_says_how_far_it_got(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(
            f"Document {i}. The minister met the ambassador on Monday to discuss trade.",
            encoding="utf-8")
    asked = iter([False, True])
    with Store(tmp_path / "s.db") as store:
        report = ingest([folder], store, should_stop=lambda: next(asked, True))
        assert report.interrupted and report.sources_read == 1 and report.new == 1
        again = ingest([folder], store)  # a re-run continues, the source read is not reread
        assert (again.new, again.skipped_sources, again.interrupted) == (2, 1, False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_death_signal_can_be_set_on_linux() -> None:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        assert pool.apply(_death_signal) is True
