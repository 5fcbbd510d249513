"""A ``CueMatcher`` run only where one of its cues can start, its matches read per range.

Why: the topics and mechanisms stages look for a few hundred cue phrases in documents of
thousands of tokens. ``CueMatcher.find`` tries every token of the range it is given, and the
mechanisms stage gave it every line of a document, one call per line: most of the stage's
time went to tokens where no cue starts. A cue can start only on a token one of whose keys
is the first key of a cue, so this wrapper picks those tokens from the Doc's keys (one set
test per token), groups the close ones into windows no cue can cross, and lets
``CueMatcher.find`` match each window. The matching rules stay in ``CueMatcher`` alone.

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
        # The first key of each cue, with the length of the longest cue starting with it:
        # a token with none of these keys starts no cue.
        self._reach: dict[str, int] = {}
        for phrase, _ in listed:
            keys, _ = phrase_keys(phrase, language)
            if keys:
                self._reach[keys[0]] = max(self._reach.get(keys[0], 0), len(keys))
        self._firsts = frozenset(self._reach)

    def find(self, doc: Doc) -> DocCues:
        """Every match in the Doc, as ``CueMatcher.find(doc)`` gives them."""
        found: list[CueMatch] = []
        for start, end in self._windows(doc):
            found += self.matcher.find(doc, start, end)
        return DocCues(found)

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges holding every token where a cue may start, each reaching as far as
        the longest cue that may start in it (or the Doc's end), so no cue that starts in
        a window ends outside it, and no two windows overlap."""
        keys, _ = doc_keys(doc)
        reach = self._reach
        # The tokens sharing a key with the first keys, tested without a Python loop.
        starts = compress(range(len(keys)), map(not_, map(self._firsts.isdisjoint, keys)))
        windows: list[tuple[int, int]] = []
        for i in starts:
            end = min(len(keys), i + max([reach.get(key, 0) for key in keys[i]]))
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
