"""Cheap resume: a re-run skips unread the files it read completely before and that have
not changed since; ``--verify`` reads them again; an edited file is read again."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import cli_app, invoke
from porteparole import read, runners
from porteparole.ingest import ingest
from porteparole.records import RawDocument, Rejected
from porteparole.store import Store

TEXTS = {
    "a.txt": "La France et l'Allemagne ont signé un accord sur l'énergie, a annoncé Paris.",
    "b.txt": "Japan and the Philippines agreed to expand coast guard cooperation on Friday.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources ingest opens, in order."""
    opened: list[str] = []
    original = read.read_source

    def counting(source: Path | str, **kwargs: int) -> Iterator[RawDocument | Rejected]:
        opened.append(Path(source).name)
        return original(source, **kwargs)

    monkeypatch.setattr(read, "read_source", counting)
    return opened


def test_a_rerun_does_not_read_unchanged_files(corpus: Path, tmp_path: Path,
                                               reads: list[str]) -> None:
    with Store(tmp_path / "r.db") as store:
        first = ingest([corpus], store)
        assert (first.new, first.skipped_sources) == (2, 0)
        assert reads == ["a.txt", "b.txt"]
        reads.clear()
        again = ingest([corpus], store)
    assert reads == []
    assert (again.sources, again.new, again.unchanged, again.skipped_sources) == (2, 0, 0, 2)


def test_an_unreadable_file_after_the_first_run_is_still_skipped(corpus: Path,
                                                                 tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as store:
        ingest([corpus], store)
        size = (corpus / "a.txt").stat()
        (corpus / "a.txt").write_bytes(b"\xff\xfe" * 10)  # unreadable as a document now...
        os.utime(corpus / "a.txt", ns=(size.st_atime_ns, size.st_mtime_ns))
        os.truncate(corpus / "a.txt", size.st_size)  # ...with the same size and mtime
        os.utime(corpus / "a.txt", ns=(size.st_atime_ns, size.st_mtime_ns))
        again = ingest([corpus], store)
        assert (again.skipped_sources, again.rejected_count) == (2, 0)
        verified = ingest([corpus], store, verify=True)
    assert verified.skipped_sources == 0 and verified.unchanged == 1
    assert verified.rejected_count == 1


def test_verify_reads_everything_again(corpus: Path, tmp_path: Path, reads: list[str]) -> None:
    with Store(tmp_path / "r.db") as store:
        ingest([corpus], store)
        reads.clear()
        verified = ingest([corpus], store, verify=True)
    assert reads == ["a.txt", "b.txt"]
    assert (verified.unchanged, verified.skipped_sources) == (2, 0)


def test_an_edited_file_is_read_again(corpus: Path, tmp_path: Path, reads: list[str]) -> None:
    with Store(tmp_path / "r.db") as store:
        ingest([corpus], store)
        reads.clear()
        (corpus / "b.txt").write_text(TEXTS["b.txt"] + " Manila welcomed the deal.",
                                      encoding="utf-8")
        again = ingest([corpus], store)
    assert reads == ["b.txt"]
    assert (again.new, again.skipped_sources) == (1, 1)


def test_a_source_is_recorded_only_once_its_documents_are_committed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run killed while a batch is analysed leaves its sources unrecorded."""

    def killed(prepared: list[object]) -> list[object]:
        raise KeyboardInterrupt

    with Store(tmp_path / "r.db") as store:
        monkeypatch.setattr(runners.SerialRunner, "submit",
                            lambda self, batch: killed(batch))
        with pytest.raises(KeyboardInterrupt):
            ingest([corpus], store, batch_size=1)
        monkeypatch.undo()
        assert store.rows("SELECT count(*) FROM sources_read")[0][0] == 0
        resumed = ingest([corpus], store)
    assert (resumed.new, resumed.skipped_sources) == (2, 0)


def test_the_command_says_what_it_skipped(corpus: Path, tmp_path: Path) -> None:
    app, db = cli_app(), tmp_path / "c.db"
    invoke(app, db, "ingest", str(corpus), columns=120)
    result = invoke(app, db, "ingest", str(corpus), columns=120)
    assert result.exit_code == 0, result.output
    assert "skipped unread: 2 sources" in result.output
    verified = invoke(app, db, "ingest", str(corpus), "--verify", columns=120)
    assert "unchanged: 2" in verified.output and "skipped unread" not in verified.output
