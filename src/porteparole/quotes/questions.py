"""Speech a question asks about is not a quote: « Le gouvernement chinois a-t-il demandé
aux États-Unis de refuser le transit ? », "Did Beijing ask Washington to refuse it?".

A journalist's question may name a speech act only to ask whether it happened; FORMAT.md
counts what the text attributes to a speaker, and a question attributes nothing. The sign
is the question's own inversion governing the cue: a clitic subject after the verb or its
auxiliary (French « a-t-il », « demande-t-elle »), or an auxiliary opening the sentence
before its subject (English "Did", "Has", "Will"). A speech verb in a relative clause of the
question ("… X, qui a déclaré que …, ?") is reported by the question, not asked about, and
stays a cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.columns import columns
from porteparole.quotes.cues import Units
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.quotes.speaker import clitic_subject

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_HOPS = 6


def asked_about(verb: Token, lexicon: QuoteLexicon, units: Units) -> bool:
    """Whether ``verb`` is a speech act its question asks about (module docstring)."""
    first, last = units.bounds(verb.i)
    doc, words = verb.doc, columns(verb.doc)
    end = last
    while end > first and (words.is_space(end) or words.is_quote(end)):
        end -= 1
    if words.text(end) != "?":  # most units are no question: read without a Token
        return False
    opener = doc[first]
    token, hops = verb, 0
    while hops < MAX_HOPS:
        if clitic_subject(token) is not None:
            return True
        if opener.pos_ == "AUX" and opener.head.i == token.i and opener.i < token.i:
            return True
        if token.head.i == token.i or token.dep_ in lexicon.dep("relative"):
            return False
        token, hops = token.head, hops + 1
    return False
