"""Mentions of the people who answer in a transcript, at the labels that name them.

Turn labels ("Mao Ning :", "Senior Colonel Wu Qian:") are kept out of the content's
mentions (``resolve.label_spans``): they are who speaks, not what is said. But a
spokesperson who is named only there (or in a title the text does not print) is still a
person the document names, and ``persons`` must list them. So each answering person the
turns resolved, and that no mention names yet, gets one mention: at their first label that
prints their name, method ``label``. An anonymous label ("A:") names no one: it gets no
mention (the turn's ``speaker_actor`` still says who answers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from porteparole.kb import KnowledgeBase
from porteparole.records import Mention, Turn
from porteparole.text.folds import fold_key

LABEL_METHOD = "label"
LABEL_CONFIDENCE = 0.95  # the label resolved to a known person, as a printed alias would


# Mentions that designate without naming: a role resolved by date, a pronoun.
_UNNAMING_METHODS = frozenset({"role"})  # as evaluate.predict counts persons


def label_mentions(
    document_id: str, text: str, turns: Sequence[Turn], mentions: Iterable[Mention],
    kb: KnowledgeBase,
) -> list[Mention]:
    """One mention per answering person named by a turn label and by no other mention."""
    seen = {m.actor_id for m in mentions
            if m.actor_id and m.method not in _UNNAMING_METHODS and m.entity_type != "PRON"}
    found = []
    for turn in turns:
        actor_id = turn.speaker_actor
        if turn.role == "question" or not actor_id or actor_id in seen or not turn.label:
            continue
        actor = kb.actor(actor_id)
        span = _label_span(text, turn)
        if actor is None or actor.type != "person" or span is None:
            continue
        if not _names(turn.label, actor_id, kb):
            continue  # "A:", "Réponse :": the label designates the speaker without naming
        seen.add(actor_id)
        start, end = span
        found.append(Mention(document_id, start, end, text[start:end], "PER", actor_id,
                             LABEL_CONFIDENCE, LABEL_METHOD))
    return found


def _names(label: str, actor_id: str, kb: KnowledgeBase) -> bool:
    """Whether the printed label holds the person's surname or full name ("MR. KIRBY")."""
    actor = kb.actor(actor_id)
    words = set(fold_key(label).split())
    surname = kb.surname(actor_id)
    names = [n for n in (surname, actor.name if actor else None) if n]
    return any(set(fold_key(n).split()) <= words for n in names)


def _label_span(text: str, turn: Turn) -> tuple[int, int] | None:
    """Where the turn's printed label lies on its line, before the turn's own text."""
    assert turn.label is not None
    line_start = text.rfind("\n", 0, turn.start) + 1
    start = text.find(turn.label, line_start, turn.start)
    return None if start < 0 else (start, start + len(turn.label))
