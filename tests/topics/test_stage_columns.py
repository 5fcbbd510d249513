"""Stages 8 and 9 read token columns and ranges instead of Tokens: same answers as Tokens.

The stages count words, end hits, cut lines and pick the hits of a unit from arrays, sorted
lists and the token table; each reading must say what the Token-by-Token reading said (the
reference here) on sentences we wrote, in French and English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from porteparole.mechanisms import _allowed, _lines
from porteparole.mechanisms.catalog import load_catalog
from porteparole.records import Analysis, Document, Mention, Origin
from porteparole.topics import _Columns, _Hits
from porteparole.topics.scoring import Hit, _evidence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FRENCH = ("PÉKIN, 4 mars (Xinhua) -- Chine\n"
          "La Chine et les États-Unis ont repris les pourparlers ; "
          "« c'est utile », a dit M. Wang.  \n"
          "\n"
          "Les deux armées.   Elles ont rétabli la ligne directe militaire, selon le ministère…\n"
          "  Washington")
ENGLISH = ("WASHINGTON, March 4 (Reuters) - Talks\n"
           "The two militaries resumed their talks; \"it was useful,\" Mr. Wang said.   \n"
           "\n\n"
           "The hotline. It was restored in January , officials said !\n"
           " Beijing  \n")


def _doc(nlp_fr: Language, nlp_en: Language, language: str) -> Doc:
    return nlp_fr(FRENCH) if language == "fr" else nlp_en(ENGLISH)


def test_word_counts_and_token_ends_are_those_of_the_tokens(
    nlp_fr: Language, nlp_en: Language
) -> None:
    for language in ("fr", "en"):
        doc = _doc(nlp_fr, nlp_en, language)
        columns = _Columns(doc)
        assert [columns.end(t.i) for t in doc] == [t.idx + len(t) for t in doc]
        text = doc.text
        for start in range(0, len(text) + 1, 7):
            for end in range(start, len(text) + 1, 11):
                words = sum(1 for t in doc if start <= t.idx < end
                            and not (t.is_punct or t.is_space))
                assert columns.words(start, end) == words, (language, start, end)


def _lines_by_tokens(doc: Doc) -> list[tuple[int, int]]:
    """The lines as the stage cut them from sentence Spans and Tokens."""
    ranges = []
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text or token.i == sentence.end - 1:
                end = token.i if token.is_space else token.i + 1
                while start < end and doc[start].is_space:
                    start += 1
                if start < end:
                    ranges.append((start, end))
                start = token.i + 1
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged:
            previous = merged[-1]
            verbless = not any(t.pos_ in {"VERB", "AUX"} for t in doc[previous[0]:previous[1]])
            if verbless and not any("\n" in t.text for t in doc[previous[1]:start]):
                merged[-1] = (previous[0], end)
                continue
        merged.append((start, end))
    return merged


def test_lines_are_those_of_the_sentence_spans(nlp_fr: Language, nlp_en: Language) -> None:
    for language in ("fr", "en"):
        doc = _doc(nlp_fr, nlp_en, language)
        lines = _lines(doc)
        assert lines == _lines_by_tokens(doc)
        assert any("\n" in doc.text[doc[s].idx:doc[e - 1].idx] for s, e in lines) is False
        assert len(lines) >= 4


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.sampled_from("abc")),
                max_size=25),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 30)), min_size=1, max_size=3))
def test_hits_inside_units_in_the_order_found(
    raw: list[tuple[int, int, str]], spans: list[tuple[int, int]]
) -> None:
    hits = [Hit(label, start, start + length, 1.0, label) for start, length, label in raw]
    units = [(start, start + length) for start, length in spans]
    expected = [h for h in hits if any(s <= h.start and h.end <= e for s, e in units)]
    assert _Hits(hits).inside(units) == expected


def _evidence_by_list(hits: list[Hit], max_repeats: int) -> float:
    """Steps 1-3 of the scoring as first written, hit objects compared pairwise."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.weight, h.start - h.end, h.start)):
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    counts: dict[str, int] = {}
    total = 0.0
    for hit in kept:
        counts[hit.key] = counts.get(hit.key, 0) + 1
        if counts[hit.key] <= max_repeats:
            total += hit.weight
    return total


@given(st.lists(st.tuples(st.integers(-1, 40), st.integers(0, 6),
                          st.sampled_from([0.5, 1.0, 1.5, 3.0]), st.sampled_from("xyz")),
                max_size=20),
       st.integers(1, 3))
def test_evidence_is_that_of_the_pairwise_reading(
    raw: list[tuple[int, int, float, str]], max_repeats: int
) -> None:
    hits = [Hit("label", start, start + length if start >= 0 else -1, weight, key)
            for start, length, weight, key in raw]
    assert _evidence(hits, max_repeats) == _evidence_by_list(hits, max_repeats)


def test_required_actors_are_mentioned_by_their_institutions() -> None:
    catalog = load_catalog()
    document = Document("d", Origin("t", "text"), "en", "news_article", "x")
    for present in (["CHN-MFA", "USA-DOD"], ["CHN"], ["USA-DOD-INDOPACOM", "CHN"], ["CHNX"]):
        mentions = tuple(Mention("d", 0, 1, "x", "ORG", actor, 1.0) for actor in present)
        expected = {
            m.id for m in catalog.mechanisms
            if all(any(a == w or a.startswith(w + "-") for a in present) for w in m.requires)
        }
        assert _allowed(catalog, Analysis(document, mentions=mentions)) == expected
    assert _allowed(catalog, Analysis(document)) == {m.id for m in catalog.mechanisms}
