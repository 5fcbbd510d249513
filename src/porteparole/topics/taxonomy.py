"""The topic taxonomy: ``knowledge/topics.yaml``, read and validated once.

The file (documented in ``docs/topics.md``) gives the scoring settings and, for every label,
its names and descriptions in each language, weighted cue phrases per language and optional
actor cues. A bad entry raises ``KnowledgeError`` naming the file and the label: a silently
dropped cue would skew every score that depends on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import per_root, read_yaml

__all__ = ["ActorCue", "Label", "Scoring", "Taxonomy", "load_taxonomy"]

FORMAT_VERSION = 1
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LABEL_KEYS = {"id", "name", "description", "cues", "actors", "note"}
_SCORING_KEYS = {
    "reference_length", "length_exponent", "scale", "threshold", "max_labels", "max_repeats",
}


@dataclass(frozen=True, slots=True)
class Scoring:
    """How weighted cue hits become a score in [0, 1] (see ``scoring.score``)."""

    reference_length: int = 40  # words; shorter units are not boosted
    length_exponent: float = 0.7  # 0: raw evidence, 1: evidence per reference length
    scale: float = 2.5  # evidence giving a score of 1 - 1/e
    threshold: float = 0.4  # labels below this are not emitted
    max_labels: int = 3  # per unit
    max_repeats: int = 3  # a cue counts at most this often in one unit


@dataclass(frozen=True, slots=True)
class ActorCue:
    """Evidence from resolved mentions: every actor of ``ids`` mentioned in the unit."""

    ids: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class Label:
    id: str
    names: dict[str, str]
    descriptions: dict[str, str]
    cues: dict[str, tuple[tuple[str, float], ...]]  # language -> (phrase, weight)
    actors: tuple[ActorCue, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: matchers cache on it
class Taxonomy:
    scoring: Scoring
    labels: tuple[Label, ...]

    def label(self, label_id: str) -> Label:
        for label in self.labels:
            if label.id == label_id:
                return label
        raise KeyError(label_id)

    def cues(self, language: str) -> list[tuple[str, tuple[str, float]]]:
        """Every cue phrase of ``language`` with its payload ``(label, weight)``."""
        return [
            (phrase, (label.id, weight))
            for label in self.labels
            for phrase, weight in label.cues.get(language, ())
        ]


@per_root
def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path`` (default: the package's ``knowledge/topics.yaml``)."""
    name, data = read_yaml("topics.yaml", path=path, version=FORMAT_VERSION)
    return _taxonomy(data, name)


def _taxonomy(data: Any, name: str) -> Taxonomy:
    scoring = _scoring(data.get("scoring") or {}, name)
    entries = data.get("topics")
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(f"{name}: 'topics' must be a non-empty list")
    labels = tuple(_label(entry, name) for entry in entries)
    ids = [label.id for label in labels]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise KnowledgeError(f"{name}: duplicate topic ids {duplicates}")
    return Taxonomy(scoring, labels)


def _scoring(raw: Any, name: str) -> Scoring:
    if not isinstance(raw, dict) or set(raw) - _SCORING_KEYS:
        raise KnowledgeError(f"{name}: 'scoring' accepts only {sorted(_SCORING_KEYS)}")
    scoring = Scoring(**raw)
    if not 0 < scoring.threshold < 1 or scoring.scale <= 0 or scoring.max_labels < 1:
        raise KnowledgeError(f"{name}: scoring needs 0 < threshold < 1, scale > 0, labels >= 1")
    return scoring


def _label(entry: Any, name: str) -> Label:
    if not isinstance(entry, dict) or not _ID.match(str(entry.get("id", ""))):
        raise KnowledgeError(f"{name}: every topic needs a snake_case 'id': {entry!r}")
    where = f"{name}: topic {entry['id']}"
    unknown = set(entry) - _LABEL_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    names = _texts(entry.get("name"), f"{where}: name")
    descriptions = _texts(entry.get("description"), f"{where}: description")
    if set(names) != set(descriptions) or not {"en", "fr"} <= set(names):
        raise KnowledgeError(f"{where}: name and description are needed in en and fr at least")
    cues = {
        language: _weighted(phrases, f"{where}: cues.{language}")
        for language, phrases in _mapping(entry.get("cues"), f"{where}: cues").items()
    }
    actors = tuple(_actor_cue(cue, where) for cue in entry.get("actors") or ())
    return Label(entry["id"], names, descriptions, cues, actors)


def _texts(raw: Any, where: str) -> dict[str, str]:
    texts = _mapping(raw, where)
    if not all(isinstance(v, str) and v.strip() for v in texts.values()):
        raise KnowledgeError(f"{where}: every language needs a non-empty text")
    return {str(k): v.strip() for k, v in texts.items()}


def _weighted(raw: Any, where: str) -> tuple[tuple[str, float], ...]:
    """``{weight: [phrase, ...]}`` to ``((phrase, weight), ...)``; a phrase appears once."""
    out: dict[str, float] = {}
    for weight, phrases in _mapping(raw, where).items():
        if not isinstance(weight, int | float) or weight <= 0 or not isinstance(phrases, list):
            raise KnowledgeError(f"{where}: expected positive weights mapped to lists of cues")
        for phrase in phrases:
            if not isinstance(phrase, str) or not phrase.strip():
                raise KnowledgeError(f"{where}: a cue must be a non-empty string: {phrase!r}")
            if phrase in out:
                raise KnowledgeError(f"{where}: cue {phrase!r} is listed twice")
            out[phrase.strip()] = float(weight)
    return tuple(out.items())


def _actor_cue(raw: Any, where: str) -> ActorCue:
    ids = raw.get("ids") if isinstance(raw, dict) else None
    weight = raw.get("weight") if isinstance(raw, dict) else None
    if (
        not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids)
        or not isinstance(weight, int | float) or weight <= 0 or set(raw) - {"ids", "weight"}
    ):
        raise KnowledgeError(f"{where}: an actor cue is {{ids: [ID, ...], weight: N}}: {raw!r}")
    return ActorCue(tuple(ids), float(weight))


def _mapping(raw: Any, where: str) -> dict[Any, Any]:
    if not isinstance(raw, dict) or not raw:
        raise KnowledgeError(f"{where}: expected a non-empty mapping")
    return raw
