"""The tracked mechanisms and the status vocabulary: ``knowledge/mechanisms.yaml``.

Read and validated once; a bad entry raises ``KnowledgeError`` naming the file and the entry.
Everything language-specific (names of the mechanisms, status cue words, negation, modal and
future words, month names) is data keyed by language code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import per_root, read_yaml
from porteparole.records import MECHANISM_STATUSES
from porteparole.text.folds import fold_key

__all__ = ["Catalog", "Mechanism", "Modality", "load_catalog"]

FORMAT_VERSION = 1
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MECHANISM_KEYS = {"id", "name", "kind", "parties", "requires", "aliases", "note"}
_TOP_KEYS = {
    "version", "kinds", "statuses", "future", "modality", "mechanisms", "carriers",
    "circumstantial",
}
_MODALITY_KEYS = {"negation", "hypothetical", "future", "irrealis", "realis"}


@dataclass(frozen=True, slots=True)
class Mechanism:
    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    requires: tuple[str, ...]  # actors a document must mention for its names to count
    aliases: dict[str, tuple[str, ...]]  # language -> names


@dataclass(frozen=True, slots=True)
class Modality:
    """Words (folded lemmas or forms) that negate, condition or defer a status cue."""

    negation: frozenset[str]
    hypothetical: frozenset[str]
    future: frozenset[str]
    irrealis: frozenset[str]
    realis: frozenset[str]  # verbs under which an infinitive cue happens ("decided to")


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: matchers cache on it
class Catalog:
    mechanisms: tuple[Mechanism, ...]
    statuses: dict[str, dict[str, dict[str, tuple[str, ...]]]]  # lang -> status -> verbs/nouns
    future: dict[str, str]  # status in the future tense -> status emitted
    modality: dict[str, Modality]
    carriers: dict[str, frozenset[str]]  # lang -> nouns a name may hang from
    circumstantial: dict[str, frozenset[str]]  # lang -> prepositions of circumstance

    def mechanism(self, mechanism_id: str) -> Mechanism:
        for mechanism in self.mechanisms:
            if mechanism.id == mechanism_id:
                return mechanism
        raise KeyError(mechanism_id)


@per_root
def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog in ``path`` (default: the package's ``knowledge/mechanisms.yaml``)."""
    name, data = read_yaml("mechanisms.yaml", path=path, version=FORMAT_VERSION)
    return _catalog(data, name)


def _catalog(data: Any, name: str) -> Catalog:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise KnowledgeError(f"{name}: unknown keys {sorted(unknown)}")
    kinds = set(_strings(data.get("kinds"), f"{name}: kinds"))
    mechanisms = tuple(_mechanism(entry, kinds, name) for entry in data.get("mechanisms") or ())
    ids = [m.id for m in mechanisms]
    if not ids or len(set(ids)) != len(ids):
        raise KnowledgeError(f"{name}: mechanisms must be a non-empty list with unique ids")
    future = _future(data.get("future") or {}, name)
    statuses = {
        str(lang): _statuses(table, f"{name}: statuses.{lang}")
        for lang, table in _mapping(data.get("statuses"), f"{name}: statuses").items()
    }
    modality = {
        str(lang): _modality(table, f"{name}: modality.{lang}")
        for lang, table in _mapping(data.get("modality"), f"{name}: modality").items()
    }
    carriers = _word_sets(data.get("carriers"), f"{name}: carriers")
    circumstantial = _word_sets(data.get("circumstantial"), f"{name}: circumstantial")
    return Catalog(mechanisms, statuses, future, modality, carriers, circumstantial)


def _word_sets(raw: Any, where: str) -> dict[str, frozenset[str]]:
    return {
        str(lang): frozenset(fold_key(w) for w in _strings(words, f"{where}.{lang}"))
        for lang, words in _mapping(raw, where).items()
    }


def _mechanism(entry: Any, kinds: set[str], name: str) -> Mechanism:
    if not isinstance(entry, dict) or not _ID.match(str(entry.get("id", ""))):
        raise KnowledgeError(f"{name}: every mechanism needs a kebab-case 'id': {entry!r}")
    where = f"{name}: mechanism {entry['id']}"
    unknown = set(entry) - _MECHANISM_KEYS
    if unknown:
        raise KnowledgeError(f"{where}: unknown keys {sorted(unknown)}")
    if entry.get("kind") not in kinds:
        raise KnowledgeError(f"{where}: kind must be one of {sorted(kinds)}")
    if not isinstance(entry.get("name"), str):
        raise KnowledgeError(f"{where}: 'name' is required")
    parties = _strings(entry.get("parties"), f"{where}: parties")
    requires = entry.get("requires", list(parties))
    requires = _strings(requires, f"{where}: requires", empty=True)
    aliases = {
        str(lang): _strings(names, f"{where}: aliases.{lang}")
        for lang, names in _mapping(entry.get("aliases"), f"{where}: aliases").items()
    }
    return Mechanism(entry["id"], entry["name"], entry["kind"], parties, requires, aliases)


def _statuses(table: Any, where: str) -> dict[str, dict[str, tuple[str, ...]]]:
    out = {}
    for status, cues in _mapping(table, where).items():
        if status not in MECHANISM_STATUSES:
            raise KnowledgeError(f"{where}: {status!r} is not one of {MECHANISM_STATUSES}")
        if not isinstance(cues, dict) or set(cues) - {"verbs", "nouns"}:
            raise KnowledgeError(f"{where}.{status}: expected {{verbs: [...], nouns: [...]}}")
        out[status] = {
            part: _strings(cues.get(part) or [], f"{where}.{status}.{part}", empty=True)
            for part in ("verbs", "nouns")
        }
    return out


def _future(table: Any, name: str) -> dict[str, str]:
    table = _mapping(table, f"{name}: future") if table else {}
    for status, emitted in table.items():
        if status not in MECHANISM_STATUSES or emitted not in MECHANISM_STATUSES:
            raise KnowledgeError(f"{name}: future maps statuses to statuses: {status}: {emitted}")
    return dict(table)


def _modality(table: Any, where: str) -> Modality:
    table = _mapping(table, where)
    if set(table) != _MODALITY_KEYS:
        raise KnowledgeError(f"{where}: expected exactly {sorted(_MODALITY_KEYS)}")
    words = {k: frozenset(fold_key(w) for w in _strings(v, f"{where}.{k}"))
             for k, v in table.items()}
    return Modality(**words)


def _strings(raw: Any, where: str, *, empty: bool = False) -> tuple[str, ...]:
    if not isinstance(raw, list) or (not raw and not empty):
        raise KnowledgeError(f"{where}: expected a{'' if empty else ' non-empty'} list")
    if not all(isinstance(v, str) and v.strip() for v in raw):
        raise KnowledgeError(f"{where}: every item must be a non-empty string")
    return tuple(v.strip() for v in raw)


def _mapping(raw: Any, where: str) -> dict[Any, Any]:
    if not isinstance(raw, dict) or not raw:
        raise KnowledgeError(f"{where}: expected a non-empty mapping")
    return raw
