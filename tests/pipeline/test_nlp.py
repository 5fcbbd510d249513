"""Stage 4: spaCy models per language, and sentences that respect the document's lines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from porteparole import nlp
from porteparole.errors import ModelError
from porteparole.nlp import annotate, annotate_stream, doc_text, load_model


def test_a_sentence_never_runs_across_a_line_break() -> None:
    text = ("Pékin et Washington rétablissent le dialogue militaire\n\n"
            "PÉKIN: La Chine a annoncé jeudi la reprise des échanges avec les États-Unis.")
    (doc,) = annotate([("fr", text)])
    starts = {sentence.start_char for sentence in doc.sents}
    assert text.index("PÉKIN") in starts


def test_a_line_break_inside_a_token_starts_the_next_sentence_too() -> None:
    text = "Communiqué conjoint\n   \nLe Japon et la Corée du Sud ont signé un accord.\nFin"
    (doc,) = annotate([("fr", text)])
    starts = {sentence.start_char for sentence in doc.sents}
    assert {text.index("Le Japon"), text.index("Fin")} <= starts


def test_texts_come_back_in_order_whatever_their_language() -> None:
    docs = annotate([("en", "Beijing spoke."), ("fr", "Pékin a parlé."), ("en", "Seoul too.")])
    assert [doc_text(d) for d in docs] == ["Beijing spoke.", "Pékin a parlé.", "Seoul too."]


def test_a_language_without_a_model_gets_a_tokenizer_not_an_error() -> None:
    (doc,) = annotate([("de", "Berlin hat gesprochen. Paris auch.")])
    assert len(list(doc.sents)) == 2


def test_no_model_configured_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no spaCy model"):
        load_model("qq")


def test_the_stream_keeps_input_order_across_languages() -> None:
    texts = [("en", "Tokyo spoke."), ("fr", "Paris a parlé."), ("fr", "Rome aussi."),
             ("en", "Seoul too.")]
    assert [doc_text(d) for d in annotate_stream(iter(texts))] == [t for _, t in texts]


def test_the_stream_holds_one_batch_of_characters_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Long texts (the pieces of a long document) are annotated one batch of at most
    BATCH_CHARS characters at a time, not BATCH_SIZE texts at a time."""
    monkeypatch.setattr(nlp, "BATCH_CHARS", 60)
    consumed: list[int] = []

    def texts() -> Iterator[tuple[str, str]]:
        for n in range(6):
            consumed.append(n)
            yield "en", f"The minister spoke on day {n} about the harbour and the ferry."

    stream = annotate_stream(texts())
    first = next(stream)
    assert "day 0" in doc_text(first)
    assert len(consumed) <= 2  # the first text, and the one that closed its batch
    assert len(list(stream)) == 5


def test_each_doc_keeps_the_very_text_it_was_made_from() -> None:
    """``doc_text`` reads the text the Doc was made from, which must be ``Doc.text``: odd
    spaces, tabs, line breaks and a text with no word at all included."""
    texts = [("fr", "  Le ministre  a parlé.\t\nFin.  \n"), ("en", "Beijing\u00a0spoke \n\n"),
             ("en", "   "), ("zh", "外交部发言人表示。")]
    docs = annotate(texts)
    for (_, text), doc in zip(texts, docs, strict=True):
        assert doc_text(doc) == text == doc.text
