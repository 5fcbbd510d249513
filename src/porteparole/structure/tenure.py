"""Whether a date agrees with the offices the knowledge base dates for a document's speaker.

A page that prints "Regular Press Conference on September 20" without a year gets its year
from the page's context, which can be years off (a copyright line, an image path). The
spokesperson named in the title held the office for a known period: a date outside it is
not the date of the briefing. Only a person the knowledge base knows, with dated roles,
constrains anything; an unknown name or undated roles leave every date possible.
"""

from __future__ import annotations

from collections.abc import Callable

from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.records import ActorRole

# The roles in which a person speaks for an organization at a briefing (role names of
# docs/knowledge-format.md). A person with none of them is judged on every dated role.
SPEAKING_ROLES = frozenset({"spokesperson", "deputy_spokesperson"})


def in_office(speaker: str | None, kb: KnowledgeBase | None = None) -> Callable[[str], bool]:
    """A test of ISO dates: True when ``speaker`` held a speaking role on that day (or
    when the knowledge base gives no period to check against)."""
    roles = _dated_roles(speaker, kb or load_knowledge_base()) if speaker else ()
    if not roles:
        return lambda _day: True
    return lambda day: any(role.held_on(day) for role in roles)


def _dated_roles(speaker: str, kb: KnowledgeBase) -> tuple[ActorRole, ...]:
    persons = [a for a in kb.find(speaker) if a.type == "person"]
    if len(persons) != 1:  # unknown, or a name two people share: no grounds to judge
        return ()
    dated = [r for r in persons[0].roles if r.start or r.end]
    speaking = [r for r in dated if r.role in SPEAKING_ROLES]
    return tuple(speaking or dated)

