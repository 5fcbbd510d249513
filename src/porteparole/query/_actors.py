"""Actors named by the user, resolved to ids, and actors ranked by mentions.

Everything here is read from the store: the ``actors`` table keeps, for every actor a
record names, its name, type, country, roles and every name a user may type, as the
knowledge described them when the records were written (``porteparole.described``). A name
is an id or any such name, alias or capital, in any language; in event filters a state
stands for itself and every person and organization of its country.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from porteparole.errors import InputError
from porteparole.query._paging import (
    Filters,
    KeyPart,
    Page,
    after_sql,
    check_choice,
    check_page_limit,
    decode_cursor,
    key_params,
    page_of,
    refuse_unsupported,
)
from porteparole.records import ACTOR_TYPES, Actor, ActorRole
from porteparole.store import Store
from porteparole.store.connection import name_key

# Actors one of whose typed names (``names``, kinds ``kinds``) folds to the key of :ref.
_BY_NAME_SQL = """
SELECT DISTINCT a.* FROM actors a, json_each(a.names) n
 WHERE json_extract(n.value, '$.kind') IN ({kinds})
   AND pp_name_key(json_extract(n.value, '$.name')) = pp_name_key(:ref) {extra}
 ORDER BY a.id
"""


def resolve_actor(ref: str, *, store: Store) -> str:
    """The id of the actor ``ref`` names: an actor id, or any name, alias or capital the
    store keeps for an actor (a single word may also be a person's surname).

    Names are matched folded (case, accents, punctuation ignored). A name several actors
    share raises ``AmbiguousName`` listing them with their ids; an id a record names but
    the store has no description of (unknown to the knowledge that wrote it) is accepted
    so that nothing stored is out of reach.
    """
    text = ref.strip()
    if not text:
        raise InputError("give an actor's name or id")
    for candidate in dict.fromkeys((text, text.upper(), text.lower())):
        if store.rows("SELECT 1 FROM actors WHERE id = ?", (candidate,)):
            return candidate
    found = _named(store, text, "'name', 'alias', 'capital'")
    if not found and len(text.split()) == 1:  # "Trump" is Donald Trump
        found = _named(store, text, "'surname'", "AND a.type = 'person'")
    if len(found) == 1:
        return found[0].id
    if found:
        listed = "; ".join(_describe(actor) for actor in found)
        raise AmbiguousName(f"{ref!r} names several actors: {listed}; give one of these ids",
                            found)
    if _stored_actor(store, text):
        return text
    raise UnknownName(f"no actor is named {ref!r} in the store; "
                      "`porteparole actors` lists the actors found so far")


class UnknownName(InputError):
    """No actor has this id, name or alias (the API answers 404)."""


class AmbiguousName(InputError):
    """Several actors share this name; ``candidates`` lists them (the API answers 400)."""

    def __init__(self, message: str, candidates: tuple[Actor, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _named(store: Store, text: str, kinds: str, extra: str = "") -> tuple[Actor, ...]:
    rows = store.rows(_BY_NAME_SQL.format(kinds=kinds, extra=extra), {"ref": text})
    return tuple(actor_of(r) for r in rows)


def actor_of(row: sqlite3.Row) -> Actor:
    """An ``actors`` row as the ``Actor`` record it describes."""
    aliases = json.loads(row["aliases"] or "{}")
    return Actor(
        id=row["id"], name=row["name"], type=row["type"], country=row["country"],
        sector=row["sector"],
        aliases={lang: tuple(names) for lang, names in aliases.items()},
        roles=tuple(ActorRole(r["role"], r.get("organization"), r.get("start"), r.get("end"))
                    for r in json.loads(row["roles"] or "[]")),
    )


def stored_actor(store: Store, actor_id: str) -> Actor | None:
    """The store's description of an actor, or None when it has none."""
    rows = store.rows("SELECT * FROM actors WHERE id = ?", (actor_id,))
    return actor_of(rows[0]) if rows else None


def _describe(actor: Actor) -> str:
    where = f", {actor.country}" if actor.country else ""
    return f"{actor.id} ({actor.name}, {actor.type}{where})"


def _stored_actor(store: Store, actor_id: str) -> bool:
    return bool(store.rows(
        "SELECT 1 FROM mentions WHERE actor_id = :id UNION ALL "
        "SELECT 1 FROM events WHERE source_actor = :id OR target_actor = :id UNION ALL "
        "SELECT 1 FROM quotes WHERE speaker_actor = :id LIMIT 1", {"id": actor_id}))


def actor_scope(actor_id: str, *, store: Store) -> frozenset[str]:
    """The actor ids an actor stands for in event filters.

    A state stands for itself and every person and organization of its country (what
    "China rejects" covers: its ministries, its army, its officials); outlets are not the
    state and are left out. Any other actor stands for itself alone.
    """
    rows = store.rows(
        "SELECT m.id FROM actors s JOIN actors m ON m.country = s.id "
        "WHERE s.id = :id AND s.type = 'state' AND m.type != 'outlet'", {"id": actor_id})
    return frozenset({actor_id} | {r[0] for r in rows})


def actor_name(actor_id: str | None, *, store: Store) -> str | None:
    """The stored name of an actor id, or the id itself when the store has none."""
    if actor_id is None:
        return None
    rows = store.rows("SELECT name FROM actors WHERE id = ?", (actor_id,))
    return str(rows[0][0]) if rows else actor_id


def stored_actors(store: Store) -> dict[str, Actor]:
    """Every actor the store describes, by id (exports that name the actors of every row)."""
    return {r["id"]: actor_of(r) for r in store.rows("SELECT * FROM actors ORDER BY id")}


def actor_names(store: Store) -> dict[str, str]:
    """Every stored actor's name by id (a page naming many actors reads them at once)."""
    return {r[0]: r[1] for r in store.rows("SELECT id, name FROM actors")}


@dataclass(frozen=True, slots=True)
class ActorCount:
    """How often an actor is mentioned; name, type and country as the store describes the
    actor (None when it has no description of the id)."""

    actor_id: str
    name: str | None
    type: str | None
    country: str | None
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class SurfaceCount:
    """An unresolved spelling (folded variants counted together) and how often it occurs."""

    surface: str
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorPage(Page[ActorCount]):
    """One page of actors by mentions (``items``, ``next_cursor``), and the mentions no
    actor was found for: how many, and the most frequent spellings."""

    unresolved: int = 0
    unresolved_surfaces: tuple[SurfaceCount, ...] = ()


_ORDER = (("mentions", True), ("documents", True), ("actor_id", False))
_KEY_TYPES = (int, int, str)
SUPPORTED = frozenset({"country", "type"})
_ACTORS_SQL = f"""
SELECT * FROM (
SELECT m.actor_id AS actor_id, a.name AS name, a.type AS type, a.country AS country,
       count(*) AS mentions, count(DISTINCT m.document_id) AS documents
  FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id
 WHERE m.actor_id IS NOT NULL AND (:country IS NULL OR a.country = :country)
   AND (:type IS NULL OR a.type = :type)
 GROUP BY m.actor_id)
 WHERE {after_sql(_ORDER)}
 ORDER BY mentions DESC, documents DESC, actor_id LIMIT :limit
"""


def actors(store: Store, filters: Filters | None = None, *, limit: int | None = 20,
           top_unresolved: int = 10) -> ActorPage:
    """The first ``limit`` actors by mentions (None: all), as ``actor_page`` gives them."""
    if limit is not None:
        return actor_page(store, filters, limit=limit, top_unresolved=top_unresolved)
    counts, _ = _actor_rows(store, filters or Filters(), -1, None)
    return _with_unresolved(store, Page(tuple(counts)), top_unresolved)


def actor_page(store: Store, filters: Filters | None = None, *, limit: int = 20,
               cursor: str | None = None, top_unresolved: int = 10) -> ActorPage:
    """One page of actors by mentions, then documents, then id, after ``cursor``. Reads
    ``country`` and ``type`` (the actor's). The unresolved figures ignore the filters and
    the page: they say where the knowledge base should grow, whatever the list shows."""
    key = None if cursor is None else decode_cursor(cursor, _KEY_TYPES)
    counts, keys = _actor_rows(store, filters or Filters(), check_page_limit(limit) + 1, key)
    return _with_unresolved(store, page_of(counts, keys, limit), top_unresolved)


def _actor_rows(store: Store, filters: Filters, limit: int, key: Sequence[KeyPart] | None
                ) -> tuple[list[ActorCount], list[Sequence[KeyPart]]]:
    refuse_unsupported(filters, SUPPORTED, "actors")
    check_choice("actor type", filters.type, ACTOR_TYPES)
    rows = store.rows(_ACTORS_SQL, {
        "country": filters.country.upper() if filters.country else None,
        "type": filters.type, "limit": limit, **key_params(key, len(_ORDER))})
    return ([ActorCount(*r) for r in rows],
            [(r["mentions"], r["documents"], r["actor_id"]) for r in rows])


def _with_unresolved(store: Store, page: Page[ActorCount], top: int) -> ActorPage:
    titles = frozenset(r[0] for r in store.rows("SELECT word FROM title_words"))
    surfaces = [r for r in store.rows(
        "SELECT min(surface), count(*) FROM mentions WHERE actor_id IS NULL "
        "GROUP BY pp_fold(surface) ORDER BY 2 DESC, 1") if not _bare_title(r[0], titles)]
    unresolved = store.rows("SELECT count(*) FROM mentions WHERE actor_id IS NULL")[0][0]
    return ActorPage(
        items=page.items, next_cursor=page.next_cursor, unresolved=int(unresolved),
        unresolved_surfaces=tuple(SurfaceCount(r[0], r[1]) for r in surfaces[:max(top, 0)]),
    )


def _bare_title(surface: str, titles: frozenset[str]) -> bool:
    """A title or office alone ("President", "Councilor", "le ministre"): no name the
    knowledge base could learn, so not worth ranking among the unresolved names.
    ``titles`` are the folded words of titles the store keeps (``title_words``)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", surface)]
    if not words:
        return True
    known = titles | _ARTICLES
    return all(name_key(w) in known for w in words)


_ARTICLES = frozenset({"the", "le", "la", "les", "l", "state", "d", "de", "du", "des"})
