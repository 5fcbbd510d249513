"""Language words that live in knowledge files: date words and detection's candidate languages.

Each file is validated on load; these tests feed the validators content a data author could
get wrong and check that the message names the file and the field.
"""

from __future__ import annotations

from typing import Any

import pytest

from porteparole.detect import candidate_languages, checked_candidates
from porteparole.errors import KnowledgeError
from porteparole.nlp import language_table
from porteparole.text.dates import checked_date_words, date_words, find_date_span

MONTHS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"]


def date_file(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 1, "months": MONTHS, "ordinal_suffixes": ["th"], "since": ["since"],
        "since_modifiers": [], "month_year": ["of"], "in_month": ["in"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_every_analysed_language_has_date_words_with_twelve_months() -> None:
    for language in language_table():
        words = date_words(language)
        assert words is not None and len(words.months) == 12
    assert date_words("xx") is None


def test_date_file_is_refused_with_its_name_and_field() -> None:
    with pytest.raises(KnowledgeError, match="dates/zz.yaml: 'months' lists the twelve"):
        checked_date_words("dates/zz.yaml", date_file(months=MONTHS[:11]))
    with pytest.raises(KnowledgeError, match="'since' must be a list of words"):
        checked_date_words("dates/zz.yaml", date_file(since="since"))
    with pytest.raises(KnowledgeError, match="'in_month' must be a list of words"):
        checked_date_words("dates/zz.yaml", date_file(in_month=None))
    with pytest.raises(KnowledgeError, match="unknown keys"):
        checked_date_words("dates/zz.yaml", date_file(weekdays=["monday"]))
    assert checked_date_words("dates/zz.yaml", date_file()).since_modifiers == ()


def test_ordinal_suffixes_of_every_language_locate_a_date() -> None:
    assert find_date_span("Paris, le 1er mars 2024.", ["fr"]) == ("2024-03-01", 10, 23)
    assert find_date_span("Issued March 3rd, 2024.", ["en"]) == ("2024-03-03", 7, 22)


def test_detection_candidates_come_from_the_languages_file() -> None:
    candidates = candidate_languages()
    assert set(language_table()) <= set(candidates)
    assert "fr" in candidates and "en" in candidates


def test_detection_candidates_are_refused_when_wrong() -> None:
    base = {"version": 1, "languages": {"fr": {}, "en": {}}}
    with pytest.raises(KnowledgeError, match="missing: \\['en'\\]"):
        checked_candidates("languages.yaml", {**base, "detection": ["fr", "de"]})
    with pytest.raises(KnowledgeError, match="not ISO 639-1 codes lingua knows: \\['fra'\\]"):
        checked_candidates("languages.yaml", {**base, "detection": ["fra", "fr", "en"]})
    with pytest.raises(KnowledgeError, match="must be a list"):
        checked_candidates("languages.yaml", base)
    assert checked_candidates("languages.yaml", {**base, "detection": ["en", "fr"]}) == ("en", "fr")
