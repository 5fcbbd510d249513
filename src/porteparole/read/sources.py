"""Where inputs come from: the paths a user names, directory walks, standard input, formats.

Acquisition is kept apart from extraction: this module finds sources, opens them as byte
streams and decides their format; ``text``, ``html`` and ``jsonl`` turn bytes into documents.

Directory walks (``discover``) are recursive and sorted, and take only files that look like
documents: the reader extensions below, files without an extension (sniffed), and a few
formats we cannot read but want reported (PDF, Word) so that they are rejected visibly.
They skip hidden files and folders, Markdown, other extensions, a corpus' own notes
(``README``, ``MANIFEST``, ``LICENSE``...), which describe a collection rather than belong
to it, and anything that is not a regular file (a named pipe would block the read forever)
— never silently: ``survey`` lists each with its reason, and a folder that cannot be listed
is a ``Rejected``. A file named explicitly is always read, whatever its name.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from porteparole.errors import InputError
from porteparole.records import Origin, Rejected

STDIN = "-"
STDIN_NAME = "<stdin>"

FORMAT_BY_EXTENSION: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".warc": "warc",
}
_WALK_EXTENSIONS = (set(FORMAT_BY_EXTENSION) - {".md"}) | {".pdf", ".doc", ".docx", ".odt"}
_CORPUS_NOTES = {"readme", "manifest", "license", "licence", "copying", "changelog", "notice"}
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section"
    rb"|main|h[1-6]|table|span|a|br|\?xml)[\s>/]",
    re.I | re.S,
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path a directory walk met and did not read, with the reason (``SKIP_REASONS``)."""

    source: str
    reason: str
    detail: str


SKIP_REASONS: dict[str, str] = {
    "extension": "a file type porteparole does not read",
    "hidden": "a hidden file or folder",
    "corpus_note": "a corpus' own note (README, MANIFEST, LICENSE...)",
    "special_file": "not a regular file (a named pipe, socket or device): never opened",
    "broken_link": "a symbolic link to nothing",
    "empty_directory": "a directory with no file in it",
}


@dataclass(frozen=True, slots=True)
class Survey:
    """What the paths a user named hold: the sources to read, the paths skipped with a
    reason, and the folders that could not be listed (``Rejected`` as unreadable)."""

    sources: list[Path | str]
    skipped: list[Skipped] = field(default_factory=list)
    unreadable: list[Rejected] = field(default_factory=list)


def discover(paths: Sequence[str | Path]) -> list[Path | str]:
    """The sources to read, in order: files as given, directories expanded, ``"-"`` for stdin.

    Every path is checked before anything is read, so that a typo fails at once with
    ``InputError`` instead of after an hour of ingest. Duplicates are read once.
    """
    return survey(paths).sources


def survey(paths: Sequence[str | Path]) -> Survey:
    """``discover``, and an account of everything else the walk met (see ``Survey``).

    A path named explicitly is read whatever it is (a named pipe may be how a user feeds
    a document in); inside a directory only regular files are opened, so that a FIFO
    cannot block the ingest.
    """
    found: list[Path | str] = []
    result = Survey(found)
    for given in paths:
        if str(given) == STDIN:
            found.append(STDIN)
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"no such file or directory: {str(given)!r}")
        if path.is_dir():
            _walk(path, result)
        else:
            found.append(path)
    result.sources[:] = list(dict.fromkeys(found))
    return result


def _walk(root: Path, result: Survey) -> None:
    """Depth-first, sorted, over ``root``; everything met lands in one list of ``result``."""
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        detail = f"the folder could not be listed: {error.strerror or error}"
        result.unreadable.append(Rejected(Origin(str(root), "directory"), "unreadable", detail))
        return
    if not entries:
        result.skipped.append(Skipped(str(root), "empty_directory", "the folder is empty"))
        return
    for entry in entries:
        path = Path(root, entry.name)
        skip = _skip_reason(entry, path)
        if skip is not None:
            result.skipped.append(Skipped(str(path), *skip))
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, result)
        else:
            result.sources.append(path)


def _skip_reason(entry: os.DirEntry[str], path: Path) -> tuple[str, str] | None:
    if entry.name.startswith("."):
        return "hidden", "hidden files and folders are not read"
    if entry.is_dir(follow_symlinks=False):
        return None
    if entry.is_symlink() and not path.exists():
        return "broken_link", "the link points to nothing"
    if entry.is_dir():  # a link to a folder: not followed (it could loop)
        return "special_file", "a link to a folder is not followed"
    if not entry.is_file():
        return "special_file", f"{_file_type(path)}, not a regular file: never opened"
    if path.stem.lower() in _CORPUS_NOTES:
        return "corpus_note", "a note about the corpus, not part of it"
    if not _is_document_file(path):
        return "extension", f"files ending in {path.suffix.lower()} are not read"
    return None


def _file_type(path: Path) -> str:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "an unreadable entry"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def is_document_file(path: Path) -> bool:
    """Whether a directory walk takes this file (the rules of the module docstring)."""
    return _is_document_file(path)


def _is_document_file(path: Path) -> bool:
    if path.name.startswith(".") or path.stem.lower() in _CORPUS_NOTES:
        return False
    return (path.suffix.lower() in _WALK_EXTENSIONS or not path.suffix
            or is_warc_name(path.name))


def source_name(source: Path | str) -> str:
    """How a source is named in ``Origin.source``."""
    return STDIN_NAME if str(source) == STDIN else str(source)


def format_for(source: Path | str) -> str | None:
    """The format a source's extension announces, or None when the content must decide."""
    if str(source) == STDIN:
        return None
    if is_warc_name(Path(source).name):
        return "warc"
    return FORMAT_BY_EXTENSION.get(Path(source).suffix.lower())


def is_warc_name(name: str) -> bool:
    """``.warc`` and ``.warc.gz`` (a crawl's archives, compressed record by record)."""
    return name.lower().endswith((".warc", ".warc.gz"))


def sniff_format(head: bytes) -> str:
    """``html``, ``jsonl``, ``json`` or ``text``, from the first bytes of an input."""
    if head.startswith(b"WARC/"):
        return "warc"
    start = _decoded_start(head)
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        first_line = start.split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") else "json"
    probe = start[:2048].encode("utf-8", "replace")
    return "html" if _HTML_START.match(probe) else "text"


def _decoded_start(head: bytes) -> str:
    from porteparole.read.decode import bom_encoding

    encoding = bom_encoding(head) or "utf-8"
    if encoding.startswith("utf-16"):
        head = head[: len(head) - len(head) % 2]
    return head.decode(encoding, "ignore").lstrip("\ufeff \t\r\n")


def open_source(source: Path | str) -> BinaryIO:
    """A binary stream of the source; raises ``OSError`` the caller reports as unreadable."""
    if str(source) == STDIN:
        return sys.stdin.buffer
    return open(source, "rb")  # noqa: SIM115 - the caller closes it


def size_of(source: Path | str) -> int | None:
    """The size in bytes when it is known before reading (a regular file), else None."""
    if str(source) == STDIN:
        return None
    try:
        return os.stat(source).st_size
    except OSError:
        return None


class _Replay(io.RawIOBase):
    """A stream that serves bytes already read (the sniffed head) before the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def replay(head: bytes, rest: BinaryIO) -> io.BufferedReader:
    """A buffered stream of ``head`` then ``rest``: sniffing must not consume the input."""
    return io.BufferedReader(_Replay(head, rest))
