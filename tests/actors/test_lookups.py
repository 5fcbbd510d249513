"""The actors stage's look-ups by bisection and by token column must answer what the scans
over Token objects they replace answered, on sentences we wrote (French and English)."""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING

from porteparole.actors.anaphora import (
    Lookback,
    Sentences,
    _folded_positions,
    _lower_positions,
    _token_ending,
)
from porteparole.actors.lexicon import load_lexicon
from porteparole.actors.matcher import starting
from porteparole.actors.resolve import Spans
from porteparole.kb import load_knowledge_base
from porteparole.quotes.lexicon import load_quote_lexicon
from porteparole.records import Mention
from porteparole.text.doc_table import table
from porteparole.text.folds import fold_token
from porteparole.text.tokens import tokenize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FRENCH = ("Le ministre Jean Dupont est arrivé lundi. A-t-il déclaré que la Chine viendrait ? "
          "Elle, selon lui, viendra.\nCe dernier a ensuite rencontré l'intéressé à Paris.")
ENGLISH = ("Minister Ola Berg arrived on Monday. He said that she would come.\n"
           "The latter then met THEM in Oslo, according to him.")


def _docs(nlp_fr: Language, nlp_en: Language) -> list[tuple[str, Doc]]:
    return [("fr", nlp_fr(FRENCH)), ("en", nlp_en(ENGLISH))]


def test_pronoun_positions_match_a_scan_of_every_token(nlp_fr: Language,
                                                       nlp_en: Language) -> None:
    for language, doc in _docs(nlp_fr, nlp_en):
        pronouns = load_lexicon(language).pronouns
        words = load_quote_lexicon(language).pronouns | load_quote_lexicon(
            language).stressed_pronouns
        bare = {w.lstrip("-") for w in words}
        assert table(doc).orth == [t.orth for t in doc]
        folded = [t.i for t in doc if fold_token(t.text).lstrip("-") in pronouns]
        lower = [t.i for t in doc if t.text.lower().lstrip("-") in bare]
        assert folded and lower  # the sentences hold pronouns of both lists
        for _ in range(2):  # the second time from the remembered spellings
            assert _folded_positions(doc, pronouns) == folded
            assert _lower_positions(table(doc).lower, words) == lower


def test_a_tokens_sentence_is_its_own(nlp_fr: Language, nlp_en: Language) -> None:
    for _, doc in _docs(nlp_fr, nlp_en):
        sentences = Sentences(doc)
        for token in doc:
            assert sentences.of(token) == token.sent


def test_the_token_ending_at_an_offset(nlp_fr: Language, nlp_en: Language) -> None:
    for _, doc in _docs(nlp_fr, nlp_en):
        ends = {t.idx + len(t.text): t for t in doc}
        starts = table(doc).idx
        for offset in range(len(doc.text) + 2):
            found = _token_ending(doc, starts, offset)
            expected = ends.get(offset)
            assert (found.i if found is not None else None) == (
                expected.i if expected is not None else None)


def test_first_words_are_found_where_a_scan_finds_them() -> None:
    for text in (FRENCH, ENGLISH):
        tokens = tokenize(text)
        first_keys = {"la", "ministre", "the", "oslo", "paris"}
        assert starting(tokens, first_keys) == [
            i for i, t in enumerate(tokens) if t.key in first_keys]


def test_spans_overlap_as_a_scan_says() -> None:
    spans = [(0, 5), (3, 4), (10, 30), (12, 13), (30, 31), (40, 40), (50, 52)]
    index = Spans(spans)
    for start, end in product(range(-2, 56), range(-2, 56)):
        expected = any(a < end and start < b for a, b in spans)
        assert index.overlaps(start, end) == expected, (start, end)
    assert not Spans(()).overlaps(0, 10)


def test_mentions_overlapping_a_span_as_a_scan_says(nlp_en: Language) -> None:
    doc = nlp_en(ENGLISH)
    spans = [(0, 8), (9, 17), (9, 12), (60, 70), (100, 104)]
    mentions = [Mention("doc", a, b, ENGLISH[a:b], "PER", None, 1.0, "name") for a, b in spans]
    lookback = Lookback(doc, mentions, load_knowledge_base().actor,
                        load_quote_lexicon("en"), "en")
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    for start, end in product(range(0, 110, 3), range(0, 110, 4)):
        assert lookback.overlapping(start, end) == [
            m for m in ordered if m.start < end and m.end > start]
