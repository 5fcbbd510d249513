"""Within-document coreference: surnames alone and subject pronouns of speech verbs.

A surname alone ("Wu a déclaré", "M. Marcos") is resolved to the one person of that surname
the document names in full; two such persons leave it unresolved. A surname the document
never gives in full ("l'administration Trump") is resolved only when it is clearly a name
(tagged as a person by spaCy, or after a title) and exactly one person of the knowledge
base with it is *prominent*: has held a top office (head of state or government, foreign or
defence minister, head of an international organization). Texts name such leaders by
surname alone; anyone else ("Liu", "Wu") is far more likely someone the knowledge base does
not know, and a guess would put words in the wrong mouth.

A pronoun ("il", "she") is resolved only as the subject of a speech verb, and only when
exactly one person is named between the start of the previous sentence and the pronoun:
speech attribution needs it, and anything wider is a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.actors.lexicon import Lexicon
from porteparole.nlp import doc_text
from porteparole.records import Mention
from porteparole.text.doc_table import table
from porteparole.text.folds import fold_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SURNAME_CONFIDENCE = 0.7  # the full name is in the document
KNOWN_SURNAME_CONFIDENCE = 0.6  # only the knowledge base knows the full name
PRONOUN_CONFIDENCE = 0.6
UNRESOLVED_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Resolution:
    actor_id: str | None
    method: str
    confidence: float


PROMINENT_ROLES = frozenset({
    "head_of_state", "head_of_government", "vice_head_of_state", "foreign_minister",
    "defense_minister", "secretary_general",
})


def resolve_surname(
    candidates: Iterable[str], named: set[str], strong: bool, prominent: set[str] | None = None
) -> Resolution | None:
    """The person a surname alone stands for, given the persons named in full.

    ``candidates`` are the knowledge-base persons with that surname; ``strong`` says the
    text shows it is a person's name (spaCy tagged it, or a title precedes it); ``prominent``
    are the candidates who held a top office (all of them when not given). Returns None
    when the word should not become a mention at all.
    """
    people = set(candidates)
    in_document = people & named
    if len(in_document) == 1:
        return Resolution(in_document.pop(), "coreference", SURNAME_CONFIDENCE)
    if len(in_document) > 1:
        return Resolution(None, "coreference", UNRESOLVED_CONFIDENCE)
    if not strong:
        return None
    leaders = people if prominent is None else people & prominent
    if len(leaders) == 1:
        return Resolution(leaders.pop(), "surname", KNOWN_SURNAME_CONFIDENCE)
    return Resolution(None, "ner", UNRESOLVED_CONFIDENCE)


def pronoun_mentions(
    doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon, document_id: str,
    skip: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Mentions for subject pronouns of speech verbs that point to one recent person.

    ``mentions`` are the document's mentions so far: persons, roles, and the organizations
    and states that could also be what a pronoun stands for.
    """
    if not lexicon.pronouns or not doc.has_annotation("DEP"):
        return []
    starts = [sentence.start_char for sentence in doc.sents]
    speakers = ("PER", "ROLE", "ORG", "GPE")
    ordered = sorted((m for m in mentions if m.entity_type in speakers), key=lambda m: m.start)
    found = []
    # Only a token whose folded form is a listed pronoun is built and parsed further.
    folded = table(doc).folded
    for i in (i for i, word in enumerate(folded) if word.lstrip("-") in lexicon.pronouns):
        token = doc[i]
        if not _is_speaker_pronoun(token, lexicon):
            continue
        start, end = _pronoun_span(token)
        if any(a <= start < b for a, b in skip):
            continue
        actor = _antecedent(ordered, starts, start)
        if actor is not None:
            found.append(Mention(document_id, start, end, doc_text(doc)[start:end], "PRON",
                                 actor, PRONOUN_CONFIDENCE, "coreference"))
    return found


def _is_speaker_pronoun(token: Token, lexicon: Lexicon) -> bool:
    if fold_token(token.text).lstrip("-") not in lexicon.pronouns:
        return False
    return token.dep_ in lexicon.subject_deps and token.head.lemma_.lower() in lexicon.speech_verbs


def _pronoun_span(token: Token) -> tuple[int, int]:
    """The pronoun's own letters ("il" of "-il" in "a-t-il déclaré")."""
    offset = len(token.text) - len(token.text.lstrip("-"))
    return token.idx + offset, token.idx + len(token.text)


def _antecedent(mentions: Sequence[Mention], starts: Sequence[int], position: int) -> str | None:
    """The one person named in the window, if nothing else that speaks came after it.

    An organization or a state between the person and the pronoun in the pronoun's own
    sentence ("le Pentagone a abattu ce qu'il a qualifié…") may be what the pronoun stands
    for: then it is left unresolved.
    """
    sentence = bisect_right(starts, position) - 1
    window = starts[max(sentence - 1, 0)] if sentence >= 0 else 0
    own = starts[sentence] if sentence >= 0 else 0
    recent = [m for m in mentions if window <= m.start < position]
    people = [i for i, m in enumerate(recent) if m.entity_type in ("PER", "ROLE")]
    if not people or any(m.start >= own for m in recent[people[-1] + 1:]):
        return None
    seen = {
        m.actor_id or f"?{fold_token(m.surface)}"
        for m in recent
        if m.entity_type == "PER" or m.entity_type == "ROLE"
    }
    if len(seen) != 1:
        return None
    only = seen.pop()
    return None if only.startswith("?") else only
