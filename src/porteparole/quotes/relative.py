"""A speech verb in a relative clause speaks for the noun the clause describes: « Wang,
qui a appelé à … », "Trump, who threatened to …".

The subject the parse gives such a verb is the relative pronoun (« qui », "who"), which
names no one; the speaker is the antecedent the clause hangs on. Relative pronouns are
listed per language (``relative_pronouns`` in ``knowledge/quotes/<lang>.yaml``); only
subject pronouns are listed, so "the controls that it announced" keeps "it".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from porteparole.quotes.lexicon import QuoteLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


def relative_antecedent(verb: Token, subject: Token | None,
                        lexicon: QuoteLexicon) -> Token | None:
    """The antecedent noun when ``subject`` is a relative pronoun, else ``subject``."""
    if subject is None or subject.lower_ not in lexicon.relative_pronouns:
        return subject
    clause = verb
    hops = 0
    while clause.dep_ not in lexicon.dep("relative") and clause.head.i != clause.i and hops < 3:
        clause, hops = clause.head, hops + 1  # « qui a tenu à souligner »: the clause's verb
    if clause.dep_ not in lexicon.dep("relative"):
        return subject
    if clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    # the parse may hang the clause on the main verb (« a souligné Wang, qui a appelé »):
    # the antecedent is then the noun right before the pronoun and its comma
    i = subject.i - 1
    while i >= 0 and verb.doc[i].is_punct:
        i -= 1
    before = verb.doc[i] if i >= 0 else None
    if before is not None and before.pos_ in ("NOUN", "PROPN"):
        return before
    return subject
