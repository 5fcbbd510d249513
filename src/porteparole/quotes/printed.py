"""Speakers the knowledge base does not know, kept under the full name the text prints.

FORMAT.md names a speaker by canonical name; for a person the base lacks, the best the
text offers is the full name it prints ("la ministre turque, Hakan Fidan" → "Hakan Fidan").
Dropping such quotes loses most of the speech in news about less-covered countries. A
later bare surname ("a ajouté Fidan", "M. Fidan") or a title with it points back to the last
printed full name that ends with it, or begins with it (family name first: "M. Liu" after
"Liu Weimin"). A lede may print the surname first and the full name further down ("Safadi
said … Foreign Minister Ayman Safadi arrived …"): with no full name before it, a surname
points forward to the one full name the rest of the document prints with it, if only one.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence

from porteparole.kb import printed_person_name
from porteparole.quotes.speaker import Speaker
from porteparole.records import Mention
from porteparole.text.folds import fold_token


class PrintedNames:
    """The full names printed for unresolved person mentions of one document."""

    def __init__(self, mentions: Sequence[Mention], language: str) -> None:
        self.language = language
        places = {fold_token(m.surface) for m in mentions if m.entity_type in {"LOC", "GPE", "ORG"}}
        found = []
        for mention in mentions:
            if mention.actor_id is not None or mention.entity_type != "PER":
                continue
            if fold_token(mention.surface) in places:
                continue
            name = printed_person_name(mention.surface, language)
            if name is not None:
                found.append((mention.start, mention.end, name))
        found.sort()
        self.names = found
        self.starts = [start for start, _, _ in found]

    def name(self, speaker: Speaker, surname: bool = True) -> Speaker:
        """The speaker with the printed name its phrase holds or (with ``surname``) its last
        word points back to."""
        first = bisect_left(self.starts, speaker.start)
        for start, end, name in self.names[first:]:
            if start >= speaker.end:
                break
            if end <= speaker.end:
                return dataclasses.replace(speaker, person=self._whole(speaker, start, end, name))
        words = speaker.text.split()
        if not surname or not words or not words[-1][:1].isupper() or not words[-1][-1:].isalpha():
            return speaker
        last = fold_token(words[-1])
        for _, _, name in reversed(self.names[:first]):
            if _bears(name, last):
                return dataclasses.replace(speaker, person=name)
        later = {name for _, _, name in self.names[first:] if _bears(name, last)}
        if len(later) == 1:  # "Safadi said … Foreign Minister Ayman Safadi arrived …"
            return dataclasses.replace(speaker, person=later.pop())
        return speaker

    def _whole(self, speaker: Speaker, start: int, end: int, name: str) -> str:
        """The name with the capitalised words that end the phrase right after the mention:
        the NER may stop short of a family name (« Ali Akbar » in « Ali Akbar Salehi »)."""
        rest = speaker.text[end - speaker.start :].split()
        if not rest or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in rest):
            return name
        whole = printed_person_name(speaker.text[start - speaker.start :], self.language)
        return whole or name


def _bears(name: str, surname: str) -> bool:
    """Whether a full name ends with (or, family name first, begins with) the folded word."""
    parts = name.split()  # the family name comes first in Chinese or Korean names
    return surname in (fold_token(parts[-1]), fold_token(parts[0]))
