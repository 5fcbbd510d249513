"""The actor knowledge base: every actor, every way texts name it, and who held which role when.

The facts live in ``knowledge/actors/*.yaml`` (format: ``docs/knowledge-format.md``); this
module reads them, refuses anything inconsistent with a ``KnowledgeError`` that names the file
and the entry (a silent bad alias would mis-resolve mentions for every document), and indexes
them for the resolver: folded names to actors, surnames to persons, roles to holders by date.

Matching is done on *folded* text (``text.folds.fold_key``): case, accents, punctuation and
typographic variants do not distinguish two names, so the resolver and this module fold alike.

It lives in ``kb/``, not in the actors stage, because every stage after it (quotes, events),
the structure's tenure check, the exports and the query layer read the same actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from porteparole.errors import InputError, KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_lines, read_yaml
from porteparole.records import ACTOR_TYPES, Actor, ActorRole
from porteparole.text.folds import fold_key

__all__ = [
    "NAME_KINDS", "ROLES", "SECTORS", "KnowledgeBase", "NameEntry",
    "load_knowledge_base", "load_titles",
]

FORMAT_VERSION = 1

SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "DIP", "LEG", "JUD", "MED", "BUS", "IGO", "NGO", "PTY", "COP", "SPY",
)

# role -> the actor type its `organization` must have ("state" or "organization").
ROLES: Mapping[str, str] = MappingProxyType({
    "head_of_state": "state",
    "vice_head_of_state": "state",
    "head_of_government": "state",
    "deputy_head_of_government": "state",
    "foreign_minister": "state",
    "defense_minister": "state",
    "finance_minister": "state",
    "commerce_minister": "state",
    "minister": "state",
    "military_chief": "state",
    "ambassador": "organization",  # the embassy (SENDER-EMB-HOST), see the format doc
    "spokesperson": "organization",
    "deputy_spokesperson": "organization",
    "secretary_general": "organization",
    "chair": "organization",
    "president": "organization",
    "high_representative": "organization",
    "commander": "organization",
    "official": "organization",
})

NAME_KINDS: tuple[str, ...] = (
    "name", "alias", "capital", "adjective", "demonym", "prefix", "surname",
)
# Kinds that designate the actor itself; surnames and state-derived words are excluded
# from `find` and from the cross-actor collision check on names.
_NAMING_KINDS = frozenset({"name", "alias", "capital"})
# Kinds matched only in texts of their own language (see the format doc).
_BOUND_KINDS = frozenset({"adjective", "demonym", "prefix"})
_STATE_WORD_KEYS = {"capitals": "capital", "adjectives": "adjective",
                    "demonyms": "demonym", "prefixes": "prefix"}

_COMMON_KEYS = frozenset({"id", "name", "type", "country", "sector", "aliases",
                          "ambiguous", "note"})
_KEYS_BY_TYPE: Mapping[str, frozenset[str]] = MappingProxyType({
    "state": _COMMON_KEYS | set(_STATE_WORD_KEYS),
    "organization": _COMMON_KEYS | {"host"},
    "person": _COMMON_KEYS | {"surname", "surnames", "roles"},
    "outlet": _COMMON_KEYS,
})
_ROLE_KEYS = frozenset({"role", "organization", "start", "end", "note"})

_ID_SHAPES: Mapping[str, re.Pattern[str]] = MappingProxyType({
    "state": re.compile(r"[A-Z]{3}"),
    "organization": re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|[A-Z][A-Z0-9]+"),
    "person": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
    "outlet": re.compile(r"media-[a-z0-9]+(?:-[a-z0-9]+)*"),
})
_ALPHA3 = re.compile(r"[A-Z]{3}")
_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# ---------------------------------------------------------------------------------------
# Records of the knowledge base


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One way a text may name an actor, for the resolver's phrase matchers.

    ``language`` is the alias key the entry came from (ISO 639-1 or a script key such as
    ``zh``); None for the canonical name and the primary surname, which belong to no
    language. Only ``language_bound`` kinds (adjectives, demonyms, prefixes) should be
    matched solely in texts of their own language.
    """

    text: str
    actor_id: str
    language: str | None
    kind: str  # one of NAME_KINDS

    @property
    def language_bound(self) -> bool:
        return self.kind in _BOUND_KINDS


