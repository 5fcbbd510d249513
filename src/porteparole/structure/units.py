"""Each paragraph of a transcript's body, classified before turns are assembled.

A paragraph is, in this order of precedence: a line that is never a turn (boilerplate, a
separator such as "※※※"), an announced question asked after the briefing ("The following
question was raised after the press conference: ..."), a labelled paragraph ("Reuters: ...",
"Q: ..."), the spokesperson's closing remarks ("The regular press conference will adjourn
..."), a question and answer told in narration ("Asked whether ..., Hua said ..."), or plain
text that continues the turn before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.records import Paragraph
from porteparole.structure.labels import Label, read_label
from porteparole.structure.vocabulary import Vocabulary

UNIT_KINDS = ("skip", "intro", "follow_up", "label", "closing", "narration", "plain")
_WORDLIKE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Unit:
    """One body paragraph and what it is; ``body`` is where its turn text begins (absolute)."""

    paragraph: Paragraph
    kind: str  # one of UNIT_KINDS
    body: int
    label: Label | None = None
    narration: re.Match[str] | None = None  # matched against the paragraph's text

    @property
    def has_body(self) -> bool:
        return self.body < self.paragraph.end


def classify(text: str, paragraph: Paragraph, vocab: Vocabulary, known: str | None) -> Unit:
    """What ``paragraph`` is in a transcript (``known``: the spokesperson named by the title)."""
    line = text[paragraph.start:paragraph.end]
    start = paragraph.start
    if not _WORDLIKE.search(line) or any(p.search(line) for p in vocab.boilerplate):
        return Unit(paragraph, "skip", paragraph.end)
    intro = _first_match(vocab.question_intros, line)
    if intro:
        return Unit(paragraph, "intro", start + _skip_spaces(line, intro.end()))
    follow_up = _first_match(vocab.follow_up_intros, line)
    if follow_up:
        return Unit(paragraph, "follow_up", start + _skip_spaces(line, follow_up.end()))
    label = read_label(line, vocab, known)
    if label:
        return Unit(paragraph, "label", start + label.body_offset, label)
    if _first_match(vocab.closing_cues, line):
        return Unit(paragraph, "closing", start)
    narration = _first_match(vocab.narration, line)
    if narration:
        return Unit(paragraph, "narration", start, narration=narration)
    return Unit(paragraph, "plain", start)


def _first_match(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    return next((m for m in (p.match(line) for p in patterns) if m), None)


def _skip_spaces(line: str, offset: int) -> int:
    while offset < len(line) and line[offset].isspace():
        offset += 1
    return offset
