"""Every way porteparole folds a string before comparing it, each named for its use.

A fold decides which differences do not count. Each comparison needs its own: a knowledge
name must match "Pékin" and "PEKIN" but also "Ngo-Khiem" and "Ngo Khiem"; a token of the
actor tokenizer must keep its punctuation (the hyphen of "sino-" is a prefix); a gold string
must still differ from a prediction by a word. So there are several folds, but each lives
here once, with the reason it exists and who uses it, and all of them unify typographic
variants with the one table of ``text.typography``.

- ``fold_key``: the matching key of a name or cue phrase (knowledge base, actor resolution,
  topic and mechanism cues, mechanism dates, query filters on actor and mechanism names).
- ``fold_token``: the comparison form of one token, punctuation kept (the actor tokenizer
  ``text.tokens``, coreference, printed person names, quote speaker names).
- ``fold_compare``: what evaluation compares (gold strings against predictions).
- ``fold_search``: what the SQL function ``pp_fold`` compares (filters on speakers and
  outlets in the store, alike to the FTS tokenizer's folding).
- ``fold_label``: the key of a speaker label or honorific in a transcript (structure).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from porteparole.text.typography import TYPOGRAPHIC

__all__ = [
    "fold_compare", "fold_compare_optional", "fold_key", "fold_label", "fold_search",
    "fold_token",
]

# Latin letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans({
    "đ": "d", "Đ": "d", "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "ı": "i",
})
_NON_WORD = re.compile(r"[\W_]+")


def _without_marks(text: str, form: Literal["NFD", "NFKD"]) -> str:
    """``text`` decomposed (``form``: "NFD" or "NFKD") with its combining marks dropped."""
    return "".join(ch for ch in unicodedata.normalize(form, text) if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold_key(text: str) -> str:
    """The matching key of a name: lower case, no accents, punctuation as single spaces.

    Knowledge names and cue phrases are written once and found however a text prints them:
    "M. Ngô Khiêm", "ngo  khiem" and "Ngo-Khiem" all fold to "m ngo khiem" / "ngo khiem";
    Chinese, Cyrillic and other scripts keep their letters (only marks are dropped).
    Memoised: every stage folds every word of every document, and words repeat.
    """
    bare = _without_marks(text.translate(_LETTERS), "NFKD")
    return _NON_WORD.sub(" ", bare.casefold()).strip()


@lru_cache(maxsize=65536)
def fold_token(text: str) -> str:
    """One token's comparison form: lower case, no accents, typographic variants unified.

    Unlike ``fold_key`` punctuation stays: the actor tokenizer cuts "l'OTAN" into "l", "'",
    "OTAN" and "sino-" is a prefix, so a hyphen or an apostrophe is a token of its own.
    """
    return _without_marks(text.translate(TYPOGRAPHIC), "NFKD").casefold()


def fold_compare(text: str) -> str:
    """What evaluation compares (FORMAT.md, "Scoring"): case, accents, white-space runs and
    typographic variants folded, nothing more, so strings that differ by a word still differ.

    Gold strings are typed by people from documents whose punctuation the cleaner may have
    normalized. Compatibility characters (superscripts, full-width forms) are kept.
    """
    bare = _without_marks(text.translate(TYPOGRAPHIC).casefold(), "NFD")
    return " ".join(unicodedata.normalize("NFC", bare).split())


def fold_compare_optional(text: str | None) -> str | None:
    """``fold_compare`` that keeps ``None`` as ``None``, so that null compares equal only to
    null."""
    return None if text is None else fold_compare(text)


def fold_search(value: str | None) -> str | None:
    """Case- and accent-insensitive form of a name, as the FTS tokenizer folds words.

    Registered as the SQL function ``pp_fold`` so that filters on speakers and outlets
    (``--spokesperson "mao ning"``) match "Mao Ning" and "Máo Níng" alike.
    """
    if value is None:
        return None
    return _without_marks(value, "NFKD").casefold()


def fold_label(text: str) -> str:
    """The key of a transcript's speaker label or honorific: case, white-space runs and
    typographic variants folded; accents kept (the label vocabulary is written with them)."""
    return " ".join(text.translate(TYPOGRAPHIC).casefold().split())
