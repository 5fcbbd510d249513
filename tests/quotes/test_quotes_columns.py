"""The quotes stage's per-Doc columns give exactly what the Tokens give.

The attribution rules read the parse through ``quotes.columns`` (and ``text.doc_table``)
instead of building a ``Token`` per word they look at; these tests hold every column, the
units built from them and the memoized speech frames to the Token-based reading, on
sentences written for the purpose (French and English, with quotation marks, inverted tags,
line breaks, negation and participles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from porteparole.quotes.columns import columns, feature
from porteparole.quotes.cues import Units, cue_candidates, is_cue
from porteparole.quotes.lexicon import load_quote_lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FRENCH = (
    "« Nous ne céderons pas », a-t-il déclaré jeudi. Le ministre n'a pas dit que la Chine "
    "refusait.\n\nLa porte-parole, Mme Durand, estime-t-on à Paris, a rappelé que les "
    "discussions reprendraient, ajoutant qu'elles seraient « difficiles ».\n"
    "Selon le communiqué, les deux pays ont appelé à la reprise des pourparlers."
)
ENGLISH = (
    '"We will not give in," the minister said on Monday. She did not say that talks had '
    "failed.\nThe talks, Wang said, were useful, adding that both sides had agreed to meet."
    "\n\nAccording to the ministry, the coast guard expelled the ship, state media reported."
)
FEATURES = ("VerbForm", "Tense", "Polarity", "Definite", "Gender", "Voice", "Mood", "PronType")


@pytest.fixture(params=["fr", "en"])
def doc(request: pytest.FixtureRequest, nlp_fr: Language, nlp_en: Language) -> Doc:
    nlp = nlp_fr if request.param == "fr" else nlp_en
    return nlp(FRENCH if request.param == "fr" else ENGLISH)


def test_columns_read_what_the_tokens_hold(doc: Doc) -> None:
    words = columns(doc)
    for token in doc:
        i = token.i
        assert words.text(i) == token.text
        assert words.pos(i) == token.pos_
        assert words.dep(i) == token.dep_
        assert words.head[i] == token.head.i
        assert words.children(i) == [c.i for c in token.children]
        assert words.newline(i) == ("\n" in token.text_with_ws)
        assert words.is_punct(i) == token.is_punct
        assert words.is_quote(i) == token.is_quote
        assert words.is_alpha(i) == token.is_alpha
        assert words.is_space(i) == token.is_space
        assert words.sentence_start[i] == (i == 0 or bool(token.is_sent_start))
        for name in FEATURES:
            assert sorted(feature(token, name)) == sorted(token.morph.get(name, []))


def test_units_cut_sentences_at_line_breaks(doc: Doc) -> None:
    """The units over arrays are the sentences cut after every token holding a break."""
    starts = {s.start for s in doc.sents}
    first: list[int] = []
    current, after_break = 0, False
    for token in doc:
        if token.i in starts or after_break:
            current = token.i
        first.append(current)
        after_break = "\n" in token.text_with_ws
    last = [0] * len(doc)
    end = len(doc) - 1
    for i in range(len(doc) - 1, -1, -1):
        last[i] = end
        if first[i] == i:
            end = i - 1
    units = Units(doc)
    assert units.first == first
    assert units.last == last
    breaks = [t.i + 1 for t in doc[:-1] if "\n" in t.text_with_ws]
    assert breaks
    assert all(units.first[i] == i for i in breaks)  # a unit opens after each break


def test_remembered_frames_are_the_speech_lexicons(doc: Doc) -> None:
    """``needs`` (decided once per token, phrases tried only for their cue words) gives
    ``speech.frames`` on every token, and the cue candidates hold every cue."""
    lexicon = load_quote_lexicon(doc.lang_)
    for token in doc:
        assert lexicon.needs(token) == lexicon.speech.frames(token)
        assert lexicon.needs(token) == lexicon.speech.frames(token)  # the remembered one
    candidates = set(cue_candidates(doc, lexicon))
    cues = [t.i for t in doc if is_cue(t, lexicon)]
    assert cues
    assert set(cues) <= candidates
