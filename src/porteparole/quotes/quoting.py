"""Speech reported through a quoting verb: "Xinhua quoted Wang as saying that …".

Wire copy often names the speaker as the *object* of a verb of quoting, the outlet or
institution that relays the words as its subject: "the ministry cited Wang as saying",
"China Daily quoted an unidentified official as urging Japan to …". The speech verb then
has no subject of its own in the parse; its speaker is the quoting verb's object, and the
outlet only relays (FORMAT.md, nested speech). Which verbs quote and which word links the
speech verb to them are the language's (``quoting`` in ``knowledge/quotes/<lang>.yaml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


def quoting_verb(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The quoting verb a speech verb hangs on through its link ("cited … as saying"), or
    None."""
    link = verb.head
    if link.i == verb.i or link.lower_ not in lexicon.quoting_links:
        return None
    quoting = link.head
    if quoting.i == link.i or quoting.lemma_.lower() not in lexicon.quoting_verbs:
        return None
    return quoting


def quoted_speaker(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The speaker a quoting verb names as its object ("quoted *Wang* as saying") or, in
    the passive, as its subject ("*Wang* was quoted as saying"), or None when ``verb`` is
    not reported through one."""
    quoting = quoting_verb(verb, lexicon)
    if quoting is None:
        return None
    objects = [c for c in quoting.children if c.dep_ in lexicon.dep("object") and c.i < verb.i]
    if objects:
        return objects[0]
    passive = [c for c in quoting.children  # "Wang was quoted by Xinhua as saying"
               if c.dep_ in lexicon.dep("subject") and c.i < quoting.i]
    return passive[0] if passive else None


def speech_of(quoting: Token, lexicon: QuoteLexicon) -> Token | None:
    """The speech verb a quoting verb reports ("cited Wang as *saying*"), or None."""
    for link in quoting.children:
        if link.lower_ in lexicon.quoting_links:
            for child in link.children:
                if child.pos_ in ("VERB", "AUX"):
                    return child
    return None
