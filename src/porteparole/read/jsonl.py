"""JSON Lines: one document per line, each a JSON object with a ``text`` string.

Optional fields: ``title``, ``date`` (ISO ``YYYY-MM-DD``, or any date ``dateparser`` reads),
``url`` (kept in ``Origin.url``) and ``language`` (an ISO 639 code the detector trusts). A
record without ``text`` but with an ``html`` string is read as a page. Other fields are
ignored.

A bad line rejects that line only, with its number; the file streams line by line, so
``max_bytes`` bounds each line (each document), not the whole collection. A ``.json`` file
(one object, or an array of objects) is read the same way, its items numbered from 1 in
``Origin.line``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date as Date
from typing import Any, BinaryIO

from porteparole.read.decode import Problem, decode
from porteparole.read.text import rejected
from porteparole.records import Origin, RawDocument, Rejected

_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def read_jsonl(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Every document of a JSON Lines stream; blank lines are skipped, bad ones rejected."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        origin = Origin(source, "jsonl", line=number)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            detail = f"line {number}: longer than the maximum of {max_bytes} bytes"
            yield Rejected(origin, "too_large", detail)
            continue
        if line.strip(b"\xef\xbb\xbf \t\r\n"):
            yield _line_document(line, origin)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _line_document(line: bytes, origin: Origin) -> RawDocument | Rejected:
    where = f"line {origin.line}"
    try:
        text = line.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        problem = Problem("encoding", f"{where}: not valid UTF-8 (byte {error.start})")
        return rejected(origin, problem, line)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        return rejected(origin, Problem("malformed_json", f"{where}: {_json_error(error)}"), line)
    return record_document(value, origin, line, where)


def _json_error(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)


def read_json(data: bytes, source: str) -> Iterator[RawDocument | Rejected]:
    """The documents of a whole JSON file: one object, or an array of objects."""
    origin = Origin(source, "json")
    decoded = decode(data)
    if isinstance(decoded, Problem):
        yield rejected(origin, decoded, data)
        return
    try:
        value = json.loads(decoded.text)
    except (ValueError, RecursionError) as error:
        yield rejected(origin, Problem("malformed_json", _json_error(error)), data)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        item_origin = Origin(source, "json", line=number)
        yield record_document(item, item_origin, data, f"item {number}")


def record_document(
    value: Any, origin: Origin, raw: bytes, where: str
) -> RawDocument | Rejected:
    """The document a decoded JSON record describes, or why it describes none."""
    if not isinstance(value, dict):
        found = type(value).__name__
        return rejected(origin, Problem("malformed_json", f"{where}: not an object ({found})"), raw)
    url = _string(value.get("url"))
    origin = Origin(origin.source, origin.format, origin.line, url)
    text = value.get("text")
    if not isinstance(text, str) and isinstance(value.get("html"), str):
        return _html_record(value["html"], origin, raw)
    if not isinstance(text, str):
        fields = ", ".join(sorted(map(str, value))) or "none"
        detail = f"{where}: no 'text' string (fields: {fields})"
        return rejected(origin, Problem("malformed_json", detail), raw)
    if not text.strip():
        return rejected(origin, Problem("empty", f"{where}: the 'text' field is empty"), raw)
    return RawDocument(
        origin=origin, text=text, title=_string(value.get("title")),
        date=iso_date(value.get("date")), language=_string(value.get("language")),
    )


def _html_record(page: str, origin: Origin, raw: bytes) -> RawDocument | Rejected:
    from porteparole.read.html import html_document

    document = html_document(page, origin, raw)
    if isinstance(document, Rejected):
        return document
    return RawDocument(document.origin, document.text, document.title, document.date)


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` for an ISO date or timestamp, else whatever ``dateparser`` makes of it."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return Date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    import dateparser  # imported lazily: slow to load, and only free-form dates need it

    try:
        parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None
