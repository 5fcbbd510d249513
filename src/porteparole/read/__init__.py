"""Reading: sources (files, directories, standard input) and formats to ``RawDocument``.

    discover(paths)        the sources a user names, directories expanded, checked up front
    read_source(source)    the documents of one source (JSON Lines: one per line)
    read_paths(paths)      both

Formats come from the extension (``.txt .text .md`` text, ``.html .htm .shtml .xhtml``
HTML, ``.jsonl .ndjson`` JSON Lines, ``.json`` JSON, ``.warc .warc.gz`` web archives) and,
for other names and standard input, from the first bytes. Bad input never raises: it is
yielded as a ``records.Rejected`` with a code from ``errors.REJECTION_REASONS``, a sentence
saying what is wrong and where, and the SHA-256 prefix of the bytes. Only a path that does
not exist raises ``InputError``, in ``discover``, before anything is read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from porteparole.read.decode import SNIFF_BYTES, content_hash
from porteparole.read.html import read_html
from porteparole.read.jsonl import read_json, read_jsonl
from porteparole.read.sources import (
    SKIP_REASONS,
    Skipped,
    Survey,
    discover,
    format_for,
    open_source,
    replay,
    size_of,
    sniff_format,
    source_name,
    survey,
)
from porteparole.read.text import read_text
from porteparole.read.warc import read_warc
from porteparole.records import Origin, RawDocument, Rejected

__all__ = ["DEFAULT_MAX_BYTES", "SKIP_REASONS", "Skipped", "Survey", "discover", "read_bytes",
           "read_paths", "read_source", "survey"]

DEFAULT_MAX_BYTES = 20_000_000
# Formats read record by record: ``max_bytes`` bounds each record, not the whole file.
_STREAMED = (None, "jsonl", "warc")


def read_paths(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejected]:
    """Every document of every source the paths name (see ``discover``)."""
    for source in discover(paths):
        yield from read_source(source, max_bytes=max_bytes)


def read_source(
    source: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejected]:
    """The documents of one source, or the reasons it has none; never raises on bad input."""
    name = source_name(source)
    declared = format_for(source)
    size = size_of(source)
    if size is not None and size > max_bytes and declared not in _STREAMED:
        yield _too_large(Origin(name, declared), size, max_bytes)
        return
    try:
        stream = open_source(source)
    except OSError as error:
        yield Rejected(Origin(name, declared or "unknown"), "unreadable", _os_detail(error))
        return
    try:
        yield from _read_stream(stream, name, declared, max_bytes, size)
    except OSError as error:
        yield Rejected(Origin(name, declared or "unknown"), "unreadable", _os_detail(error))
    finally:
        if str(source) != "-":
            stream.close()


def read_bytes(
    data: bytes, name: str, format: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejected]:
    """The documents of bytes already in memory (a Spark ``binaryFile`` row, an upload),
    read exactly as a file of that name would be; ``format`` overrides the extension."""
    declared = format or format_for(name)
    yield from _read_stream(io.BytesIO(data), name, declared, max_bytes, len(data))


def _read_stream(
    stream: BinaryIO, name: str, declared: str | None, max_bytes: int, size: int | None
) -> Iterator[RawDocument | Rejected]:
    """Sniff the head, then stream JSON Lines or read one document of at most max_bytes."""
    head = stream.read(SNIFF_BYTES)
    fmt = declared or sniff_format(head)
    if fmt == "jsonl":
        yield from read_jsonl(replay(head, stream), name, max_bytes)
        return
    if fmt == "warc":
        yield from read_warc(replay(head, stream), name, max_bytes)
        return
    origin = Origin(name, fmt)
    if size is not None and size > max_bytes:
        yield _too_large(origin, size, max_bytes)
        return
    data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        yield _too_large(origin, None, max_bytes)
    elif not data.strip():
        detail = "the file is empty" if not data else "the input holds only white space"
        yield Rejected(origin, "empty", detail, content_hash(data))
    elif fmt == "json":
        yield from read_json(data, name)
    elif fmt == "html":
        yield read_html(data, origin)
    else:
        yield read_text(data, origin)


def _too_large(origin: Origin, size: int | None, max_bytes: int) -> Rejected:
    what = f"{size} bytes" if size is not None else "the input"
    return Rejected(origin, "too_large", f"{what} is more than the maximum of {max_bytes} bytes")


def _os_detail(error: OSError) -> str:
    return error.strerror or str(error)
