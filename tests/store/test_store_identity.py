"""Foreign files: a store says what it is; anything else is refused untouched; read-only
commands open read-only and never migrate; ``demo`` only recreates its own store."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from builders import ARTICLE_EN, cli_app, plain_article
from porteparole.errors import StoreError
from porteparole.store import Store
from porteparole.store.identity import APPLICATION_ID
from porteparole.store.schema import MIGRATIONS, SCHEMA_VERSION

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 20)")
    conn.commit()
    conn.close()
    return path


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def test_a_new_store_carries_the_application_id_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    conn.close()


@pytest.mark.parametrize("readonly", [False, True])
def test_an_unrelated_sqlite_file_is_refused_and_left_untouched(
        tmp_path: Path, readonly: bool) -> None:
    path = _foreign_db(tmp_path / "recipes.db")
    before = _digest(path)
    with pytest.raises(StoreError, match="tables: recipes.*not a porteparole store"):
        Store(path, readonly=readonly)
    assert _digest(path) == before
    assert _tables(path) == {"recipes"}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_file_of_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another application"):
        Store(path)


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes, not a database\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(path)
    assert path.read_text(encoding="utf-8").startswith("my notes")
    assert not Path(f"{path}-wal").exists()


def test_a_store_from_before_the_stamp_is_recognised_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.write_batch([plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 0")
    conn.execute("DELETE FROM migrations WHERE name = '0007_cjk_search'")
    conn.execute("DROP TABLE cjk_fts")
    conn.execute("DROP TRIGGER cjk_fts_delete")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="predates this porteparole.*0007_cjk_search"):
        Store(path, readonly=True)  # a read-only open never migrates
    with Store(path) as store:
        assert store.migrations()[-1] == "0007_cjk_search"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_store_whose_creation_was_killed_before_its_first_migration_opens(
        tmp_path: Path) -> None:
    """A creation killed after the ``migrations`` table but before the first migration
    committed (what older porteparole could leave) is finished on the next open; a lone
    migrations table that holds rows porteparole never wrote is still refused."""
    path = tmp_path / "half.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO migrations VALUES ('create_users', '2020-01-01')")
    conn.commit()
    conn.close()
    before = _digest(other)
    with pytest.raises(StoreError, match="something else"):
        Store(other)
    assert _digest(other) == before


def test_the_first_table_and_the_header_mark_are_written_together(tmp_path: Path) -> None:
    """A file holding porteparole's ``migrations`` table always carries the mark: the two
    are one transaction, so no kill can leave one without the other."""
    from porteparole.store.schema import _begin_store

    path = tmp_path / "fresh.db"
    conn = sqlite3.connect(path, isolation_level=None)
    _begin_store(conn)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")} == {"migrations"}
    conn.close()


def test_a_readonly_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    article = plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")
    with Store(path) as store:
        store.write_batch([article])
    path.chmod(0o444)
    try:
        with Store(path, readonly=True) as store:
            assert store.has_document(article.document.id)
            with pytest.raises(StoreError, match="read-only"):
                store.write_batch([article])
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("command", [
    ["report"], ["search", "sanctions"], ["rejected"], ["show", "0"],
])
def test_read_only_commands_refuse_a_foreign_file_without_touching_it(
        app, tmp_path: Path, command: list[str]) -> None:
    path = _foreign_db(tmp_path / "f.db")
    before = _digest(path)
    result = runner.invoke(app, [*command, "--db", str(path)])
    assert result.exit_code == 2
    assert "not a porteparole store" in result.stderr and "Traceback" not in result.output
    assert _digest(path) == before and _tables(path) == {"recipes"}


def test_read_only_commands_do_not_write_to_the_store(app, tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.write_batch([plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    before = _digest(path)
    for command in (["report"], ["search", "sanctions"], ["rejected"]):
        result = runner.invoke(app, [*command, "--db", str(path)])
        assert result.exit_code == 0, result.output
    assert _digest(path) == before


def test_demo_refuses_a_store_it_did_not_create(app, tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    with Store(path) as store:
        store.write_batch([plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "e.txt")])
    result = runner.invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 2 and "did not create" in result.stderr
    with Store(path, readonly=True) as store:
        assert store.rows("SELECT count(*) FROM documents")[0][0] == 1


def test_demo_refuses_a_foreign_sqlite_file(app, tmp_path: Path) -> None:
    path = _foreign_db(tmp_path / "f.db")
    before = _digest(path)
    result = runner.invoke(app, ["demo", "--db", str(path)])
    assert result.exit_code == 2 and "not a porteparole store" in result.stderr
    assert _digest(path) == before
