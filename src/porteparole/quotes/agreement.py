"""Whether a subject pronoun can point back to an earlier speaker: number, gender, person.

"Le porte-parole, Lu Kang, a déclaré … La Chine a appelé à … Elle plaide pour …": « elle »
is China, not the spokesman; "Kishida said … Japanese officials said … he added" is
Kishida, not the officials. The antecedent a pronoun takes must agree with it in number
and, where both are marked, in grammatical gender; the pronouns a language keeps for
people (``person_pronouns`` in ``knowledge/quotes/<lang>.yaml``: he, she) take a person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


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
