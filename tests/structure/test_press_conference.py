"""Press-conference structure: turns, speakers and metadata on hand-written transcripts of
each layout, the seed gold (FORMAT.md's turn matching) and a sample of the fmprc-en pages."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from porteparole.structure import Structure
from porteparole.structure.article import parse_article
from porteparole.structure.press_conference import parse_press_conference

# --- helpers ----------------------------------------------------------------------------------


def turns_of(text: str, structure: Structure) -> list[tuple[str, str | None, str]]:
    return [(t.role, t.speaker, text[t.start:t.end]) for t in structure.turns]


def parse(text: str, language: str = "en", hint: str | None = None) -> Structure:
    return parse_press_conference(text, "doc", language, title_hint=hint)


def assert_spans_are_clean(text: str, structure: Structure) -> None:
    """Every turn's span is its own trimmed text, after any label."""
    for turn in structure.turns:
        span = text[turn.start:turn.end]
        assert span == span.strip() and span
        if turn.label:
            before = text[text.rfind("\n", 0, turn.start) + 1:turn.start]
            assert before.strip().startswith(turn.label)


# --- French Foreign Ministry layout -----------------------------------------------------------

FR_TITLE = (
    "Conférence de presse du 3 mars 2025 tenue par la porte-parole du ministère des "
    "Affaires étrangères Lin Mei"
)
FR_MFA = """Ministère des Affaires Étrangères
République Populaire de Chine

""" + FR_TITLE + """

2025-03-03 19:05

Le ministre des Affaires étrangères se rendra en Norvège du 5 au 7 mars.

Au cours de cette visite, il aura des entretiens avec son homologue.

Radio Lune : Pourriez-vous nous en dire plus sur cette visite ?

Lin Mei : La Norvège est un partenaire important.

Les deux parties échangeront leurs points de vue : le climat, le commerce et la pêche.

Agence Polaire: Le ministre norvégien a dit : « nous voulons coopérer ». Votre commentaire ?

Lin Mei: Nous saluons cette déclaration.

Agence Polaire : Une autre question sur la pêche. Quelle est la position de la Chine ?

Lin Mei : La Chine est ouverte au dialogue.

Suivi : Et sur le climat ?

Lin Mei : Nous en parlerons aussi.

Recommander à Imprimer

L'adresse: 1 rue Imaginaire, Pékin
"""


def test_french_layout_turns_roles_and_speakers() -> None:
    s = parse(FR_MFA, "fr")
    got = [(role, speaker, span[:22]) for role, speaker, span in turns_of(FR_MFA, s)]
    assert got == [
        ("statement", "Lin Mei", "Le ministre des Affair"),
        ("question", "Radio Lune", "Pourriez-vous nous en "),
        ("answer", "Lin Mei", "La Norvège est un part"),
        ("question", "Agence Polaire", "Le ministre norvégien "),
        ("answer", "Lin Mei", "Nous saluons cette déc"),
        ("question", "Agence Polaire", "Une autre question sur"),
        ("answer", "Lin Mei", "La Chine est ouverte a"),
        ("question", "Agence Polaire", "Et sur le climat ?"),
        ("answer", "Lin Mei", "Nous en parlerons auss"),
    ]
    assert s.is_press_conference
    assert_spans_are_clean(FR_MFA, s)


def test_french_layout_metadata_skips_site_header() -> None:
    s = parse(FR_MFA, "fr")
    assert s.title == FR_TITLE
    assert (s.date, s.time) == ("2025-03-03", "19:05")
    assert s.ministry == "ministère des Affaires étrangères"
    assert s.spokesperson == "Lin Mei"


def test_multi_paragraph_statement_and_answer_are_one_turn() -> None:
    s = parse(FR_MFA, "fr")
    statement, _, answer = s.turns[:3]
    assert FR_MFA[statement.start:statement.end].endswith("avec son homologue.")
    assert FR_MFA[answer.start:answer.end].endswith("le commerce et la pêche.")


def test_boilerplate_is_not_a_turn_and_labels_keep_their_print() -> None:
    s = parse(FR_MFA, "fr")
    assert "Recommander" not in FR_MFA[s.turns[-1].start:s.turns[-1].end]
    assert [t.label for t in s.turns[:3]] == [None, "Radio Lune", "Lin Mei"]
    assert s.turns[7].label == "Suivi"