@dataclass(frozen=True, slots=True)
class _Held:
    """An actor's role, kept with the actor for date filtering."""

    actor_id: str
    role: ActorRole


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Validated, indexed actor knowledge. Build it with ``load_knowledge_base``."""

    actors: Mapping[str, Actor]
    sources: tuple[str, ...]  # the files it was read from, in load order
    _names: tuple[NameEntry, ...]
    _by_name: Mapping[str, tuple[str, ...]]
    _by_surname: Mapping[str, tuple[str, ...]]
    _surnames: Mapping[str, str]
    _hosts: Mapping[str, str]
    _roles: Mapping[tuple[str, str], tuple[_Held, ...]] = field(repr=False)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(actor_id)

    def names(self, kinds: Iterable[str] | None = None) -> tuple[NameEntry, ...]:
        """Every name entry (optionally only those of the given kinds), in file order."""
        if kinds is None:
            return self._names
        wanted = frozenset(kinds)
        return tuple(entry for entry in self._names if entry.kind in wanted)

    def find(self, name: str) -> tuple[Actor, ...]:
        """Actors whose canonical name, alias or capital equals ``name`` once folded."""
        return tuple(self.actors[i] for i in self._by_name.get(fold_key(name), ()))

    def by_surname(self, surname: str) -> tuple[Actor, ...]:
        """Persons whose surname (in any of its recorded forms) equals ``surname`` folded."""
        return tuple(self.actors[i] for i in self._by_surname.get(fold_key(surname), ()))

    def surname(self, actor_id: str) -> str | None:
        """A person's primary surname as texts use it alone ("Xi", "Marcos")."""
        return self._surnames.get(actor_id)

    def host(self, actor_id: str) -> str | None:
        """For an embassy or other mission abroad, the host state's code."""
        return self._hosts.get(actor_id)

    def holders(self, role: str, organization: str, on: str | None = None
                ) -> tuple[Actor, ...]:
        """Persons holding ``role`` in ``organization`` on date ``on`` (ISO ``YYYY-MM-DD``).

        A role counts from its ``start`` (inclusive) to its ``end`` (exclusive: the end date
        is the day the successor took over), so a hand-over day has one holder. Without a
        date, everyone who ever held the role, most recent start first.
        """
        held = self._roles.get((role, organization), ())
        if on is None:
            ordered = sorted(held, key=lambda h: h.role.start or "", reverse=True)
            return _unique_actors(self, (h.actor_id for h in ordered))
        day = _checked_query_date(on)
        current = (h for h in held if h.role.held_on(day))
        return _unique_actors(self, (h.actor_id for h in current))


def _unique_actors(kb: KnowledgeBase, ids: Iterable[str]) -> tuple[Actor, ...]:
    return tuple(kb.actors[i] for i in dict.fromkeys(ids))


def _checked_query_date(on: str) -> str:
    if not (isinstance(on, str) and _ISO_DATE.fullmatch(on) and _is_calendar_date(on)):
        raise InputError(f"expected an ISO date YYYY-MM-DD, got {on!r}")
    return on


def _is_calendar_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Loading


def load_knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """Read and validate every ``*.yaml`` file of an actors directory.

    Without a directory, the package's own ``knowledge/actors`` is read once and cached.
    Raises ``KnowledgeError`` naming the file and the entry for any invalid content.
    """
    if directory is None:
        return _default_knowledge_base()
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeError(f"{directory}: not a directory of actor knowledge files")
    return _build(sorted(directory.glob("*.yaml")))


@per_root
def _default_knowledge_base() -> KnowledgeBase:
    return _build(knowledge_files("actors", ".yaml"))


