"""Nominal stances: « la décision de la Chine de sanctionner X », "its refusal to meet X".

A verb cue in the infinitive may hang from a noun that says what its owner decided, intends
or refuses to do (the language file's ``decision_nouns``, ``intent`` and ``refusal`` words).
The noun then plays the part a governing verb plays elsewhere: its owner (« de la Chine »,
« sa ») is the cue's subject, and its meaning is the cue's modality (a decision is asserted,
a stated will is an intention, a refusal a rejection). Without such a noun, an infinitive
that qualifies a noun stays a purpose ("une réunion pour trouver …"), not an event.

Three parses are understood: the infinitive as the noun's own complement (``acl``), or as one
of the noun's owner (« la décision de la Grèce de … », hung on « Grèce »), and, after
a verb whose object is the noun (« a annoncé sa décision de suspendre … »), as that verb's
``xcomp``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.events.patterns import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJECT = frozenset({"obj", "dobj"})


def stance_noun(verb: Token, lexicon: Lexicon) -> Token | None:
    """The decision, intention or refusal noun whose infinitive ``verb`` is, if any."""
    if "Inf" not in verb.morph.get("VerbForm", []) or verb.head.i == verb.i:
        return None
    nouns = lexicon.stance_nouns
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "nmod" and head.head.i < head.i:
        head = head.head  # hung on the owner: « la décision de la Grèce de sanctionner »
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in nouns:
        return head
    if verb.dep_ == "xcomp":
        for child in head.children:
            if child.dep_ in _OBJECT and child.pos_ == "NOUN" and (
                    child.lemma_.lower() in nouns) and child.i < verb.i:
                return child
    return None


def owner_heads(noun: Token) -> list[Token]:
    """Where the noun's owner is named: its « de » complement, else, for a possessive
    (« sa décision »), the subject of the verb it depends on."""
    named = [c for c in noun.children if c.dep_ in ("nmod", "nmod:poss", "poss") and (
        c.dep_ != "nmod" or any(g.dep_ == "case" and g.lower_ in ("de", "d'", "du", "des", "of")
                                for g in c.children))]
    if named:
        return named
    if any("Yes" in c.morph.get("Poss", []) for c in noun.children):
        governor = noun.head
        return [c for c in governor.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return []
