"""Plain-text documents: decode, check that some text is there, keep it verbatim.

Cleaning (Unicode repair, boilerplate) is the next stage's job, so the reader changes
nothing but the encoding: what it returns is what the file says.
"""

from __future__ import annotations

from porteparole.read.decode import Problem, content_hash, decode
from porteparole.read.stubs import moved_notice
from porteparole.records import Origin, RawDocument, Rejected


def rejected(origin: Origin, problem: Problem, data: bytes | None) -> Rejected:
    """A ``Rejected`` for ``problem``, fingerprinted by the bytes when there are any."""
    digest = content_hash(data) if data is not None else None
    return Rejected(origin, problem.reason, problem.detail, digest)


def read_text(data: bytes, origin: Origin) -> RawDocument | Rejected:
    """One document from the bytes of a text file."""
    decoded = decode(data)
    if isinstance(decoded, Problem):
        return rejected(origin, decoded, data)
    return text_document(decoded.text, origin, data)


def text_document(text: str, origin: Origin, data: bytes) -> RawDocument | Rejected:
    """The document for decoded text, or an ``empty`` rejection when it holds no words."""
    if not any(ch.isalnum() for ch in text):
        detail = "the input is empty" if not text.strip() else "the input holds no words"
        return rejected(origin, Problem("empty", detail), data)
    notice = moved_notice(text)
    if notice is not None:
        return rejected(origin, Problem("moved_stub", notice), data)
    return RawDocument(origin=origin, text=text)
