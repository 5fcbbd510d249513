"""The attribute table gives the Doc its model's attribute ruler gives, attribute for attribute.

``nlp.load_model`` replaces an ``attribute_ruler`` with ``attribute_table.AttributeTable``
(an order of magnitude faster); every stage after it reads POS, morphology and lemmas, so
the replacement is only sound if the two agree on every token. Compared here on sentences
written for the rules the English ruler holds (pronouns, auxiliaries, negation,
contractions, expletive "there", line breaks), on a hand-built ruler exercising each kind
of test, and on real Foreign Ministry pages when ``../shared`` is present.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from porteparole import attribute_table, nlp, pipeline, read
from porteparole.records import Analysis, RawDocument

COMPARED = ["POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD"]

SENTENCES = [
    "I told them that we would not accept it, and she said he hadn't either.",
    "There is no reason to think that the talks were ever going to fail.",
    "We're gonna keep working; they ain't ready and y'all know it.",
    "Let's be clear: the ministry has done what it could, and it does so again.",
    "Something must change.\nAnyone who reads this knows it; nobody denies it.",
    "Did the spokesperson say whether China had been informed, or was it being kept "
    "secret?",
    "The sanctions, which were announced   on Monday, got a firm response from Beijing.",
    "Those who disagree can say so; these are the facts and that is all.",
]


@cache
def _model() -> Language:
    """The English model exactly as its package ships it (its ruler still in place)."""
    name = nlp.model_name("en")
    assert name is not None
    return spacy.load(name)


def _before_ruler(model: Language, texts: list[str]) -> Iterator[Doc]:
    """Docs annotated by the components that run before the ruler, and no further."""
    names = model.pipe_names
    keep = names[: names.index("attribute_ruler")]
    with model.select_pipes(enable=keep):
        yield from model.pipe(texts)


def _differences(ruler: AttributeRuler, docs: Iterator[Doc]) -> list[str]:
    table = attribute_table.AttributeTable.from_ruler(ruler)
    assert table is not None
    found = []
    for doc in docs:
        expected, actual = ruler(doc.copy()), table(doc.copy())
        left, right = expected.to_array(COMPARED), actual.to_array(COMPARED)
        for i in np.nonzero((left != right).any(axis=1))[0].tolist():
            a, b = expected[i], actual[i]
            found.append(f"{a.text!r}: ruler {a.pos_}/{a.tag_}/{a.morph}/{a.lemma_}/{a.dep_}, "
                         f"table {b.pos_}/{b.tag_}/{b.morph}/{b.lemma_}/{b.dep_}")
    return found


def test_table_equals_the_english_ruler_on_written_sentences() -> None:
    model = _model()
    assert _differences(model.get_pipe("attribute_ruler"), _before_ruler(model, SENTENCES)) == []


def test_table_equals_the_english_ruler_on_foreign_ministry_pages(fmprc_dir: Path) -> None:
    pages = sorted(fmprc_dir.glob("*.htm*"))[::25]  # about 20 pages, spread over the corpus
    texts = []
    for item in read.read_paths(pages):
        prepared = pipeline.prepare(item) if isinstance(item, RawDocument) else None
        if isinstance(prepared, Analysis) and prepared.document.language == "en":
            texts.append(prepared.document.text)
    assert len(texts) >= 10
    model = _model()
    assert _differences(model.get_pipe("attribute_ruler"), _before_ruler(model, texts)) == []


def test_each_kind_of_test_and_later_rules_override_earlier_ones() -> None:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "alpha"}]], {"POS": "NOUN", "LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["alpha", "beta"]}}]], {"POS": "VERB"})  # overrides POS
    ruler.add([[{"ORTH": {"NOT_IN": ["gamma", "alpha", "beta", ""]}, "IS_PUNCT": False}]],
              {"TAG": "OTHER"})
    ruler.add([[{"LOWER": {"REGEX": "^d.l"}}, {"ORTH": ","}]], {"MORPH": "Case=Nom"},
              index=0)
    ruler.add([[{"LOWER": "beta"}, {"LOWER": "gamma"}]], {"LEMMA": "last"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    texts = ["Alpha beta gamma delta, Delta epsilon.", "beta gamma\n\nALPHA  delta , x",
             "gamma", ""]
    docs = (blank.make_doc(t) for t in texts)
    assert _differences(ruler, docs) == []
    table = attribute_table.AttributeTable.from_ruler(ruler)
    assert table is not None
    doc = table(blank.make_doc(texts[1]))
    assert [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in doc] == [
        ("beta", "VERB", "", "", ""), ("gamma", "", "", "last", ""),
        ("\n\n", "SPACE", "OTHER", "", ""), ("ALPHA", "VERB", "OTHER", "first", ""),
        (" ", "SPACE", "OTHER", "", ""), ("delta", "", "OTHER", "", "Case=Nom"),
        (",", "", "", "", ""), ("x", "", "OTHER", "", "")]


def test_a_ruler_with_an_operator_is_kept() -> None:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"}, index=-1)
    assert attribute_table.AttributeTable.from_ruler(ruler) is None
    assert not attribute_table.replace_ruler(blank)
    assert blank.pipe_names == ["attribute_ruler"]


def test_porteparole_loads_the_english_model_with_the_table() -> None:
    names = nlp.load_model("en").pipe_names
    assert "attribute_ruler" not in names
    assert attribute_table.FACTORY in names
    assert names.index(attribute_table.FACTORY) == _model().pipe_names.index(
        "attribute_ruler") + 1  # where the ruler was, after porteparole's line breaks
