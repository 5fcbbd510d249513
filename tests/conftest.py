"""Shared fixtures: the real corpora beside the project, skipped cleanly when absent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    """The French model as the stages see it (``nlp.load_model``), loaded once per run."""
    from porteparole.nlp import load_model

    return load_model("fr")


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    """The English model as the stages see it (``nlp.load_model``), loaded once per run."""
    from porteparole.nlp import load_model

    return load_model("en")


def _existing(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real French seed documents (../shared/corpus/seeds)."""
    return _existing(SHARED / "corpus" / "seeds")


@pytest.fixture(scope="session")
def seeds_gold_dir() -> Path:
    """Gold annotations of the seeds (../shared/eval/seeds)."""
    return _existing(SHARED / "eval" / "seeds")


@pytest.fixture(scope="session")
def fmprc_dir() -> Path:
    """503 raw HTML pages of the Foreign Ministry's English site (../shared/corpus/fmprc-en)."""
    return _existing(SHARED / "corpus" / "fmprc-en")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The project's own sample corpus."""
    return _existing(EXAMPLES)


@pytest.fixture(scope="session")
def examples_store(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the sample corpus, built once per session; tests that write copy it
    (``store_copy``) so that every test reads the same records."""
    from porteparole.ingest import ingest
    from porteparole.store import Store

    path = tmp_path_factory.mktemp("examples-store") / "examples.db"
    with Store(path) as store:
        ingest([examples_dir], store)
    return path


@pytest.fixture
def store_copy(examples_store: Path, tmp_path: Path) -> Path:
    """A private copy of ``examples_store`` a test may write to."""
    import shutil

    target = tmp_path / "copy.db"
    for suffix in ("", "-wal"):
        source = Path(str(examples_store) + suffix)
        if source.exists():
            shutil.copy(source, Path(str(target) + suffix))
    return target


@pytest.fixture(scope="session")
def nlp(nlp_fr: Language, nlp_en: Language) -> dict[str, Language]:
    """Both models by language code, for tests that run a sentence in either language."""
    return {"fr": nlp_fr, "en": nlp_en}
