"""Article structure: headline title, dateline place, printed date, paragraphs."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from porteparole.structure.article import parse_article
from porteparole.structure.press_conference import parse_press_conference


def article(text: str, language: str = "fr", hint: str | None = None):
    return parse_article(text, "doc", language, title_hint=hint)


@pytest.mark.parametrize(
    ("first_paragraph", "language", "place"),
    [
        ("OTTAWA: Les deux ministres se sont rencontrés lundi.", "fr", "OTTAWA"),
        ("SAINT-DENIS : La réunion a eu lieu hier.", "fr", "SAINT-DENIS"),
        ("OSLO (Reuters) - The two ministers met on Monday.", "en", "OSLO"),
        ("SAN DIEGO — The Navy said on Friday it would hold drills.", "en", "SAN DIEGO"),
        ("NAIROBI, March 3 (Xinhua) -- Kenya said on Friday it would join.", "en", "NAIROBI"),
        ("June 29, 2022 (KHARTOUM) – The two ministers met on Monday.", "en", "KHARTOUM"),
        ("29 juin 2022 (KHARTOUM) – Les deux ministres se sont rencontrés.", "fr", "KHARTOUM"),
        ("The ministers met on Monday in Oslo.", "en", None),
        ("MR. LAKE: Good morning.", "en", None),
    ],
)
def test_dateline_place(first_paragraph: str, language: str, place: str | None) -> None:
    text = f"Talks resume between the two navies\n\n{first_paragraph}\n\nMore text.\n"
    assert article(text, language).place == place


def test_headline_is_the_title_and_paragraphs_have_offsets() -> None:
    text = "Les deux pays relancent leurs échanges militaires\n\nOTTAWA: Texte.\n\nSuite.\n"
    s = article(text)
    assert s.title == "Les deux pays relancent leurs échanges militaires"
    assert [text[p.start:p.end] for p in s.paragraphs] == [
        "Les deux pays relancent leurs échanges militaires", "OTTAWA: Texte.", "Suite."]


def test_lede_sentence_is_not_a_title() -> None:
    text = "Le ministre a annoncé le 12 décembre une reprise des échanges.\n\nSuite.\n"
    s = article(text)
    assert s.title is None and s.date is None


def test_title_hint_is_used_when_the_text_prints_none() -> None:
    s = article("Le ministre a parlé.\n", hint="  Un titre  de page ")
    assert s.title == "Un titre de page"


def test_date_only_from_the_head_with_a_year() -> None:
    dated = "Talks resume\n\nApril 2, 2024\n\nOSLO (Reuters) - On May 1, 2019, they met.\n"
    assert article(dated, "en").date == "2024-04-02"
    in_dateline = "Talks resume\n\nNAIROBI, March 3, 2021 (Xinhua) -- Kenya said it would join.\n"
    assert article(in_dateline, "en").date == "2021-03-03"
    date_first = "Talks resume\n\nJune 29, 2022 (KHARTOUM) – The chairperson urged restraint.\n"
    assert article(date_first, "en").date == "2022-06-29"
    date_d_abord = "Appel au calme\n\n29 juin 2022 (KHARTOUM) – Le président a appelé au calme.\n"
    assert article(date_d_abord, "fr").date == "2022-06-29"
    body_only = "Talks resume\n\nOSLO (Reuters) - On May 1, 2019, they met for the first time.\n"
    assert article(body_only, "en").date is None
    no_year = "Reprise des échanges\n\nPÉKIN: Les responsables se sont réunis le 8 janvier.\n"
    assert article(no_year).date is None


def test_never_raises_on_odd_text() -> None:
    for text in ("", "\n\n", ":", "A:", "— —", "2024-99-99 99:99", "X (Y) - "):
        s = article(text)
        assert len(s.paragraphs) == sum(1 for line in text.splitlines() if line.strip())


def test_seed_articles_are_not_press_conferences(seeds_dir: Path, seeds_gold_dir: Path) -> None:
    for gold_path in sorted(seeds_gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text())
        if gold["kind"] == "press_conference":
            continue
        text = unicodedata.normalize("NFC", (seeds_dir / gold["document"]).read_text())
        assert not parse_press_conference(text, "doc", "fr").is_press_conference
        s = article(text)
        assert (s.title, s.date) == (gold["title"], gold["date"]), gold["document"]
        assert len(s.paragraphs) == sum(1 for line in text.splitlines() if line.strip())


def test_kicker_headline_followed_by_a_numeric_date_line() -> None:
    from porteparole.structure.article import parse_article

    text = (
        "Mer de Chine : Manille convoque l'ambassadeur chinois\n\n"
        "14/03/2024 09:15\n\n"
        "MANILLE: Les Philippines ont convoqué jeudi l'ambassadeur de Chine."
    )
    structure = parse_article(text, "doc", "fr")
    assert structure.title == "Mer de Chine : Manille convoque l'ambassadeur chinois"
    assert structure.date == "2024-03-14"
