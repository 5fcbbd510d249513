"""Role descriptions: "le porte-parole du ministère chinois des Affaires étrangères".

A role description names an office, not a person. It is found from the role words of
``knowledge/roles/<lang>.yaml`` and the state or organization it belongs to (its *anchor*:
an adjective inside or after the words, a name after a connector, or a name before the
words in English), then resolved to whoever held the role on the document's date. When a
name follows in apposition ("…de la Défense, Wu Qian, a déclaré") the caller links the role
to that name instead; when several people held the role that day, the one named elsewhere
in the document is taken, and otherwise none: a role is never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from porteparole.actors.lexicon import SLOT, InstitutionPattern, Lexicon, RolePattern
from porteparole.actors.matcher import TITLE, Match, starting
from porteparole.kb import KnowledgeBase
from porteparole.records import Actor
from porteparole.text.folds import fold_key
from porteparole.text.tokens import Token

_STATE_KINDS = frozenset({"name", "alias", "capital", "adjective", "demonym"})
_ORG_KINDS = frozenset({"name", "alias"})
_MAX_CONNECTORS = 4


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role description found in the text, with what it belongs to."""

    first: int
    last: int  # token after the description (role words and their anchor)
    start: int
    end: int
    role: str
    anchor: str | None  # state or organization id the role belongs to


@dataclass(frozen=True, slots=True)
class Institution:
    """A state's office written with its adjective, resolved to the organization's id."""

    first: int
    last: int
    actor_id: str


_Pattern = TypeVar("_Pattern", RolePattern, InstitutionPattern)


class MatchIndex:
    """Knowledge matches by first and by last token, for looking around a role's words."""

    def __init__(self, matches: Iterable[Match], kb: KnowledgeBase) -> None:
        self.kb = kb
        self.starting: dict[int, Match] = {}
        self.ending: dict[int, Match] = {}
        for match in matches:
            self.starting[match.first] = match
            self.ending[match.last] = match

    def actor_of_type(self, match: Match | None, wanted: str) -> str | None:
        """The single actor of type ``wanted`` the match names, if exactly one."""
        if match is None:
            return None
        kinds = _STATE_KINDS if wanted == "state" else _ORG_KINDS
        ids = {
            c.actor_id
            for c in match.candidates
            if c.kind in kinds and c.actor_id and self._type(c.actor_id) == wanted
        }
        return ids.pop() if len(ids) == 1 else None

    def state_at(self, position: int) -> tuple[str, int] | None:
        match = self.starting.get(position)
        state = self.actor_of_type(match, "state")
        return (state, match.last) if state and match else None

    def _type(self, actor_id: str) -> str | None:
        actor = self.kb.actor(actor_id)
        return actor.type if actor else None


