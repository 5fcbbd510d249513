"""Quotation spans: where the text puts words between quotation marks.

Real text mixes styles (“ … », « … ”), leaves marks unclosed at a paragraph's end, runs a
quote over several paragraphs (each continuation paragraph opening with a mark, the French
and English convention) and uses ’ both as a closing mark and as an apostrophe. This module
reads the characters only: which words a quote belongs to is the parse's job.

Double marks (« » “ ” „ " ‹ ›) are paired with a stack, any closing mark closing the
innermost open one; straight " is paired by position. An opening mark never closed runs to
the end of its paragraph. Single marks (‘ ’ ') are apostrophes too, so they count only
outside double quotes, at a word's edge, and closed within the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_OPEN_CONTEXT = frozenset("([{—–-/")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The content between two quotation marks, in document offsets.

    ``chain`` numbers the quotes of a multi-paragraph quotation alike (a quote alone has a
    chain of its own); ``closed`` says whether a closing mark ended it.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    chain: int

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def outer_end(self) -> int:
        """The offset just after the closing mark (or the content, when unclosed)."""
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True, slots=True)
class MarkSet:
    """The quotation marks of a language, split into double and single (weak) marks."""

    openers: frozenset[str]
    closers: frozenset[str]
    weak_openers: frozenset[str]
    weak_closers: frozenset[str]

    @classmethod
    def of(cls, pairs: tuple[tuple[str, str], ...], weak: frozenset[str]) -> MarkSet:
        strong = [p for p in pairs if p[0] not in weak and p[1] not in weak]
        light = [p for p in pairs if p[0] in weak or p[1] in weak]
        return cls(
            frozenset(o for o, _ in strong), frozenset(c for _, c in strong),
            frozenset(o for o, _ in light), frozenset(c for _, c in light),
        )


def find_quoted_spans(text: str, marks: MarkSet) -> list[QuotedSpan]:
    """Every quoted span of ``text``, in order, with multi-paragraph quotes chained."""
    spans: list[QuotedSpan] = []
    chain = -1
    previous_open = False  # the previous paragraph ended inside a quote
    for start, end in _paragraphs(text):
        found, still_open = _double_spans(text, start, end, marks)
        found += _single_spans(text, start, end, marks, found)
        found.sort()
        for index, (content_start, content_end, open_at, close_at) in enumerate(found):
            continues = index == 0 and previous_open and open_at == _first_char(text, start)
            if not continues:
                chain += 1
            spans.append(QuotedSpan(content_start, content_end, open_at, close_at, chain))
        previous_open = still_open
    return [s for s in spans if s.end > s.start]


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, offset + len(line)
        offset += len(line) + 1


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _double_spans(
    text: str, start: int, end: int, marks: MarkSet
) -> tuple[list[tuple[int, int, int, int | None]], bool]:
    """Spans of the double marks in one paragraph, and whether one is left open."""
    found: list[tuple[int, int, int, int | None]] = []
    stack: list[int] = []
    # Only the marks themselves, found by one regex search, not a test of every character.
    for match in _double_marks(marks.openers | marks.closers).finditer(text, start, end):
        i = match.start()
        char = text[i]
        is_open, is_close = char in marks.openers, char in marks.closers
        if stack and is_close and (not is_open or _closes(text, i, stack[-1])):
            opened = stack.pop()
            if not stack:
                found.append((opened + 1, i, opened, i))
        elif is_open:
            stack.append(i)
    if stack:
        opened = stack[0]
        found.append((opened + 1, _trim_end(text, opened + 1, end), opened, None))
    return [_trimmed(text, f) for f in found], bool(stack)


@lru_cache(maxsize=16)
def _double_marks(marks: frozenset[str]) -> re.Pattern[str]:
    """A pattern of the one-character marks (a longer one never equals a character)."""
    chars = sorted(m for m in marks if len(m) == 1)
    return re.compile(f"[{''.join(re.escape(c) for c in chars)}]" if chars else "(?!)")


def _closes(text: str, i: int, opened: int) -> bool:
    """Whether a mark that both opens and closes (" or “) closes the open quote here."""
    if text[i] == '"' or text[opened] == "„":
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


@lru_cache(maxsize=16)
def _single_marks(marks: MarkSet) -> re.Pattern[str]:
    """A pattern that finds any single quotation mark of ``marks``."""
    chars = "".join(sorted(marks.weak_openers | marks.weak_closers))
    return re.compile(f"[{re.escape(chars)}]") if chars else re.compile(r"(?!)")


def _single_spans(
    text: str, start: int, end: int, marks: MarkSet, double: list[tuple[int, int, int, int | None]]
) -> list[tuple[int, int, int, int | None]]:
    """Single-mark quotes outside double quotes, opened and closed at word edges."""
    inside = [(d[2], d[3] if d[3] is not None else end) for d in double]
    found: list[tuple[int, int, int, int | None]] = []
    opened: int | None = None
    for match in _single_marks(marks).finditer(text, start, end):  # marks only, not every char
        i = match.start()
        if any(a <= i <= b for a, b in inside):
            continue
        char = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        closing = char in marks.weak_closers and not after.isalnum() and not before.isspace()
        if opened is not None and closing:
            found.append(_trimmed(text, (opened + 1, i, opened, i)))
            opened = None
            continue
        at_edge = before.isspace() or before in _OPEN_CONTEXT or i == start
        if char in marks.weak_openers and not before.isalnum() and after.isalnum() and at_edge:
            opened = i
    return found


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _trimmed(text: str, span: tuple[int, int, int, int | None]) -> tuple[int, int, int, int | None]:
    """The content without the white space inside the marks (« … » has inner spaces)."""
    start, end, open_at, close_at = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, open_at, close_at
