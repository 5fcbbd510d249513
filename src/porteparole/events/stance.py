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

from porteparole.events.parse import Parse, parse_of
from porteparole.events.patterns import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT = frozenset({"obj", "dobj"})
_POSSESSIVE = frozenset({"poss", "nmod:poss"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})

# Each question has a ``Token`` form, for callers that hold Tokens, and an ``_at`` form over
# token indices of the Doc's ``Parse``, which builds no Token: the events stage asks these
# for every cue.


def infinitive_at(parse: Parse, i: int) -> bool:
    """Whether token ``i`` is an infinitive (``VerbForm=Inf``)."""
    return "Inf" in parse.morph(i, "VerbForm")


def qualified_noun(verb: Token) -> Token | None:
    """The noun an infinitive qualifies ("Germany's decision to send …", "a summit to
    hammer out …"), or None when the verb is not such an infinitive."""
    found = qualified_noun_at(parse_of(verb.doc), verb.i)
    return None if found is None else verb.doc[found]


def qualified_noun_at(parse: Parse, i: int) -> int | None:
    """``qualified_noun`` over token indices."""
    head = parse.head[i]
    if parse.dep[i] == "acl" and parse.pos[head] in _NOUNS and infinitive_at(parse, i):
        return head
    return None


def stance_noun(verb: Token, lexicon: Lexicon) -> Token | None:
    """The decision, intention or refusal noun whose infinitive ``verb`` is, if any."""
    found = stance_noun_at(parse_of(verb.doc), verb.i, lexicon)
    return None if found is None else verb.doc[found]


def stance_noun_at(parse: Parse, i: int, lexicon: Lexicon) -> int | None:
    """``stance_noun`` over token indices."""
    dep, pos, lemma, heads = parse.dep, parse.pos, parse.lemma, parse.head
    head = qualified_noun_at(parse, i)
    if head is not None:
        if dep[head] == "nmod" and heads[head] < head:
            head = heads[head]  # hung on the owner: « la décision de la Grèce de sanctionner »
        return head if pos[head] == "NOUN" and lemma[head] in lexicon.stance_nouns else None
    if dep[i] == "xcomp" and infinitive_at(parse, i):
        nouns = lexicon.stance_nouns
        for child in parse.children[heads[i]]:
            if dep[child] in _OBJECT and pos[child] == "NOUN" and (
                    lemma[child] in nouns) and child < i:
                return child
    return None


def owners(noun: Token, lexicon: Lexicon) -> list[Token]:
    """Where a noun's owner is named: a possessive, else a genitive complement (UD ``nmod``
    with its ``case``, ClearNLP ``prep`` + ``pobj``), else, for « sa décision » as the object
    of a verb, that verb's subject."""
    doc = noun.doc
    return [doc[i] for i in owners_at(parse_of(doc), noun.i, lexicon)]


def owners_at(parse: Parse, i: int, lexicon: Lexicon) -> list[int]:
    """``owners`` over token indices."""
    dep, children = parse.dep, parse.children
    genitive = lexicon.genitive
    found = [c for c in children[i] if dep[c] in _POSSESSIVE]
    if found:
        return found
    for child in children[i]:
        if dep[child] == "nmod" and any(dep[g] == "case" and _one_of(parse, g, genitive)
                                        for g in children[child]):
            found.append(child)
        elif dep[child] == "prep" and _one_of(parse, child, genitive):
            found += [g for g in children[child] if dep[g] == "pobj"]
    if found:
        return found
    if dep[i] in _OBJECT and any("Yes" in parse.morph(c, "Poss") for c in children[i]):
        return [c for c in children[parse.head[i]] if dep[c] in _SUBJECTS]
    return []


def _one_of(parse: Parse, i: int, words: frozenset[str]) -> bool:
    return parse.lower[i] in words or parse.lemma[i] in words
