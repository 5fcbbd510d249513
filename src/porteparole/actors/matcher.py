"""Phrase matching of every knowledge-base name in a text, longest match first.

One matcher is built per (knowledge base, language) and cached: a trie of folded token
sequences built from ``kb.names()`` (names and aliases in every language; adjectives,
demonyms and prefixes only in their own language) plus the language's titles. Matching a
document is one left-to-right pass over its folded tokens (see ``folding``), taking at each
position the longest name that fits, so "Washington Post" wins over "Washington" and
"ministère chinois de la Défense" over "chinois".

Case is folded, with two guards that keep common words from turning into names: a name
written with a capital must start with a capital in the text ("Chase", not "chase"), and an
acronym must be printed in capitals ("US", "UN", not the words "us", "un").
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter
from typing import Any

from porteparole.actors.lexicon import Lexicon
from porteparole.kb import KnowledgeBase
from porteparole.text.folds import fold_token
from porteparole.text.tokens import Token, keys

ANY_CASE, CAPITALIZED, ACRONYM = 0, 1, 2
TITLE = "title"
_END = ""  # trie key holding the candidates of the sequence ending at a node
_KEY = attrgetter("key")


def starting(tokens: Sequence[Token], first_keys: Container[str]) -> list[int]:
    """The indices of the tokens whose key is in ``first_keys`` (the first words of names,
    of role wordings), in text order. Most words start nothing: they are passed over by
    ``map`` and ``compress``, in C, instead of a Python test per token."""
    return list(compress(count(), map(first_keys.__contains__, map(_KEY, tokens))))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor a matched phrase may name, and how (the knowledge ``kind`` of the name)."""

    actor_id: str | None  # None for a title
    kind: str  # name | alias | capital | adjective | demonym | prefix | surname | title
    case: int = ANY_CASE


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase of the text found in the knowledge base."""

    first: int  # first token index
    last: int  # token index after the match
    start: int  # character offsets in the document
    end: int
    candidates: tuple[Candidate, ...]
    # The candidates' kinds, given once (asked several times of each match).
    kinds: frozenset[str] = field(compare=False, repr=False)


class _Ends:
    """The candidates of the names that end at a trie node. Most fit whatever the text
    (any case, not a prefix): those nodes keep their candidates and kinds ready-made, so a
    match there is made without testing each candidate against the text."""

    __slots__ = ("candidates", "fixed", "kinds")

    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self.fixed: tuple[Candidate, ...] | None = None  # when every candidate always fits
        self.kinds: frozenset[str] = frozenset()

    def add(self, candidate: Candidate) -> None:
        self.candidates.append(candidate)
        unconditional = all(c.case == ANY_CASE and c.kind != "prefix" for c in self.candidates)
        self.fixed = tuple(self.candidates) if unconditional else None
        self.kinds = frozenset(c.kind for c in self.candidates)


def _case_of(text: str) -> int:
    letters = [c for c in text if c.isalpha()]
    if 1 < len(letters) <= 6 and all(c.isupper() for c in letters):
        return ACRONYM
    return CAPITALIZED if letters and letters[0].isupper() else ANY_CASE


class KnowledgeMatcher:
    """A trie of folded names; ``find`` returns the longest non-overlapping matches."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], Candidate]]) -> None:
        self._root: dict[str, Any] = {}
        self.size = 0
        for tokens, candidate in phrases:
            self.add(tokens, candidate)

    def add(self, tokens: Sequence[str], candidate: Candidate) -> None:
        if not tokens:
            return
        node = self._root
        for key in tokens:
            node = node.setdefault(key, {})
        found = node.setdefault(_END, _Ends())
        if candidate not in found.candidates:
            found.add(candidate)
            self.size += 1

    def contains(self, tokens: Sequence[str]) -> bool:
        node = self._root
        for key in tokens:
            if key not in node:
                return False
            node = node[key]
        return _END in node

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """Leftmost-longest matches whose case and context fit."""
        matches: list[Match] = []
        after, root, last = 0, self._root, len(tokens) - 1
        for position in starting(tokens, root):
            if position < after:
                continue  # inside the last match: a match does not overlap it
            node = root[tokens[position].key]
            if _END not in node and (position == last or tokens[position + 1].key not in node):
                continue  # the first word of names only, not followed by a second: no call
            match = self._longest(tokens, position)
            if match is not None:
                matches.append(match)
                after = match.last
        return matches

    def _longest(self, tokens: Sequence[Token], first: int) -> Match | None:
        node: dict[str, Any] = self._root
        best = None
        for index in range(first, len(tokens)):
            child = node.get(tokens[index].key)
            if child is None:
                break
            node = child
            ends: _Ends | None = node.get(_END)
            if ends is None:
                continue
            if ends.fixed is not None:
                fitting, kinds = ends.fixed, ends.kinds
            else:
                fitting = tuple(c for c in ends.candidates if _fits(c, tokens, first, index + 1))
                kinds = frozenset(c.kind for c in fitting)
            if fitting:
                best = Match(first, index + 1, tokens[first].start, tokens[index].end, fitting,
                             kinds)
        return best


def _fits(candidate: Candidate, tokens: Sequence[Token], first: int, last: int) -> bool:
    if candidate.case == CAPITALIZED and not tokens[first].upper:
        return False
    if candidate.case == ACRONYM and not all(
        t.caps for t in tokens[first:last] if t.key.isalnum()
    ):
        return False
    if candidate.kind == "prefix":  # "sino-" only glued to the next word: "sino-américain"
        return last < len(tokens) and tokens[last].start == tokens[last - 1].end
    return True


def _inflected(text: str, lexicon: Lexicon) -> list[str]:
    """Inflected forms of an adjective the knowledge base lists in one form only."""
    folded = fold_token(text)
    rules = [r for r in lexicon.inflections if folded.endswith(fold_token(r[0]))]
    if not rules:
        return []
    _, additions = max(rules, key=lambda r: len(r[0]))
    return [text + addition for addition in additions]


def build_matcher(kb: KnowledgeBase, lexicon: Lexicon) -> KnowledgeMatcher:
    """The matcher of one knowledge base for one language.

    Inflected adjective forms are added last and only where the knowledge base lists no
    phrase of that spelling, so a generated form never shadows a listed name.
    """
    matcher = KnowledgeMatcher(())
    inflected: list[tuple[tuple[str, ...], Candidate]] = []
    for entry in kb.names():
        if entry.language_bound and entry.language != lexicon.language:
            continue
        candidate = Candidate(entry.actor_id, entry.kind, _case_of(entry.text))
        matcher.add(keys(entry.text), candidate)
        if entry.kind in ("adjective", "demonym"):
            inflected += [(keys(form), candidate) for form in _inflected(entry.text, lexicon)]
    for title in lexicon.titles:
        matcher.add(title, Candidate(None, TITLE))
    for tokens, candidate in inflected:
        if not matcher.contains(tokens):
            matcher.add(tokens, candidate)
    return matcher
