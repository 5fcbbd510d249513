"""Dates a document carries: only full dates, with a day, a month and a year.

Regexes only *locate* candidate phrases (ISO dates, "2 juillet 2024", "May 10, 2018");
dateparser, told the document's languages and required to find a day, a month and a year,
decides what they mean. A bare "le 30 novembre" or a weekday therefore gives no date: the
text does not say which year, and guessing one would put a record in the wrong place on a
timeline.

A numeric date that starts with a four-digit year ("2019-08-09", "2019/08/09", "2019.8.9")
is read year, month, day whatever the separator: that order is ISO 8601's and the one of
every site that writes the year first, so it needs no per-language setting. Numeric dates
with the year last are ambiguous ("05/08/2022") and follow the language's ``numeric_dates``
(``knowledge/structure/<lang>.yaml``).

It lives in ``text/``, not in the structure stage, because the structure reads a document's
date with it and the events stage an event's date in a sentence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import dateparser

_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
_WORD = r"[^\W\d_]{3,}\.?"
_CANDIDATES = (
    # year first, any one separator: handled without dateparser
    re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[-/.]\d)"),
    re.compile(rf"(?<!\d)\d{{1,2}}(?:er|e|st|nd|rd|th)?\.?\s+{_WORD},?\s+\d{{4}}(?!\d)"),
    re.compile(rf"\b{_WORD}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)"),
)
_TIMESTAMP = re.compile(
    r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::\d{2})?)?$"
)


def parse_date(phrase: str, languages: Sequence[str]) -> str | None:
    """The ISO date of a date phrase, or None unless it gives a day, a month and a year."""
    return _parse(phrase.strip(), tuple(languages))


@lru_cache(maxsize=4096)
def _parse(phrase: str, languages: tuple[str, ...]) -> str | None:
    year_first = _CANDIDATES[0].fullmatch(phrase)
    if year_first:
        year, _, month, day = year_first.groups()
        return _iso(int(year), int(month), int(day))
    try:
        parsed = dateparser.parse(phrase, languages=list(languages) or None, settings=_SETTINGS)
    except (ValueError, OverflowError):  # dateparser raises these on odd digit runs
        return None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat()


def find_date(text: str, languages: Sequence[str]) -> str | None:
    """The first full date written in ``text`` (a title, a dateline, a date line)."""
    found = find_date_span(text, languages)
    return found[0] if found else None


def find_date_span(text: str, languages: Sequence[str]) -> tuple[str, int, int] | None:
    """The first full date in ``text`` as (ISO date, start, end of the phrase)."""
    candidates = sorted(
        (m.start(), m.end()) for pattern in _CANDIDATES for m in pattern.finditer(text)
    )
    for start, end in candidates:
        date = parse_date(text[start:end], languages)
        if date:
            return date, start, end
    return None


_NUMERIC_TIMESTAMP = re.compile(
    r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::\d{2})?)?$"
)


def read_timestamp(line: str, *, day_first: bool = True) -> tuple[str, str | None] | None:
    """A timestamp line as (ISO date, "HH:MM" or None), else None.

    Year-first lines ("2024-07-02 23:55", "2019/08/09") need nothing more; numeric ones
    ("05/08/2022 18:40") are read day first or month first as the document's language writes them
    (``numeric_dates`` in ``knowledge/structure/<lang>.yaml``).
    """
    match = _TIMESTAMP.match(line.strip())
    if match:
        year, _, month, day, hour, minute = match.groups()
    else:
        numeric = _NUMERIC_TIMESTAMP.match(line.strip())
        if not numeric:
            return None
        first, second, year, hour, minute = numeric.groups()
        day, month = (first, second) if day_first else (second, first)
    date = _iso(int(year), int(month), int(day))
    if date is None:
        return None
    time = f"{int(hour):02d}:{minute}" if hour is not None and int(hour) < 24 else None
    return date, time


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


_MONTH_DAY = (
    re.compile(rf"(?<!\d)\d{{1,2}}(?:er|e|st|nd|rd|th)?\.?\s+{_WORD}(?![\s,]*\d)"),
    re.compile(rf"\b{_WORD}\s*\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]|,?\s+\d)"),
)


def complete_year(
    text: str, hint: str, languages: Sequence[str],
    plausible: Callable[[str], bool] | None = None,
) -> str | None:
    """A month and day printed without a year ("on September 10"), dated with the year
    that puts it nearest to ``hint`` (an approximate ISO date from the page's context).

    A page whose metadata says 2018-09-07 and whose title says "September 10" is
    2018-09-10; "December 30" near 2019-01-02 is 2018-12-30. ``plausible`` rules candidate
    dates out (the speaker held no office then, see ``structure.tenure``): the nearest
    plausible year wins, and when no candidate year is plausible the text gets no date.
    """
    anchor = datetime.date.fromisoformat(hint)
    for pattern in _MONTH_DAY:
        for match in pattern.finditer(text):
            phrase = match.group(0)
            options = [
                parse_date(f"{phrase} {year}", languages)
                for year in (anchor.year - 1, anchor.year, anchor.year + 1)
            ]
            dates = [datetime.date.fromisoformat(d) for d in options if d]
            if dates:
                kept = [d for d in dates if plausible is None or plausible(d.isoformat())]
                if not kept:
                    return None
                return min(kept, key=lambda d: abs((d - anchor).days)).isoformat()
    return None
