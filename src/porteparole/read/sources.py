"""Where inputs come from: the paths a user names, directory walks, standard input, formats.

Acquisition is kept apart from extraction: this module finds sources, opens them as byte
streams and decides their format; ``text``, ``html`` and ``jsonl`` turn bytes into documents.

Directory walks (``discover``) are recursive and sorted, and take only files that look like
documents: the reader extensions below, files without an extension (sniffed), and a few
formats we cannot read but want reported (PDF, Word) so that they are rejected visibly
rather than skipped silently. They skip hidden files and folders, Markdown, and a corpus'
own notes (``README``, ``MANIFEST``, ``LICENSE``...), which describe a collection rather
than belong to it. A file named explicitly is always read, whatever its name.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from porteparole.errors import InputError

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


def discover(paths: Sequence[str | Path]) -> list[Path | str]:
    """The sources to read, in order: files as given, directories expanded, ``"-"`` for stdin.

    Every path is checked before anything is read, so that a typo fails at once with
    ``InputError`` instead of after an hour of ingest. Duplicates are read once.
    """
    found: list[Path | str] = []
    for given in paths:
        if str(given) == STDIN:
            found.append(STDIN)
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"no such file or directory: {str(given)!r}")
        found.extend(_walk(path) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if _is_document_file(path):
                yield path


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
