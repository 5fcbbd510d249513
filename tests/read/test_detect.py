"""Detection: language, kind (statement or news article), listing pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.clean import clean
from porteparole.detect import (
    detect_kind,
    detect_language,
    is_listing_page,
    normalize_language_code,
)
from porteparole.read import read_source
from porteparole.records import RawDocument

FR_TEXT = (
    "Le gouvernement a annoncé mardi un nouveau plan pour soutenir les agriculteurs touchés "
    "par la sécheresse. Les aides seront versées avant la fin du mois."
)
EN_TEXT = (
    "The government announced on Tuesday a new plan to support farmers hit by the drought. "
    "The payments will be made before the end of the month."
)

STATEMENT_EN = """Statement by the Ministry of Foreign Affairs on the Ceasefire

The Ministry of Foreign Affairs welcomes the ceasefire agreed between the two sides.

We call on all parties to respect their commitments and we stand ready to support the
negotiations. The Ministry firmly opposes any action that would undermine the agreement.

We reaffirm our commitment to a peaceful settlement of the dispute."""

ARTICLE_EN = """Talks resume as tensions ease

GENEVA, March 3 (Reuters) - Delegations from the two countries met on Tuesday for the first
time in a year, officials said.

"The atmosphere was constructive," one diplomat told reporters, adding that a second round
was planned. According to a senior official, the talks focused on trade.

The foreign minister said on Monday that progress was possible, but he warned that
differences remained."""

STATEMENT_FR = """Déclaration du porte-parole du ministère sur l'accord de cessez-le-feu

Le ministère salue l'accord de cessez-le-feu conclu entre les deux parties.

Nous appelons toutes les parties à respecter leurs engagements. Notre pays se tient prêt à
accompagner les négociations et s'oppose fermement à toute action qui compromettrait l'accord."""

ARTICLE_FR = """Reprise des pourparlers sur fond de détente

GENÈVE, 3 mars (AFP) - Les délégations des deux pays se sont rencontrées mardi pour la
première fois depuis un an, ont indiqué des responsables.

« L'atmosphère était constructive », a déclaré un diplomate, qui a ajouté qu'un second tour
était prévu. Selon un haut responsable, les discussions ont porté sur le commerce."""


def test_language_of_sentences() -> None:
    assert detect_language(FR_TEXT) == "fr"
    assert detect_language(EN_TEXT) == "en"
    assert detect_language(STATEMENT_FR) == "fr"
    assert detect_language(ARTICLE_EN) == "en"


def test_language_undetermined_when_too_short_or_no_letters() -> None:
    assert detect_language("") == "und"
    assert detect_language("Oui.") == "und"
    assert detect_language("2024-07-02 23:55 — 100 000 / 42") == "und"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("fr", "fr"), ("FR", "fr"), ("fr-FR", "fr"), ("en_US", "en"), ("fra", "fr"),
     ("eng", "en"), ("vi", "vi"), ("xx", None), ("french", None), ("", None), (None, None)],
)
def test_declared_codes(declared: str | None, expected: str | None) -> None:
    assert normalize_language_code(declared) == expected


def test_a_valid_declared_language_wins_an_invalid_one_does_not() -> None:
    assert detect_language(EN_TEXT, declared="de") == "de"
    assert detect_language(EN_TEXT, declared="english") == "en"


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [(STATEMENT_EN, "en", "statement"), (ARTICLE_EN, "en", "news_article"),
     (STATEMENT_FR, "fr", "statement"), (ARTICLE_FR, "fr", "news_article")],
)
def test_kind_from_the_text_and_its_first_line(text: str, language: str, kind: str) -> None:
    assert detect_kind(text, None, language) == kind


def test_kind_uses_the_title() -> None:
    body = "The region has been peaceful and stable for several years, with trade growing."
    assert detect_kind(body, "Foreign Ministry Spokesperson's Remarks on the Talks", "en") == (
        "statement"
    )
    assert detect_kind(body, None, "en") == "news_article"  # no cue: the general kind


def test_first_person_inside_quotes_is_not_a_statement() -> None:
    text = ('"We will never accept this, and our position is clear," the minister told '
            "reporters on Monday, according to state media.")
    assert detect_kind(text, None, "en") == "news_article"


def test_kind_for_a_language_without_cues_uses_every_language() -> None:
    assert detect_kind(STATEMENT_EN, None, "und") == "statement"
    assert detect_kind(ARTICLE_FR, None, "es") == "news_article"


def test_seed_articles_are_news_articles(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        assert detect_language(text) == "fr"
        assert not is_listing_page(text)
        first = text.split("\n", 1)[0]
        if first.startswith(("Conférence de presse", "Ministère")):
            continue  # press conferences: the structure stage decides
        assert detect_kind(text, None, "fr") == "news_article", path.name


def test_listing_page_shapes() -> None:
    items = "\n".join(f"- Spokesperson's Regular Press Conference on May {d}, 2018"
                      for d in range(1, 21))
    assert is_listing_page(f"Regular Press Conference\n\n{items}")
    assert not is_listing_page(STATEMENT_EN)
    assert not is_listing_page(ARTICLE_EN)
    sentences = "\n".join(f"- The ministry confirmed meeting number {d} took place." for d in
                          range(1, 21))
    assert not is_listing_page(sentences)
    assert not is_listing_page("- one\n- two\n- three")  # too short to tell


def _fmprc_texts(paths: list[Path]) -> list[tuple[Path, str]]:
    texts = []
    for path in paths:
        (item,) = list(read_source(path))
        assert isinstance(item, RawDocument)
        texts.append((path, clean(item.text).text))
    return texts


def test_fmprc_listing_pages_are_listings(fmprc_dir: Path) -> None:
    listings = _fmprc_texts(sorted(fmprc_dir.glob("default*.html")))
    assert len(listings) >= 10
    assert [p.name for p, text in listings if not is_listing_page(text)] == []


def test_fmprc_transcripts_are_not_listings(fmprc_dir: Path) -> None:
    pages = sorted(fmprc_dir.glob("t*.html"))
    sample = pages[:: max(1, len(pages) // 60)]
    transcripts = _fmprc_texts(sample)
    assert [p.name for p, text in transcripts if is_listing_page(text)] == []
    assert all(detect_language(text) == "en" for _, text in transcripts[:10])


def test_fmprc_remarks_are_statements(fmprc_dir: Path) -> None:
    remarks = []
    for path in sorted(fmprc_dir.glob("t*.html")):
        head = path.read_bytes()[:1000]
        if b"Remarks on" in head and b"Regular Press Conference" not in head:
            remarks.append(path)
    if not remarks:
        pytest.skip("no remarks pages in this corpus")
    for path in remarks[:6]:
        (item,) = list(read_source(path))
        assert isinstance(item, RawDocument)
        assert detect_kind(clean(item.text).text, item.title, "en") == "statement", path.name
