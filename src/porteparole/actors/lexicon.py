"""The language-specific words resolution needs, read from the knowledge files.

Role descriptions (``knowledge/roles/<lang>.yaml``), pronouns (``knowledge/pronouns``),
speech verbs (``knowledge/speech``) and honorific titles (``knowledge/titles/<lang>.txt``) are
data: a language without them resolves names and skips what it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.kb import load_titles
from porteparole.knowledge import knowledge_path, per_root, read_yaml
from porteparole.knowledge.speech import load_speech_lexicon
from porteparole.text.folds import fold_key
from porteparole.text.tokens import keys


@dataclass(frozen=True, slots=True)
class RolePattern:
    """One way to write a role: folded tokens, with ``slot`` the index of ``{state}``."""

    tokens: tuple[str, ...]
    slot: int | None  # position of the state adjective/name inside the pattern, if any
    role: str
    of: str  # "state" | "organization"
    states: tuple[str, ...] = ()  # the only states this wording is used for (empty: all)


@dataclass(frozen=True, slots=True)
class InstitutionPattern:
    """A state's office named with the state's adjective ("ministère chinois de la Défense")."""

    tokens: tuple[str, ...]
    slot: int
    keys: tuple[str, ...]  # folded words identifying the office among the state's organizations


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything language-specific that resolution reads, for one language."""

    language: str
    roles: tuple[RolePattern, ...] = ()
    institutions: tuple[InstitutionPattern, ...] = ()
    connectors: frozenset[str] = frozenset()
    anchor_sides: tuple[str, ...] = ("right",)
    inflections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    titles: tuple[tuple[str, ...], ...] = ()
    pronouns: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    subject_deps: frozenset[str] = frozenset({"nsubj"})


SLOT = "{state}"


def _split_slot(text: str) -> tuple[tuple[str, ...], int | None]:
    if SLOT not in text:
        return keys(text), None
    before, after = text.split(SLOT, 1)
    left = keys(before)
    return left + (SLOT,) + keys(after), len(left)


def _read_yaml(node: Traversable | Path) -> dict[str, Any]:
    # Shape only, no version check: a roles or pronouns directory given by the caller has
    # never had to declare one.
    where, data = read_yaml(path=node, version=None)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{where}: expected a mapping at the top level")
    return data


def _roles(data: dict[str, Any], where: str) -> tuple[RolePattern, ...]:
    patterns = []
    for index, entry in enumerate(data.get("roles") or ()):
        if not isinstance(entry, dict) or "role" not in entry or "words" not in entry:
            raise KnowledgeError(f"{where}: roles[{index}] needs 'role' and 'words'")
        of = entry.get("of", "state")
        if of not in ("state", "organization"):
            raise KnowledgeError(f"{where}: roles[{index}].of must be state or organization")
        for words in entry["words"]:
            tokens, slot = _split_slot(str(words))
            patterns.append(
                RolePattern(tokens, slot, entry["role"], of, tuple(entry.get("states") or ()))
            )
    return tuple(patterns)


def _institutions(data: dict[str, Any], where: str) -> tuple[InstitutionPattern, ...]:
    patterns = []
    for index, entry in enumerate(data.get("institutions") or ()):
        if not isinstance(entry, dict) or not entry.get("words") or not entry.get("keys"):
            raise KnowledgeError(f"{where}: institutions[{index}] needs 'words' and 'keys'")
        folded = tuple(fold_key(str(k)) for k in entry["keys"])
        for words in entry["words"]:
            tokens, slot = _split_slot(str(words))
            if slot is None:
                raise KnowledgeError(f"{where}: institutions[{index}]: {words!r} lacks {SLOT}")
            patterns.append(InstitutionPattern(tokens, slot, folded))
    return tuple(patterns)


def _inflections(data: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    rules = data.get("adjective_inflections") or {}
    return tuple((str(ending or ""), tuple(str(s) for s in adds)) for ending, adds in rules.items())


def knowledge_root(directory: str | Path | None = None) -> Traversable | Path:
    """The knowledge directory: the package's own unless a directory is given."""
    return Path(directory) if directory is not None else knowledge_path()


@per_root
def load_lexicon(
    language: str, directory: str | None = None, titles: str | None = None
) -> Lexicon:
    """The lexicon of ``language``; an empty one when the language has no files.

    ``directory`` holds ``roles/`` and ``pronouns/`` (default: the package's knowledge);
    ``titles`` the titles directory (default: the package's ``knowledge/titles``).
    """
    root = knowledge_root(directory)
    roles_node = root.joinpath("roles", f"{language}.yaml")
    pronouns_node = root.joinpath("pronouns", f"{language}.yaml")
    roles = _read_yaml(roles_node) if roles_node.is_file() else {}
    pronouns = _read_yaml(pronouns_node) if pronouns_node.is_file() else {}
    return Lexicon(
        language=language,
        roles=_roles(roles, str(roles_node)),
        institutions=_institutions(roles, str(roles_node)),
        connectors=frozenset(k for c in roles.get("connectors") or () for k in keys(str(c))),
        anchor_sides=tuple(roles.get("anchor_sides") or ("right",)),
        inflections=_inflections(roles),
        titles=tuple(keys(t) for t in load_titles(language, Path(titles) if titles else None)),
        pronouns=frozenset(keys(p)[-1] for p in pronouns.get("pronouns") or ()),
        speech_verbs=load_speech_lexicon(language).lemmas,
        subject_deps=frozenset(pronouns.get("subject_deps") or ("nsubj",)),
    )
