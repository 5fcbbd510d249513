"""Institutions a speaker phrase names without the knowledge base's exact alias.

Wire copy names a state's institution by the state and a common noun in many word orders
("China's coast guard", "the Chinese coast guard", "Japan's defence ministry"), then by the
common noun alone ("the coast guard said", "the Ministry of Commerce", "the ministry").
The resolver of stage 5 matches only the aliases the base lists; a speaker phrase it left
unresolved (or resolved only to the state its possessive names) is matched here on its
*words*: the phrase without its article and state words must equal an institution's alias
without its state words (``StateInstitutions``), or be a part of an institution already
named earlier in the document (``earlier_institution``).

The words that name a state are the base's own (names, aliases, adjectives, demonyms,
capitals), so the module has no word list of its own and works in every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from porteparole.kb import KnowledgeBase, load_knowledge_base
from porteparole.records import Mention
from porteparole.text.folds import fold_token as fold

_WORD = re.compile(r"\w+")
_STATE_KINDS = ("name", "alias", "adjective", "demonym", "capital")
# Function words a phrase may add around an institution's name ("the", "'s", "of the").
_LINKS = frozenset({"the", "s", "of", "for", "le", "la", "les", "l", "du", "de", "des", "d"})


@dataclass(frozen=True, slots=True)
class StateInstitutions:
    """Every institution of the base under the words its aliases hold beside its state's."""

    state_words: dict[str, frozenset[str]] = field(default_factory=dict)  # state -> words
    by_rest: dict[tuple[str, frozenset[str]], frozenset[str]] = field(default_factory=dict)

    def find(self, state: str, words: Iterable[str]) -> str | None:
        """The one institution of ``state`` whose alias, without its state words, is
        ``words`` (folded, in any order), else None."""
        return self._find(state, frozenset(content_words(words)))

    def _find(self, state: str, content: frozenset[str]) -> str | None:
        rest = content - self.state_words.get(state, frozenset())
        if not rest:
            return None
        found = self.by_rest.get((state, rest), frozenset())
        return next(iter(found)) if len(found) == 1 else None

    def find_among(self, states: Iterable[str], words: Iterable[str]) -> str | None:
        """The one institution of any of ``states`` that ``words`` name ("the Joint Chiefs
        of Staff" in a text that names South Korea and no other state with such a body)."""
        content = frozenset(content_words(words))  # folded once for every state
        found = {f for state in set(states) if (f := self._find(state, content)) is not None}
        return found.pop() if len(found) == 1 else None


def content_words(words: Iterable[str]) -> list[str]:
    """The folded words of a phrase without its articles and links."""
    out: list[str] = []
    for word in words:
        out.extend(w for w in _WORD.findall(fold(word)) if w not in _LINKS)
    return out


@cache
def state_institutions() -> StateInstitutions:
    """The index of the package's knowledge base (cached)."""
    return build_state_institutions(load_knowledge_base())


def build_state_institutions(kb: KnowledgeBase) -> StateInstitutions:
    """Index the organizations of ``kb`` that belong to a state by their non-state words."""
    state_words: dict[str, set[str]] = {}
    for entry in kb.names(_STATE_KINDS):
        actor = kb.actor(entry.actor_id)
        if actor is not None and actor.type == "state":
            state_words.setdefault(actor.id, set()).update(content_words([entry.text]))
    by_rest: dict[tuple[str, frozenset[str]], set[str]] = {}
    for entry in kb.names(("name", "alias")):
        actor = kb.actor(entry.actor_id)
        if actor is None or actor.type != "organization" or actor.country not in state_words:
            continue
        words = frozenset(content_words([entry.text]))
        rest = words - state_words[actor.country]
        if rest and rest != words:  # an alias that names its state ("Chinese Coast Guard")
            by_rest.setdefault((actor.country, rest), set()).add(actor.id)
    return StateInstitutions(
        {k: frozenset(v) for k, v in state_words.items()},
        {k: frozenset(v) for k, v in by_rest.items()},
    )


def earlier_institution(
    words: Sequence[str], before: Sequence[Mention], is_institution: Callable[[str], bool]
) -> str | None:
    """The one institution named in ``before`` whose name holds every content word of the
    phrase ("the Ministry of Commerce", "the ministry" after "China's Ministry of
    Commerce"); None when no institution or more than one fits."""
    wanted = set(content_words(words))
    if not wanted:
        return None
    found = {m.actor_id for m in before
             if m.actor_id is not None and is_institution(m.actor_id)
             and wanted <= phrase_words(m.surface)}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def phrase_words(surface: str) -> frozenset[str]:
    """``content_words`` of one phrase (a mention's surface, a speaker's text), made once
    per phrase: every speaker phrase is matched against every institution named before."""
    return frozenset(content_words([surface]))
