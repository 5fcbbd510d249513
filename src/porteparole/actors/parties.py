"""Which party an actor stands for: how events, countries and timelines count actors.

Event data (GDELT, POLECAT) codes the parties of an interaction as states or international
organizations. A state is its ISO code; a state's institution (the Pentagon, the Chinese
defence ministry) and a person act for their country; an international organization
(country null) stands for itself, by its canonical name ("NATO", "United Nations").
"""

from __future__ import annotations

from porteparole.records import Actor

# Sectors of a state's own institutions: a mention of one is a reference to the state.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "DIP", "LEG", "JUD", "COP", "SPY"})


def actor_code(actor: Actor | None) -> str | None:
    """The party an actor is coded as in an event: a state code or an organization's name."""
    if actor is None:
        return None
    if actor.type == "state":
        return actor.country or actor.id
    if actor.type == "organization" and actor.country is None:
        return actor.name
    return actor.country


def state_referred(actor: Actor) -> str | None:
    """The state a mention of ``actor`` refers to, if it is a state or a state institution
    (not a person's nationality, nor a company's or an outlet's home country)."""
    if actor.type == "state":
        return actor.country or actor.id
    is_institution = actor.sector is None or actor.sector in STATE_SECTORS
    if actor.type == "organization" and actor.country is not None and is_institution:
        return actor.country
    return None
