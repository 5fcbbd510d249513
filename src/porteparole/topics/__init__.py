"""Stage 8: taxonomy labels per turn and per paragraph.

``assign_topics(analysis, doc, knowledge)`` adds ``Topic`` records:

- per paragraph (``unit="paragraph"``), from the paragraph's own words;
- per press-conference turn (``unit="turn"``, span = the turn). A question and the answers
  that follow it form an *exchange*; the exchange is scored as one unit and its labels go to
  each of its turns, so a question and its answer always agree (a short question names the
  topic, the answer often only says "we have noted the reports"). A statement is its own unit.

Evidence is language-neutral: cue phrases of the document's language from
``knowledge/topics.yaml`` (matched on folded forms and lemmas, ``cues``) and actor cues on
the mentions stage 5 resolved. Scores: ``scoring``. The taxonomy: ``docs/topics.md``.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.records import Analysis, Mention, Topic, Turn
from porteparole.text.doc_table import table
from porteparole.text.sparse_cues import SparseCueMatcher
from porteparole.topics.scoring import Hit, score_unit
from porteparole.topics.taxonomy import ActorCue, Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["assign_topics", "load_taxonomy", "topic_hits"]


def assign_topics(analysis: Analysis, doc: Doc, knowledge: Knowledge | None = None, *,
                  taxonomy: Taxonomy | None = None) -> Analysis:
    """Stage 8: the analysis with ``Topic`` records for its turns and paragraphs added,
    from the taxonomy of ``knowledge`` (default: the default bundle) or ``taxonomy``."""
    taxonomy = taxonomy or (knowledge if knowledge is not None else default_knowledge()).taxonomy
    columns = _Columns(doc)
    hits = _Hits(_hits(analysis, doc, taxonomy, columns))
    actors = _Actors(analysis.mentions, _co_mentioned(taxonomy))
    topics: list[Topic] = []
    for turns in _exchanges(analysis.turns):
        spans = [(t.start, t.end) for t in turns]
        inside = hits.inside(spans) + _co_mentions(taxonomy, actors, spans)
        count = sum(columns.words(start, end) for start, end in spans)
        for label, score in score_unit(inside, count, taxonomy.scoring):
            topics.extend(
                Topic(analysis.document.id, t.start, t.end, label, score, "turn") for t in turns
            )
    for paragraph in analysis.paragraphs:
        span = [(paragraph.start, paragraph.end)]
        inside = hits.inside(span) + _co_mentions(taxonomy, actors, span)
        count = columns.words(paragraph.start, paragraph.end)
        for label, score in score_unit(inside, count, taxonomy.scoring):
            topics.append(
                Topic(analysis.document.id, paragraph.start, paragraph.end, label, score)
            )
    return dataclasses.replace(analysis, topics=analysis.topics + tuple(topics))


def topic_hits(analysis: Analysis, doc: Doc, taxonomy: Taxonomy) -> list[Hit]:
    """Every cue and single-actor hit in the document, by character offsets."""
    return _hits(analysis, doc, taxonomy, _Columns(doc))


def _hits(analysis: Analysis, doc: Doc, taxonomy: Taxonomy, columns: _Columns) -> list[Hit]:
    starts, end = columns.starts, columns.end
    hits = [
        Hit(label, starts[m.start], end(m.end - 1), weight, key)
        for m in _matcher(taxonomy, analysis.document.language).find(doc).matches
        for (label, weight, key) in [m.payload]
    ]
    covered = _mentions_by_actor(analysis.mentions)
    for label_id, cue in _single_actor_cues(taxonomy):
        hits.extend(
            Hit(label_id, m.start, m.end, cue.weight, cue.ids[0])
            for m in covered.get(cue.ids[0], ())
        )
    return hits


@cache
def _single_actor_cues(taxonomy: Taxonomy) -> tuple[tuple[str, ActorCue], ...]:
    """The actor cues naming one actor, with their label, in the taxonomy's order."""
    return tuple((label.id, cue) for label in taxonomy.labels for cue in label.actors
                 if len(cue.ids) == 1)


