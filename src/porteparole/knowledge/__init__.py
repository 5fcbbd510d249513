"""The package's knowledge files, and the one way every module reads them.

Knowledge is data (``docs/knowledge-format.md``): YAML files that carry ``version: 1`` and
one-item-a-line text files with ``#`` comments. Each module that uses a file validates its
own content; how a file is found, read, parsed and version-checked lives here, so that every
unreadable file, invalid YAML or wrong version fails the same way: a ``KnowledgeError``
naming the file and what is wrong with it.

A file of the package is named for users relative to the package (``knowledge/events/fr.yaml``);
a file the caller gave by path keeps that path.

Which knowledge directory is read is an input, not a constant: ``using(root)`` makes every
loader read ``root`` instead of the package's own directory for the code it wraps (a context
variable, so threads and async tasks each see their own). Loaders that keep what they read
cache it per directory (``per_root``), so two directories never share a lexicon. The frozen
bundle of everything loaded from one directory is ``porteparole.knowledge.bundle.Knowledge``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import yaml

from porteparole.errors import KnowledgeError

__all__ = [
    "check_version", "knowledge_files", "knowledge_path", "knowledge_root", "package_root",
    "per_root", "read_lines", "read_list", "read_yaml", "using",
]

Source = Traversable | Path
P = ParamSpec("P")
R = TypeVar("R")

_ROOT: ContextVar[Traversable | None] = ContextVar("porteparole_knowledge_root", default=None)


def package_root() -> Traversable:
    """The package's own knowledge directory."""
    return resources.files(__name__)


def knowledge_root() -> Traversable:
    """The knowledge directory loaders read now: the one ``using`` set, else the package's."""
    return _ROOT.get() or package_root()


@contextlib.contextmanager
def using(root: Traversable | Path | None) -> Iterator[None]:
    """Read knowledge from ``root`` (None: the package's) for the code inside the block."""
    token = _ROOT.set(Path(root) if isinstance(root, str) else root)
    try:
        yield
    finally:
        _ROOT.reset(token)


def per_root(loader: Callable[P, R]) -> Callable[P, R]:
    """Cache a loader's result per knowledge directory and arguments.

    ``functools.cache`` would keep the first directory's lexicon for every later one; this
    keys the cache on the directory ``knowledge_root`` names as well.
    """
    cached: dict[tuple[Any, ...], R] = {}

    @functools.wraps(loader)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (str(knowledge_root()), args, tuple(sorted(kwargs.items())))
        if key not in cached:
            cached[key] = loader(*args, **kwargs)
        return cached[key]

    return wrapper


def knowledge_path(*parts: str) -> Traversable:
    """A file or folder of the knowledge read now: ``knowledge_path("events", "fr.yaml")``."""
    return knowledge_root().joinpath(*parts)


def knowledge_files(folder: str, suffix: str) -> tuple[Traversable, ...]:
    """The files of a knowledge folder ending in ``suffix``, sorted by name.

    Sorted so that merging every language's file gives the same result on every system.
    """
    found = (f for f in knowledge_path(folder).iterdir() if f.name.endswith(suffix))
    return tuple(sorted(found, key=lambda f: f.name))


def read_yaml(
    *parts: str,
    path: Source | str | None = None,
    version: int | None = 1,
    loader: Any = None,
) -> tuple[str, Any]:
    """The display name and parsed content of a YAML knowledge file.

    The file is ``knowledge/<parts>`` of the package, or ``path`` when given. With ``version``
    the content must be a mapping with that ``version:``; ``None`` leaves the shape to the
    caller. ``loader`` replaces the safe loader (it must be safe too). Raises
    ``KnowledgeError`` naming the file when it cannot be read, is not valid YAML or has the
    wrong version.
    """
    name, source = _locate(parts, path)
    text = _read_text(name, source)
    try:
        data = yaml.safe_load(text) if loader is None else yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{name}: not valid YAML ({error})") from error
    if version is not None:
        check_version(name, data, version)
    return name, data


def check_version(name: str, data: Any, version: int) -> None:
    """Refuse content that is not a mapping declaring ``version: <version>``."""
    if not isinstance(data, dict):
        raise KnowledgeError(
            f"{name}: expected a mapping with 'version: {version}' at the top level, "
            f"found {type(data).__name__}")
    if data.get("version") != version:
        found = f"version {data['version']!r}" if "version" in data else "no version"
        raise KnowledgeError(f"{name}: expected 'version: {version}', found {found}")


def read_lines(
    *parts: str, path: Source | str | None = None, inline_comments: bool = True
) -> tuple[str, list[tuple[int, str]]]:
    """The display name and numbered content lines of a one-item-a-line text file.

    Lines are stripped; blank lines and comments are dropped; numbers count from 1 so that a
    caller's error can point at the line. A comment starts at ``#``, or only at a ``#`` that
    begins the line when ``inline_comments`` is false (regular expressions may hold ``#``).
    A missing file gives no lines: such files are optional (a language without titles).
    """
    name, source = _locate(parts, path)
    if not source.is_file():
        return name, []
    lines = []
    for number, raw in enumerate(_read_text(name, source).splitlines(), start=1):
        line = (raw.split("#", 1)[0] if inline_comments else raw).strip()
        if line and not line.startswith("#"):
            lines.append((number, line))
    return name, lines


def read_list(*parts: str, path: Source | str | None = None) -> list[str]:
    """The items of a one-item-a-line file with ``#`` comments; [] when the file is missing."""
    return [line for _, line in read_lines(*parts, path=path)[1]]


def _locate(parts: tuple[str, ...], path: Source | str | None) -> tuple[str, Source]:
    if path is not None:
        source = Path(path) if isinstance(path, str) else path
        return str(source), source
    root = _ROOT.get()
    if root is not None and str(root) != str(package_root()):  # a directory of the user's
        return str(root.joinpath(*parts)), root.joinpath(*parts)
    return "/".join(("knowledge", *parts)), knowledge_path(*parts)


def _read_text(name: str, source: Source) -> str:
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeError(f"{name}: cannot be read ({error})") from error
