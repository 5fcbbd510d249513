"""Speech named by a noun with its content clause: "Navarro's claim that China was …".

Wire copy often reports speech through the noun of a speech act rather than its verb,
with the speaker as the noun's possessor or agent and the content as a that-clause:
"comments by Peter Navarro that China was stealing technology", "Washington's claim that
hackers had targeted the election". FORMAT.md counts these (a noun phrase *with* a
that-clause is a quote; without one, "accusations from the West", it is not). The nouns
are the nominalisations of the language's speech verbs (``speech_nouns`` in
``knowledge/quotes/<lang>.yaml``); the agent links ("by", "from") too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.quotes.cues import Content, Units, trim
from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class NounSpeech:
    """A speech noun, the head of the phrase naming its speaker, and its content."""

    noun: Token
    agent: Token
    content: Content


def noun_speech(doc: Doc, lexicon: QuoteLexicon, units: Units) -> list[NounSpeech]:
    """Every speech noun of ``doc`` with both a named agent and a content clause."""
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.speech_nouns:
            continue
        clause = _content_clause(token, lexicon)
        agent = _agent(token, lexicon)
        if clause is None or agent is None:
            continue
        tokens = list(clause.subtree)
        last = min(tokens[-1].i, units.last[token.i])
        content = trim(doc, tokens[0].i, last, lexicon)
        if content is not None:
            found.append(NounSpeech(token, agent, content))
    return found


def _content_clause(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """The clause the noun governs, opened by a complementizer ("claim *that* …")."""
    for child in noun.children:
        if child.i > noun.i and child.dep_ in lexicon.dep("noun_clause") and any(
                c.lower_ in lexicon.complementizers for c in child.children if c.i < child.i):
            return child
    return None


def _agent(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """Who the speech act is by: the possessor ("Washington's claim") or the object of an
    agent link right after the noun ("comments by Navarro")."""
    for child in noun.children:
        if child.i < noun.i and child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.i > noun.i and child.lower_ in lexicon.agent_links:
            objects = [g for g in child.children if g.pos_ in ("PROPN", "NOUN")]
            if objects:
                return objects[0]
    return None
