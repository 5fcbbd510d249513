"""Stage 4: spaCy models per language, and sentences that respect the document's lines."""

from __future__ import annotations

import pytest

from porteparole.errors import ModelError
from porteparole.nlp import annotate, doc_text, load_model


def test_a_sentence_never_runs_across_a_line_break() -> None:
    text = ("Pékin et Washington rétablissent le dialogue militaire\n\n"
            "PÉKIN: La Chine a annoncé jeudi la reprise des échanges avec les États-Unis.")
    (doc,) = annotate([("fr", text)])
    starts = {sentence.start_char for sentence in doc.sents}
    assert text.index("PÉKIN") in starts


def test_texts_come_back_in_order_whatever_their_language() -> None:
    docs = annotate([("en", "Beijing spoke."), ("fr", "Pékin a parlé."), ("en", "Seoul too.")])
    assert [doc_text(d) for d in docs] == ["Beijing spoke.", "Pékin a parlé.", "Seoul too."]


def test_a_language_without_a_model_gets_a_tokenizer_not_an_error() -> None:
    (doc,) = annotate([("de", "Berlin hat gesprochen. Paris auch.")])
    assert len(list(doc.sents)) == 2


def test_no_model_configured_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no spaCy model"):
        load_model("qq")
