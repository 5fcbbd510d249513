"""The ``Structure`` record the structure stage returns: a document's metadata and spans.

A module of its own so that the parsers (``article``, ``press_conference``) and the
package's entry (``__init__``) can all import it without importing each other.
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
