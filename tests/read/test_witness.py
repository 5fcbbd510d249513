"""Poor witnesses: another language's connectives inside a text's sentences, translated names."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.pipeline import prepare
from porteparole.read import read_paths
from porteparole.records import Analysis, Origin, RawDocument, Rejected
from porteparole.witness import POOR_WITNESS, find_evidence, witness_flags

SPUN_FR = (
    "Le ministre des Affaires étrangères a rappelé jeudi que les discussions reprendraient "
    "dès le mois prochain. Les deux pays souhaitent coopérer in addition étroitement sur les "
    "questions maritimes, a-t-il ajouté devant la presse."
)
SPUN_EN = (
    "The foreign minister said on Thursday that the talks would resume next month. Both "
    "countries want to work together, notamment on maritime questions, he told reporters."
)
CLEAN_FR = (
    "Le ministre des Affaires étrangères a rappelé jeudi que les discussions reprendraient "
    "dès le mois prochain. Selon le Wall Street Journal et la Voice of America, les deux pays "
    "souhaitent coopérer plus étroitement sur les questions maritimes."
)
CLEAN_EN = (
    "The foreign minister said on Thursday that the talks would resume next month, according "
    "to Le Monde. Both countries want to cooperate more closely on maritime questions."
)


@pytest.mark.parametrize(("text", "language", "foreign"),
                         [(SPUN_FR, "fr", "en"), (SPUN_EN, "en", "fr")], ids=["fr", "en"])
def test_a_connective_of_another_language_inside_a_sentence_is_evidence(
    text: str, language: str, foreign: str
) -> None:
    (evidence,) = find_evidence(text, language)
    assert (evidence.kind, evidence.language) == ("connective", foreign)
    assert witness_flags(text, language) == (POOR_WITNESS,)


@pytest.mark.parametrize(("text", "language"), [(CLEAN_FR, "fr"), (CLEAN_EN, "en")],
                         ids=["fr", "en"])
def test_names_of_outlets_in_another_language_are_not_evidence(text: str, language: str) -> None:
    assert find_evidence(text, language) == []


def test_quoted_words_and_whole_sentences_in_another_language_are_citations() -> None:
    """A quote, or a whole English sentence set in a French article, is someone's words."""
    quoted = ("Le porte-parole a répondu en anglais : « However, we will not give up », avant "
              "de quitter la salle sans répondre aux autres questions des journalistes.")
    sentence = ("Le slogan de la campagne était affiché partout dans la ville.\n\n"
                "Moreover, we will build a better future for all of our children.\n\n"
                "Les partisans du candidat l'ont repris en chœur pendant toute la soirée.")
    assert find_evidence(quoted, "fr") == []
    assert find_evidence(sentence, "fr") == []


def test_a_capitalized_connective_inside_a_sentence_is_a_name() -> None:
    text = ("Le film Nevertheless a été projeté hier soir au festival de la ville, devant "
            "un public nombreux venu de toute la région.")
    assert find_evidence(text, "fr") == []


def test_a_name_translated_word_for_word_is_evidence() -> None:
    text = ("Le président américain Donald Atout a reçu son homologue à la Maison Blanche "
            "pour des entretiens sur le commerce.")
    (evidence,) = find_evidence(text, "fr")
    assert evidence.kind == "translated_name"
    assert text[evidence.start:evidence.end] == "Donald Atout"


def test_the_pipeline_flags_the_document() -> None:
    for text, expected in ((SPUN_FR, (POOR_WITNESS,)), (CLEAN_FR, ())):
        result = prepare(RawDocument(Origin("<text>", "text"), text))
        assert isinstance(result, Analysis)
        assert tuple(f for f in result.document.flags if f == POOR_WITNESS) == expected


SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.parametrize("folder", ["eval/dev-fr/corpus", "eval/dev-en/corpus"])
def test_real_news_is_not_flagged(folder: str) -> None:
    """Sixty articles from thirty-six outlets, in both languages: no false alarm."""
    path = SHARED / folder
    if not path.is_dir():
        pytest.skip(f"{path} is not available")
    flagged = []
    for raw in read_paths([path]):
        result = raw if isinstance(raw, Rejected) else prepare(raw)
        if isinstance(result, Analysis) and POOR_WITNESS in result.document.flags:
            flagged.append(result.document.origin.source)
    assert flagged == []


def test_the_spun_seed_is_the_only_flagged_seed(seeds_dir: Path) -> None:
    """Seed 003 is a machine-spun rewrite (English connectives inside its French); the four
    other seeds are clean."""
    flagged = set()
    for raw in read_paths([seeds_dir]):
        result = raw if isinstance(raw, Rejected) else prepare(raw)
        if isinstance(result, Analysis) and POOR_WITNESS in result.document.flags:
            flagged.add(Path(result.document.origin.source).name[:3])
    assert flagged == {"003"}