def _mentions_by_actor(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    """The mentions each actor cue covers, in document order: a mention of ``CHN-MFA``
    is listed under ``CHN-MFA`` and ``CHN`` (``_covers``). One pass over the mentions
    instead of one per actor cue of the taxonomy."""
    covered: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.actor_id:
            for key in _covers(mention.actor_id):
                covered.setdefault(key, []).append(mention)
    return covered


@lru_cache(maxsize=4096)
def _covers(actor: str) -> tuple[str, ...]:
    """The actor cue ids a resolved actor counts for: an actor cue names a state or an
    organization and covers its institutions, so ``CHN-MFA`` counts for ``CHN-MFA`` and
    ``CHN`` (every id ``wanted`` with ``actor == wanted`` or ``actor.startswith(wanted +
    "-")``). Listed once, cue ids are looked up in a set rather than compared with every
    actor; actor ids recur across documents, hence the memo."""
    return (actor, *(actor[:i] for i, c in enumerate(actor) if c == "-"))


@cache
def _matcher(taxonomy: Taxonomy, language: str) -> SparseCueMatcher:
    """The language's cue phrases, matched only where one may start (``text.sparse_cues``)."""
    cues = [
        (phrase, (label, weight, phrase)) for phrase, (label, weight) in taxonomy.cues(language)
    ]
    return SparseCueMatcher(language, cues)


class _Actors:
    """The resolved mentions of a document that count for a multi-actor cue, by start
    offset, to find those inside a unit by bisection rather than by a pass over all of them
    for every turn and paragraph. Mentions of other actors are left out: they cannot
    complete a cue."""

    def __init__(self, mentions: Sequence[Mention], wanted: frozenset[str]) -> None:
        located = sorted((m.start, m.end, m.actor_id) for m in mentions
                         if m.actor_id and not wanted.isdisjoint(_covers(m.actor_id)))
        self._starts = [start for start, _, _ in located]
        self._located = located

    def inside(self, spans: Iterable[tuple[int, int]]) -> set[str]:
        present: set[str] = set()
        for s, e in spans:
            for index in range(bisect.bisect_left(self._starts, s), len(self._starts)):
                start, end, actor = self._located[index]
                if start > e:
                    break
                if end <= e and actor:
                    present.add(actor)
        return present


def _co_mentions(
    taxonomy: Taxonomy, actors: _Actors, spans: list[tuple[int, int]]
) -> list[Hit]:
    """One hit per multi-actor cue whose actors are all mentioned inside the spans."""
    cues = _multi_actor_cues(taxonomy)
    present = actors.inside(spans) if cues else set()
    if not present:
        return []
    covered = {key for actor in present for key in _covers(actor)}
    return [
        Hit(label_id, -1, -1, cue.weight, "+".join(cue.ids))
        for label_id, cue in cues
        if all(wanted in covered for wanted in cue.ids)
    ]


@cache
def _multi_actor_cues(taxonomy: Taxonomy) -> tuple[tuple[str, ActorCue], ...]:
    return tuple((label.id, cue) for label in taxonomy.labels for cue in label.actors
                 if len(cue.ids) > 1)


@cache
def _co_mentioned(taxonomy: Taxonomy) -> frozenset[str]:
    """The actor ids the multi-actor cues name."""
    return frozenset(i for _, cue in _multi_actor_cues(taxonomy) for i in cue.ids)


def _exchanges(turns: Sequence[Turn]) -> list[list[Turn]]:
    """Statements alone; each question with the answers that follow it."""
    groups: list[list[Turn]] = []
    for turn in sorted(turns, key=lambda t: t.index):
        if turn.role == "answer" and groups and groups[-1][0].role == "question":
            groups[-1].append(turn)
        else:
            groups.append([turn])
    return groups


class _Columns:
    """Where each token of the Doc starts and ends, and how many words (tokens that are not
    punctuation or space) come before each token. The flags and lengths are read as one
    array (``Doc.to_array``) and summed by the array itself: no Token object is built."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IS_PUNCT, IS_SPACE, LENGTH

        self.starts = table(doc).idx
        self._lengths: list[int] = []
        self._before = [0]  # words among tokens [0, i)
        if len(doc):
            rows = doc.to_array([LENGTH, IS_PUNCT, IS_SPACE])
            self._lengths = rows[:, 0].tolist()
            self._before += (rows[:, 1] + rows[:, 2] == 0).cumsum().tolist()

    def end(self, token: int) -> int:
        """``doc[token].idx + len(doc[token])``: where the token's text ends."""
        return self.starts[token] + self._lengths[token]

    def words(self, start: int, end: int) -> int:
        """The words of the tokens that start in ``[start, end)``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return self._before[last] - self._before[first]


class _Hits:
    """The hits of a document by start offset, to pick those inside a unit by bisection
    rather than by a pass over all of them for every turn and paragraph."""

    def __init__(self, hits: list[Hit]) -> None:
        order = sorted(range(len(hits)), key=lambda i: hits[i].start)
        self._hits = hits
        self._order = order
        self._starts = [hits[i].start for i in order]

    def inside(self, spans: Iterable[tuple[int, int]]) -> list[Hit]:
        """The hits inside any of the spans, in the order they were found (which decides
        between equal hits when a unit is scored)."""
        hits, order = self._hits, self._order
        found: set[int] = set()
        for start, end in spans:
            first = bisect.bisect_left(self._starts, start)
            last = bisect.bisect_right(self._starts, end, first)
            found.update(i for i in order[first:last] if hits[i].end <= end)
        return [hits[i] for i in sorted(found)]
