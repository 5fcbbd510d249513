"""Which party an actor stands for: how events, countries and timelines count actors.

Event data (GDELT, POLECAT) codes the parties of an interaction as states or international
organizations. A state is its ISO code; a state's institution (the Pentagon, the Chinese
defence ministry) and a person act for their country; an international organization
(country null) stands for itself, by its canonical name ("NATO", "United Nations").
A person who holds a role in an international organization on the day in question (the UN
Secretary-General, the NATO Secretary General, the chair of the AU Commission) acts for
that organization, not for the country of their nationality.

It lives in ``kb/`` because it reads knowledge-base records only, and the events stage, the
exports and the evaluation all code parties this way.
"""

from __future__ import annotations

from collections.abc import Callable

from porteparole.records import Actor

Lookup = Callable[[str], Actor | None]

# Sectors of a state's own institutions: a mention of one is a reference to the state.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "DIP", "LEG", "JUD", "COP", "SPY"})


def actor_code(actor: Actor | None, lookup: Lookup | None = None,
               on: str | None = None) -> str | None:
    """The party an actor is coded as in an event: a state code or an organization's name.

    With a ``lookup`` of actor ids, a person holding a role in an international organization
    on date ``on`` (ISO; without a date, a role still held) is coded as that organization.
    """
    if actor is None:
        return None
    if actor.type == "person" and lookup is not None:
        organization = acting_for(actor, lookup, on)
        if organization is not None:
            return organization.name
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


def acting_for(person: Actor, lookup: Lookup, on: str | None = None) -> Actor | None:
    """The international organization (an organization with no country) in which ``person``
    holds a role on ``on`` (ISO date; without a date, a role with no end), if exactly one."""
    day = on[:10] if on else None
    found: dict[str, Actor] = {}
    for role in person.roles:
        if role.organization is None:
            continue
        if not (role.end is None if day is None else role.held_on(day)):
            continue
        organization = lookup(role.organization)
        if organization is not None and organization.type == "organization" and (
                organization.country is None):
            found[organization.id] = organization
    return next(iter(found.values())) if len(found) == 1 else None
