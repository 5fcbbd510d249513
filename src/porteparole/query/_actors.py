"""Actors named by the user, resolved to ids, and actors ranked by mentions.

A name is an id or any name, alias or capital the knowledge base lists, in any language; in
event filters a state stands for itself and every person and organization of its country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from porteparole.errors import InputError
from porteparole.kb import KnowledgeBase, load_knowledge_base, load_titles
from porteparole.query._common import check_limit
from porteparole.records import ACTOR_TYPES, Actor
from porteparole.store import Store
from porteparole.text.folds import fold_key


def resolve_actor(ref: str, *, kb: KnowledgeBase | None = None,
                  store: Store | None = None) -> str:
    """The id of the actor ``ref`` names: an actor id, or any name, alias or capital.

    Names are matched folded (case, accents, punctuation ignored) through ``kb.find``. A
    name several actors share raises ``InputError`` listing them with their ids; an id the
    store holds but the knowledge base does not (written with older knowledge) is accepted
    so that nothing stored is out of reach.
    """
    kb = kb or load_knowledge_base()
    text = ref.strip()
    if not text:
        raise InputError("give an actor's name or id")
    for candidate in dict.fromkeys((text, text.upper(), text.lower())):
        if kb.actor(candidate) is not None:
            return candidate
    found = kb.find(text) or _by_surname(kb, text)
    if len(found) == 1:
        return found[0].id
    if found:
        listed = "; ".join(_describe(actor) for actor in found)
        raise AmbiguousName(f"{ref!r} names several actors: {listed}; give one of these ids",
                            found)
    if store is not None and _stored_actor(store, text):
        return text
    raise UnknownName(f"no actor is named {ref!r} in the knowledge base or the store; "
                      "`porteparole actors` lists the actors found so far")


class UnknownName(InputError):
    """No actor has this id, name or alias (the API answers 404)."""


class AmbiguousName(InputError):
    """Several actors share this name; ``candidates`` lists them (the API answers 400)."""

    def __init__(self, message: str, candidates: tuple[Actor, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _by_surname(kb: KnowledgeBase, text: str) -> tuple[Actor, ...]:
    """Persons a single word names as their surname ("Trump" is Donald Trump): what a user
    types first, and what a text says after the first mention."""
    if len(text.split()) != 1:
        return ()
    return tuple({a.id: a for a in kb.by_surname(text)}.values())


def _describe(actor: Actor) -> str:
    where = f", {actor.country}" if actor.country else ""
    return f"{actor.id} ({actor.name}, {actor.type}{where})"


def _stored_actor(store: Store, actor_id: str) -> bool:
    return bool(store.rows(
        "SELECT 1 FROM mentions WHERE actor_id = :id UNION ALL "
        "SELECT 1 FROM events WHERE source_actor = :id OR target_actor = :id UNION ALL "
        "SELECT 1 FROM quotes WHERE speaker_actor = :id LIMIT 1", {"id": actor_id}))


def actor_scope(actor_id: str, *, kb: KnowledgeBase | None = None) -> frozenset[str]:
    """The actor ids an actor stands for in event filters.

    A state stands for itself and every person and organization of its country (what
    "China rejects" covers: its ministries, its army, its officials); outlets are not the
    state and are left out. Any other actor stands for itself alone.
    """
    kb = kb or load_knowledge_base()
    actor = kb.actor(actor_id)
    if actor is None or actor.type != "state":
        return frozenset({actor_id})
    return frozenset({actor_id} | {a.id for a in kb.actors.values()
                                   if a.country == actor.id and a.type != "outlet"})


def actor_name(actor_id: str | None, *, kb: KnowledgeBase | None = None) -> str | None:
    """The canonical name of an actor id, or the id itself when the knowledge base lacks it."""
    if actor_id is None:
        return None
    actor = (kb or load_knowledge_base()).actor(actor_id)
    return actor.name if actor else actor_id


@dataclass(frozen=True, slots=True)
class ActorCount:
    """How often an actor is mentioned; name, type and country from the knowledge base
    (None when it does not know the id)."""

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
class ActorRanking:
    """The most-mentioned actors, and the mentions no actor was found for."""

    actors: tuple[ActorCount, ...]
    unresolved: int
    unresolved_surfaces: tuple[SurfaceCount, ...]


def actors(store: Store, *, country: str | None = None, actor_type: str | None = None,
           limit: int | None = 20, top_unresolved: int = 10,
           kb: KnowledgeBase | None = None) -> ActorRanking:
    """Actors by mentions (then documents), optionally of one country or type.

    The unresolved figures ignore the filters: they say where the knowledge base should
    grow, whatever the list shows.
    """
    if actor_type is not None and actor_type not in ACTOR_TYPES:
        raise InputError(f"unknown actor type {actor_type!r}; choose one of "
                         f"{', '.join(ACTOR_TYPES)}")
    limit = check_limit(limit)
    kb = kb or load_knowledge_base()
    rows = store.rows(
        "SELECT actor_id, count(*), count(DISTINCT document_id) FROM mentions "
        "WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY 2 DESC, 3 DESC, actor_id")
    counts = [_actor_count(kb, r[0], r[1], r[2]) for r in rows]
    kept = [c for c in counts
            if (country is None or c.country == country.upper())
            and (actor_type is None or c.type == actor_type)]
    surfaces = [r for r in store.rows(
        "SELECT min(surface), count(*) FROM mentions WHERE actor_id IS NULL "
        "GROUP BY pp_fold(surface) ORDER BY 2 DESC, 1") if not _bare_title(r[0])]
    surfaces = surfaces[:max(top_unresolved, 0)]
    unresolved = store.rows("SELECT count(*) FROM mentions WHERE actor_id IS NULL")[0][0]
    return ActorRanking(
        actors=tuple(kept if limit < 0 else kept[:limit]),
        unresolved=int(unresolved),
        unresolved_surfaces=tuple(SurfaceCount(r[0], r[1]) for r in surfaces),
    )


def _bare_title(surface: str) -> bool:
    """A title or office alone ("President", "Councilor", "le ministre"): no name the
    knowledge base could learn, so not worth ranking among the unresolved names."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", surface)]
    if not words:
        return True
    return _titles_only(tuple(fold_key(w) for w in words))


@cache
def _title_words() -> frozenset[str]:
    words: set[str] = set()
    for language in ("en", "fr"):
        for title in load_titles(language):
            words.update(fold_key(w) for w in title.split())
    return frozenset(w for w in words if w)


def _titles_only(words: tuple[str, ...]) -> bool:
    known = _title_words() | _ARTICLES
    return all(w in known for w in words)


_ARTICLES = frozenset({"the", "le", "la", "les", "l", "state", "d", "de", "du", "des"})


def _actor_count(kb: KnowledgeBase, actor_id: str, mentions: int, documents: int) -> ActorCount:
    actor = kb.actor(actor_id)
    if actor is None:
        return ActorCount(actor_id, None, None, None, mentions, documents)
    return ActorCount(actor_id, actor.name, actor.type, actor.country, mentions, documents)
