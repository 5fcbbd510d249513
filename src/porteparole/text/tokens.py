"""Folded word tokens: how names in the text are compared with names in the knowledge base.

(Here, not in the actors stage, because quote speakers and printed person names are cut
and compared the same way; the fold itself is ``text.folds.fold_token``.)

Names are compared token by token on a *folded* form (lowercase, accents stripped,
typographic apostrophes and dashes unified), so that "Pekin", "PÉKIN" and "Pékin" are one
key. The tokens are our own, not spaCy's: spaCy keeps "sino-américaines" or "Biden-Harris"
as one token in some contexts and splits them in others, while knowledge names must be cut
exactly like the text they are looked up in. Each token keeps its character offsets in the
original text, so matches map back to document spans without any offset arithmetic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from porteparole.text.folds import fold_token

# A word is a run of letters/digits; every other visible character is a token of its own
# (hyphens and apostrophes matter: "sino-" is a prefix, "l'OTAN" is "l" "'" "OTAN").
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class Token(NamedTuple):
    """A word or punctuation mark of the text, with its folded comparison key.

    A named tuple rather than a frozen dataclass: a document has one per word, and a
    tuple is built several times faster, with the same immutable named fields."""

    start: int
    end: int
    key: str  # folded form
    upper: bool  # first character is an uppercase letter
    caps: bool  # every letter is uppercase (an acronym as printed)


def tokenize(text: str) -> list[Token]:
    """The text's tokens with their offsets and folded keys."""
    facts, make = _word_facts, tuple.__new__  # the tuple built directly: no __new__ call
    return [make(Token, (match.start(), match.end(), *facts(match.group())))
            for match in _TOKEN.finditer(text)]


@lru_cache(maxsize=100_000)
def _word_facts(word: str) -> tuple[str, bool, bool]:
    """A word's key, and whether it starts with a capital and is all capitals: the same
    words recur in every document, so each is folded and tested once."""
    return fold_token(word), word[:1].isupper(), word.isupper()


def keys(text: str) -> tuple[str, ...]:
    """The folded token keys of a knowledge name, cut exactly like the text is."""
    return tuple(fold_token(m.group()) for m in _TOKEN.finditer(text))
