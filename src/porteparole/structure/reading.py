"""Stage 3 in one call: a document's structure, its date (with the date policy) and its kind.

``read_structure`` tries the press-conference parser first and falls back to the article
parser; a document is a press conference exactly when that parser finds at least one
question and one answer. The date comes from the most trustworthy source (``_date``) and the
kind from the structure, else from the text's cues (``detect.detect_kind``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole import detect
from porteparole.records import Kind, RawDocument
from porteparole.structure import Structure
from porteparole.structure.article import parse_article
from porteparole.structure.press_conference import parse_press_conference
from porteparole.structure.tenure import in_office
from porteparole.structure.vocabulary import vocabulary
from porteparole.text.dates import complete_year

if TYPE_CHECKING:
    from porteparole.knowledge.bundle import Knowledge

DATE_YEAR_INFERRED = "date_year_inferred"
DATE_APPROXIMATE = "date_approximate"


@dataclass(frozen=True, slots=True)
class Reading:
    """What stage 3 finds: the structure, the document's date and kind, and date flags."""

    structure: Structure
    date: str | None
    kind: Kind
    flags: tuple[str, ...] = ()


def read_structure(text: str, doc_id: str, language: str, raw: RawDocument,
                   knowledge: Knowledge) -> Reading:
    """The structure, date and kind of a cleaned text in ``language``, read with
    ``knowledge`` (its structure vocabulary, kind cues and actor base)."""
    with knowledge.active():
        structure = parse_press_conference(text, doc_id, language, title_hint=raw.title)
        if not structure.is_press_conference:
            structure = parse_article(text, doc_id, language, title_hint=raw.title)
        date, flags = _date(structure, raw, language, knowledge)
        kind: Kind = (
            "press_conference"
            if structure.is_press_conference
            else detect.detect_kind(text, structure.title, language)
        )
    return Reading(structure, date, kind, flags)


def _date(structure: Structure, raw: RawDocument, language: str,
          knowledge: Knowledge) -> tuple[str | None, tuple[str, ...]]:
    """The document's date, most trustworthy source first, with a flag when inferred.

    The text's own full date, then the source's metadata; else, with an approximate date
    from the page's context, the title's month and day completed with the nearest year
    ("date_year_inferred"), or that approximate date itself ("date_approximate"). An
    inferred or approximate date must fall in the spokesperson's time in office, as the
    knowledge base dates it; none at all is better than one that cannot be.
    """
    if structure.date or raw.date:
        return structure.date or raw.date, ()
    if raw.date_hint is None:
        return None, ()
    title = structure.title or raw.title or ""
    languages = vocabulary(language).languages  # the dateparser languages of the structure data
    plausible = in_office(structure.spokesperson, knowledge.actors)
    completed = complete_year(title, raw.date_hint, languages, plausible) if title else None
    if completed:
        return completed, (DATE_YEAR_INFERRED,)
    if plausible(raw.date_hint):
        return raw.date_hint, (DATE_APPROXIMATE,)
    return None, ()
