"""The PLOVER ontology as data: types, modes, CAMEO roots and Goldstein scores.

``knowledge/events/plover.yaml`` holds the facts (sources in its header); this module reads
and validates them, so that a typo in a mode or a root fails loudly on load instead of
silently giving events no CAMEO code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import per_root, read_yaml
from porteparole.records import PLOVER_TYPES

_ROOT = re.compile(r"(0[1-9]|1\d|20)")


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER type: its default CAMEO root, its modes and how intentions recode it."""

    name: str
    description: str
    quad: str
    cameo: str
    modes: MappingProxyType[str, str]  # mode -> CAMEO root
    intent_type: str | None = None
    future_type: str | None = None
    prepared_type: str | None = None  # "se prépare à envahir": the preparation, coded so


@dataclass(frozen=True, slots=True)
class Ontology:
    """The 16 PLOVER types and the Goldstein weight of every CAMEO root."""

    types: MappingProxyType[str, EventType]
    goldstein: MappingProxyType[str, float]

    def cameo_root(self, event_type: str, mode: str | None = None) -> str:
        """The CAMEO root of a type, or of one of its modes (an unknown mode: the type's)."""
        entry = self.types[event_type]
        return entry.modes.get(mode or "", entry.cameo)

    def score(self, event_type: str, mode: str | None = None) -> tuple[str, float]:
        """(CAMEO root, Goldstein score) of a type and mode."""
        root = self.cameo_root(event_type, mode)
        return root, self.goldstein[root]


def load_ontology(path: str | Path | None = None) -> Ontology:
    """The ontology in ``path`` (default: the package's ``knowledge/events/plover.yaml``)."""
    if path is None:
        return _default()
    return _parse(*read_yaml(path=path))


@per_root
def _default() -> Ontology:
    return _parse(*read_yaml("events", "plover.yaml"))


def _parse(where: str, data: dict[str, Any]) -> Ontology:
    goldstein = _goldstein(where, data.get("goldstein"))
    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or set(raw_types) != set(PLOVER_TYPES):
        raise KnowledgeError(f"{where}: 'types' must define exactly the 16 PLOVER types")
    types = {name: _type(where, name, raw, goldstein) for name, raw in raw_types.items()}
    return Ontology(MappingProxyType(types), MappingProxyType(goldstein))


def _goldstein(where: str, raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: 'goldstein' must map CAMEO roots to scores")
    out: dict[str, float] = {}
    for root, value in raw.items():
        if not _ROOT.fullmatch(str(root)) or not isinstance(value, int | float):
            raise KnowledgeError(f"{where}: goldstein: bad entry {root!r}: {value!r}")
        if not -10.0 <= float(value) <= 10.0:
            raise KnowledgeError(f"{where}: goldstein: {root} is outside [-10, 10]")
        out[str(root)] = float(value)
    return out


def _type(where: str, name: str, raw: Any, goldstein: dict[str, float]) -> EventType:
    label = f"{where}: type {name}"
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{label}: must be a mapping")
    unknown = set(raw) - {"quad", "description", "cameo", "modes", "intent_type", "future_type",
                         "prepared_type"}
    if unknown:
        raise KnowledgeError(f"{label}: unknown keys {', '.join(sorted(unknown))}")
    cameo = _root(label, raw.get("cameo"), goldstein)
    modes = {}
    for mode, root in (raw.get("modes") or {}).items():
        modes[str(mode)] = cameo if root is None else _root(f"{label} mode {mode}", root,
                                                              goldstein)
    for key in ("intent_type", "future_type", "prepared_type"):
        if raw.get(key) is not None and raw[key] not in PLOVER_TYPES:
            raise KnowledgeError(f"{label}: {key} {raw[key]!r} is not a PLOVER type")
    return EventType(name, str(raw.get("description", "")).strip(), str(raw.get("quad", "")),
                     cameo, MappingProxyType(modes), raw.get("intent_type"),
                     raw.get("future_type"), raw.get("prepared_type"))


def _root(label: str, value: Any, goldstein: dict[str, float]) -> str:
    if not isinstance(value, str) or value not in goldstein:
        raise KnowledgeError(f"{label}: CAMEO root {value!r} has no Goldstein score")
    return value
