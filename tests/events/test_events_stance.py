"""Nouns owning an infinitive and their owners, read in one place (``events.stance``) for both
modality and arguments (issue 8): « la décision de la Chine de sanctionner … », "the decision
of Germany to send …", « a annoncé sa décision de suspendre … », "its refusal to meet …", and a
purpose noun that is no stance ("a summit to hammer out …"). The genitive prepositions come
from the language file, not the code. Sentences written for these tests.
"""

from __future__ import annotations

import dataclasses

import pytest

from porteparole.events.patterns import load_lexicon
from porteparole.events.stance import owners, qualified_noun, stance_noun


def _word(doc, form):
    return next(t for t in doc if t.text == form)


def _owner_texts(nlp, language, text, infinitive):
    lexicon = load_lexicon(language)
    doc = nlp[language](text)
    noun = stance_noun(_word(doc, infinitive), lexicon)
    assert noun is not None, [(t.text, t.dep_, t.head.text) for t in doc]
    return noun.lemma_, [t.text for t in owners(noun, lexicon)]


@pytest.mark.parametrize("language, text, infinitive, noun, owner", [
    ("fr", "La décision de la Pologne de sanctionner la Hongrie a surpris.", "sanctionner",
     "décision", "Pologne"),
    ("fr", "Le Portugal a annoncé sa décision de suspendre son aide à l'Angola.", "suspendre",
     "décision", "Portugal"),
    ("en", "The decision of Germany to send tanks surprised observers.", "send", "decision",
     "Germany"),
    ("en", "Norway's refusal to meet the Danish envoy was criticized.", "meet", "refusal",
     "Norway"),
])
def test_a_stance_noun_and_its_owner(nlp, language, text, infinitive, noun, owner):
    lemma, found = _owner_texts(nlp, language, text, infinitive)
    assert lemma == noun and owner in found


@pytest.mark.parametrize("language, text, infinitive", [
    ("en", "Leaders held a summit to hammer out a trade deal.", "hammer"),
    ("fr", "Les ministres ont tenu une réunion pour trouver une solution.", "trouver"),
])
def test_a_purpose_noun_is_no_stance(nlp, language, text, infinitive):
    doc = nlp[language](text)
    assert stance_noun(_word(doc, infinitive), load_lexicon(language)) is None


def test_the_qualified_noun_is_any_noun_an_infinitive_hangs_from(nlp):
    doc = nlp["en"]("Chile made an offer to host the talks.")
    noun = qualified_noun(_word(doc, "host"))
    assert noun is not None and noun.text == "offer"


@pytest.mark.parametrize("language, text, infinitive, owner", [
    ("fr", "La décision de la Pologne de sanctionner la Hongrie a surpris.", "sanctionner",
     "Pologne"),
    ("en", "The decision of Germany to send tanks surprised observers.", "send", "Germany"),
])
def test_the_genitive_comes_from_the_language_file(nlp, language, text, infinitive, owner):
    lexicon = load_lexicon(language)
    assert lexicon is not None and lexicon.genitive
    doc = nlp[language](text)
    noun = stance_noun(_word(doc, infinitive), lexicon)
    assert noun is not None
    assert owner in [t.text for t in owners(noun, lexicon)]
    without = dataclasses.replace(lexicon, genitive=frozenset())
    assert owner not in [t.text for t in owners(noun, without)]
