"""Stage 9: mechanism status updates on sentences we wrote, and on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from porteparole.errors import KnowledgeError
from porteparole.mechanisms import load_catalog, track_mechanisms
from porteparole.mechanisms.dates import clause_date
from porteparole.nlp import load_model
from porteparole.records import MECHANISM_STATUSES, Analysis, Document, Origin


def _analyse(language: str, text: str, date: str | None) -> Analysis:
    document = Document(text[:16], Origin("t", "text"), language, "news_article", text, date=date)
    return track_mechanisms(Analysis(document), load_model(language)(text))


def _updates(language: str, text: str, date: str | None = "2024-03-01") -> set[tuple[str, str]]:
    return {(u.mechanism_id, u.status) for u in _analyse(language, text, date).mechanism_updates}


def test_suspended_then_resumed_across_two_documents():
    first = _analyse(
        "fr", "Pékin a suspendu les pourparlers de coordination des politiques de défense "
              "avec Washington.", "2022-08-05")
    second = _analyse(
        "en", "The Defense Policy Coordination Talks resumed in Washington this week.",
        "2024-01-10")
    updates = sorted(first.mechanism_updates + second.mechanism_updates, key=lambda u: u.date)
    assert [(u.mechanism_id, u.status, u.date) for u in updates] == [
        ("chn-usa-defense-policy-coordination-talks", "suspended", "2022-08-05"),
        ("chn-usa-defense-policy-coordination-talks", "resumed", "2024-01-10"),
    ]
    assert updates[0].parties == ("CHN", "USA")
    text = first.document.text
    assert text[updates[0].start:updates[0].end].startswith("Pékin a suspendu")


def test_ai_resolution_proposed_then_adopted():
    proposed = _analyse(
        "en", "China proposed a draft resolution on AI capacity-building at the General "
              "Assembly.", "2024-03-20")
    adopted = _analyse(
        "fr", "L'Assemblée générale a adopté la résolution sur le renforcement des capacités "
              "de l'IA.", "2024-07-02")
    timeline = sorted(proposed.mechanism_updates + adopted.mechanism_updates,
                      key=lambda u: u.date)
    assert [(u.mechanism_id, u.status) for u in timeline] == [
        ("un-ai-capacity-building-resolution", "proposed"),
        ("un-ai-capacity-building-resolution", "adopted"),
    ]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Les deux armées n'ont pas repris les réunions de l'Accord consultatif militaire "
               "maritime."),
        ("fr", "Les deux pays pourraient reprendre les entretiens entre commandants de théâtre."),
        ("fr", "Le porte-parole a exprimé l'espoir d'une reprise des communications militaires."),
        ("en", "The two sides did not agree to restore the defense hotline."),
        ("en", "Washington hopes to resume the Defense Policy Coordination Talks soon."),
        ("en", "If Washington changes course, the MMCA meetings could resume."),
        ("en", "Will the two sides resume the Defense Policy Coordination Talks?"),
        # a question inside quotation marks is still a question
        ("en", "The reporter asked: “Will the two sides resume the Defense Policy Coordination "
               "Talks?”"),
        ("fr", "Le journaliste a demandé : « Les deux pays vont-ils reprendre les pourparlers de "
               "coordination des politiques de défense ? »"),
    ],
)
def test_negated_hypothetical_and_wished_updates_are_not_emitted(language, sentence):
    assert _updates(language, sentence) == set()


def test_future_commitment_is_agreed():
    updates = _updates(
        "fr", "Les deux pays reprendront les pourparlers de coordination des politiques de "
              "défense.")
    assert updates == {("chn-usa-defense-policy-coordination-talks", "agreed")}


def test_agreed_to_resume_is_an_agreement():
    updates = _updates("en", "The two sides agreed to resume high-level military "
                             "communication last November.")
    assert updates == {("chn-usa-military-communication", "agreed")}


def test_date_written_in_the_clause_wins():
    analysis = _analyse("en", "These military channels were suspended in August 2022.",
                        "2023-12-28")
    assert [u.date for u in analysis.mechanism_updates] == ["2022-08"]


def test_clause_dates():
    assert clause_date("le 21 octobre", "fr", "2024-12-18") == "2024-10-21"
    assert clause_date("le 21 décembre", "fr", "2024-03-01") == "2023-12-21"
    assert clause_date("depuis août 2022", "fr", "2024-01-01") is None
    assert clause_date("aucune date", "fr", "2024-01-01") is None


def test_clause_dates_read_each_language_with_its_own_words():
    # English: month first with an ordinal, "of" between month and year, "since" excluded
    assert clause_date("talks resumed on March 3rd, 2023", "en", "2024-01-01") == "2023-03-03"
    assert clause_date("the line was cut in August of 2022", "en", "2024-01-01") == "2022-08"
    assert clause_date("suspended since early August 2022", "en", "2024-01-01") is None
    # French: "1er", an elided "d'" before a month alone, "depuis l'…" excluded
    assert clause_date("reprise le 1er mars", "fr", "2024-06-01") == "2024-03-01"
    assert clause_date("prolongé jusqu'à la fin d'août", "fr", "2024-10-01") == "2024-08"
    assert clause_date("suspendu depuis l'août 2022", "fr", "2024-01-01") is None
    # a language's words are not another's; a language without date words reads no date
    assert clause_date("reprise le 1er mars", "en", "2024-06-01") is None
    assert clause_date("le 21 octobre", "xx", "2024-12-18") is None


def test_catalog_statuses_and_refusal(tmp_path: Path):
    catalog = load_catalog()
    for table in catalog.statuses.values():
        assert set(table) == set(MECHANISM_STATUSES)
    path = tmp_path / "mechanisms.yaml"
    path.write_text("version: 1\nkinds: [channel]\nmechanisms:\n  - id: x\n    kind: nope\n",
                    "utf-8")
    with pytest.raises(KnowledgeError, match="mechanism x"):
        load_catalog(path)


def test_sample_corpus_military_channels(examples_dir):
    from porteparole.pipeline import prepare
    from porteparole.read import read_source

    found = set()
    for name in ("en/mnd_2023-12-28_wu_qian.txt", "fr/news_2022-08-05_sanctions_pelosi.txt"):
        analysis = prepare(next(iter(read_source(examples_dir / name))))
        doc = load_model(analysis.document.language)(analysis.document.text)
        found |= {(u.mechanism_id, u.status)
                  for u in track_mechanisms(analysis, doc).mechanism_updates}
    assert ("chn-usa-military-communication", "suspended") in found
    assert ("chn-usa-defense-policy-coordination-talks", "agreed") in found
