"""The argument finder's parse walks over token indices must say what the Tokens say."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from porteparole.events.argument_tree import agent_of, one_preposition, relative_subject, tree

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

TEXTS = {
    "fr": ("Le ministre, qui a rencontré le président, a discuté avec la Chine et avec le "
           "Japon.  La France s’oppose à cette démarche ; elle a été condamnée par "
           "l'Allemagne auprès de Pékin.\n\nLes deux pays ont signé un accord."),
    "en": ("The minister, who met the president, held talks with China and with "
           "Japan.  France pulled out of the deal; it was condemned by Germany.\n\n"
           "The two sides signed an agreement on Monday."),
}
FIELDS = ("VerbForm", "Poss", "Number", "Person", "Gender", "PronType", "Reflex", "Mood")


def _token_phrases(token: Token, word: str) -> list[int]:
    """The phrases of one preposition on a token, read on Token objects (the rule
    ``one_preposition`` follows, before coordinated phrases)."""

    def is_word(t: Token) -> bool:
        return bool(t.lower_ == word or t.lemma_.lower() == word)

    out: list[int] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and is_word(child):
            out += [g.i for g in child.children if g.dep_ in ("pobj", "pcomp")]
        elif child.dep_.split(":")[0] in ("obl", "nmod", "iobj", "obj") and any(
                g.dep_ == "case" and is_word(g) for g in child.children):
            out.append(child.i)
        elif child.dep_ in ("advmod", "dep") and is_word(child):
            out += [g.i for g in child.children if g.dep_.split(":")[0] in ("obl", "nmod", "dep")]
        elif child.dep_ == "prep" and not any(g.dep_ == "pobj" for g in child.children):
            out += [p.i for g in child.children if g.dep_ == "prep" and is_word(g)
                    for p in g.children if p.dep_ == "pobj"]
    return out


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tree_columns_match_tokens(nlp: dict[str, Language], language: str) -> None:
    doc = nlp[language](TEXTS[language])
    t = tree(doc)
    for token in doc:
        for field in FIELDS:
            assert t.morph(token.i, field) == frozenset(token.morph.get(field, []))
        assert t.is_punct(token.i) == token.is_punct
        assert t.subtree(token.i) == {d.i for d in token.subtree}
    for number, sentence in enumerate(doc.sents):
        assert (t.sentence_start(number), t.sentence_end(number)) == (sentence.start,
                                                                      sentence.end)
        assert (t.start_char(number), t.end_char(number)) == (sentence.start_char,
                                                              sentence.end_char)
        assert t.root(number) == sentence.root.i
    assert tree(doc) is t  # read once per Doc


@pytest.mark.parametrize("language", ["fr", "en"])
def test_token_range_is_char_span_expanded(nlp: dict[str, Language], language: str) -> None:
    doc = nlp[language](TEXTS[language])
    t = tree(doc)
    length = len(doc.text)
    # every start (in a word, on a space, on a blank line, outside the text) and short ends
    for start in range(-1, length + 2):
        for end in (start + 1, start + 3, start + 12):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
            assert t.token_range(start, end) == expected, (start, end)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_walks_match_tokens(nlp: dict[str, Language], language: str) -> None:
    doc = nlp[language](TEXTS[language])
    t = tree(doc)
    words = {"avec", "par", "à", "de", "auprès", "with", "by", "of", "out", "on"}
    for token in doc:
        for word in words:
            found = one_preposition(t, token.i, word)
            assert found[:len(_token_phrases(token, word))] == _token_phrases(token, word)
        assert relative_subject(t, token.i) == (token.dep_ in ("acl:relcl", "relcl") and any(
            c.dep_ in ("nsubj", "csubj", "expl:subj") and (
                "Rel" in c.morph.get("PronType", []) or c.tag_ in ("WP", "WDT"))
            for c in token.children))
        agents = [c.i for c in token.children if c.dep_ == "obl:agent"] + [
            g.i for c in token.children if c.dep_ == "agent"
            for g in c.children if g.dep_ == "pobj"]
        if agents:
            assert agent_of(t, token.i) == agents


def test_sentences_are_found_with_and_without_a_passive_agent(nlp_fr: Language,
                                                              nlp_en: Language) -> None:
    """The sentences above hold what the walks are compared on: a relative subject, a
    passive agent and a prepositional phrase in each language."""
    for model, text, word in ((nlp_fr, TEXTS["fr"], "avec"), (nlp_en, TEXTS["en"], "with")):
        doc = model(text)
        t = tree(doc)
        assert any(relative_subject(t, i) for i in range(len(doc)))
        assert any(agent_of(t, i) for i in range(len(doc)))
        assert any(one_preposition(t, i, word) for i in range(len(doc)))
