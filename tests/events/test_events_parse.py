"""The events stage walks the parse over token indices (``events.parse``): every walk must
say what the same walk over ``Token`` objects says, and the readings built on them must
stay what they were."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from porteparole.events.memo import per_document
from porteparole.events.modality import read, verbal_chain
from porteparole.events.parse import parse_of
from porteparole.events.patterns import load_lexicon, near_words
from porteparole.text.cues import CueMatcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

FRENCH = ("La France pourrait sanctionner la Russie si la guerre continue. "
          "Le Japon ne condamnera pas la « menace » coréenne, a déclaré le ministre. "
          "Selon sa porte-parole, la Chine a refusé de rencontrer une partie des délégués "
          "pour préparer le sommet.")
ENGLISH = ("China will not sanction Japan unless it withdraws. "
           "Germany reportedly attacked the convoy, the ministry told us. "
           "Russia is ready to negotiate with Ukraine, and its decision to send 'observers' "
           "was welcomed by part of the council.")
FIELDS = ("Mood", "Tense", "VerbForm", "Poss", "Number")


def _sentence(token: Token) -> tuple[int, int]:
    return token.sent.start, token.sent.end


def _same_as_tokens(doc: Doc) -> None:
    parse = parse_of(doc)
    for token in doc:
        for field in FIELDS:
            assert parse.morph(token.i, field) == set(token.morph.get(field, []))
        assert bool(parse.quote[token.i]) == token.is_quote
        assert parse.sentence_bounds(token.i) == _sentence(token)
    assert parse.sentences() == [(s.start, s.end) for s in doc.sents]
    assert parse_of(doc) is parse  # read once per Doc


@pytest.mark.parametrize("language, text", [("fr", FRENCH), ("en", ENGLISH)])
def test_parse_says_what_the_tokens_say(request: pytest.FixtureRequest, language: str,
                                        text: str) -> None:
    nlp: Language = request.getfixturevalue(f"nlp_{language}")
    _same_as_tokens(nlp(text))


_OTHER_CLAUSE = frozenset({"conj", "cc", "parataxis", "advcl", "ccomp", "punct"})
_FUNCTION = frozenset({"prep", "case", "agent", "dative", "det", "punct", "cc"})


def _near_by_tokens(token: Token, partitives: frozenset[str]) -> Iterator[Token]:
    """The near words as the stage found them walking ``Token`` objects."""
    for child in token.children:
        if child.dep_ in _OTHER_CLAUSE:
            continue
        yield child
        yield from child.children
        if child.dep_ == "prep":
            yield from (w for g in child.children if g.dep_ == "pobj"
                        for w in g.children if w.dep_ not in _FUNCTION)
        if child.lemma_.lower() in partitives or child.lower_ in partitives:
            for link in child.children:
                nouns = [g for g in link.children if g.dep_ == "pobj"] if (
                    link.dep_ == "prep") else ([link] if link.dep_ == "nmod" else [])
                for noun in nouns:
                    yield noun
                    yield from noun.children


def _chain_by_tokens(cue: Token) -> list[Token]:
    """The verbal chain as the stage found it walking ``Token`` objects."""
    chain, current = [cue], cue
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i and len(
            chain) < 5:
        current = current.head
        chain.append(current)
    while current.head.i != current.i and len(chain) < 10:
        if current.dep_ == "xcomp":
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep" and (
                current.head.head.i != current.head.i):
            current = current.head.head
        else:
            break
        chain.append(current)
    return chain


@pytest.mark.parametrize("language, text", [("fr", FRENCH), ("en", ENGLISH)])
def test_index_walks_find_the_tokens_a_token_walk_finds(
        request: pytest.FixtureRequest, language: str, text: str) -> None:
    nlp: Language = request.getfixturevalue(f"nlp_{language}")
    doc = nlp(text)
    partitives = load_lexicon(language).partitives  # type: ignore[union-attr]
    assert partitives  # the see-through nouns are walked too ("part of", « une partie de »)
    for token in doc:
        assert [t.i for t in near_words(token, partitives)] == [
            t.i for t in _near_by_tokens(token, partitives)]
        assert [t.i for t in verbal_chain(token)] == [t.i for t in _chain_by_tokens(token)]


def _reading(nlp: Language, language: str, text: str, word: str) -> set[str]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    reading = read(token, load_lexicon(language))  # type: ignore[arg-type]
    return {name for name in reading.__slots__ if getattr(reading, name)}


@pytest.mark.parametrize("text, word, expected", [
    ("La France pourrait sanctionner la Russie si la guerre continue.", "sanctionner",
     {"hypothetical"}),
    ("La France pourrait sanctionner la Russie si la guerre continue.", "continue",
     {"condition"}),
    ("Le Japon ne condamnera pas la Corée.", "condamnera", {"negated", "future"}),
    ("La Chine a refusé de rencontrer les États-Unis.", "rencontrer", {"refusal"}),
    ("Selon le ministre, l’Inde aurait attaqué le Pakistan.", "attaqué", {"hypothetical"}),
])
def test_modality_readings_fr(nlp_fr: Language, text: str, word: str,
                              expected: set[str]) -> None:
    assert _reading(nlp_fr, "fr", text, word) == expected


@pytest.mark.parametrize("text, word, expected", [
    ("China will not sanction Japan unless it withdraws.", "sanction",
     {"negated", "ultimatum", "future"}),
    ("Germany reportedly attacked the convoy.", "attacked", {"hypothetical"}),
    ("Russia is ready to negotiate with Ukraine.", "negotiate", {"intent"}),
    ("The minister said they would boycott the summit.", "boycott", {"future"}),
    ("That move would reward the regime.", "reward", {"hypothetical"}),
])
def test_modality_readings_en(nlp_en: Language, text: str, word: str,
                              expected: set[str]) -> None:
    assert _reading(nlp_en, "en", text, word) == expected


class _Counter:
    """Counts calls, so the test sees what the memo keys apart."""

    def __init__(self) -> None:
        self.calls = 0

    @per_document
    def ask(self, argument: object) -> int:
        self.calls += 1
        return self.calls


def test_memo_keeps_a_token_apart_from_its_index_and_a_plain_tuple_whole(
        nlp_en: Language) -> None:
    doc = nlp_en(ENGLISH)
    counter = _Counter()
    assert counter.ask(doc[3]) == counter.ask(doc[3]) == 1  # a new Token object, one key
    assert counter.ask(3) == 2  # the index alone is another question
    assert counter.ask(("a", 3)) == counter.ask(("a", 3)) == 3
    assert counter.ask(None) == 4 and counter.calls == 4


@pytest.mark.parametrize("language, text, phrases", [
    ("fr", FRENCH, ["sommet", "porte-parole", "la Chine", "menace", "Russie"]),
    ("en", ENGLISH, ["council", "decision to send", "convoy", "Japan", "US"]),
])
def test_cue_matcher_finds_by_range_what_it_finds_in_the_whole_doc(
        request: pytest.FixtureRequest, language: str, text: str, phrases: list[str]) -> None:
    """Only the tokens where a cue may start are tried: a range still gives every match
    of the whole Doc that lies inside it, and nothing that crosses its end."""
    nlp: Language = request.getfixturevalue(f"nlp_{language}")
    doc = nlp(text)
    matcher = CueMatcher(language, [(phrase, phrase) for phrase in phrases])
    whole = [(m.start, m.end, m.payload) for m in matcher.find(doc)]
    assert {payload for _, _, payload in whole} == set(phrases) - {"US"}  # acronyms: capitals
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1, 3):
            assert [(m.start, m.end, m.payload) for m in matcher.find(doc, start, end)] == [
                m for m in whole if start <= m[0] and m[1] <= end]
