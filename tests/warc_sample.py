"""A WARC crawl written for the tests with warcio, shared by the WARC reader's tests and the
Spark job's (each test module imports it from ``tests/``, on pytest's ``pythonpath``)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = """<!DOCTYPE html><html><head><title>Regular briefing</title></head><body>
<article><h1>Spokesperson's remarks on the maritime talks</h1>
<p>The spokesperson said on Tuesday that China and Vietnam will hold a new round of talks
on the code of conduct in the South China Sea next month.</p>
<p>Both sides agreed to keep the hotline open, the spokesperson added.</p>
</article></body></html>"""
REQUEST = b"GET /briefing HTTP/1.1\r\nHost: example.org\r\n\r\n"
NOTE = ("Communiqué. La France et l'Allemagne ont signé mercredi un accord sur la "
        "coopération spatiale, a annoncé le ministère des Affaires étrangères.")


def warc_bytes(*, gzipped: bool = True) -> bytes:
    """A small crawl: a request, an HTML page, an image, a 404 and a text note, in that
    order (the reader keeps the page and the note)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)

    def response(uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-12T08:30:00Z"})
        writer.write_record(record)

    writer.write_record(writer.create_warc_record(
        "https://example.org/briefing", "request", payload=io.BytesIO(REQUEST),
        length=len(REQUEST)))
    response("https://example.org/briefing", PAGE.encode(), "text/html; charset=utf-8")
    response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    response("https://example.org/missing", b"<html>gone</html>", "text/html", "404 Not Found")
    response("https://example.fr/communique.txt", NOTE.encode(), "text/plain; charset=utf-8")
    return buffer.getvalue()
