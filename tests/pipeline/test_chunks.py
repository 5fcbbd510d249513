"""Long documents in chunks: offsets stay document offsets, and a text whose pieces are
independent reads the same cut or whole."""

from __future__ import annotations

import dataclasses

import pytest

from porteparole import chunks, pipeline
from porteparole.records import Analysis, Origin, RawDocument

# Each paragraph names its speakers in full and refers to nothing outside itself, so a
# cut between paragraphs cannot change what is read.
PARAGRAPHS_EN = [
    "Foreign Minister Wang Yi said on Monday that China firmly opposes the new sanctions "
    "imposed by the United States.",
    "The Japanese government announced that Tokyo will send humanitarian aid to the "
    "Philippines after the typhoon.",
    "Russia accused Ukraine of attacking a power station near the border, the Russian "
    "defence ministry said.",
    "India and Pakistan agreed to hold talks on water sharing next month, officials from "
    "both countries said.",
]
PARAGRAPHS_FR = [
    "Le ministre des Affaires étrangères Wang Yi a déclaré lundi que la Chine s'oppose "
    "fermement aux nouvelles sanctions imposées par les États-Unis.",
    "Le gouvernement japonais a annoncé que Tokyo enverra une aide humanitaire aux "
    "Philippines après le typhon.",
    "La Russie a accusé l'Ukraine d'avoir attaqué une centrale électrique près de la "
    "frontière, a indiqué le ministère russe de la Défense.",
]


def long_document(paragraphs: list[str], language: str, repeat: int) -> Analysis:
    title = "Compte rendu" if language == "fr" else "Briefing notes"
    day = "jour" if language == "fr" else "day"
    numbered = [f"{p[:-1]} ({day} {n + 1})." for n in range(repeat) for p in paragraphs]
    text = title + "\n\n" + "\n\n".join(numbered)
    prepared = pipeline.prepare(RawDocument(Origin("long.txt", "text"), text,
                                            language=language, date="2024-05-06"))
    assert isinstance(prepared, Analysis)
    return prepared


def records(analysis: Analysis) -> dict[str, tuple[object, ...]]:
    return {name: getattr(analysis, name) for name in (
        "turns", "paragraphs", "mentions", "quotes", "events", "topics", "mechanism_updates")}


@pytest.mark.parametrize(("paragraphs", "language"), [(PARAGRAPHS_EN, "en"),
                                                      (PARAGRAPHS_FR, "fr")])
def test_chunked_analysis_equals_whole_on_independent_paragraphs(
        paragraphs: list[str], language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = long_document(paragraphs, language, repeat=3)
    whole = pipeline.enrich(prepared)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 400)
    pieces = chunks.split(prepared)
    assert len(pieces) >= 3  # really cut
    cut = pipeline.enrich(prepared)
    assert cut.document == whole.document
    assert records(cut) == records(whole)
    assert whole.mentions and whole.events and whole.quotes


def test_chunk_records_point_into_the_whole_document(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = long_document(PARAGRAPHS_EN, "en", repeat=4)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 500)
    analysis = pipeline.enrich(prepared)
    text = analysis.document.text
    last = [m for m in analysis.mentions if m.surface == "Wang Yi"][-1]
    assert text[last.start:last.end] == "Wang Yi" and last.start > 1000
    for name in ("mentions", "quotes", "events", "topics"):
        for record in getattr(analysis, name):
            assert 0 <= record.start <= record.end <= len(text)
    for mention in analysis.mentions:
        assert text[mention.start:mention.end] == mention.surface


def test_cuts_fall_at_the_start_of_a_unit_line() -> None:
    prepared = long_document(PARAGRAPHS_EN, "en", repeat=5)
    text = prepared.document.text
    cuts = chunks.cut_points(prepared, 600)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    starts = {p.start for p in prepared.paragraphs}
    for cut in cuts[1:-1]:
        assert cut in starts and text[cut - 1] == "\n"
    assert all(b - a <= 600 for a, b in zip(cuts, cuts[1:], strict=False))


def test_a_single_overlong_line_is_cut_at_spaces() -> None:
    prepared = long_document(PARAGRAPHS_EN, "en", repeat=1)
    line = " ".join(PARAGRAPHS_EN * 3)
    document = dataclasses.replace(prepared.document, text=line)
    one_line = dataclasses.replace(prepared, document=document, paragraphs=(), turns=())
    cuts = chunks.cut_points(one_line, 200)
    assert all(line[c - 1] == " " for c in cuts[1:-1])
    assert "".join(line[a:b] for a, b in zip(cuts, cuts[1:], strict=False)) == line


EXCHANGES = [
    ("Agence Belga", "La Chine va-t-elle répondre aux sanctions annoncées par Washington ?",
     "La Chine s'oppose fermement aux sanctions imposées par les États-Unis."),
    ("Radio Lac", "Le ministre se rendra-t-il à Hanoï le mois prochain ?",
     "Le ministre Wang Yi a déclaré que la visite renforcera la coopération avec le Vietnam."),
    ("Journal du Port", "Des accords seront-ils signés avec le Japon ?",
     "Les deux parties signeront un accord sur la coopération portuaire."),
]


def test_a_long_press_conference_keeps_its_turns_and_quote_turns(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["Conférence de presse du 14 février 2024 tenue par le porte-parole du ministère "
             "des Affaires étrangères Lin Bo", "",
             "Le ministère publiera le programme de la visite en temps utile.", ""]
    for round_ in range(4):
        for outlet, question, answer in EXCHANGES:
            lines += [f"{outlet} : {question[:-2]} ({round_ + 1}) ?", "",
                      f"Lin Bo : {answer[:-1]} ({round_ + 1}).", ""]
    prepared = pipeline.prepare(RawDocument(Origin("conf.txt", "text"), "\n".join(lines)))
    assert isinstance(prepared, Analysis) and prepared.document.kind == "press_conference"
    assert len(prepared.turns) >= 24
    whole = pipeline.enrich(prepared)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 600)
    assert len(chunks.split(prepared)) >= 3
    cut = pipeline.enrich(prepared)
    assert cut.turns == whole.turns
    assert [t.index for t in cut.turns] == list(range(len(prepared.turns)))
    assert cut.quotes == whole.quotes
    for quote in cut.quotes:
        if quote.turn_index is not None:
            turn = cut.turns[quote.turn_index]
            assert turn.start <= quote.start and quote.end <= turn.end
