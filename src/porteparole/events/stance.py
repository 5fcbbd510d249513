"""Nouns that own an infinitive: « la décision de la Chine de sanctionner X », "its refusal to
meet X", "a summit to hammer out a deal", and whose such a noun is.

This is the one place that reads these parses; modality (what the noun says about the act)
and arguments (who acts) both ask here.

- ``qualified_noun``: the noun an infinitive qualifies (its ``acl`` head), whatever the noun;
  without a stance noun this is a purpose ("une réunion pour trouver …"), not an event.
- ``stance_noun``: of those, a noun that says what its owner decided, intends or refuses to do
  (the language file's ``decision_nouns``, ``intent`` and ``refusal`` words). The noun then
  plays the part a governing verb plays elsewhere: its owner is the act's subject, and its
  meaning the act's modality. Three parses are understood: the infinitive as the noun's own
  complement (``acl``), or as one of the noun's owner (« la décision de la Grèce de … », hung
  on « Grèce »), and, after a verb whose object is the noun (« a annoncé sa décision de
  suspendre … »), as that verb's ``xcomp``.
- ``owners``: whose a noun is: a possessive ("Germany's decision", "its refusal"), else its
  genitive complement (the language file's ``genitive`` prepositions: « de », "of"), else, for
  a possessive determiner on a noun its verb governs as object (« a annoncé sa décision »),
  that verb's subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.events.patterns import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT = frozenset({"obj", "dobj"})
_POSSESSIVE = frozenset({"poss", "nmod:poss"})


def _infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", [])


def qualified_noun(verb: Token) -> Token | None:
    """The noun an infinitive qualifies ("Germany's decision to send …", "a summit to
    hammer out …"), or None when the verb is not such an infinitive."""
    if _infinitive(verb) and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def stance_noun(verb: Token, lexicon: Lexicon) -> Token | None:
    """The decision, intention or refusal noun whose infinitive ``verb`` is, if any."""
    nouns = lexicon.stance_nouns
    head = qualified_noun(verb)
    if head is not None:
        if head.dep_ == "nmod" and head.head.i < head.i:
            head = head.head  # hung on the owner: « la décision de la Grèce de sanctionner »
        return head if head.pos_ == "NOUN" and head.lemma_.lower() in nouns else None
    if verb.dep_ == "xcomp" and _infinitive(verb):
        for child in verb.head.children:
            if child.dep_ in _OBJECT and child.pos_ == "NOUN" and (
                    child.lemma_.lower() in nouns) and child.i < verb.i:
                return child
    return None


def owners(noun: Token, lexicon: Lexicon) -> list[Token]:
    """Where a noun's owner is named: a possessive, else a genitive complement (UD ``nmod``
    with its ``case``, ClearNLP ``prep`` + ``pobj``), else, for « sa décision » as the object
    of a verb, that verb's subject."""
    genitive = lexicon.genitive
    found = [c for c in noun.children if c.dep_ in _POSSESSIVE]
    if found:
        return found
    for child in noun.children:
        if child.dep_ == "nmod" and any(g.dep_ == "case" and _one_of(g, genitive)
                                        for g in child.children):
            found.append(child)
        elif child.dep_ == "prep" and _one_of(child, genitive):
            found += [g for g in child.children if g.dep_ == "pobj"]
    if found:
        return found
    if noun.dep_ in _OBJECT and any("Yes" in c.morph.get("Poss", []) for c in noun.children):
        return [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return []


def _one_of(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words