def test_paragraphs_cover_every_line() -> None:
    s = parse(FR_MFA, "fr")
    lines = [line.strip() for line in FR_MFA.splitlines() if line.strip()]
    assert [FR_MFA[p.start:p.end] for p in s.paragraphs] == lines
    assert [p.index for p in s.paragraphs] == list(range(len(lines)))


def test_sentences_with_a_colon_are_not_labels() -> None:
    text = (
        "Le ministre a dit : la coopération continuera.\n\n"
        "Selon lui : rien n'est décidé.\n\n"
        "Les deux pays ont signé trois accords : commerce, pêche et climat.\n"
    )
    s = parse(text, "fr")
    assert not s.is_press_conference and s.turns == ()


# --- English Foreign Ministry layouts ---------------------------------------------------------

EN_QA = """I have an announcement to make. The foreign minister will visit Ruritania next week.
During the visit, the two sides will sign several agreements.
Q: Can you give us more details on the agreements?
A: They cover trade and culture.
More details will be released in due course.
Journalist clarifies: I meant the trade agreement specifically.
A: It will lower tariffs on farm products.
Q: Is the minister going to meet the king?
A: I have no information to offer at the moment.
***
The regular press conference will be adjourned next Monday for the holiday.
Wish you a happy holiday!
"""
EN_QA_TITLE = "Foreign Ministry Spokesperson Chen Ming's Regular Press Conference on May 10, 2018"


def test_anonymous_qa_layout_with_title_hint() -> None:
    s = parse(EN_QA, hint=EN_QA_TITLE)
    roles = [(role, speaker) for role, speaker, _ in turns_of(EN_QA, s)]
    assert roles == [
        ("statement", "Chen Ming"),
        ("question", None), ("answer", "Chen Ming"),
        ("question", None), ("answer", "Chen Ming"),
        ("question", None), ("answer", "Chen Ming"),
        ("statement", "Chen Ming"),
    ]
    assert (s.date, s.spokesperson, s.ministry) == (
        "2018-05-10", "Chen Ming", "Ministry of Foreign Affairs")
    assert s.title == EN_QA_TITLE
    assert_spans_are_clean(EN_QA, s)


def test_closing_remarks_after_a_separator_are_one_statement() -> None:
    s = parse(EN_QA, hint=EN_QA_TITLE)
    closing = EN_QA[s.turns[-1].start:s.turns[-1].end]
    assert closing.startswith("The regular press conference") and closing.endswith("holiday!")
    answer = EN_QA[s.turns[2].start:s.turns[2].end]
    assert answer.endswith("in due course.")  # the answer's second paragraph stays in it


EN_NAMED = """Global Courier: Two questions. First, on the summit, what is expected?
Li Wen: The summit will focus on connectivity.
Global Courier: Second, on the loan, is it confirmed?
Li Wen: I have nothing to add.
Follow-up: So it is not confirmed?
Li Wen: As I said, nothing to add.
The following question was raised after the press conference: Will the envoy visit the region?
Li Wen: The envoy will travel there next month.
Li Wen: Before we close, I would like to thank you all.
"""


def test_named_layout_without_title_finds_the_spokesperson_from_labels() -> None:
    s = parse(EN_NAMED)
    roles = [(role, speaker) for role, speaker, _ in turns_of(EN_NAMED, s)]
    assert roles == [
        ("question", "Global Courier"), ("answer", "Li Wen"),
        ("question", "Global Courier"), ("answer", "Li Wen"),
        ("question", "Global Courier"), ("answer", "Li Wen"),
        ("question", None), ("answer", "Li Wen"),
        ("statement", "Li Wen"),
    ]
    assert s.spokesperson == "Li Wen" and s.date is None and s.title is None
    assert EN_NAMED[s.turns[6].start:s.turns[6].end] == "Will the envoy visit the region?"


def test_follow_up_takes_the_previous_outlet() -> None:
    s = parse(EN_NAMED)
    assert s.turns[4].label == "Follow-up" and s.turns[4].speaker == "Global Courier"


# --- defense ministries -----------------------------------------------------------------------

MND = """Regular Press Conference of the Ministry of National Defense on March 30, 2023

Senior Colonel Zhou Bo: Good afternoon. Let me start with an announcement on a joint exercise.

Question: Some media said the exercise targets a third party. What is your comment?

Zhou Bo: The exercise is part of an annual plan and targets no third party.

Q: Will the two militaries hold talks on the hotline?

Zhou Bo: Communication between the two militaries is ongoing.
"""


