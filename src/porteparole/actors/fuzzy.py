"""Spelling variants of known names ("Zelenskiy" for "Zelenskyy"), for spans spaCy finds.

Only person names spaCy tagged and the knowledge base does not list get here, and they are
compared with person names only, with a conservative threshold: a wrong link is worse than an
unresolved mention. Organizations are not fuzzy-matched: their names differ by one word that
matters ("ministère des Affaires étrangères" is not "ministère russe des Affaires
étrangères").
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from porteparole.kb import KnowledgeBase
from porteparole.text.folds import fold_key

THRESHOLD = 90.0
MIN_LENGTH = 5  # folded characters; shorter strings are too easy to match by accident
_MEMO_LIMIT = 50_000  # (text, label) look-ups remembered; emptied past this
_TYPES_BY_LABEL = {"PER": ("person",), "PERSON": ("person",)}


class FuzzyIndex:
    """Folded names and aliases by actor type, for ``rapidfuzz`` lookups."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._choices: dict[str, tuple[list[str], list[tuple[str, ...]]]] = {}
        # The same names recur across documents ("Wang Wenbin") and the index never changes:
        # each (text, label) is compared with every known name once (bounded memo).
        self._memo: dict[tuple[str, str], tuple[str, float] | None] = {}
        table: dict[str, dict[str, set[str]]] = {}
        for entry in kb.names(("name", "alias")):
            actor = kb.actor(entry.actor_id)
            if actor is None or actor.type != "person":
                continue
            folded = fold_key(entry.text)
            if len(folded) >= MIN_LENGTH:
                table.setdefault(actor.type, {}).setdefault(folded, set()).add(actor.id)
        for kind, names in table.items():
            self._choices[kind] = (list(names), [tuple(sorted(v)) for v in names.values()])

    def best(self, text: str, label: str) -> tuple[str, float] | None:
        """The one actor whose name is closest to ``text`` above the threshold, and the score."""
        key = (text, label)
        if key not in self._memo:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = self._best(text, label)
        return self._memo[key]

    def _best(self, text: str, label: str) -> tuple[str, float] | None:
        query = fold_key(text)
        if len(query) < MIN_LENGTH:
            return None
        found: list[tuple[str, float]] = []
        for kind in _TYPES_BY_LABEL.get(label, ()):
            names, ids = self._choices.get(kind, ([], []))
            hit = process.extractOne(
                query, names, scorer=fuzz.token_sort_ratio, score_cutoff=THRESHOLD
            )
            if hit is not None and len(ids[hit[2]]) == 1 and not _extends(query, hit[0]):
                found.append((ids[hit[2]][0], float(hit[1])))
        if not found:
            return None
        return max(found, key=lambda f: f[1])


def _extends(query: str, name: str) -> bool:
    """A word of one name is another word of the other with letters added ("Shan Zhongde"
    against "Zhong Shan"): a different given name, not a spelling variant."""
    words, known = query.split(), name.split()
    return any(
        a != b and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) >= 2
        for a in words for b in known
    )