def load_titles(language: str, directory: Path | None = None) -> tuple[str, ...]:
    """The honorifics and ranks of a language (``knowledge/titles/<lang>.txt``), longest first.

    A missing file means the language has no titles yet: the empty tuple, not an error.
    """
    file = f"{language}.txt"
    given = Path(directory) / file if directory is not None else None
    name, lines = read_lines("titles", file, path=given)
    titles: dict[str, None] = {}
    for number, text in lines:
        if not fold_key(text):
            raise KnowledgeError(f"{name}: line {number}: {text!r} has no letters")
        titles[text] = None
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


@dataclass(slots=True)
class _Parsed:
    """One validated entry, with what `Actor` has no field for."""

    source: str
    actor: Actor
    names: list[NameEntry]
    surname: str | None = None
    host: str | None = None
    ambiguous: frozenset[str] = frozenset()


def _build(files: Iterable[Traversable | Path]) -> KnowledgeBase:
    parsed: list[_Parsed] = []
    sources: list[str] = []
    for source in files:
        sources.append(str(source))
        parsed.extend(_read_file(source))
    by_id = _unique_ids(parsed)
    _check_references(parsed, by_id)
    _check_collisions(parsed)
    return _index(parsed, tuple(sources))


def _read_file(source: Traversable | Path) -> list[_Parsed]:
    where, data = read_yaml(path=source, version=FORMAT_VERSION, loader=_LOADER)
    entries = data.get("actors")
    if not isinstance(entries, list):
        raise KnowledgeError(f"{where}: 'actors' must be a list")
    return [_parse_actor(where, index, raw) for index, raw in enumerate(entries)]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C when available), with dates kept as text for our own validation."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp",
                        lambda loader, node: loader.construct_scalar(node))
_LOADER = _Loader


def _fail(where: str, label: str, message: str) -> KnowledgeError:
    return KnowledgeError(f"{where}: {label}: {message}")


def _parse_actor(where: str, index: int, raw: Any) -> _Parsed:
    label = f"actor #{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(where, label, "must be a mapping")
    if isinstance(raw.get("id"), str):
        label = f"actor {raw['id']!r}"
    kind = raw.get("type")
    if kind not in ACTOR_TYPES:
        raise _fail(where, label, f"type must be one of {', '.join(ACTOR_TYPES)}, got {kind!r}")
    unknown = set(raw) - _KEYS_BY_TYPE[kind]
    if unknown:
        raise _fail(where, label, f"unknown keys for a {kind}: {', '.join(sorted(unknown))}")
    actor_id = _text(where, label, raw, "id")
    if not _ID_SHAPES[kind].fullmatch(actor_id):
        raise _fail(where, label, f"id {actor_id!r} does not have the shape of a {kind} id")
    name = _text(where, label, raw, "name")
    country = _country(where, label, raw.get("country"), "country")
    if kind == "state" and country != actor_id:
        raise _fail(where, label, "a state's country must be its own id")
    if kind == "person" and country is None:
        raise _fail(where, label, "a person needs a country")
    sector = raw.get("sector")
    if sector is not None and sector not in SECTORS:
        raise _fail(where, label, f"sector must be one of {', '.join(SECTORS)}, got {sector!r}")
    aliases = _by_language(where, label, raw.get("aliases"), "aliases")
    names = [NameEntry(name, actor_id, None, "name")]
    names += [NameEntry(t, actor_id, lang, "alias")
              for lang, texts in aliases.items() for t in texts]
    for key, name_kind in _STATE_WORD_KEYS.items():
        words = _by_language(where, label, raw.get(key), key)
        names += [NameEntry(t, actor_id, lang, name_kind)
                  for lang, texts in words.items() for t in texts]
    surname = _surnames(where, label, raw, actor_id, names)
    roles = tuple(_parse_role(where, label, r) for r in _list(where, label, raw, "roles"))
    ambiguous = frozenset(fold_key(_checked_str(where, label, a, "ambiguous"))
                          for a in _list(where, label, raw, "ambiguous"))
    actor = Actor(id=actor_id, name=name, type=kind, country=country, sector=sector,
                  aliases=aliases, roles=roles)
    host = _country(where, label, raw.get("host"), "host")
    return _Parsed(where, actor, _dedupe(names), surname, host, ambiguous)


