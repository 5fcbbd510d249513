"""Within-document coreference of names: a surname alone stands for the person named in full.

A surname alone ("Wu a déclaré", "M. Marcos") is resolved to the one person of that surname
the document names in full; two such persons leave it unresolved. A surname the document
never gives in full ("l'administration Trump") is resolved only when it is clearly a name
(tagged as a person by spaCy, or after a title) and exactly one person of the knowledge
base with it is *prominent*: has held a top office (head of state or government, foreign or
defence minister, head of an international organization). Texts name such leaders by
surname alone; anyone else ("Liu", "Wu") is far more likely someone the knowledge base does
not know, and a guess would put words in the wrong mouth.

Pronouns and descriptions that point back to an actor are anaphora, not names: see
``anaphora``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SURNAME_CONFIDENCE = 0.7  # the full name is in the document
KNOWN_SURNAME_CONFIDENCE = 0.6  # only the knowledge base knows the full name
UNRESOLVED_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Resolution:
    actor_id: str | None
    method: str
    confidence: float


PROMINENT_ROLES = frozenset({
    "head_of_state", "head_of_government", "vice_head_of_state", "foreign_minister",
    "defense_minister", "secretary_general",
})


def resolve_surname(
    candidates: Iterable[str], named: set[str], strong: bool, prominent: set[str] | None = None
) -> Resolution | None:
    """The person a surname alone stands for, given the persons named in full.

    ``candidates`` are the knowledge-base persons with that surname; ``strong`` says the
    text shows it is a person's name (spaCy tagged it, or a title precedes it); ``prominent``
    are the candidates who held a top office (all of them when not given). Returns None
    when the word should not become a mention at all.
    """
    people = set(candidates)
    in_document = people & named
    if len(in_document) == 1:
        return Resolution(in_document.pop(), "coreference", SURNAME_CONFIDENCE)
    if len(in_document) > 1:
        return Resolution(None, "coreference", UNRESOLVED_CONFIDENCE)
    if not strong:
        return None
    leaders = people if prominent is None else people & prominent
    if len(leaders) == 1:
        return Resolution(leaders.pop(), "surname", KNOWN_SURNAME_CONFIDENCE)
    return Resolution(None, "ner", UNRESOLVED_CONFIDENCE)
