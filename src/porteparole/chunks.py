"""Long documents in chunks: spaCy's time and memory on one huge text grow faster than
its length (a document at the 1,000,000-character limit took minutes and gigabytes), and
some stages compare every mention with every other. A document longer than
``CHUNK_CHARS`` is cut into pieces at turn or paragraph boundaries, each piece is
analysed as a document of its own, and the pieces' records are shifted back to document
offsets and merged, so that time and memory grow linearly with the length.

What a chunk cannot see is the rest of the document: a surname is resolved to a full name
only when the full name is in the same chunk. Cuts are made at the start of the line of a
turn (so its label stays with it) or, for an article, of a paragraph; only a single unit
longer than a chunk is cut inside, at a line break, else at a space.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from porteparole.records import Analysis

# A press conference is ~30,000 characters: ordinary documents are never cut.
CHUNK_CHARS = 100_000

_SPAN_LISTS = ("mentions", "quotes", "events", "topics", "mechanism_updates")


def cut_points(analysis: Analysis, limit: int) -> list[int]:
    """Where to cut a document's text: ``[0, c1, ..., len(text)]``, each piece <= limit
    unless a single line is longer."""
    text = analysis.document.text
    units = analysis.turns or analysis.paragraphs
    starts = sorted({text.rfind("\n", 0, u.start) + 1 for u in units})
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        here, stop = cuts[-1], cuts[-1] + limit
        inside = [s for s in starts if here < s <= stop]
        if inside:
            cut = inside[-1]
        else:
            line = text.rfind("\n", here + 1, stop)
            space = text.rfind(" ", here + 1, stop)
            cut = line + 1 if line > here else (space + 1 if space > here else stop)
        cuts.append(cut)
    cuts.append(len(text))
    return cuts


def split(analysis: Analysis, limit: int | None = None) -> list[tuple[int, Analysis]]:
    """The pieces of a prepared analysis, each with its offset in the document; one piece
    (the analysis itself, offset 0) when the document is short enough."""
    limit = limit or CHUNK_CHARS
    text = analysis.document.text
    if len(text) <= limit:
        return [(0, analysis)]
    cuts = cut_points(analysis, limit)
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        document = dataclasses.replace(analysis.document, text=text[start:end])
        # A piece's turns are numbered from 0, as a document's are (stages look a turn up
        # by its index); ``merge`` numbers them back.
        turns = tuple(dataclasses.replace(t, index=i)
                      for i, t in enumerate(_clip(analysis.turns, start, end)))
        pieces.append((start, dataclasses.replace(
            analysis, document=document, turns=turns,
            paragraphs=_clip(analysis.paragraphs, start, end),
        )))
    return pieces


def _first_turn(original: Analysis, offset: int) -> int:
    """The document index of the first turn a piece starting at ``offset`` holds."""
    for turn in original.turns:
        if turn.end > offset:
            return turn.index
    return 0


def _clip(records: tuple[Any, ...], start: int, end: int) -> tuple[Any, ...]:
    return tuple(
        dataclasses.replace(r, start=max(r.start, start) - start, end=min(r.end, end) - start)
        for r in records
        if r.start < end and r.end > start
    )


def _shift(records: tuple[Any, ...], offset: int) -> tuple[Any, ...]:
    if not offset:
        return records
    return tuple(dataclasses.replace(r, start=r.start + offset, end=r.end + offset)
                 for r in records)


def merge(original: Analysis, pieces: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis from its analysed pieces: records at document offsets, in piece order.

    The document's structure (turns, paragraphs) is the original's; what the stages add
    to it (a turn's ``speaker_actor``, the resolved spokesperson) is taken from the piece
    that holds the turn (the first one, for a turn that a cut divides) and from the first
    piece.
    """
    if len(pieces) == 1 and pieces[0][0] == 0 and pieces[0][1].document.text == (
            original.document.text):
        return pieces[0][1]
    speakers: dict[int, str | None] = {}
    bases = [_first_turn(original, offset) for offset, _ in pieces]
    for base, (_, piece) in zip(bases, pieces, strict=True):
        for turn in piece.turns:
            speakers.setdefault(base + turn.index, turn.speaker_actor)
    turns = tuple(dataclasses.replace(t, speaker_actor=speakers.get(t.index, t.speaker_actor))
                  for t in original.turns)
    first = pieces[0][1].document
    document = dataclasses.replace(original.document, spokesperson=first.spokesperson)
    lists = {name: tuple(r for offset, piece in pieces
                         for r in _shift(getattr(piece, name), offset))
             for name in _SPAN_LISTS}
    lists["quotes"] = tuple(
        dataclasses.replace(q, turn_index=base + q.turn_index) if q.turn_index is not None else q
        for base, (offset, piece) in zip(bases, pieces, strict=True)
        for q in _shift(piece.quotes, offset))
    return dataclasses.replace(original, document=document, turns=turns, **lists)