class RoleFinder:
    """Finds role descriptions and state institutions for one (knowledge base, language)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self._roles = _by_first(lexicon.roles)
        self._institutions = _by_first(lexicon.institutions)
        self._offices = _offices(kb)

    def institutions(self, tokens: Sequence[Token], index: MatchIndex) -> list[Institution]:
        """Every state institution written with the state's adjective, resolved when unique."""
        found = []
        for position in starting(tokens, self._institutions):
            for pattern in self._institutions[tokens[position].key]:
                hit = _match_pattern(pattern.tokens, tokens, position, index)
                if hit is None or hit[1] is None:
                    continue
                organization = self._office(hit[1], pattern)
                if organization is not None:
                    found.append(Institution(position, hit[0], organization))
                break
        return found

    def roles(
        self, tokens: Sequence[Token], index: MatchIndex, institutions: Sequence[Institution]
    ) -> list[RoleSpan]:
        """Every role description, longest wording first at each position."""
        by_first = {i.first: i for i in institutions}
        by_last = {i.last: i for i in institutions}
        spans: list[RoleSpan] = []
        after = 0  # the token after the last description: descriptions do not overlap
        for position in starting(tokens, self._roles):  # a word that starts a wording
            if position < after:
                continue
            span = self._role_at(tokens, position, index, by_first, by_last)
            if span is not None:
                spans.append(span)
                after = span.last
        return spans

    def _role_at(
        self,
        tokens: Sequence[Token],
        position: int,
        index: MatchIndex,
        by_first: dict[int, Institution],
        by_last: dict[int, Institution],
    ) -> RoleSpan | None:
        fallback = None
        for pattern in self._roles.get(tokens[position].key, ()):
            hit = _match_pattern(pattern.tokens, tokens, position, index)
            if hit is None:
                continue
            last, state = hit
            if state is None:
                anchor = self._anchor(pattern, tokens, position, last, index, by_first, by_last)
                if anchor is not None:
                    state, last = anchor
            if state is not None and pattern.states and state not in pattern.states:
                continue
            span = RoleSpan(position, last, tokens[position].start, tokens[last - 1].end,
                            pattern.role, state)
            if state is not None:
                return span
            fallback = fallback or span
        return fallback

    def _anchor(
        self,
        pattern: RolePattern,
        tokens: Sequence[Token],
        first: int,
        last: int,
        index: MatchIndex,
        by_first: dict[int, Institution],
        by_last: dict[int, Institution],
    ) -> tuple[str, int] | None:
        """The state/organization after (or, in English, before) the role words."""
        wanted = pattern.of
        if "right" in self.lexicon.anchor_sides:
            position = last
            while (
                position < len(tokens)
                and position - last < _MAX_CONNECTORS
                and tokens[position].key in self.lexicon.connectors
            ):
                position += 1
            if position > last or wanted == "state":
                found = self._anchor_at(index.starting.get(position), by_first.get(position),
                                        wanted, index)
                if found is not None:
                    return found[0], found[1]
        if "left" in self.lexicon.anchor_sides:
            found = self._anchor_at(index.ending.get(first), by_last.get(first), wanted, index)
            if found is not None:
                return found[0], last
        return None

    @staticmethod
    def _anchor_at(
        match: Match | None, institution: Institution | None, wanted: str, index: MatchIndex
    ) -> tuple[str, int] | None:
        if institution is not None and wanted == "organization":
            return institution.actor_id, institution.last
        actor = index.actor_of_type(match, wanted)
        return (actor, match.last) if actor and match is not None else None

    def _office(self, state: str, pattern: InstitutionPattern) -> str | None:
        ids = {
            actor_id
            for actor_id, names in self._offices.get(state, ())
            if any(key in names for key in pattern.keys)
        }
        return ids.pop() if len(ids) == 1 else None

    def holders(self, role: str, anchor: str, on: str | None) -> tuple[Actor, ...]:
        """Who held the role on the date; without a date, everyone who ever held it."""
        return self.kb.holders(role, anchor, on)


def _by_first(patterns: Iterable[_Pattern]) -> dict[str, list[_Pattern]]:
    table: dict[str, list[_Pattern]] = {}
    for pattern in sorted(patterns, key=lambda p: -len(p.tokens)):
        if pattern.tokens and pattern.tokens[0] != SLOT:
            table.setdefault(pattern.tokens[0], []).append(pattern)
    return table


def _match_pattern(
    pattern: Sequence[str], tokens: Sequence[Token], position: int, index: MatchIndex
) -> tuple[int, str | None] | None:
    """Where the pattern ends and the state of its ``{state}`` slot, if the text fits."""
    state = None
    for key in pattern:
        if key == SLOT:
            hit = index.state_at(position)
            if hit is None:
                return None
            state, position = hit
            continue
        if position >= len(tokens) or tokens[position].key != key:
            return None
        position += 1
    return position, state


def _offices(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """For each state, its organizations and their folded names joined (for `keys`)."""
    offices: dict[str, list[tuple[str, str]]] = {}
    for actor in kb.actors.values():
        if actor.type != "organization" or not actor.country:
            continue
        names = [actor.name, *(a for group in actor.aliases.values() for a in group)]
        offices.setdefault(actor.country, []).append(
            (actor.id, " | ".join(fold_key(n) for n in names))
        )
    return offices


def is_title(match: Match | None) -> bool:
    return match is not None and any(c.kind == TITLE for c in match.candidates)
