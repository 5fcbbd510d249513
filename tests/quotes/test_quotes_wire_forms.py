"""Attribution forms of wire copy (issue 7), on sentences we wrote, in English and French.

Each test runs the whole pipeline on a short text of its own. The classes: a second voice
set against the first by a conjunction of contrast ends the first voice's content.
"""

from __future__ import annotations

from pathlib import Path

from builders import read_quotes, said

# -- "…, while Y said …": the first content ends before the second voice ------------------


def test_a_contrasted_second_voice_ends_the_first_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Antony Blinken said the naval drills must stop at once, "
                         "while Wang Yi insisted they were routine exercises.")
    assert said(quotes, "wang-yi", "they were routine exercises")
    blinken = [what for who, what in quotes if who == "antony-blinken"]
    assert blinken and all("routine" not in what for what in blinken)
    assert any("the naval drills must stop" in what for what in blinken)


def test_a_contrasted_second_voice_ends_the_first_content_in_french(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Wang Yi a déclaré que les discussions avaient été utiles, "
                         "tandis que le Japon a affirmé qu'elles avaient échoué.")
    assert said(quotes, "JPN", "elles avaient échoué")
    wang = [what for who, what in quotes if who == "wang-yi"]
    assert wang and all("échoué" not in what for what in wang)


def test_a_temporal_clause_stays_in_the_content(tmp_path: Path) -> None:
    quotes = read_quotes(tmp_path, "Joe Biden said he would lower the tariffs, after Xi Jinping "
                         "promised to curb the export of the chemicals.")
    assert said(quotes, "joe-biden", "after Xi Jinping promised")