def _text(where: str, label: str, raw: dict[str, Any], key: str) -> str:
    return _checked_str(where, label, raw.get(key), key)


def _checked_str(where: str, label: str, value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or not fold_key(value):
        raise _fail(where, label, f"{what} must be a non-empty text, got {value!r}")
    return value.strip()


def _list(where: str, label: str, raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(where, label, f"{key} must be a list")
    return value


def _country(where: str, label: str, value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ALPHA3.fullmatch(value):
        raise _fail(where, label, f"{what} must be an ISO 3166-1 alpha-3 code, got {value!r}")
    return value


def _by_language(where: str, label: str, value: Any, what: str) -> dict[str, tuple[str, ...]]:
    """A mapping language -> texts; a single text is accepted for a one-item list."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(where, label, f"{what} must map language codes to lists of texts")
    out: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        if not isinstance(lang, str) or not _LANGUAGE_KEY.fullmatch(lang):
            raise _fail(where, label, f"{what}: {lang!r} is not a language code "
                                      "(ISO 639-1, optionally -Script; quote 'no')")
        items = [texts] if isinstance(texts, str) else texts
        if not isinstance(items, list):
            raise _fail(where, label, f"{what}.{lang} must be a list of texts")
        out[lang] = tuple(dict.fromkeys(_checked_str(where, label, t, f"{what}.{lang}")
                                        for t in items))
    return out


def _surnames(where: str, label: str, raw: dict[str, Any], actor_id: str,
              names: list[NameEntry]) -> str | None:
    if raw.get("type") != "person":
        return None
    primary = _text(where, label, raw, "surname")
    names.append(NameEntry(primary, actor_id, None, "surname"))
    for lang, texts in _by_language(where, label, raw.get("surnames"), "surnames").items():
        names.extend(NameEntry(t, actor_id, lang, "surname") for t in texts)
    return primary


def _parse_role(where: str, label: str, raw: Any) -> ActorRole:
    if not isinstance(raw, dict):
        raise _fail(where, label, f"a role must be a mapping, got {raw!r}")
    unknown = set(raw) - _ROLE_KEYS
    if unknown:
        raise _fail(where, label, f"unknown role keys: {', '.join(sorted(unknown))}")
    role = str(raw.get("role"))
    if role not in ROLES:
        raise _fail(where, label, f"unknown role {role!r} (see the roles vocabulary)")
    organization = _checked_str(where, label, raw.get("organization"), f"{role}.organization")
    start = _role_date(where, label, role, raw.get("start"), "start")
    end = _role_date(where, label, role, raw.get("end"), "end")
    if start is not None and end is not None and end < start:
        raise _fail(where, label, f"{role} in {organization} ends ({end}) before it starts "
                                  f"({start})")
    if "note" in raw:
        _checked_str(where, label, raw["note"], f"{role}.note")
    return ActorRole(role=role, organization=organization, start=start, end=end)


def _role_date(where: str, label: str, role: str, value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):  # YAML reads unquoted 2024-05-31 as a date
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value) and _is_calendar_date(value):
        return value
    raise _fail(where, label, f"{role}.{what} must be an ISO date YYYY-MM-DD, got {value!r}")


def _dedupe(names: list[NameEntry]) -> list[NameEntry]:
    """Drop repeats of one text in one group for one actor (the name listed as an alias).

    Spellings that differ only by accents ("Ngô Khiêm", "Ngo Khiem") are both kept: a
    matcher that does not fold accents still finds either.
    """
    seen: set[tuple[str, str]] = set()
    out: list[NameEntry] = []
    for entry in names:
        key = (entry.text, _group(entry))
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _group(entry: NameEntry) -> str:
    """Entries in one group compete for the same words; bound kinds only in their language."""
    if entry.kind in _NAMING_KINDS:
        return "naming"
    if entry.kind in _BOUND_KINDS:
        return f"{entry.kind}:{entry.language}"
    return entry.kind


# ---------------------------------------------------------------------------------------
# Cross-entry checks


def _unique_ids(parsed: list[_Parsed]) -> dict[str, _Parsed]:
    by_id: dict[str, _Parsed] = {}
    for item in parsed:
        first = by_id.get(item.actor.id)
        if first is not None:
            raise KnowledgeError(f"{item.source}: actor {item.actor.id!r}: duplicate id "
                                 f"(already defined in {first.source})")
        by_id[item.actor.id] = item
    return by_id


def _check_references(parsed: list[_Parsed], by_id: dict[str, _Parsed]) -> None:
    """Roles must point at known actors of the right type.

    A directory without any state (a partial knowledge set, as in tests) cannot check state
    codes, so alpha-3 references are then checked for shape only.
    """
    has_states = any(p.actor.type == "state" for p in parsed)
    for item in parsed:
        for role in item.actor.roles:
            target = by_id.get(role.organization or "")
            wanted = ROLES[role.role]
            where, label = item.source, f"actor {item.actor.id!r}"
            if target is None:
                if not has_states and wanted == "state" and _ALPHA3.fullmatch(
                        role.organization or ""):
                    continue
                raise _fail(where, label, f"{role.role}: unknown organization "
                                          f"{role.organization!r}")
            if target.actor.type != wanted:
                raise _fail(where, label, f"{role.role} must be held in a {wanted}, "
                                          f"{role.organization!r} is a {target.actor.type}")


def _check_collisions(parsed: list[_Parsed]) -> None:
    """Two actors of one type may not share a name unless both declare it ``ambiguous``.

    Across types sharing is normal ("AFP" the agency and the Philippine armed forces): the
    resolver chooses by context. Surnames are shared by design and are not checked.
    """
    owners: dict[tuple[str, str, str], _Parsed] = {}
    for item in parsed:
        for entry in item.names:
            if entry.kind == "surname":
                continue
            key = (item.actor.type, _group(entry), fold_key(entry.text))
            other = owners.setdefault(key, item)
            if other is item or other.actor.id == item.actor.id:
                continue
            folded = key[2]
            if folded in item.ambiguous and folded in other.ambiguous:
                continue
            raise _fail(item.source, f"actor {item.actor.id!r}",
                        f"{entry.kind} {entry.text!r} also names {other.actor.id!r} "
                        f"({other.source}); declare it under 'ambiguous' in both entries")


# ---------------------------------------------------------------------------------------
# Indexes


def _index(parsed: list[_Parsed], sources: tuple[str, ...]) -> KnowledgeBase:
    by_name: dict[str, list[str]] = {}
    by_surname: dict[str, list[str]] = {}
    roles: dict[tuple[str, str], list[_Held]] = {}
    names: list[NameEntry] = []
    for item in parsed:
        names.extend(item.names)
        for entry in item.names:
            if entry.kind in _NAMING_KINDS:
                _add(by_name, fold_key(entry.text), item.actor.id)
            elif entry.kind == "surname":
                _add(by_surname, fold_key(entry.text), item.actor.id)
        for role in item.actor.roles:
            roles.setdefault((role.role, role.organization or ""), []).append(
                _Held(item.actor.id, role))
    return KnowledgeBase(
        actors=MappingProxyType({p.actor.id: p.actor for p in parsed}),
        sources=sources,
        _names=tuple(names),
        _by_name=_frozen(by_name),
        _by_surname=_frozen(by_surname),
        _surnames=MappingProxyType({p.actor.id: p.surname for p in parsed if p.surname}),
        _hosts=MappingProxyType({p.actor.id: p.host for p in parsed if p.host}),
        _roles=MappingProxyType({k: tuple(v) for k, v in roles.items()}),
    )


def _add(index: dict[str, list[str]], key: str, actor_id: str) -> None:
    ids = index.setdefault(key, [])
    if actor_id not in ids:
        ids.append(actor_id)


def _frozen(index: dict[str, list[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in index.items()})
