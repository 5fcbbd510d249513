"""Whose voice a sentence is in: events inside speech count for the speaker.

A spokesperson's "nous exhortons les Philippines à cesser…" is China urging the Philippines;
"les Philippines ont enfreint les droits de la Chine" in the same answer is China accusing
them. In order, a token's voice is:

1. the speaker of a quote (stage 6, ``analysis.quotes``) whose content holds it;
2. the subject of a speech or opinion verb that governs its clause ("Wu a déclaré que …",
   "selon X"), from the language's one speech lexicon (``knowledge/speech``); this is our
   own reading of speech verbs, for texts or stages without quotes;
3. the speaker of the press-conference statement or answer it is in;
4. nobody (the narrator of an article).

Question turns have no voice of their own: a journalist's "nous" is not a party to events.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from porteparole.events.parse import Parse, parse_of
from porteparole.events.patterns import Lexicon
from porteparole.knowledge.speech import load_speech_lexicon
from porteparole.records import Analysis, Turn

if TYPE_CHECKING:
    from spacy.tokens import Token

_COMPLEMENTS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "obj", "dobj"})
_SPEAKING_ROLES = frozenset({"statement", "answer"})
_MAX_CLIMB = 8

# speech-verb token -> actor ids of its subject
SubjectActors: TypeAlias = "Callable[[Token], list[str]]"


class Voices:
    """The voice of any token of one document."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon, subject_actors: SubjectActors,
                 according_actors: SubjectActors) -> None:
        self.lexicon = lexicon
        self.speech = load_speech_lexicon(lexicon.language).voiced
        self.subject_actors = subject_actors
        self.according_actors = according_actors
        quotes = sorted((q for q in analysis.quotes if q.speaker_actor),
                        key=lambda q: (q.start, q.end))
        self._quotes = [(q.start, q.end, q.speaker_actor) for q in quotes]
        self._quote_starts = [q.start for q in quotes]
        turns = sorted(analysis.turns, key=lambda t: t.start)
        self._turns = [(t.start, t.end, t) for t in turns]
        self._turn_starts = [t.start for t in turns]
        self._cache: dict[int, str | None] = {}

    def __call__(self, token: Token) -> str | None:
        if token.i not in self._cache:
            # Marked before computing: a first person inside its own "according to" phrase
            # ("according to my information, we…") would otherwise ask for its own voice
            # again, forever. Inside such a cycle there is no other voice to find.
            self._cache[token.i] = None
            self._cache[token.i] = self._voice(token)
        return self._cache[token.i]

    def _voice(self, token: Token) -> str | None:
        offset = token.idx
        # quotes are sorted by start: none past those starting at or before the offset holds it
        for start, end, speaker in self._quotes[:bisect.bisect_right(self._quote_starts, offset)]:
            if start <= offset < end:
                return speaker
        reported = self.reported_by(token)
        if reported is not None:
            return reported
        turn = self.turn_at(offset)
        if turn is not None and turn.role in _SPEAKING_ROLES:
            return turn.speaker_actor
        return None

    def reported_by(self, token: Token) -> str | None:
        """The subject of a speech verb governing the token's clause, or a "selon X".

        The climb walks the Doc's parse (``events.parse``): only a speech verb or an
        "according to" phrase whose actors are asked for becomes a ``Token``."""
        doc = token.doc
        parse = parse_of(doc)
        heads, dep, lemma = parse.head, parse.dep, parse.lemma
        current = token.i
        for _ in range(_MAX_CLIMB):
            according = self._according(parse, current)
            if according:
                return according[0]
            incise = self._incise(parse, current, token.i)
            if incise is not None:
                return incise
            head = heads[current]
            if head == current:
                return None
            if lemma[head] in self.speech and dep[current] in _COMPLEMENTS:
                found = self.subject_actors(doc[head])
                if found:
                    return found[0]
            current = head
        return None

    def _incise(self, parse: Parse, clause: int, token: int) -> str | None:
        """The subject of a speech verb set in after the words it reports, which parsers
        hang below them (« « Nous condamnons … », a déclaré le ministre chilien », "…,
        the minister said" as ``parataxis``)."""
        dep, lemma = parse.dep, parse.lemma
        for child in parse.children[clause]:
            if dep[child] == "parataxis" and child > token and lemma[child] in self.speech:
                found = self.subject_actors(parse.doc[child])
                if found:
                    return found[0]
        return None

    def _according(self, parse: Parse, token: int) -> list[str]:
        lower, children = parse.lower, parse.children
        according = self.lexicon.according
        for child in children[token]:
            if lower[child] in according or self._according_case(parse, child):
                found = self.according_actors(parse.doc[child])
                if found:
                    return found
        return []

    def _according_case(self, parse: Parse, phrase: int) -> bool:
        """Whether a phrase is introduced by an "according to" preposition (« selon X »)."""
        dep, lower, according = parse.dep, parse.lower, self.lexicon.according
        for word in parse.children[phrase]:
            if lower[word] in according and dep[word] in ("case", "prep"):
                return True
        return False

    def turn_at(self, offset: int) -> Turn | None:
        position = bisect.bisect_right(self._turn_starts, offset) - 1
        if position < 0:
            return None
        start, end, turn = self._turns[position]
        return turn if start <= offset < end else None
