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
(``knowledge/structure/<lang>.yaml``). The ordinal suffixes a day may carry ("1er", "10th")
are those of every language's ``knowledge/dates/<lang>.yaml``, which ``date_words`` reads.

It lives in ``text/``, not in the structure stage, because the structure reads a document's
date with it and the events stage an event's date in a sentence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import dateparser

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_yaml

__all__ = [
    "DateWords", "alternation", "complete_year", "date_words", "find_date", "find_date_span",
    "parse_date", "read_timestamp",
]

_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
_WORD = r"[^\W\d_]{3,}\.?"
# year first, any one separator: handled without dateparser
_YEAR_FIRST = re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[-/.]\d)")
_WORD_FIELDS = ("months", "ordinal_suffixes", "since", "since_modifiers", "month_year", "in_month")


@dataclass(frozen=True, slots=True)
class DateWords:
    """One language's words around dates (``knowledge/dates/<lang>.yaml``), as printed."""

    months: tuple[str, ...]  # twelve, January first
    ordinal_suffixes: tuple[str, ...]  # after a day's number: "th", "er"
    since: tuple[str, ...]  # "since": what follows is a starting point
    since_modifiers: tuple[str, ...]  # between "since" and the month: "the", "early"
    month_year: tuple[str, ...]  # between a month and its year: "of"
    in_month: tuple[str, ...]  # before a month alone: "in"


@per_root
def date_words(language: str) -> DateWords | None:
    """The date words of ``language`` (ISO 639-1), or None when it has no date file."""
    if language not in _date_languages():
        return None
    name, data = read_yaml("dates", f"{language}.yaml")
    return checked_date_words(name, data)


def checked_date_words(name: str, data: dict[str, Any]) -> DateWords:
    """The content of a date file, refused with a ``KnowledgeError`` naming ``name`` unless
    every field is a list of words (months: exactly twelve) and no other key is present."""
    unknown = set(data) - {"version", *_WORD_FIELDS}
    if unknown:
        raise KnowledgeError(f"{name}: unknown keys {sorted(unknown)}")
    fields: dict[str, tuple[str, ...]] = {}
    for field in _WORD_FIELDS:
        value = data.get(field)
        if not isinstance(value, list) or not all(
                isinstance(word, str) and word.strip() for word in value):
            raise KnowledgeError(f"{name}: '{field}' must be a list of words")
        fields[field] = tuple(word.strip() for word in value)
    if len(fields["months"]) != 12:
        raise KnowledgeError(f"{name}: 'months' lists the twelve month names, January first")
    return DateWords(**fields)


@per_root
def _date_languages() -> frozenset[str]:
    return frozenset(f.name.removesuffix(".yaml") for f in knowledge_files("dates", ".yaml"))


def alternation(words: Iterable[str]) -> str:
    """A regular expression group matching any of ``words`` literally, longest first (so
    that "er" is tried before "e"); a group that never matches when there are none."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return f"(?:{'|'.join(re.escape(w) for w in ordered)})" if ordered else "(?!)"


@per_root
def _ordinal() -> str:
    """The ordinal suffixes of every language: a date's language is not known to the regexes
    that locate it (dateparser, told the languages, decides what the phrase means)."""
    every = (date_words(code) for code in sorted(_date_languages()))
    return alternation(s for words in every if words for s in words.ordinal_suffixes)


@per_root
def _candidates() -> tuple[re.Pattern[str], ...]:
    ordinal = _ordinal()
    return (
        _YEAR_FIRST,
        re.compile(rf"(?<!\d)\d{{1,2}}{ordinal}?\.?\s+{_WORD},?\s+\d{{4}}(?!\d)"),
        re.compile(rf"\b{_WORD}\s*\d{{1,2}}{ordinal}?,?\s+\d{{4}}(?!\d)"),
    )
_TIMESTAMP = re.compile(
    r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::\d{2})?)?$"
)


def parse_date(phrase: str, languages: Sequence[str]) -> str | None:
    """The ISO date of a date phrase, or None unless it gives a day, a month and a year."""
    return _parse(phrase.strip(), tuple(languages))


@lru_cache(maxsize=4096)
def _parse(phrase: str, languages: tuple[str, ...]) -> str | None:
    year_first = _YEAR_FIRST.fullmatch(phrase)
    if year_first:
        year, _, month, day = year_first.groups()
        return _iso(int(year), int(month), int(day))
    try:
        parsed = dateparser.parse(phrase, languages=list(languages) or None, settings=_SETTINGS)
    except (ValueError, OverflowError):  # dateparser raises these on odd digit runs
        return None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return str(parsed.date().isoformat())


def find_date(text: str, languages: Sequence[str]) -> str | None:
    """The first full date written in ``text`` (a title, a dateline, a date line)."""
    found = find_date_span(text, languages)
    return found[0] if found else None


def find_date_span(text: str, languages: Sequence[str]) -> tuple[str, int, int] | None:
    """The first full date in ``text`` as (ISO date, start, end of the phrase)."""
    candidates = sorted(
        (m.start(), m.end()) for pattern in _candidates() for m in pattern.finditer(text)
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


@per_root
def _month_day() -> tuple[re.Pattern[str], ...]:
    ordinal = _ordinal()
    return (
        re.compile(rf"(?<!\d)\d{{1,2}}{ordinal}?\.?\s+{_WORD}(?![\s,]*\d)"),
        re.compile(rf"\b{_WORD}\s*\d{{1,2}}{ordinal}?(?![\d,]|,?\s+\d)"),
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
    for pattern in _month_day():
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
