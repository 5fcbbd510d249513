"""A ``CueMatcher`` run only where one of its cues can start, its matches read per range.

Why: the topics and mechanisms stages look for a few hundred cue phrases in documents of
thousands of tokens. ``CueMatcher.find`` tries every token of the range it is given, and the
mechanisms stage gave it every line of a document, one call per line: most of the time went
to tokens where no cue starts. A cue starts only on a token one of whose keys is its first
key, followed by a token holding its second key if it has one; this wrapper picks those
tokens from the Doc's keys (``doc_keys``, one set test per token, in C), groups the close
ones into windows no cue can cross, and lets ``CueMatcher.find`` match each window. The
matching rules stay in ``CueMatcher`` alone: the windows only leave out tokens where it
would find nothing.

The matches of a whole Doc, found once, answer every range of it (``DocCues.within``):
``find(doc, start, end)`` keeps exactly the matches of the whole Doc that start at or after
``start`` and end at or before ``end``, in the same order, since a cue's fit depends on the
tokens it covers alone.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable
from itertools import compress
from operator import not_
from typing import TYPE_CHECKING

from porteparole.text.cues import CueMatch, CueMatcher, doc_keys, phrase_keys

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DocCues", "SparseCueMatcher"]


class SparseCueMatcher:
    """``CueMatcher`` over the windows of a Doc where one of its cues may start."""

    def __init__(self, language: str, cues: Iterable[tuple[str, Hashable]]) -> None:
        listed = list(cues)
        self.matcher = CueMatcher(language, listed)
        # For the first key of each cue: the length and the second key (None for a one-word
        # cue) of the cues starting with it. A token with none of these keys starts no cue,
        # and a cue of two words or more starts only where its second key follows.
        follow: dict[str, set[tuple[int, str | None]]] = {}
        for phrase, _ in listed:
            keys, _ = phrase_keys(phrase, language)
            if keys:
                second = keys[1] if len(keys) > 1 else None
                follow.setdefault(keys[0], set()).add((len(keys), second))
        self._follow = {first: tuple(cues) for first, cues in follow.items()}
        self._firsts = frozenset(follow)

    def find(self, doc: Doc) -> DocCues:
        """Every match in the Doc, as ``CueMatcher.find(doc)`` gives them."""
        found: list[CueMatch] = []
        for start, end in self._windows(doc):
            found += self.matcher.find(doc, start, end)
        return DocCues(found)

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges holding every token where a cue may start, each reaching as far as
        the longest cue that may start in it, so no cue that starts in a window ends
        outside it, and no two windows overlap."""
        keys, _ = doc_keys(doc)
        size, follow = len(keys), self._follow
        # The tokens sharing a key with the first keys, tested without a Python loop.
        starts = compress(range(size), map(not_, map(self._firsts.isdisjoint, keys)))
        windows: list[tuple[int, int]] = []
        for i in starts:
            following = keys[i + 1] if i + 1 < size else ()
            reach = 0  # the longest cue that may start here
            for key in keys[i]:
                for length, second in follow.get(key, ()):
                    if length > reach and (second is None or second in following):
                        reach = length
            if not reach:
                continue  # only cues of two words or more start here, and none goes on
            end = min(size, i + reach)
            if windows and i < windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((i, end))
        return windows


class DocCues:
    """The matches of one matcher in one Doc, in text order, read by token range."""

    def __init__(self, matches: list[CueMatch]) -> None:
        self.matches = matches
        self._starts = [m.start for m in matches]

    def within(self, start: int, end: int) -> list[CueMatch]:
        """What ``CueMatcher.find(doc, start, end)`` gives: the matches inside ``[start, end)``."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end, first)
        return [m for m in self.matches[first:last] if m.end <= end]
