"""The token table stages 5-9 read instead of Token objects must say what the Tokens say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.events.memo import per_document
from porteparole.text.doc_table import sentence_ends, table
from porteparole.text.folds import fold_token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

FRENCH = ("Selon le porte-parole, « la Chine s’engage » ; a-t-il déclaré.\n"
          "PÉKIN, 3 mars — Le ministre a rencontré son homologue.")
ENGLISH = ("According to the ministry, the talks \"went well,\" she said.\n"
           "WASHINGTON — The U.S. imposed sanctions on Monday.")


def _same_as_tokens(doc: Doc) -> None:
    columns = table(doc)
    assert columns.idx == [t.idx for t in doc]
    assert columns.lower == [t.text.lower() for t in doc]
    assert columns.lower == [t.lower_ for t in doc]  # what the stages compared before
    assert columns.lemma == [t.lemma_.lower() for t in doc]
    assert columns.folded == [fold_token(t.text) for t in doc]
    assert sentence_ends(doc) == [s.end_char for s in doc.sents]
    assert columns.head == [t.head.i for t in doc]
    assert columns.dep == [t.dep_ for t in doc]
    assert columns.pos == [t.pos_ for t in doc]
    assert columns.tag == [t.tag_ for t in doc]
    assert columns.children == [[c.i for c in t.children] for t in doc]
    assert columns.sentence == [k for k, s in enumerate(doc.sents) for _ in s]
    assert table(doc) is columns  # read once per Doc


def test_table_matches_tokens_fr(nlp_fr: Language) -> None:
    _same_as_tokens(nlp_fr(FRENCH))


def test_table_matches_tokens_en(nlp_en: Language) -> None:
    _same_as_tokens(nlp_en(ENGLISH))


class _Counter:
    """Counts calls, so the test sees what the memo spares."""

    def __init__(self) -> None:
        self.calls = 0

    @per_document
    def children(self, token: Token, deep: bool) -> list[int]:
        self.calls += 1
        return [c.i for c in (token.subtree if deep else token.children)]


def test_per_document_memo_keys_tokens_and_copies_lists(nlp_en: Language) -> None:
    doc = nlp_en(ENGLISH)
    counter = _Counter()
    root = next(t for t in doc if t.dep_ == "ROOT")
    first = counter.children(root, False)
    first.append(-1)  # a caller extending its answer does not change the remembered one
    assert counter.children(doc[root.i], False) == [c.i for c in root.children]
    assert counter.calls == 1
    assert counter.children(root, True) == [t.i for t in root.subtree]
    assert counter.calls == 2


def test_morph_answers_what_the_token_morphology_holds(nlp_fr: Language,
                                                       nlp_en: Language) -> None:
    """One morphology look-up serves every stage: each field of each token, and a field the
    token lacks, say what ``Token.morph.get`` says."""
    fields = ("VerbForm", "Tense", "Mood", "Number", "Gender", "Person", "PronType", "Poss",
              "Definite", "Polarity", "Reflex", "Voice")
    for doc in (nlp_fr(FRENCH + " Elle se serait rendue à Pékin."),
                nlp_en(ENGLISH + " They would have been told.")):
        columns = table(doc)
        for token in doc:
            for field in fields:
                assert columns.morph(token.i, field) == frozenset(token.morph.get(field))
