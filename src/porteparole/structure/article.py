"""An article's structure: title, dateline place, date and paragraphs.

The title is the headline-like first line (see ``header``); the place is the dateline that
opens the first body paragraph ("PÉKIN:", "BEIJING (Reuters) -", "WASHINGTON —"), as printed;
the date is given only when the text prints a full date with a year, in a date line near the
top, in the title or in the dateline ("BEIJING, March 3, 2023 (Xinhua) --"): dates in the body
are what the article reports, not when it was written.
"""

from __future__ import annotations

from porteparole.records import Paragraph
from porteparole.structure.header import read_header
from porteparole.structure.paragraphs import split_paragraphs
from porteparole.structure.record import Structure
from porteparole.structure.vocabulary import Vocabulary, vocabulary
from porteparole.text.dates import find_date
from porteparole.text.folds import fold_label

_DATELINE_ZONE = 2  # body paragraphs in which a dateline is looked for


def parse_article(
    text: str, document_id: str, language: str, *, title_hint: str | None = None
) -> Structure:
    """Title, dateline place, date and paragraphs of a news article or a statement."""
    vocab = vocabulary(language)
    paragraphs = split_paragraphs(text, document_id)
    header = read_header(text, paragraphs, vocab, title_hint)
    body = paragraphs[header.body_index:header.body_index + _DATELINE_ZONE]
    place, dateline_date = find_dateline(text, body, vocab)
    return Structure(
        title=header.title,
        date=header.date or dateline_date,
        time=header.time,
        place=place,
        paragraphs=paragraphs,
    )


def find_dateline(
    text: str, paragraphs: tuple[Paragraph, ...], vocab: Vocabulary
) -> tuple[str | None, str | None]:
    """(place as printed, ISO date when the dateline carries a year) of the first dateline."""
    for paragraph in paragraphs:
        line = text[paragraph.start:paragraph.end]
        for pattern in vocab.datelines:
            match = pattern.match(line)
            if match and _is_place(match.group("place"), vocab):
                return match.group("place"), find_date(match.group(), vocab.languages)
    return None, None


def _is_place(printed: str, vocab: Vocabulary) -> bool:
    """Not a speaker label in capitals ("MR. KIRBY:", "PRESS SECRETARY ...:")."""
    folded = fold_label(printed)
    return len(printed) >= 3 and not any(
        folded == h or folded.startswith(h + " ") for h in vocab.honorifics
    )
