"""The named folds of ``porteparole.text.folds``: what each ignores, and what each keeps."""

from __future__ import annotations

import pytest

from porteparole.text.folds import (
    fold_compare,
    fold_compare_optional,
    fold_key,
    fold_label,
    fold_search,
    fold_token,
)
from porteparole.text.typography import APOSTROPHES, DASHES, DOUBLE_QUOTES, QUOTED_PASSAGE

# --- fold_key: knowledge names and cue phrases ------------------------------------------


def test_fold_key_ignores_case_accents_and_punctuation() -> None:
    assert fold_key("M. Ngô  Khiêm") == fold_key("m ngo khiem")
    assert fold_key("Ferdinand Marcos Jr.") == "ferdinand marcos jr"
    assert fold_key("Đổng Quân") == "dong quan"
    assert fold_key("Ngo-Khiem") == "ngo khiem"


def test_fold_key_folds_letters_unicode_does_not_decompose() -> None:
    assert fold_key("Łódź") == "lodz"
    assert fold_key("Øresund") == "oresund"
    assert fold_key("cœur") == "coeur"
    assert fold_key("Straße") == "strasse"


def test_fold_key_keeps_other_scripts() -> None:
    assert fold_key("习近平") == "习近平"
    assert fold_key("Москва") == "москва"


# --- fold_token: one token of the actor tokenizer ----------------------------------------


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_fold_token_unifies_every_apostrophe(apostrophe: str) -> None:
    assert fold_token(f"L{apostrophe}OTAN") == "l'otan"


@pytest.mark.parametrize("dash", list(DASHES))
def test_fold_token_unifies_every_dash_and_keeps_it(dash: str) -> None:
    assert fold_token(f"Sino{dash}") == "sino-"


def test_fold_token_keeps_punctuation_that_fold_key_drops() -> None:
    assert fold_token("Jr.") == "jr."
    assert fold_key("Jr.") == "jr"


# --- fold_compare: evaluation -----------------------------------------------------------


def test_fold_compare_ignores_case_accents_space_runs_and_typographic_variants() -> None:
    assert fold_compare("L’ÉTAT  «libre»\u00a0— déjà") == fold_compare('l\'etat "libre" - deja')
    assert fold_compare("“Qu‘il ʼvienne′”") == fold_compare("\"qu'il 'vienne'\"")
    assert fold_compare("non\u2011aligned – état") == "non-aligned - etat"
    assert fold_compare("a\u2212b") == "a-b"


def test_fold_compare_keeps_different_words_different() -> None:
    assert fold_compare("Pékin") != fold_compare("Pekin!")
    assert fold_compare("talks resumed") != fold_compare("talks resume")


def test_fold_compare_optional_keeps_null_apart() -> None:
    assert fold_compare_optional(None) is None
    assert fold_compare_optional("") == ""
    assert fold_compare_optional("Éric") == "eric"


# --- fold_search: the SQL function pp_fold ------------------------------------------------


def test_fold_search_matches_names_across_accents_and_keeps_null() -> None:
    assert fold_search("Máo Níng") == fold_search("mao ning") == "mao ning"
    assert fold_search(None) is None


# --- fold_label: transcript labels -----------------------------------------------------


def test_fold_label_ignores_case_space_runs_and_typography_but_keeps_accents() -> None:
    assert fold_label("Porte\u2011parole  du  MINISTÈRE") == "porte-parole du ministère"
    assert fold_label("L’ambassadeur") == "l'ambassadeur"
    assert fold_label("Mme") != fold_label("Mme.")


# --- the typographic table ----------------------------------------------------------------


def test_every_double_quote_variant_is_a_quote_for_every_fold() -> None:
    for mark in DOUBLE_QUOTES:
        assert fold_token(mark) == fold_compare(mark) == fold_label(mark) == '"'


def test_quoted_passage_finds_french_english_and_german_quotations() -> None:
    text = "Il a dit « non merci » puis “fine” et „gut“ sans \"plus\"."
    assert [m.group() for m in QUOTED_PASSAGE.finditer(text)] == [
        "« non merci »", "“fine”", "„gut“", '"plus"',
    ]


def test_quote_marks_hold_every_mark_and_its_ascii_form() -> None:
    from porteparole.text.typography import QUOTE_MARKS

    assert set("«»“”„\"'’‘") <= set(QUOTE_MARKS)
    assert "« Est-ce possible ? »".rstrip(f" {QUOTE_MARKS}").endswith("?")
