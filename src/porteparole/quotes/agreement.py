"""Who an unresolved pronoun or description points back to: the one antecedent resolver.

"Le porte-parole, Lu Kang, a déclaré … La Chine a appelé à … Elle plaide pour …": « elle »
is China, not the spokesman; "Kishida said … Japanese officials said … he added" is
Kishida, not the officials. The antecedent a pronoun takes must agree with it in number
and, where both are marked, in grammatical gender; the pronouns a language keeps for
people (``person_pronouns`` in ``knowledge/quotes/<lang>.yaml``: he, she) take a person
(``agrees``).

When no earlier speaker fits, a pronoun ("she said", "according to her"), a definite
office ("The Chinese diplomat said") or "the latter" points to a person the text names
before it (``Antecedents.person_before``): the last one within the window the caller
gives, that agrees with the pronoun, of the state the phrase names when it names one.
Every such look-back of the quotes stage goes through this one resolver.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from typing import TYPE_CHECKING

from porteparole.kb import printed_person_name
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.quotes.speaker import MentionIndex, Speaker, is_pronoun
from porteparole.quotes.voices import Lookup
from porteparole.records import Mention
from porteparole.text.doc_table import table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NAME_PARTS = ("compound", "flat", "appos", "amod")  # a name's tokens up to its head
# (by the relation's base: French parses mark a name's parts « flat:name »)


def agrees(pronoun: Token, head: Token | None, person: bool, lexicon: QuoteLexicon) -> bool:
    """Whether ``head`` (the head word of an earlier speaker's phrase; None when unknown)
    can be what ``pronoun`` points to; ``person`` says whether that speaker is a person."""
    word = pronoun.lower_.lstrip("-")
    if word in lexicon.person_pronouns and not person:
        return False
    if head is None:
        return True
    for feature in ("Number", "Gender"):
        mine, theirs = pronoun.morph.get(feature, []), _marked(head, feature, person)
        if mine and theirs and not set(mine) & set(theirs):
            return False
    return True


def _marked(head: Token, feature: str, person: bool) -> list[str]:
    """The head's number or gender as the text marks it. A person's gender is read from
    the article only (« la ministre », « le porte-parole »): the gender a model guesses for
    a name or an epicene office noun is no evidence."""
    if feature == "Gender" and (person or head.pos_ != "NOUN"):
        articles = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
        return list(articles[0].morph.get("Gender", [])) if articles and person else []
    return list(head.morph.get(feature, []))


class Antecedents:
    """The persons a document names, looked back to from a pronoun or a description."""

    def __init__(self, doc: Doc, index: MentionIndex, lookup: Lookup,
                 lexicon: QuoteLexicon, language: str) -> None:
        self.doc, self.index, self.lookup = doc, index, lookup
        self.lexicon, self.language = lexicon, language
        self.token_starts = table(doc).idx  # read only

    def person_before(self, word: Token, phrase: Speaker, window: int, *,
                      subjects_only: bool = True) -> Speaker | None:
        """The last person named in ``[window, phrase.start)`` that ``word`` (the phrase's
        head) can point to, as ``phrase`` resolved to them: known to the base, else under
        the name printed. ``subjects_only`` keeps persons the text makes the subject of a
        verb (the person a sentence is about, not one named in passing: "Following
        Trump's victory, …"); a phrase naming states ("the Chinese diplomat") takes a
        person of one of them, known to the base."""
        countries = {m.actor_id for m in self.index.overlapping(phrase.start, phrase.end)
                     if m.actor_id is not None}
        pronoun = is_pronoun(word, self.lexicon.pronouns | self.lexicon.stressed_pronouns)
        for mention in reversed(self.index.overlapping(window, phrase.start)):
            if mention.entity_type != "PER" or mention.end > phrase.start:
                continue
            head = self._head(mention)
            if head is None or (subjects_only and head.dep_ not in self.lexicon.dep("subject")):
                continue
            if pronoun and not agrees(word, head, True, self.lexicon):
                continue
            found = self._person(mention, phrase, countries)
            if found is not None:
                return found
        return None

    def _person(self, mention: Mention, phrase: Speaker, countries: set[str]
                ) -> Speaker | None:
        actor = None if mention.actor_id is None else self.lookup(mention.actor_id)
        if actor is not None and actor.type == "person":
            if countries and actor.country not in countries:
                return None
            return dataclasses.replace(phrase, actor_id=actor.id)
        name = printed_person_name(mention.surface, self.language)
        if name is not None and not countries:
            return dataclasses.replace(phrase, person=name)
        return None

    def _head(self, mention: Mention) -> Token | None:
        """The word the parse hangs the name on: its last token, up through the parts of
        a name ("Mao" → "Ning", an apposed title) to the token that takes a role."""
        last = bisect_right(self.token_starts, mention.end - 1) - 1
        if last < 0 or self.token_starts[last] < mention.start:
            return None
        token, hops = self.doc[last], 0
        while hops < 4 and token.dep_.split(":")[0] in _NAME_PARTS and token.head.i != token.i:
            token, hops = token.head, hops + 1
        return token
