"""Unknown people are kept by the name the text prints, without titles."""

from __future__ import annotations

import pytest

from porteparole.kb import printed_person_name


@pytest.mark.parametrize(
    ("surface", "language", "expected"),
    [
        ("General Liu Zhenli", "en", "Liu Zhenli"),
        ("Linda Thomas-Greenfield", "en", "Linda Thomas-Greenfield"),
        ("Mme Mao Ning", "fr", "Mao Ning"),
        ("le général Wu Yanan", "fr", "Wu Yanan"),
    ],
)
def test_full_names_without_titles(surface: str, language: str, expected: str) -> None:
    assert printed_person_name(surface, language) == expected


@pytest.mark.parametrize(
    ("surface", "language"),
    [
        ("Wu", "fr"),  # a surname alone is coreference's job, not a full name
        ("Air Force", "en"),  # organization words never belong to a name
        ("Conseil de Sécurité", "fr"),
        ("General", "en"),
        ("Boeing 737", "en"),
    ],
)
def test_what_is_not_a_full_personal_name(surface: str, language: str) -> None:
    assert printed_person_name(surface, language) is None