def test_defense_ministry_briefing() -> None:
    s = parse(MND)
    roles = [(role, speaker) for role, speaker, _ in turns_of(MND, s)]
    assert roles == [
        ("statement", "Zhou Bo"), ("question", None), ("answer", "Zhou Bo"),
        ("question", None), ("answer", "Zhou Bo"),
    ]
    assert (s.ministry, s.spokesperson, s.date) == (
        "Ministry of National Defense", "Zhou Bo", "2023-03-30")
    assert s.turns[0].label == "Senior Colonel Zhou Bo"


DOD = """Press Secretary Sam Reed Holds a Press Briefing

Sept. 5, 2023

PRESS SECRETARY SAM REED: Good afternoon, everyone. One update before your questions.

Q: Thank you, General. Maria Lopez, AP. Can you say whether the talks will cover the hotline?

GEN. REED: We expect the hotline to come up.

STAFF: Next question.

Q: Tom Brand with Defense Daily. Any update on the budget?

GEN. REED: Nothing new today.

Q: And on the exercise?

MR. OKAFOR: I can take that one. It went ahead as planned.
"""


def test_us_defense_briefing_with_self_named_reporters() -> None:
    s = parse(DOD)
    roles = [(role, speaker) for role, speaker, _ in turns_of(DOD, s)]
    assert roles == [
        ("statement", "Sam Reed"),
        ("question", "AP"), ("answer", "Sam Reed"),
        ("question", "Defense Daily"), ("answer", "Sam Reed"),
        ("question", None), ("answer", "Okafor"),
    ]
    assert (s.spokesperson, s.date) == ("Sam Reed", "2023-09-05")


def test_capitalised_label_without_title_gives_a_readable_name() -> None:
    text = "MR. ALVAREZ: Good afternoon.\n\nQ: Any update?\n\nMR. ALVAREZ: Not today.\n"
    s = parse(text)
    assert s.spokesperson == "Alvarez"
    assert [(t.role, t.speaker) for t in s.turns] == [
        ("statement", "Alvarez"), ("question", None), ("answer", "Alvarez")]


# --- narration ---------------------------------------------------------------------------------


def test_question_reported_in_narration_english() -> None:
    text = (
        "Foreign Ministry Spokesperson Chen Ming's Remarks on June 3, 2019\n\n"
        "Asked whether China would respond to the new tariffs, Chen said that China would "
        "take the necessary measures.\n\nShe added that dialogue remains the right way.\n"
    )
    s = parse(text)
    got = turns_of(text, s)
    assert got[0] == ("question", None, "China would respond to the new tariffs")
    assert got[1][:2] == ("answer", "Chen Ming")
    assert got[1][2].startswith("China would take") and got[1][2].endswith("right way.")


def test_question_reported_in_narration_french() -> None:
    text = (
        "Propos de la porte-parole du ministère des Affaires étrangères Lin Mei\n\n"
        "Interrogée sur les nouvelles sanctions, la porte-parole a répondu que la Chine s'y "
        "opposait fermement.\n"
    )
    s = parse(text, "fr")
    assert turns_of(text, s) == [
        ("question", None, "les nouvelles sanctions"),
        ("answer", "Lin Mei", "la Chine s'y opposait fermement."),
    ]


def test_narration_in_a_news_story_is_not_a_press_conference() -> None:
    text = (
        "Tariffs rise again\n\nThe government raised tariffs on Monday.\n\n"
        "Asked about the move, Chen said that China would respond.\n"
    )
    assert not parse(text).is_press_conference


# --- robustness ---------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Q:A ab\n\n.Reuters-*«»1")), max_size=300))
def test_never_raises_and_offsets_stay_inside(text: str) -> None:
    for language in ("en", "fr", "und"):
        s = parse(text, language)
        for turn in s.turns:
            assert 0 <= turn.start < turn.end <= len(text)
        assert s.is_press_conference == bool(s.turns)


# --- seeds gold (FORMAT.md matching) ---------------------------------------------------------

_FOLD_TABLE = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"',
    "–": "-", "—": "-", "‑": "-",
})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def score_turns(gold: list[dict], text: str, s: Structure) -> tuple[int, int, int, int, int]:
    """(matched, roles right, speakers right, gold turns, system turns)."""
    taken: set[int] = set()
    matched = roles = speakers = 0
    for g in gold:
        for turn in s.turns:
            if turn.index not in taken and fold(text[turn.start:turn.end]).startswith(
                fold(g["begins"])
            ):
                taken.add(turn.index)
                matched += 1
                roles += turn.role == g["role"]
                speakers += turn.speaker == g["speaker"]
                break
    return matched, roles, speakers, len(gold), len(s.turns)


