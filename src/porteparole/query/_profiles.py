"""One actor's profile: what the knowledge base knows and what the store holds about them."""

from __future__ import annotations

from dataclasses import dataclass

from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.query._actors import resolve_actor
from porteparole.query._common import check_limit, cut_to
from porteparole.query._events import EventFilters, EventView, events_between
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
    """What the knowledge base knows of an actor and what the store holds about them.

    ``actor`` is None for an id only the store knows. Lists are most recent first and cut
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


def actor_profile(store: Store, ref: str, *, limit: int | None = 20,
                  kb: KnowledgeBase | None = None) -> ActorProfile:
    """One actor's profile: knowledge-base facts, documents, quotes, answers, events."""
    kb = kb or load_knowledge_base()
    actor_id = resolve_actor(ref, kb=kb, store=store)
    cut = check_limit(limit)
    one = {"id": actor_id}
    documents = store.rows(
        "SELECT d.id, d.date, d.title, count(*) FROM mentions m JOIN documents d "
        "ON d.id = m.document_id WHERE m.actor_id = :id GROUP BY d.id "
        "ORDER BY d.date IS NULL, d.date DESC, d.id", one)
    said = quotes(store, speaker=actor_id, limit=None, kb=kb)
    involved = events_between(store, EventFilters(both_directions=True),
                              frozenset({actor_id}), None, None)
    return ActorProfile(
        actor_id=actor_id, actor=kb.actor(actor_id),
        mentions=sum(r[3] for r in documents),
        documents=tuple(ActorDocument(*r) for r in cut_to(documents, cut)),
        documents_total=len(documents),
        quotes=tuple(cut_to(said, cut)), quotes_total=len(said),
        answer_turns=int(store.rows(
            "SELECT count(*) FROM turns WHERE role = 'answer' AND speaker_actor = :id",
            one)[0][0]),
        events=tuple(cut_to(involved, cut)), events_total=len(involved),
    )
