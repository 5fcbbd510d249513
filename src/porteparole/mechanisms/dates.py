"""The date an update gives in its own clause ("suspended in August 2022", "le 21 octobre").

Only dates written with a month name are read, with a day or a year or both. A day and a
month without a year take the document's year, or the year before when that would put the
date after the document. A month and a year give ``YYYY-MM`` (ISO 8601 reduced precision,
which sorts correctly before the days of that month). Weekdays and "yesterday" are not
resolved: the caller falls back to the document's date.

The words around a date (month names, ordinal suffixes, "since", "in") are the document
language's, from ``knowledge/dates/<lang>.yaml`` (``text.dates.date_words``); they are
matched on text folded with ``fold_key``, so they are folded alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.knowledge import per_root
from porteparole.text.dates import alternation, date_words
from porteparole.text.folds import fold_key

__all__ = ["clause_date"]


@dataclass(frozen=True, slots=True)
class _Patterns:
    months: tuple[str, ...]  # folded, January first
    dates: tuple[re.Pattern[str], ...]
    since: re.Pattern[str]  # "since" (and its modifiers) just before a date


@per_root
def _patterns(language: str) -> _Patterns | None:
    words = date_words(language)
    if words is None:
        return None

    def folded(values: tuple[str, ...]) -> str:
        return alternation(fold_key(v) for v in values)

    months = tuple(fold_key(m) for m in words.months)
    month = rf"(?P<month>{alternation(months)})\.?"
    day = rf"(?P<day>\d{{1,2}}){folded(words.ordinal_suffixes)}?"
    year = r"(?P<year>(?:19|20)\d{2})"
    link = folded(words.month_year)
    dates = (
        re.compile(rf"\b{day}\s+{month}(?:,?\s+{year})?\b"),
        re.compile(rf"\b{month}\s+{day}(?:,\s*|\s+){year}\b"),
        re.compile(rf"\b{month}\s+{day}\b(?!\s*\d)"),
        re.compile(rf"\b{month}\s+(?:{link}\s+)?{year}\b"),
        # a month alone: not when a year follows ("in August of 2022" is the line above)
        re.compile(rf"\b{folded(words.in_month)}\s*{month}\b(?!\s*(?:{link}\s+)?\d)"),
    )
    since = re.compile(
        rf"\b{folded(words.since)}\s+(?:{folded(words.since_modifiers)}\s*)?$")
    return _Patterns(months, dates, since)


def clause_date(text: str, language: str, document_date: str | None) -> str | None:
    """The first date written in ``text`` (in ``language``), as ISO ``YYYY-MM-DD`` or
    ``YYYY-MM``, else None (also for a language without date words)."""
    patterns = _patterns(language)
    if patterns is None:
        return None
    folded = fold_key(text)
    found = []
    for pattern in patterns.dates:
        for match in pattern.finditer(folded):
            found.append((match.start(), -len(match.group()), match))
    for _, _, match in sorted(found, key=lambda f: (f[0], f[1])):
        if patterns.since.search(folded[: match.start()]):
            continue  # "since August 2022" dates a starting point, not the update
        date = _date(match, patterns.months, document_date)
        if date:
            return date
    return None


def _date(match: re.Match[str], months: tuple[str, ...], document_date: str | None) -> str | None:
    parts = match.groupdict()
    month = months.index(parts["month"]) + 1
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
