"""Where reported content ends: before another speaker's attribution.

A complement clause is read to the end of its sentence, because parses often cut a long
clause short. Wire copy, though, sets two voices side by side in one sentence: "Blinken
said the drills must stop, while Wang insisted they were routine" / « Blinken a dit que …,
tandis que Wang a assuré que … ». The second speaker's words are not the first one's: the
first content stops before the comma that opens an adverbial clause marked by a
conjunction of contrast (``contrast_marks`` of the quotes lexicon) whose verb is a speech
verb with a subject of its own. Temporal clauses ("…, after Xi promised to …") stay: they
are often part of what the first speaker reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.columns import columns
from porteparole.quotes.cues import Content, is_cue, trim
from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


def before_other_voice(verb: Token, content: Content, lexicon: QuoteLexicon) -> Content:
    """``content`` of ``verb``, cut before an adverbial speech clause of another speaker."""
    doc = verb.doc
    adverbial = lexicon.dep("adverbial")
    subjects = lexicon.dep("subject")
    words = columns(doc)  # the content's words are read as columns; a Token for an adverbial
    for i in range(content.first, content.last + 1):
        if i == verb.i or words.dep(i) not in adverbial:
            continue
        token = doc[i]
        if not is_cue(token, lexicon):
            continue
        children = list(token.children)
        marks = [c for c in children
                 if c.i < token.i and c.lower_ in lexicon.contrast_marks]
        subject = [c for c in children if c.i < token.i and c.dep_ in subjects]
        if not marks or not subject:
            continue
        opening = min(t.i for t in token.subtree)
        if opening <= content.first or doc[opening - 1].text not in (",", ";"):
            continue  # "said that when he spoke …": a clause inside the content
        cut = trim(doc, content.first, opening - 1, lexicon)
        if cut is not None:
            return cut
    return content