def _seed_structure(path: Path) -> tuple[str, Structure]:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    s = parse_press_conference(text, path.stem, "fr")
    return text, s if s.is_press_conference else parse_article(text, path.stem, "fr")


def _golds(seeds_gold_dir: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(seeds_gold_dir.glob("*.gold.json"))]


def test_seed_turns_meet_the_floor(seeds_dir: Path, seeds_gold_dir: Path) -> None:
    totals = [0, 0, 0, 0, 0]
    for gold in _golds(seeds_gold_dir):
        text, s = _seed_structure(seeds_dir / gold["document"])
        for i, value in enumerate(score_turns(gold["turns"], text, s)):
            totals[i] += value
    matched, roles, speakers, n_gold, n_system = totals
    precision, recall = matched / n_system, matched / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.98
    assert roles == matched and speakers == matched


def test_seed_metadata_matches_gold(seeds_dir: Path, seeds_gold_dir: Path) -> None:
    for gold in _golds(seeds_gold_dir):
        text, s = _seed_structure(seeds_dir / gold["document"])
        name = gold["document"]
        assert s.is_press_conference == (gold["kind"] == "press_conference"), name
        assert (s.title, s.date, s.spokesperson) == (
            gold["title"], gold["date"], gold["spokesperson"]), name


# --- fmprc-en sample ----------------------------------------------------------------------------

_SAMPLE = 40


def _page(path: Path) -> tuple[str, str | None]:
    trafilatura = pytest.importorskip("trafilatura")
    html = path.read_text(encoding="utf-8", errors="replace")
    text = trafilatura.extract(html, favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(html)
    return text, (metadata.title if metadata else None)


def test_fmprc_transcripts_are_press_conferences(fmprc_dir: Path) -> None:
    pages = sorted(fmprc_dir.glob("t*.html"))
    step = max(1, len(pages) // _SAMPLE)
    for path in pages[::step]:
        text, title = _page(path)
        s = parse(text, hint=title)
        roles = {t.role for t in s.turns}
        assert s.is_press_conference and {"question", "answer"} <= roles, path.name
        assert s.spokesperson and s.spokesperson in (title or ""), path.name
        year_printed = bool(re.search(r"\b(19|20)\d\d\b", title or ""))
        assert bool(s.date) == year_printed, path.name  # no year in the title: no date


def test_fmprc_listing_pages_are_not(fmprc_dir: Path) -> None:
    for path in sorted(fmprc_dir.glob("default*.html")):
        text, title = _page(path)
        assert not parse(text, hint=title).is_press_conference, path.name


FR_MND = """Conférence de presse régulière du ministère de la Défense nationale du 28 avril 2022

Colonel supérieur Zhou Bo : Bonjour à tous. Je commence par une annonce.

Question : Des médias affirment que l'exercice vise un pays tiers. Quel est votre commentaire ?

Zhou Bo : L'exercice fait partie d'un plan annuel.
"""


def test_french_defense_ministry_briefing() -> None:
    s = parse(FR_MND, "fr")
    assert [(t.role, t.speaker) for t in s.turns] == [
        ("statement", "Zhou Bo"), ("question", None), ("answer", "Zhou Bo")]
    assert (s.ministry, s.spokesperson, s.date) == (
        "ministère de la Défense nationale", "Zhou Bo", "2022-04-28")


def test_unknown_language_uses_every_vocabulary() -> None:
    text = "Radio Lune : Une question ?\n\nQ: And another?\n\nLin Mei : Réponse.\n\nA: Answer.\n"
    s = parse(text, "und", hint="Conférence de presse du ministère des Affaires étrangères")
    assert [t.role for t in s.turns] == ["question", "question", "answer", "statement"]


EN_MND_LEDE = """Regular Press Conference of the Ministry of National Defense on March 30, 2023

Senior Colonel Tan Kefei, spokesperson for the Ministry of National Defense, answered \
questions from reporters on Thursday afternoon.

Question: Some media say the exercise targets a third country. What is your comment?

Tan Kefei: The exercise is part of the annual training plan.
"""


def test_editorial_lede_about_the_spokesperson_is_not_a_turn() -> None:
    s = parse(EN_MND_LEDE, "en")
    assert [(t.role, t.speaker) for t in s.turns] == [("question", None), ("answer", "Tan Kefei")]
