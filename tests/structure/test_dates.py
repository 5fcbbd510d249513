"""Dates a document carries: a day, a month and a year, or nothing."""

from __future__ import annotations

import pytest

from porteparole.text.dates import find_date, find_date_span, parse_date, read_timestamp


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("4 avril 2023", "fr", "2023-04-04"),
        ("1er août 2021", "fr", "2021-08-01"),
        ("March 9, 2019", "en", "2019-03-09"),
        ("Sept. 14, 2022", "en", "2022-09-14"),
        ("2020-02-29", "en", "2020-02-29"),
        ("le 12 décembre", "fr", None),
        ("mardi", "fr", None),
        ("June 3", "en", None),
        ("2021-02-30", "en", None),
    ],
)
def test_parse_date_requires_a_year(phrase: str, language: str, expected: str | None) -> None:
    assert parse_date(phrase, [language]) == expected


def test_find_date_in_titles() -> None:
    assert find_date("Conférence de presse du 11 mai 2022 tenue par", ["fr"]) == "2022-05-11"
    assert find_date("Regular Press Conference on June7, 2018", ["en"]) == "2018-06-07"
    assert find_date("Regular Press Conference on September 28", ["en"]) is None
    assert find_date("Il a parlé jeudi, le 8 janvier, à Pékin.", ["fr"]) is None


def test_find_date_span_points_at_the_phrase() -> None:
    text = "Updated: April 2, 2024"
    date, start, end = find_date_span(text, ["en"]) or ("", 0, 0)
    assert (date, text[start:end]) == ("2024-04-02", "April 2, 2024")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-01-15 08:30", ("2024-01-15", "08:30")),
        (" 2019-11-02 ", ("2019-11-02", None)),
        ("2019-13-02 10:00", None),
        ("Le 2024-01-15 à 08:30", None),
    ],
)
def test_read_timestamp(line: str, expected: tuple[str, str | None] | None) -> None:
    assert read_timestamp(line) == expected


def test_complete_year_takes_the_year_nearest_the_hint() -> None:
    from porteparole.text.dates import complete_year

    title = "Spokesperson's Regular Press Conference on September 10"
    assert complete_year(title, "2018-09-07", ["en"]) == "2018-09-10"
    assert complete_year("Point de presse du 30 décembre", "2019-01-02", ["fr"]) == "2018-12-30"


def test_complete_year_needs_a_month_and_day() -> None:
    from porteparole.text.dates import complete_year

    assert complete_year("Remarks on the situation in the region", "2019-08-06", ["en"]) is None


def test_numeric_timestamp_follows_the_language_order() -> None:
    from porteparole.text.dates import read_timestamp

    assert read_timestamp("05/08/2022 18:40") == ("2022-08-05", "18:40")
    assert read_timestamp("05/08/2022 18:40", day_first=False) == ("2022-05-08", "18:40")
    assert read_timestamp("31/02/2022") is None  # no such day


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2019/08/09", "2019-08-09"),
        ("2019.08.09", "2019-08-09"),
        ("2019/8/9", "2019-08-09"),
        ("2019-8-9", "2019-08-09"),
        ("2019/13/09", None),  # no thirteenth month: year, month, day is the only reading
    ],
)
def test_year_first_numeric_dates_in_any_separator(phrase: str, expected: str | None) -> None:
    assert parse_date(phrase, ["fr"]) == expected
    assert parse_date(phrase, ["en"]) == expected


def test_year_first_numeric_dates_are_found_in_lines_and_titles() -> None:
    assert find_date("Conférence de presse du porte-parole, 2019/08/09", ["fr"]) == "2019-08-09"
    assert find_date("Published on 2019.08.09 by the embassy", ["en"]) == "2019-08-09"
    # a path or a version number that merely holds such digits is not a date
    assert find_date("see /files/2019/08/09/17/report", ["en"]) is None
    assert find_date("version 2019.08.09.1", ["en"]) is None
    assert find_date("ref. 2019/08-09", ["en"]) is None  # mixed separators
    assert read_timestamp("2019/08/09") == ("2019-08-09", None)
    assert read_timestamp("2019.08.09 14:05") == ("2019-08-09", "14:05")
    assert read_timestamp("2019/08/09 14h05") == ("2019-08-09", "14:05")
