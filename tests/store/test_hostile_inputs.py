"""Junk and silence, search abuse, and the Python API's arguments: each has a clear
outcome with a reason, never a hang, a misfiled document or a raw TypeError."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from builders import ARTICLE_EN, cli_app, plain_article
from porteparole import query
from porteparole.errors import InputError, QueryError
from porteparole.ingest import ingest
from porteparole.pipeline import analyze
from porteparole.read import read_paths, survey
from porteparole.store import Store

APACHE_STUB = (b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
               b"<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n"
               b'<p>The document has moved <a href="https://example.org/new/page.html">here'
               b"</a>.</p>\n</body></html>\n")
IIS_STUB = (b"<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>"
            b'This document may be found <a HREF="https://example.org/x">here</a></body>')
ENGLISH = ("The foreign minister said on Monday that the talks on trade would resume next "
           "month. She added that both sides had moved closer to an agreement.\n")


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app()


# -- junk and silence -------------------------------------------------------------------


@pytest.mark.parametrize("stub", [APACHE_STUB, IIS_STUB])
def test_a_moved_stub_is_rejected_with_its_target(tmp_path: Path, stub: bytes) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(stub)
    [item] = list(read_paths([page]))
    assert item.reason == "moved_stub" and "example.org" in item.detail  # type: ignore[union-attr]


def test_a_real_page_saying_moved_is_a_document(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    [item] = list(read_paths([page]))
    assert getattr(item, "reason", None) is None


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / "empty").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "locked" / "x.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "style.css").write_text("body {}", encoding="utf-8")
    (root / "README.md").write_text("notes", encoding="utf-8")
    (root / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (root / "dead").symlink_to(root / "nowhere")
    os.mkfifo(root / "pipe.txt")  # a named pipe: opening it for reading would block
    (root / "moved.html").write_bytes(APACHE_STUB)
    return root


def _unlisted(folder: Path):  # noqa: ANN202 - a context manager of the test's own
    import contextlib

    @contextlib.contextmanager
    def manager():  # noqa: ANN202
        real = os.scandir

        def scandir(path):  # noqa: ANN001, ANN202
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied")
            return real(path)

        os.scandir = scandir  # root ignores chmod, so the refusal is simulated
        try:
            yield
        finally:
            os.scandir = real

    return manager()


def test_every_path_of_a_directory_is_accounted_for(messy: Path, tmp_path: Path) -> None:
    with _unlisted(messy / "locked"):
        found = survey([messy])
        with Store(tmp_path / "s.db") as store:
            started = time.monotonic()
            result = ingest([messy], store)
    assert time.monotonic() - started < 60  # the FIFO was never opened
    skipped = {Path(s.source).name: s.reason for s in found.skipped}
    assert skipped == {"empty": "empty_directory", "logo.png": "extension",
                       "style.css": "extension", "README.md": "corpus_note",
                       ".hidden.txt": "hidden", "dead": "broken_link",
                       "pipe.txt": "special_file"}
    assert [Path(s).name for s in found.sources] == ["a.txt", "moved.html"]
    assert len(result.skipped) == 7 and result.new == 1
    reasons = {Path(r.origin.source).name: r.reason for r in result.rejected}
    assert reasons == {"locked": "unreadable", "moved.html": "moved_stub"}
    # read + skipped + rejected = every entry the walk met
    assert result.new + len(result.skipped) + result.rejected_count == 10


def test_the_ingest_summary_counts_skipped_paths(app: typer.Typer, messy: Path,
                                                 tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(messy), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    out = result.stdout.replace("\n", "")
    assert "new: 1" in out and "skipped: 7" in out
    assert "1 special_file" in out and "1 empty_directory" in out


def test_an_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    found = survey([tmp_path / "nothing"])
    assert found.sources == [] and [s.reason for s in found.skipped] == ["empty_directory"]


# -- search abuse -----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201
    with Store(tmp_path / "q.db") as opened:
        opened.write_batch([plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")])
        yield opened


def test_a_word_repeated_a_thousand_times_is_one_term_and_fast(store: Store) -> None:
    word = ARTICLE_EN.split()[3].strip(".,")
    started = time.monotonic()
    hits = query.search(store, " ".join([word] * 150))
    assert time.monotonic() - started < 2
    assert hits == query.search(store, word)
    with pytest.raises(QueryError, match="characters long; the limit is 1,000"):
        query.search(store, " ".join([word] * 1000))


def test_too_many_terms_are_refused(store: Store) -> None:
    with pytest.raises(QueryError, match="33 different terms; the limit is 32"):
        query.search(store, " ".join(f"w{i}" for i in range(33)))


@pytest.mark.parametrize("user", ["text:foo", "title:sanctions", "bar -text:foo"])
def test_column_filters_are_refused(store: Store, user: str) -> None:
    with pytest.raises(QueryError, match="column filters .* are not supported"):
        query.search(store, user)


def test_a_quoted_column_filter_searches_the_words(store: Store) -> None:
    assert query.to_fts('"text:foo"') == '("text:foo")'


def test_a_query_starting_with_an_exclusion_works_on_the_command_line(
        app: typer.Typer, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as opened:
        opened.write_batch([plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")])
    word = ARTICLE_EN.split()[3].strip(".,")
    result = CliRunner().invoke(app, ["search", "-nonexistentword", word, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "no match" not in result.stdout
    alone = CliRunner().invoke(app, ["search", "-nonexistentword", "--db", str(db)])
    assert alone.exit_code == 2 and "exclusions alone are not a search" in alone.stderr


# -- the Python API ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "message"), [
    (None, "not NoneType"), (42, "not int"), (b"Le ministre a dit.", "not bytes"),
    (["a"], "not list"),
])
def test_analyze_refuses_what_is_not_text(source: object, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        analyze(source)  # type: ignore[arg-type]
    assert caught.value.code == "PP100"


@pytest.mark.parametrize(("options", "message"), [
    ({"date": "not a date"}, "date must be a date as YYYY-MM-DD"),
    ({"date": "2024-02-30"}, "date must be a date"),
    ({"date": 20240101}, "date must be a string"),
    ({"language": "klingon"}, "language must be an ISO 639 code"),
    ({"title": 5}, "title must be a string"),
])
def test_analyze_refuses_bad_metadata(options: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        analyze(ENGLISH, **options)  # type: ignore[arg-type]
