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
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.records import Analysis, Mention, Topic, Turn
from porteparole.text.cues import CueMatcher
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
    hits = topic_hits(analysis, doc, taxonomy)
    words = _WordCounter(doc)
    actors = _Actors(analysis.mentions)
    topics: list[Topic] = []
    for turns in _exchanges(analysis.turns):
        inside = [h for h in hits if _within(h, turns)]
        inside += _co_mentions(taxonomy, actors, [(t.start, t.end) for t in turns])
        count = sum(words.between(t.start, t.end) for t in turns)
        for label, score in score_unit(inside, count, taxonomy.scoring):
            topics.extend(
                Topic(analysis.document.id, t.start, t.end, label, score, "turn") for t in turns
            )
    for paragraph in analysis.paragraphs:
        span = [(paragraph.start, paragraph.end)]
        inside = [h for h in hits if paragraph.start <= h.start and h.end <= paragraph.end]
        inside += _co_mentions(taxonomy, actors, span)
        count = words.between(paragraph.start, paragraph.end)
        for label, score in score_unit(inside, count, taxonomy.scoring):
            topics.append(
                Topic(analysis.document.id, paragraph.start, paragraph.end, label, score)
            )
    return dataclasses.replace(analysis, topics=analysis.topics + tuple(topics))


def topic_hits(analysis: Analysis, doc: Doc, taxonomy: Taxonomy) -> list[Hit]:
    """Every cue and single-actor hit in the document, by character offsets."""
    hits = [
        Hit(label, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]), weight, key)
        for m in _matcher(taxonomy, analysis.document.language).find(doc)
        for (label, weight, key) in [m.payload]
    ]
    covered = _mentions_by_actor(analysis.mentions)
    for label in taxonomy.labels:
        for cue in label.actors:
            if len(cue.ids) == 1:
                hits.extend(
                    Hit(label.id, m.start, m.end, cue.weight, cue.ids[0])
                    for m in covered.get(cue.ids[0], ())
                )
    return hits


def _mentions_by_actor(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    """The mentions each actor cue covers, in document order: a mention of ``CHN-MFA``
    is listed under ``CHN-MFA`` and ``CHN`` (``_is_actor``). One pass over the mentions
    instead of one per actor cue of the taxonomy."""
    covered: dict[str, list[Mention]] = {}
    for mention in mentions:
        actor = mention.actor_id
        if not actor:
            continue
        keys = {actor} | {actor[:i] for i, c in enumerate(actor) if c == "-"}
        for key in keys:
            covered.setdefault(key, []).append(mention)
    return covered


@cache
def _matcher(taxonomy: Taxonomy, language: str) -> CueMatcher:
    cues = [
        (phrase, (label, weight, phrase)) for phrase, (label, weight) in taxonomy.cues(language)
    ]
    return CueMatcher(language, cues)


class _Actors:
    """The resolved mentions of a document by start offset, to find those inside a unit
    by bisection rather than by a pass over all of them for every turn and paragraph."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        located = sorted((m.start, m.end, m.actor_id) for m in mentions if m.actor_id)
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
    if not cues:
        return []
    present = actors.inside(spans)
    return [
        Hit(label_id, -1, -1, cue.weight, "+".join(cue.ids))
        for label_id, cue in cues
        if _all_present(cue, present)
    ]


@cache
def _multi_actor_cues(taxonomy: Taxonomy) -> tuple[tuple[str, ActorCue], ...]:
    return tuple((label.id, cue) for label in taxonomy.labels for cue in label.actors
                 if len(cue.ids) > 1)


def _all_present(cue: ActorCue, present: Collection[str | None]) -> bool:
    return all(any(_is_actor(p, wanted) for p in present) for wanted in cue.ids)


def _is_actor(actor_id: str | None, wanted: str) -> bool:
    """An actor cue names a state or organization and covers its institutions (TWN-MND)."""
    return actor_id is not None and (actor_id == wanted or actor_id.startswith(wanted + "-"))


def _within(hit: Hit, turns: Iterable[Turn]) -> bool:
    return any(t.start <= hit.start and hit.end <= t.end for t in turns)


def _exchanges(turns: Sequence[Turn]) -> list[list[Turn]]:
    """Statements alone; each question with the answers that follow it."""
    groups: list[list[Turn]] = []
    for turn in sorted(turns, key=lambda t: t.index):
        if turn.role == "answer" and groups and groups[-1][0].role == "question":
            groups[-1].append(turn)
        else:
            groups.append([turn])
    return groups


class _WordCounter:
    """Words (tokens that are not punctuation or space) between two character offsets."""

    def __init__(self, doc: Doc) -> None:
        # Read as arrays (``Doc.to_array``): no Token object is built per token.
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE

        table = doc.to_array([IDX, IS_PUNCT, IS_SPACE]).tolist() if len(doc) else []
        self._starts = [row[0] for row in table]
        self._cumulative = [0]
        for _, punct, space in table:
            self._cumulative.append(self._cumulative[-1] + (not (punct or space)))

    def between(self, start: int, end: int) -> int:
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        return self._cumulative[last] - self._cumulative[first]
