"""A past participle the parser split from its auxiliary: « La Chine a plusieurs fois appelé
à la reprise des pourparlers ».

With adverbials between them (« a plusieurs fois appelé », « a notamment déclaré »), the
French model may read the auxiliary as the main verb and hang the participle on a noun
(« fois ») as its modifier. The participle is then taken for a description of that noun,
with no subject of its own, and the speech act is lost. Read on the surface, which is
steadier: a finite form of a tense auxiliary (``knowledge/quotes/<lang>.yaml``,
``auxiliaries``) a few words before the participle, with only adverbs, determiners and
nouns of an adverbial between them, makes one compound verb whose subject is the
auxiliary's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.columns import columns, feature
from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_GAP = 3  # words between the auxiliary and its participle
_BETWEEN = frozenset({"ADV", "DET", "NOUN", "ADJ"})


def split_auxiliary(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The finite auxiliary of a past participle the parse detached from it, or None."""
    if "Part" not in feature(verb, "VerbForm") or "Past" not in feature(verb, "Tense"):
        return None
    doc = verb.doc
    words = columns(doc)
    lemma = words.lemma  # a walk over words, not Tokens
    if any(words.dep(c).startswith("aux") for c in words.children(verb.i)):
        return None  # the parse already joined them
    for i in range(verb.i - 1, max(verb.i - MAX_GAP - 2, -1), -1):
        if lemma[i] in lexicon.auxiliaries and "Fin" in words.feature(i, "VerbForm"):
            return doc[i] if i < verb.i - 1 else None  # adjacent: the parse would have joined
        if words.pos(i) not in _BETWEEN:
            return None
    return None


def split_subject(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The subject of a participle's detached auxiliary (« La Chine » in the example)."""
    auxiliary = split_auxiliary(verb, lexicon)
    if auxiliary is None:
        return None
    found = [c for c in auxiliary.children if c.dep_ in lexicon.dep("subject")]
    return found[0] if found else None
