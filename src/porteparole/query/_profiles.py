"""One actor's profile: how the store describes them and what it holds about them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from porteparole.query._actors import resolve_actor, stored_actor
from porteparole.query._common import check_limit, cut_to
from porteparole.query._events import EventView, events_between
from porteparole.query._paging import Filters
from porteparole.query._quotes import QuoteView, quotes
from porteparole.records import Actor
from porteparole.store import Store


@dataclass(frozen=True, slots=True)
class ActorDocument:
    """A document that mentions an actor, and how many times."""

    document_id: str
    date: str | None
    title: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """How the store describes an actor (as the knowledge had them when the records were
    written) and what it holds about them.

    ``actor`` is None for an id the store has no description of. Lists are most recent first and cut
    at the profile's limit; the ``*_total`` figures count them all. ``answer_turns`` counts
    the press-conference answers the actor gave (non-zero for spokespersons).
    """

    actor_id: str
    actor: Actor | None
    mentions: int
    documents: tuple[ActorDocument, ...]
    documents_total: int
    quotes: tuple[QuoteView, ...]
    quotes_total: int
    answer_turns: int
    events: tuple[EventView, ...]
    events_total: int
    # stored names of the actor's country and role organizations, by id
    names: dict[str, str] = field(default_factory=dict)


def actor_profile(store: Store, ref: str, *, limit: int | None = 20) -> ActorProfile:
    """One actor's profile: stored description, documents, quotes, answers, events."""
    actor_id = resolve_actor(ref, store=store)
    cut = check_limit(limit)
    one = {"id": actor_id}
    documents = store.rows(
        "SELECT d.id, d.date, d.title, count(*) FROM mentions m JOIN documents d "
        "ON d.id = m.document_id WHERE m.actor_id = :id GROUP BY d.id "
        "ORDER BY d.date IS NULL, d.date DESC, d.id", one)
    said = quotes(store, Filters(speaker=actor_id), limit=None)
    involved = events_between(store, Filters(both_directions=True),
                              frozenset({actor_id}), None, None)
    actor = stored_actor(store, actor_id)
    related = [x for x in (actor.country, *(r.organization for r in actor.roles)) if x] \
        if actor else []
    names = {r[0]: r[1] for r in store.rows(
        "SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(:ids))",
        {"ids": json.dumps(sorted(set(related)))})}
    return ActorProfile(
        actor_id=actor_id, actor=actor,
        mentions=sum(r[3] for r in documents),
        documents=tuple(ActorDocument(*r) for r in cut_to(documents, cut)),
        documents_total=len(documents),
        quotes=tuple(cut_to(said, cut)), quotes_total=len(said),
        answer_turns=int(store.rows(
            "SELECT count(*) FROM turns WHERE role = 'answer' AND speaker_actor = :id",
            one)[0][0]),
        events=tuple(cut_to(involved, cut)), events_total=len(involved), names=names,
    )
