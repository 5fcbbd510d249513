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
        # name particles, lowercase inside a name or joined to its last word
        ("Khalil al-Hayya", "en", "Khalil al-Hayya"),
        ("Sheikh Tamim bin Hamad", "en", "Tamim bin Hamad"),
        ("Ursula von der Leyen", "en", "Ursula von der Leyen"),
        ("M. Dominique de Villepin", "fr", "Dominique de Villepin"),
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
        ("al-Hayya", "en"),  # a particle and one name: a surname alone
        ("Khalil and Hayya", "en"),  # a lowercase word that is no particle
        ("de Villepin Dominique", "fr"),  # a name starts with a capital
    ],
)
def test_what_is_not_a_full_personal_name(surface: str, language: str) -> None:
    assert printed_person_name(surface, language) is None
