"""Cleaning: Unicode repair, normalization, boilerplate removal that never loses a sentence."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from porteparole.clean import (
    BOILERPLATE_REMOVED,
    MOJIBAKE_REPAIRED,
    Cleaned,
    boilerplate,
    clean,
)

BODY_FR = "Le ministère a rappelé que les deux parties poursuivront le dialogue."
BODY_EN = "The spokesperson said both sides would keep talking in the coming weeks."


@pytest.mark.parametrize(
    "line",
    [
        "Home > Press and Media Service > Spokesperson's Remarks > Regular Press Conference",
        "Home\xa0>\xa0Press and Media Service\xa0>\xa0Spokesperson's Remarks",
        "Accueil > Salle de presse > Déclarations",
        "FacebookTwitterLinkedinEmail",
        "Share",
        "Recommander à Imprimer",
        "Recommander àImprimer",
        "Recommander à\xa0\xa0\xa0 Imprimer",
        "Print",
        "Bookmark",
        "Suggest to a friend",
        "L'adresse: 1 Rue Imaginaire, Quartier Central, Ville Code Postal 123456 "
        "Numéro de Téléphone:00-11-22334455",
        "Address: 1 Imaginary Road, Central District, Postcode 123456 Tel: 00-11-22334455",
        "Comment (0)",
        "Comments",
        "Bouton retour en haut de la page",
        "Back to top",
        "Copyright © 2024 Ministry of Examples. All rights reserved.",
        "© 2019 Example News",
    ],
)
def test_boilerplate_lines_are_removed_and_recorded(line: str) -> None:
    cleaned = clean(f"{BODY_EN}\n\n{line}\n\n{BODY_FR}")
    assert cleaned.text == f"{BODY_EN}\n\n{BODY_FR}"
    assert cleaned.removed == (line.strip(),)
    assert BOILERPLATE_REMOVED in cleaned.flags


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Shanghai fell after the announcement.",
        "Print media were not invited to the briefing.",
        "Home is where the delegation returned after the talks.",
        "Comments by the minister drew a sharp response from Washington.",
        "Source: Xinhua",
        "(Source : Ministère chinois de la Défense)",
        "(c) the parties shall notify each other in writing.",
        "Copyright law was discussed at the meeting.",
        "Ministère des Affaires Étrangères",
        "République Populaire de Chine",
        "Back to the question of tariffs, the ministry said nothing.",
        "Q: Will the two sides share intelligence?",
        "2024-07-02 23:55",
    ],
)
def test_real_lines_are_kept(line: str) -> None:
    cleaned = clean(f"{line}\n\n{BODY_EN}")
    assert cleaned.text == f"{line}\n\n{BODY_EN}"
    assert cleaned.removed == () and BOILERPLATE_REMOVED not in cleaned.flags


def test_a_lone_source_is_removed_only_at_the_end() -> None:
    text = f"{BODY_FR}\nSource\n\n\n\nComment (0)"
    cleaned = clean(text)
    assert cleaned.text == BODY_FR
    assert cleaned.removed == ("Source", "Comment (0)")
    inside = clean(f"Source\n{BODY_FR}")
    assert inside.text == f"Source\n{BODY_FR}" and not inside.removed


def test_long_lines_are_never_boilerplate() -> None:
    line = "Home > " + "a long paragraph that merely starts like a breadcrumb " * 8
    assert clean(line).text == line.strip()


def test_mojibake_is_repaired_and_flagged() -> None:
    damaged = BODY_FR.encode("utf-8").decode("latin-1")
    assert "Ã¨" in damaged
    cleaned = clean(damaged)
    assert cleaned.text == BODY_FR
    assert MOJIBAKE_REPAIRED in cleaned.flags
    assert MOJIBAKE_REPAIRED not in clean(BODY_FR).flags


def test_typography_is_left_as_written() -> None:
    text = "L’armée a dit « non » — “nothing” &amp; ＡＢＣ…"
    cleaned = clean(text)
    assert cleaned.text == text and cleaned.flags == ()


def test_normalization_line_endings_and_blank_lines() -> None:
    decomposed = unicodedata.normalize("NFD", BODY_FR)
    text = f"\r\n  {decomposed}   \r\n\r\n\r\n\n\t{BODY_EN}\t \r\n\n"
    cleaned = clean(text)
    assert cleaned.text == f"{BODY_FR}\n\n{BODY_EN}"
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert isinstance(cleaned, Cleaned)


def test_patterns_of_both_languages_are_loaded() -> None:
    patterns = boilerplate()
    assert patterns.is_boilerplate("Recommander à Imprimer")
    assert patterns.is_boilerplate("Back to top")
    assert not patterns.is_boilerplate("Source")
    assert patterns.is_boilerplate("Source", at_end=True)


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_characters_inside_names_are_removed(invisible: str) -> None:
    """A name an editor split with an invisible character reads as the name itself."""
    french = f"La porte-parole Mao Ni{invisible}ng a rappelé la position de la Chine."
    english = f"{invisible}Spokesperson Geng{invisible} Shuang said the talks would go on."
    assert clean(french).text == "La porte-parole Mao Ning a rappelé la position de la Chine."
    assert clean(english).text == "Spokesperson Geng Shuang said the talks would go on."
    assert clean(french).flags == ()


def test_joiners_are_kept_where_a_script_needs_them() -> None:
    """Persian words and emoji sequences use the joiners; they are text there, not debris."""
    text = "می\u200cخواهم 👩\u200d💻"
    assert clean(text).text == text


_PIECES = st.sampled_from([
    BODY_FR, BODY_EN, "Share", "Source", "Comment (0)", "Recommander à  Imprimer",
    "ministÃ¨re", "Itâ€™s", "\r\n", "\n", "\n\n\n", "  ", "\t", "\xa0", "e\u0301",
    "Home > News", "\u2028", "\x0c", "ﬁ", "&amp;", "\u200b", "\u200d", "\ufeff",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=200)))
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once.text).text == once.text
    assert once.text == once.text.strip()
    assert "\n\n\n" not in once.text and "\r" not in once.text


def test_seed_documents_lose_their_frame_but_no_sentence(seeds_dir: Path) -> None:
    removed_any = False
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean(raw)
        removed_any = removed_any or bool(cleaned.removed)
        for line in cleaned.removed:
            assert len(line) <= 300 and not line.endswith((".", "?", "!")) or "Copyright" in line
        kept_words = sum(len(line.split()) for line in cleaned.text.splitlines())
        removed_words = sum(len(line.split()) for line in cleaned.removed)
        assert kept_words + removed_words == len(raw.split())  # nothing lost, nothing invented
        assert clean(cleaned.text).text == cleaned.text
    assert removed_any
