"""Bytes to text: binary sniffing and encoding detection, shared by every reader.

A decoding failure is a reading failure, so these functions return a ``Problem`` (a reason
code from ``errors.REJECTION_REASONS`` and a sentence) instead of raising: the reader turns
it into a ``records.Rejected`` with the origin it knows.

Order of trust, most certain first: a byte-order mark; strict UTF-8 (almost never valid by
accident); UTF-16 without a mark when every other byte is NUL; the charset an HTML page
declares; finally ``charset_normalizer``'s best guess, accepted only when it is coherent.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

SNIFF_BYTES = 8192
# Bytes that never occur in text: C0 controls except tab, newlines, form feed, and DEL.
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x0B, 0x7F}
_MAX_CONTROL_RATIO = 0.05
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Formats people drop into a corpus folder by mistake; named so the message says what to do.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document (convert it to text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or an Office document (extract or convert it first)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (convert it to text first)"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
# What browsers actually use for labels that pages declare (WHATWG Encoding Standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
}
_MAX_CHAOS = 0.2  # charset_normalizer's "mess" ratio above which a guess is not text
_WESTERN_PUNCTUATION = set("\u00a0«»‘’‚“”„…–—•€°§©®™·¿¡ªº")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why bytes could not become text: a rejection reason code and a human sentence."""

    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, and the encoding that decoded it (for messages and tests)."""

    text: str
    encoding: str


def content_hash(data: bytes) -> str:
    """The SHA-256 prefix that identifies rejected bytes, so a re-run can recognise them."""
    return hashlib.sha256(data).hexdigest()[:16]


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def sniff_binary(data: bytes) -> Problem | None:
    """A ``binary``/``unsupported`` problem when the bytes are not text in any encoding.

    UTF-16/32 text is full of NUL bytes, so a byte-order mark (or the every-other-byte NUL
    pattern of BOM-less UTF-16) clears the data before the NUL test.
    """
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return Problem("unsupported", f"the input is {what}")
    if bom_encoding(head) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        offset = head.index(b"\x00")
        return Problem("binary", f"NUL byte at offset {offset}: the input is binary data")
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    if head and controls / len(head) > _MAX_CONTROL_RATIO:
        share = 100 * controls / len(head)
        return Problem("binary", f"{share:.0f}% of the first bytes are control characters")
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit at every odd (even) offset, as in ASCII-range text."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, *, html: bool = False) -> Decoded | Problem:
    """Decode bytes to text, trying the encodings in order of trust (see module docstring)."""
    problem = sniff_binary(data)
    if problem:
        return problem
    declared = bom_encoding(data) or _utf16_without_bom(data[:SNIFF_BYTES])
    if declared:
        return _strict(data, declared, bom=True) or Problem(
            "encoding", f"the bytes are not valid {declared} despite its byte-order mark"
        )
    utf8 = _strict(data, "utf-8") or _mostly_utf8(data)
    if utf8:
        return utf8
    meta = _meta_charset(data) if html else None
    return (meta and _strict(data, meta)) or _western(data) or _guess(data)


def _strict(data: bytes, encoding: str, *, bom: bool = False) -> Decoded | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, encoding)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes (a truncated file, a stray Latin-1 byte), decoded with
    U+FFFD for the damage. Valid multi-byte sequences almost never occur by chance in another
    encoding, so many of them and few errors mean the text is UTF-8."""
    text = data.decode("utf-8", "surrogateescape")
    errors = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - errors
    if multibyte and errors <= max(1, multibyte // 50):
        return Decoded(data.decode("utf-8", "replace"), "utf-8 (damaged)")
    return None


def _western(data: bytes) -> Decoded | None:
    """Windows-1252, the usual non-UTF-8 encoding of French and English text, when it gives
    mostly-ASCII words with accented letters and typographic punctuation. Short texts are
    where ``charset_normalizer`` errs (it reads "ministère" as Central European "ministčre")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    if not letters or not foreign or len([c for c in foreign if c.isalpha()]) > 0.3 * len(letters):
        return None
    if all(ch.isalpha() or ch in _WESTERN_PUNCTUATION for ch in foreign):
        return Decoded(text, "cp1252")
    return None


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, as Python names it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _guess(data: bytes) -> Decoded | Problem:
    """charset_normalizer's best guess, or an ``encoding`` problem naming the first bad byte."""
    from charset_normalizer import from_bytes  # imported lazily: rarely needed, slow to load

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.chaos <= _MAX_CHAOS:
        decoded = _strict(data, best.encoding)
        if decoded:
            return decoded
    try:
        data.decode("utf-8")
        position = -1
    except UnicodeDecodeError as error:
        position = error.start
    byte = data[position : position + 1].hex() if position >= 0 else "?"
    return Problem(
        "encoding",
        f"not valid UTF-8 (byte 0x{byte} at offset {position}) and no other encoding fits",
    )
