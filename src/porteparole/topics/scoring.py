"""From cue hits to a topic score per unit.

A unit (a turn, an exchange, a paragraph) collects the hits inside it. For each label:

1. overlapping hits of the label keep only the heaviest (a text cue "Taiwan" and the
   mention of TWN on the same word count once; "South China Sea" beats "China Sea");
2. a cue counts at most ``max_repeats`` times, so one word repeated does not make a topic;
3. the evidence ``E`` is the sum of the remaining weights;
4. it is normalized by length: ``N = E / (max(n, L) / L) ** a`` with ``n`` the unit's words,
   ``L = reference_length`` and ``a = length_exponent`` — a short question naming Taiwan once
   is about Taiwan, a long answer that names it once in passing is not;
5. the score saturates: ``score = 1 - exp(-N / scale)``, in [0, 1).

Labels scoring at least ``threshold`` are kept, best first, at most ``max_labels``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from porteparole.topics.taxonomy import Scoring

__all__ = ["Hit", "score_unit"]


class Hit(NamedTuple):
    """One piece of evidence for a label: a cue or a mention at characters ``[start, end)``.

    A named tuple rather than a frozen dataclass: a document has one per cue word and per
    actor mention, and a tuple is built several times faster, with the same immutable
    named fields."""

    label: str
    start: int
    end: int
    weight: float
    key: str  # what is counted for max_repeats: the cue phrase or the actor ids


def score_unit(hits: Iterable[Hit], words: int, scoring: Scoring) -> list[tuple[str, float]]:
    """The labels of a unit of ``words`` words, ``(label, score)`` best first."""
    by_label: dict[str, list[Hit]] = {}
    for hit in hits:
        by_label.setdefault(hit.label, []).append(hit)
    if not by_label:
        return []
    length = (max(words, scoring.reference_length) / scoring.reference_length)
    divisor = length ** scoring.length_exponent
    scored = []
    for label, label_hits in by_label.items():
        evidence = _evidence(label_hits, scoring.max_repeats)
        score = round(1.0 - math.exp(-evidence / divisor / scoring.scale), 3)
        if score >= scoring.threshold:
            scored.append((label, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[: scoring.max_labels]


def _evidence(hits: list[Hit], max_repeats: int) -> float:
    """Steps 1-3: the heaviest of overlapping hits kept, each key counted ``max_repeats``
    times at most, the weights summed in the order the hits are kept."""
    kept: list[tuple[int, int]] = []  # the spans of the hits kept so far
    counts: dict[str, int] = {}
    total = 0.0
    for hit in sorted(hits, key=_strength) if len(hits) > 1 else hits:
        start, end = hit.start, hit.end
        for kept_start, kept_end in kept:
            if start < kept_end and kept_start < end:
                break  # overlaps a heavier (or longer, or earlier) hit
        else:
            kept.append((start, end))
            count = counts[hit.key] = counts.get(hit.key, 0) + 1
            if count <= max_repeats:
                total += hit.weight
    return total


def _strength(hit: Hit) -> tuple[float, int, int]:
    """Heaviest first, then longest, then first in the text."""
    return -hit.weight, hit.start - hit.end, hit.start
