"""Speech named by a noun with its content clause: "Navarro's claim that China was …".

Wire copy often reports speech through the noun of a speech act rather than its verb,
with the speaker as the noun's possessor or agent and the content as a that-clause:
"comments by Peter Navarro that China was stealing technology", "Washington's claim that
hackers had targeted the election". FORMAT.md counts these (a noun phrase *with* a
that-clause is a quote; without one, "accusations from the West", it is not). The nouns
are the nominalisations of the language's speech verbs (``speech_nouns`` in
``knowledge/quotes/<lang>.yaml``); the agent links ("by", "from") too.

The same nouns make speech with a support verb ("issued a warning that …", "renewed his
call for a ceasefire", "made an appeal to donors to …"): the verb's subject speaks, and
the noun's complement is the content (``supported_content``). The support verb's act
gives the noun phrase a speaker and a time of its own, so a to-infinitive or a
particle's complement ("call *for* talks", ``noun_particles``) is content there, while a
noun that only has a possessor still needs a that-clause (NOTES: "the Ethiopian demand
to engage in new discussions" is not a quote).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.quotes.cues import Content, Units, trim
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.text.doc_table import table

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
    lemmas = table(doc).lemma  # only a listed noun's Token is built
    listed = set(lemmas) & lexicon.speech_nouns  # most documents hold few or none
    for i in ([i for i, lemma in enumerate(lemmas) if lemma in listed] if listed else []):
        token = doc[i]
        if token.pos_ != "NOUN":
            continue
        clause = _content_clause(token, lexicon)
        agent = agent_of(token, lexicon)
        if clause is None or agent is None:
            continue
        tokens = list(clause.subtree)
        last = min(tokens[-1].i, units.last[token.i])
        content = trim(doc, tokens[0].i, last, lexicon)
        if content is not None:
            found.append(NounSpeech(token, agent, content))
    return found


def supported_content(verb: Token, lexicon: QuoteLexicon, units: Units) -> Content | None:
    """The content of a speech noun a support verb takes as its object ("issued a
    warning that X" → X, "renewed his call for a ceasefire" → a ceasefire), or None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.support_verbs:
        return None
    for noun in verb.children:
        if noun.i < verb.i or noun.dep_ not in lexicon.dep("object") or (
                noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.speech_nouns):
            continue
        complement = (_content_clause(noun, lexicon) or _infinitive(noun)
                      or _particle(noun, lexicon))
        if complement is None:
            return None
        tokens = list(complement.subtree)
        first = tokens[0].i + (1 if complement.pos_ == "ADP" else 0)
        return trim(verb.doc, first, min(tokens[-1].i, units.last[verb.i]), lexicon)
    return None


def _infinitive(noun: Token) -> Token | None:
    """A to-infinitive the noun governs ("an appeal to donors *to send* aid")."""
    for child in noun.children:
        if child.i > noun.i and child.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.pos_ == "PART" for c in child.children if c.i < child.i):
            return child
    return None


def _particle(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """A complement opened by one of the language's noun particles ("call *for* talks")."""
    for child in noun.children:
        if child.i > noun.i and child.pos_ == "ADP" and child.lower_ in lexicon.noun_particles \
                and any(True for _ in child.children):
            return child
    return None


def _content_clause(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """The clause the noun governs, opened by a complementizer ("claim *that* …"); the
    parse may label it a relative clause, but a relative's "that" is its pronoun, not a
    marker."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        marks = [c for c in child.children
                 if c.i < child.i and c.lower_ in lexicon.complementizers]
        if marks and child.dep_ in lexicon.dep("noun_clause"):
            return child
        if child.dep_ in lexicon.dep("relative") and any(
                c.pos_ == "SCONJ" or c.dep_ == "mark" for c in marks):
            return child
    return None


def agent_of(noun: Token, lexicon: QuoteLexicon) -> Token | None:
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
