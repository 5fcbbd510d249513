"""Structure: what a document is made of, beyond its words.

``parse_press_conference`` finds a transcript's turns (statements, questions, answers);
``parse_article`` finds an article's title, dateline and paragraphs. Both return a
``Structure``; the pipeline tries the press-conference parser first, and a document is a
press conference exactly when that parser finds at least one question and one answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from porteparole.records import Paragraph, Turn


@dataclass(frozen=True, slots=True)
class Structure:
    """Metadata and spans found in a document's normalized text."""

    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, only when the text carries a full date
    time: str | None = None  # HH:MM
    place: str | None = None  # dateline place of an article
    ministry: str | None = None
    spokesperson: str | None = None  # canonical name
    turns: tuple[Turn, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def is_press_conference(self) -> bool:
        roles = {t.role for t in self.turns}
        return "question" in roles and "answer" in roles
