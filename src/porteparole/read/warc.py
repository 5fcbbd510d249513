"""WARC archives (web crawls): each HTML or plain-text response is one document.

A crawl arrives as ``.warc`` or ``.warc.gz`` files of many records: requests, metadata,
responses, redirects. Only ``response`` (and ``resource``) records with a 200 status and an
HTML or text payload are documents; the others are skipped silently, since they are the
crawl's bookkeeping, not inputs. Each document keeps its WARC-Target-URI as
``Origin.url``, its record number within the archive as ``Origin.line`` and the capture
date (WARC-Date) as the date hint: a page is published before it is captured, so the
capture date supplies the year of a date the text prints without one and is otherwise
flagged approximate, never taken as the document's own date.

warcio streams the archive (gzip member by member), so memory holds one record; a payload
over ``max_bytes`` is rejected without being kept. A truncated or corrupt archive yields
the documents before the fault and then one ``malformed_warc`` rejection: never a crash.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from porteparole.read.html import read_html
from porteparole.read.text import read_text
from porteparole.records import Origin, RawDocument, Rejected

_PAYLOADS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_DOCUMENT_RECORDS = ("response", "resource")


def read_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """The documents of a WARC stream, in archive order; a fault ends it with a rejection."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    watch = _GzipWatch(stream)
    number = 0
    try:
        for record in ArchiveIterator(io.BufferedReader(watch)):
            number += 1
            if not str(record.format).startswith("warc"):
                yield _truncated(source, number, f"not a WARC record ({record.format})")
                return
            item = _record_document(record, source, number, max_bytes)
            record.raw_stream.read()  # what the payload reader left: its length is checked
            if record.raw_stream.limit:
                yield _truncated(source, number, "its last record ends early")
                return
            if item is not None:
                yield item
    except ArchiveLoadFailed as error:
        yield _truncated(source, number + 1, f"not a WARC record: {error}")
        return
    except Exception as error:  # noqa: BLE001 - a third-party parser on hostile input
        yield _truncated(source, number + 1, f"{type(error).__name__}: {error}")
        return
    if not watch.complete:
        yield _truncated(source, number + 1, "its last gzip member ends early")


def _truncated(source: str, number: int, why: str) -> Rejected:
    detail = f"the archive is truncated or malformed at record {number}: {why}"
    return Rejected(Origin(source, "warc", line=number), "malformed_warc", detail[:500])


class _GzipWatch(io.RawIOBase):
    """Passes the archive's bytes through, checking that every gzip member is complete.

    warcio stops quietly at a gzip member cut short (the last records are simply missing),
    so the bytes are also fed to a decompressor whose only job is to see each member's end.
    An uncompressed archive is passed through unchecked (record lengths catch its cuts).
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._gzipped: bool | None = None
        self._member: Any = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        if self._gzipped is None and data:
            self._gzipped = data[:2] == b"\x1f\x8b"
        if self._gzipped:
            self._feed(data)
        buffer[: len(data)] = data
        return len(data)

    def _feed(self, data: bytes) -> None:
        while data:
            if self._member is None:
                self._member = zlib.decompressobj(wbits=31)
            self._member.decompress(data, 1 << 16)
            while self._member.unconsumed_tail and not self._member.eof:
                self._member.decompress(self._member.unconsumed_tail, 1 << 16)
            if self._member.eof:
                data, self._member = self._member.unused_data, None
            else:
                data = b""

    @property
    def complete(self) -> bool:
        return self._member is None


def _record_document(record: Any, source: str, number: int, max_bytes: int
                     ) -> RawDocument | Rejected | None:
    if record.rec_type not in _DOCUMENT_RECORDS:
        return None
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    fmt = _PAYLOADS.get(content_type.split(";")[0].strip().lower())
    if fmt is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    origin = Origin(source, "warc", line=number, url=url)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        detail = f"record {number}: the payload is more than the maximum of {max_bytes} bytes"
        return Rejected(origin, "too_large", detail)
    document = read_html(data, origin) if fmt == "html" else read_text(data, origin)
    if isinstance(document, Rejected):
        return document
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    return RawDocument(
        # The reader may have re-labelled the format ("text" for markup-free HTML): the
        # origin stays the archive's.
        origin=Origin(source, "warc", number, document.origin.url or url),
        text=document.text, title=document.title, date=document.date,
        language=document.language, date_hint=document.date_hint or captured,
    )
