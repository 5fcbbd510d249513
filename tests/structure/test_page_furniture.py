"""An embassy's or a ministry's page: its furniture before the title never hides the document.

Navigation bars, breadcrumbs, bylines, author and source lines, share and print toolbars may
stand before (or right after) the title; the page keeps its title, kind, date and spokesperson.
The pages are written here, in the layouts such sites use.
"""

from __future__ import annotations

import pytest

from porteparole.pipeline import prepare
from porteparole.records import Analysis, Origin, RawDocument

EN_BRIEFING = "\n\n".join([
    "Embassy of the People's Republic of China in the Republic of Exampleland",
    "About the Embassy | Embassy News | Consular Services | Contact",
    "Current location: Embassy News > Spokesperson's Remarks",
    "By Zhang Ming | 2019/08/09",
    "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on August 9, 2019",
    "Share: Facebook Twitter",
    "Q: Can you confirm that the delegation will travel next week?",
    "A: I have no information to release on that at the moment.",
    "Q: What is your comment on the new tariffs announced yesterday?",
    "A: We have stated our position many times. Dialogue is the only way forward.",
])

FR_BRIEFING = "\n\n".join([
    "Ambassade de la République populaire de Chine en République d'Exemple",
    "L'ambassade | Actualités | Services consulaires | Nous contacter",
    "Actualités > Propos du porte-parole",
    "Auteur : service de presse de l'ambassade",
    "Source : ministère des Affaires étrangères",
    "Conférence de presse du 9 août 2019 tenue par le porte-parole du ministère des Affaires "
    "étrangères Geng Shuang",
    "Partager : Facebook Twitter",
    "Q : Pouvez-vous confirmer que la délégation se rendra sur place la semaine prochaine ?",
    "R : Je n'ai pas d'information à communiquer à ce sujet pour le moment.",
    "Q : Quel est votre commentaire sur les nouveaux droits de douane annoncés hier ?",
    "R : Nous avons exposé notre position à maintes reprises. Le dialogue est la seule voie.",
])

EN_STATEMENT = "\n\n".join([
    "Embassy News | Ambassador's Activities | Visa Services",
    "News > Statements",
    "Remarks of the Embassy Spokesperson on the Situation in the Region",
    "Author: Embassy Press Office",
    "Date: 2021/03/14 Source: Embassy of China",
    "Views: 1,204",
    "We firmly oppose the interference of any outside force in the region. We urge the "
    "parties concerned to respect the principles of the Charter and to return to dialogue.",
])

FR_STATEMENT = "\n\n".join([
    "Vous êtes ici : Actualités > Déclarations",
    "Par Li Wei | 2021.03.14",
    "Déclaration du porte-parole de l'ambassade sur la situation dans la région",
    "Lectures : 845",
    "Nous nous opposons fermement à toute ingérence extérieure dans la région. Nous exhortons "
    "les parties concernées à respecter les principes de la Charte et à revenir au dialogue.",
])


def _prepare(text: str) -> Analysis:
    result = prepare(RawDocument(Origin("<page>", "text"), text))
    assert isinstance(result, Analysis)
    return result


@pytest.mark.parametrize("text", [EN_BRIEFING, FR_BRIEFING], ids=["en", "fr"])
def test_a_briefing_behind_menus_and_bylines_keeps_its_fields(text: str) -> None:
    document = _prepare(text).document
    assert document.kind == "press_conference"
    assert document.date == "2019-08-09"
    assert document.spokesperson == "Geng Shuang"
    assert document.title is not None and "Geng Shuang" in document.title


@pytest.mark.parametrize(
    ("text", "title_start"),
    [(EN_STATEMENT, "Remarks of the Embassy"), (FR_STATEMENT, "Déclaration du porte-parole")],
    ids=["en", "fr"],
)
def test_a_statement_behind_breadcrumbs_keeps_title_kind_and_date(
    text: str, title_start: str
) -> None:
    document = _prepare(text).document
    assert document.title is not None and document.title.startswith(title_start)
    assert document.kind == "statement"
    assert document.date == "2021-03-14"


@pytest.mark.parametrize(
    ("title", "byline", "lede"),
    [
        ("Talks on fisheries resume in the spring", "By Anna Berg, Staff Reporter",
         "The two governments agreed on Tuesday to resume talks on fishing quotas in March."),
        ("Les négociations sur la pêche reprennent au printemps",
         "Par Anne Berg, envoyée spéciale",
         "Les deux gouvernements sont convenus mardi de reprendre les discussions en mars."),
    ],
    ids=["en", "fr"],
)
def test_a_byline_after_the_title_keeps_the_title(title: str, byline: str, lede: str) -> None:
    document = _prepare(f"{title}\n\n{byline}\n\n{lede}").document
    assert document.title == title


def test_headlines_that_merely_start_like_furniture_stay_titles() -> None:
    """"By Land and Sea, the ..." and "Share of ..." are headlines, not a byline or a toolbar."""
    for title in ("By Land and Sea, the Corridor Changed Trade",
                  "Share of renewable power rises to a third",
                  "Par la Voie Diplomatique, la Crise Trouve une Issue"):
        text = f"{title}\n\nThe ministry published the figures on Monday in its annual report."
        assert _prepare(text).document.title == title


@pytest.mark.parametrize(
    "hint",
    [
        "Embassy of the People's Republic of China in Exampleland | Foreign Ministry "
        "Spokesperson Geng Shuang's Regular Press Conference on August 9, 2019",
        "Conférence de presse du 9 août 2019 tenue par le porte-parole du ministère des "
        "Affaires étrangères Geng Shuang - Ambassade de Chine en République d'Exemple",
    ],
    ids=["en", "fr"],
)
def test_a_page_title_with_the_site_name_still_names_the_spokesperson(hint: str) -> None:
    """The text prints no title; the page's <title> puts the site's name beside it."""
    language = "fr" if hint.startswith("Conf") else "en"
    body = EN_BRIEFING if language == "en" else FR_BRIEFING
    turns = "\n\n".join(p for p in body.split("\n\n") if p[:2] in ("Q:", "A:", "Q ", "R "))
    raw = RawDocument(Origin("<page>", "html"), turns, title=hint, language=language)
    result = prepare(raw)
    assert isinstance(result, Analysis)
    document = result.document
    assert (document.kind, document.date, document.spokesperson) == (
        "press_conference", "2019-08-09", "Geng Shuang")


def test_an_html_title_loses_its_zero_width_characters() -> None:
    from porteparole.read.html import read_html

    page = (
        "<html><head><title>Spokesperson Geng Sh\u200buang\u2060's Remarks</title></head>"
        "<body><article><p>The spokesperson answered questions from the press on the talks "
        "that resumed on Monday between the two delegations.</p></article></body></html>"
    )
    raw = read_html(page.encode("utf-8"), Origin("page.html", "html"))
    assert isinstance(raw, RawDocument)
    assert raw.title == "Spokesperson Geng Shuang's Remarks"


@pytest.mark.parametrize(
    "title",
    ["Pékin dénonce une « provocation » des États-Unis à Taïwan",
     "Beijing warns of a “red line” over the strait"],
)
def test_a_headline_with_quotation_marks_is_not_a_breadcrumb(title: str) -> None:
    text = f"{title}\n\nLe ministère a publié jeudi un communiqué sur la situation dans le détroit."
    assert _prepare(text).document.title == title
