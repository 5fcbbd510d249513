"""The actor knowledge base, shared by every stage: who the actors are and how texts name them.

Not part of the actors stage: structure (who was in office), actors, quotes (printed person
names), events (the parties' codes), the exports, the query layer and the evaluation all read
it. ``base`` loads and indexes ``knowledge/actors/*.yaml``; ``names`` decides whether a span
prints a person's name; ``parties`` codes an actor as the party it stands for.
"""

from porteparole.kb.base import KnowledgeBase, NameEntry, load_knowledge_base, load_titles
from porteparole.kb.names import printed_person_name
from porteparole.kb.parties import acting_for, actor_code, state_referred

__all__ = [
    "KnowledgeBase", "NameEntry", "acting_for", "actor_code", "load_knowledge_base",
    "load_titles", "printed_person_name", "state_referred",
]
