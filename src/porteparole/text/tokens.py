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
    """The text's tokens with their offsets and folded keys.

    Read chunk by chunk: a token never holds white space, so the text's runs of non-space
    characters (``str.split``, in C) are cut into the very tokens the expression finds in
    the whole text. A chunk ("Chine,", "l'OTAN") recurs across documents, so each is cut and
    folded once (``_pieces``); only its offset is looked for in the text, from where the
    previous chunk ended, over white space alone.
    """
    make, pieces, find = tuple.__new__, _CHUNKS.get, text.find  # tuples built directly
    if len(_CHUNKS) > _CHUNK_LIMIT:
        _CHUNKS.clear()
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for chunk in text.split():
        start = find(chunk, end)
        end = start + len(chunk)
        cut = pieces(chunk)
        if cut is None:
            cut = _CHUNKS[chunk] = _pieces(chunk)
        for first, last, key, upper, caps in cut:
            append(make(Token, (start + first, start + last, key, upper, caps)))
    return tokens


# Chunks cut and folded, by text; emptied past this many, so memory stays bounded.
_CHUNK_LIMIT = 200_000
_CHUNKS: dict[str, tuple[tuple[int, int, str, bool, bool], ...]] = {}


def _pieces(chunk: str) -> tuple[tuple[int, int, str, bool, bool], ...]:
    """The tokens of one run of non-space characters, offsets counted from its start."""
    return tuple((match.start(), match.end(), *_word_facts(match.group()))
                 for match in _TOKEN.finditer(chunk))


@lru_cache(maxsize=100_000)
def _word_facts(word: str) -> tuple[str, bool, bool]:
    """A word's key, and whether it starts with a capital and is all capitals: the same
    words recur in every document, so each is folded and tested once."""
    return fold_token(word), word[:1].isupper(), word.isupper()


def keys(text: str) -> tuple[str, ...]:
    """The folded token keys of a knowledge name, cut exactly like the text is."""
    return tuple(fold_token(m.group()) for m in _TOKEN.finditer(text))
