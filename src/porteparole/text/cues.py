"""Cue phrases matched on a spaCy ``Doc`` by word form *or* lemma, folded.

Topic cues and mechanism names are written once per language in the knowledge files, as
words or short phrases ("export control", "canal de communication militaire"). A text
inflects them ("export controls", "canaux de communication militaires"), so each token of
the text is compared on two keys: its folded form and its folded lemma. A cue word matches a
token when it equals either key, which lets the data author write a cue as a lemma (robust
to inflection) or as a form (robust to a wrong lemma from a small model).

spaCy's ``PhraseMatcher`` compares one attribute per matcher (``LOWER`` *or* ``LEMMA``) and
does not fold_key accents, so the lookup is our own: an index from a cue's first key to the cues
that start with it, checked token by token. Cue phrases are cut with the language's spaCy
tokenizer, so they are cut exactly like the text.

Acronyms (a cue word of two or more letters, all capitals: "AI", "IA", "MMCA", "WHO") match
only tokens printed in capitals too, so that "who" or "ai" in running text do not count.

It lives in ``text/``, not in the topics stage, because the mechanisms stage matches its
names with it too; the fold is ``text.folds.fold_key``, the one knowledge names use.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import compress, count
from operator import not_
from typing import TYPE_CHECKING, Any

from porteparole.text.folds import fold_key

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

__all__ = ["CueMatch", "CueMatcher", "phrase_keys"]


@dataclass(frozen=True, slots=True)
class _Cue:
    keys: tuple[str, ...]
    acronym: tuple[bool, ...]  # per word: match capitals only
    payload: Any


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One occurrence of a cue: token span ``[start, end)`` of the doc and the cue's payload."""

    start: int
    end: int
    payload: Any


@cache
def _tokenizer(language: str) -> Tokenizer:
    import spacy
    from spacy.util import get_lang_class

    try:
        get_lang_class(language)
    except ImportError:
        language = "xx"
    return spacy.blank(language).tokenizer


def phrase_keys(phrase: str, language: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The folded words of a cue phrase, cut by the language's tokenizer, and acronym flags."""
    words = [t.text for t in _tokenizer(language)(phrase) if not t.is_space]
    return (
        tuple(fold_key(w) for w in words),
        tuple(len(w) >= 2 and w.isalpha() and w.isupper() for w in words),
    )


class CueMatcher:
    """Every occurrence of a set of cue phrases in a doc, longest first at each position."""

    def __init__(self, language: str, cues: Iterable[tuple[str, Hashable]]) -> None:
        self.language = language
        self._index: dict[str, list[_Cue]] = {}
        for phrase, payload in cues:
            keys, acronym = phrase_keys(phrase, language)
            if keys:
                self._index.setdefault(keys[0], []).append(_Cue(keys, acronym, payload))
        for entries in self._index.values():
            entries.sort(key=lambda c: -len(c.keys))
        self._firsts = frozenset(self._index)  # the keys a cue starts with

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def find(self, doc: Doc, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """Matches inside tokens ``[start, end)``; several cues may match at one position.

        Only the tokens one of whose keys starts a cue are tried: they are picked from the
        Doc's keys by set tests run in C (``isdisjoint`` over every token), so a range where
        no cue starts costs no Python loop."""
        end = len(doc) if end is None else end
        all_keys, all_caps = doc_keys(doc)
        keys, caps = all_keys[start:end], all_caps[start:end]
        index = self._index
        found: list[CueMatch] = []
        for offset in compress(count(), map(not_, map(self._firsts.isdisjoint, keys))):
            for key in keys[offset]:
                for cue in index.get(key, ()):
                    if _fits(cue, keys, caps, offset):
                        found.append(CueMatch(start + offset, start + offset + len(cue.keys),
                                              cue.payload))
        return found


def doc_keys(doc: Doc) -> tuple[list[tuple[str, ...]], list[bool]]:
    """Every token's folded form and lemma, and whether it is in capitals: computed once
    per Doc and kept on it, since topics and mechanisms both search it, sentence by
    sentence, and folding is most of their cost."""
    cached: tuple[list[tuple[str, ...]], list[bool]] | None = doc.user_data.get(
        "porteparole.cue_keys"
    )
    if cached is None:
        from spacy.attrs import LEMMA, ORTH  # spaCy loads when a model does, not before

        keys: list[tuple[str, ...]] = []
        caps: list[bool] = []
        strings = doc.vocab.strings
        if len(_PAIR_KEYS) > _PAIR_LIMIT:
            _PAIR_KEYS.clear()
        # A token's keys depend on its form and lemma alone: read their hashes as a table
        # and fold each pair once across documents, instead of building every Token.
        for pair in (doc.to_array([ORTH, LEMMA]).tolist() if len(doc) else ()):
            found = _PAIR_KEYS.get((pair[0], pair[1]))
            if found is None:
                text, lemma = strings[pair[0]], strings[pair[1]]
                found = _PAIR_KEYS[(pair[0], pair[1])] = (_text_keys(text, lemma),
                                                          text.isupper())
            keys.append(found[0])
            caps.append(found[1])
        cached = doc.user_data["porteparole.cue_keys"] = (keys, caps)
    return cached


_PAIR_LIMIT = 400_000  # (form, lemma) pairs folded; emptied past this, so memory is bounded
_PAIR_KEYS: dict[tuple[int, int], tuple[tuple[str, ...], bool]] = {}


def _text_keys(text: str, lemma_text: str) -> tuple[str, ...]:
    """A token's keys from its text and lemma (spaCy's ``is_space`` is ``text.isspace()``)."""
    if text.isspace():
        return ()
    form = fold_key(text)
    lemma = fold_key(lemma_text) if lemma_text else form
    return (form,) if lemma == form else (form, lemma)


def _fits(cue: _Cue, keys: list[tuple[str, ...]], caps: list[bool], offset: int) -> bool:
    size = len(cue.keys)
    if offset + size > len(keys):
        return False
    if size == 1:  # a one-word cue was found by its key: only its capitals remain to check
        return not cue.acronym[0] or caps[offset]
    for position, (key, acronym) in enumerate(zip(cue.keys, cue.acronym, strict=True)):
        index = offset + position
        if key not in keys[index] or (acronym and not caps[index]):
            return False
    return True
