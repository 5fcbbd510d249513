"""Speakers named only by what they are: a state's unnamed voices and its missions abroad.

FORMAT.md gives speech by "le gouvernement chinois", "des responsables américains" or "la
partie chinoise" to the state, and speech by an embassy to the embassy by its canonical
name. The resolver (stage 5) resolves only the state word inside such phrases ("chinois",
"Pékin"), not the phrase's head, so without this reading these subjects stay unresolved.

Two kinds of head noun, listed per language in ``knowledge/quotes/<lang>.yaml``:

- ``state_voices`` (gouvernement, autorités, responsables; government, officials): with a
  state word among their modifiers, the phrase is that state, or those states when the
  modifiers are coordinated ("des responsables états-uniens et chinois"); where the parse
  hangs the state word elsewhere ("a senior US official" read with "US" as a sibling), a
  phrase that names one state and nothing else (no person, no institution) is that state;
- ``mission_nouns`` (ambassade, mission; embassy, consulate): with a sending state and a
  host ("l'ambassade de Pékin à Paris", "the Chinese embassy in Manila"), the phrase is the
  mission the knowledge base lists for that pair; with neither ("l'ambassade", "the
  embassy"), the caller may take the mission named just before.

An office noun whose complement is such a phrase ("le porte-parole de l'ambassade", "a
spokesman for the Chinese government") is read through its complement: an unnamed official
of an institution is that institution (FORMAT.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.quotes.speaker import MentionIndex
from porteparole.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

Lookup = Callable[[str], Actor | None]
_MODIFIERS = frozenset({"amod", "nmod", "obl:arg", "obl", "compound", "conj", "advmod",
                        "flat:name", "appos", "poss", "nmod:poss", "prep", "pobj"})


@dataclass(frozen=True, slots=True)
class Voice:
    """What a subject phrase's head designates: states, a mission, or a bare mission noun."""

    actors: tuple[str, ...] = ()
    bare_mission: bool = False  # "l'ambassade": the mission named before, if any


def voice_of(head: Token, lexicon: QuoteLexicon, index: MentionIndex, lookup: Lookup,
             phrase: tuple[int, int] | None = None) -> Voice:
    """The actors an unresolved subject head designates by its kind (module docstring);
    ``phrase`` is the character span of the head's whole phrase, read when the parse
    attaches no state word to the head. The one reading of ``state_voices`` the quotes
    stage has: the extractor asks it for every subject, early and as a last resort."""
    words = _words(head)
    if words & lexicon.mission_nouns:
        return _mission(head, index, lookup)
    if words & lexicon.state_voices:
        institution = _institution(head, index, lookup)
        if institution is not None:  # "Chinese foreign ministry officials": the ministry
            return Voice((institution,))
        states = _states(head, index, lookup)
        if not states and phrase is not None:
            states = _phrase_state(phrase, index, lookup)
        return Voice(states)
    if words & lexicon.office_nouns:
        for child in head.children:
            if child.dep_ in lexicon.dep("nominal_modifier") and child.i > head.i:
                inner = _words(child)
                if inner & (lexicon.mission_nouns | lexicon.state_voices):
                    return voice_of(child, lexicon, index, lookup)
    return Voice()


def _words(token: Token) -> frozenset[str]:
    """The token's lemma and printed form, lowercased: either may be the listed word."""
    return frozenset({token.lower_, token.lemma_.lower() if token.lemma_ else token.lower_})


def _phrase_state(phrase: tuple[int, int], index: MentionIndex, lookup: Lookup
                  ) -> tuple[str, ...]:
    """The one state a phrase names when it names nothing else: "an unidentified US
    official" whatever the parse made of "US"; a person or an institution in the phrase
    makes it theirs, not the state's, and two states leave it open."""
    states: set[str] = set()
    for mention in index.overlapping(*phrase):
        actor = None if mention.actor_id is None else lookup(mention.actor_id)
        if actor is None or actor.type != "state":
            return ()
        states.add(actor.id)
    return tuple(states) if len(states) == 1 else ()


def _modifiers(head: Token) -> list[Token]:
    """The head's modifiers and theirs, in text order (not relative clauses or verbs)."""
    found: list[Token] = []
    stack = [c for c in head.children if c.dep_ in _MODIFIERS and c.dep_ != "conj"]
    while stack:
        token = stack.pop()
        if token.pos_ in ("VERB", "AUX"):
            continue
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in _MODIFIERS)
    return sorted(found, key=lambda t: t.i)


def _state_mentions(head: Token, index: MentionIndex, lookup: Lookup) -> list[tuple[str, str]]:
    """(state id, how it was resolved) for each state word among the head's modifiers."""
    found: list[tuple[str, str]] = []
    for token in _modifiers(head):
        mention = index.best(token.idx, token.idx + len(token.text))
        if mention is None or mention.actor_id is None:
            continue
        actor = lookup(mention.actor_id)
        if actor is None or actor.type != "state":
            continue
        if not any(mention.actor_id == a for a, _ in found):
            found.append((mention.actor_id, mention.method))
    return found


def _institution(head: Token, index: MentionIndex, lookup: Lookup) -> str | None:
    """An institution (not a state, not a person) named among the head's modifiers."""
    for token in _modifiers(head):
        mention = index.best(token.idx, token.idx + len(token.text))
        if mention is None or mention.actor_id is None:
            continue
        actor = lookup(mention.actor_id)
        if actor is not None and actor.type not in ("state", "person"):
            return mention.actor_id
    return None


def _states(head: Token, index: MentionIndex, lookup: Lookup) -> tuple[str, ...]:
    return tuple(actor for actor, _ in _state_mentions(head, index, lookup))


def _mission(head: Token, index: MentionIndex, lookup: Lookup) -> Voice:
    states = _state_mentions(head, index, lookup)
    if not states:
        return Voice(bare_mission=True)
    adjectives = [a for a, method in states if method == "adjective"]
    sender = adjectives[0] if adjectives else states[0][0]
    hosts = [a for a, _ in states if a != sender]
    if not hosts:
        return Voice()
    found = missions().get((sender, hosts[0]))
    return Voice((found,)) if found is not None else Voice()


@cache
def missions() -> dict[tuple[str, str], str]:
    """(sending state, host state) -> the mission the knowledge base lists for them."""
    from porteparole.kb import load_knowledge_base

    kb = load_knowledge_base()
    table: dict[tuple[str, str], str] = {}
    for actor in kb.actors.values():
        host = kb.host(actor.id)
        if host is not None and actor.country is not None:
            table.setdefault((actor.country, host), actor.id)
    return table
