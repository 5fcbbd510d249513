"""The date an update gives in its own clause ("suspended in August 2022", "le 21 octobre").

Only dates written with a month name are read, with a day or a year or both. A day and a
month without a year take the document's year, or the year before when that would put the
date after the document. A month and a year give ``YYYY-MM`` (ISO 8601 reduced precision,
which sorts correctly before the days of that month). Weekdays and "yesterday" are not
resolved: the caller falls back to the document's date.
"""

from __future__ import annotations

import re
from functools import cache

from porteparole.text.folds import fold_key

__all__ = ["clause_date"]

_SINCE = re.compile(r"\b(?:since|depuis)\s+(?:(?:le|la|l'|the|early|late|mid)\s*)?$")


@cache
def _patterns(months: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    names = "|".join(sorted((fold_key(m) for m in months), key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    day = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    return (
        re.compile(rf"\b{day}\s+{month}(?:,?\s+{year})?\b"),
        re.compile(rf"\b{month}\s+{day}(?:,\s*|\s+){year}\b"),
        re.compile(rf"\b{month}\s+{day}\b(?!\s*\d)"),
        re.compile(rf"\b{month}\s+(?:of\s+|de\s+|d')?{year}\b"),
        re.compile(rf"\b(?:in|en|d')\s*{month}\b(?!\s*\d)"),
    )


def clause_date(text: str, months: tuple[str, ...], document_date: str | None) -> str | None:
    """The first date written in ``text``, as ISO ``YYYY-MM-DD`` or ``YYYY-MM``, else None."""
    folded = fold_key(text)
    found = []
    for pattern in _patterns(months):
        for match in pattern.finditer(folded):
            found.append((match.start(), -len(match.group()), match))
    for _, _, match in sorted(found, key=lambda f: (f[0], f[1])):
        if _SINCE.search(folded[: match.start()]):
            continue  # "since August 2022" dates a starting point, not the update
        date = _date(match, months, document_date)
        if date:
            return date
    return None


def _date(match: re.Match[str], months: tuple[str, ...], document_date: str | None) -> str | None:
    parts = match.groupdict()
    month = [fold_key(m) for m in months].index(parts["month"]) + 1
    day_text = parts.get("day")
    year = int(parts["year"]) if parts.get("year") else None
    day = int(day_text) if day_text else None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        if document_date is None:
            return None
        year = int(document_date[:4])
        if f"{year:04d}-{month:02d}-{day or 1:02d}" > document_date:
            year -= 1
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"
