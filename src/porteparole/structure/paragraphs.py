"""Paragraphs with their offsets: every non-blank line of the normalized text.

Cleaned text separates paragraphs with a blank line, but text extracted from HTML often
uses a single newline; a line is the unit both share, so a paragraph is one non-blank
line, trimmed. Its offsets point into exactly the text given.
"""

from __future__ import annotations

import re

from porteparole.records import Paragraph

_LINE = re.compile(r"[^\n]+")


def split_paragraphs(text: str, document_id: str) -> tuple[Paragraph, ...]:
    """Every non-blank line of ``text`` as a ``Paragraph`` whose span excludes edge spaces."""
    paragraphs: list[Paragraph] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        paragraphs.append(Paragraph(document_id, len(paragraphs), start, start + len(stripped)))
    return tuple(paragraphs)
