"""Stage 9: status updates of tracked mechanisms, with the sentence as evidence.

``track_mechanisms(analysis, doc, knowledge)`` adds ``MechanismUpdate`` records. In each
sentence that is not a question, the names of the mechanisms of ``knowledge/mechanisms.yaml``
are found (in the document's language, on folded forms and lemmas) and the status cues that
govern them are judged on the dependency parse (``status``: path, upper cue, irrealis, negation,
conditional and future). One update per (mechanism, status) per sentence:

- ``date``: a date written in the deciding cue's clause (``dates``), else the document's;
- ``parties``: the mechanism's parties from the data;
- span: the sentence.

A mechanism whose names are generic ("military communication", "ceasefire") counts only in
documents that mention all of its ``requires`` actors (resolved by stage 5); without any
resolved mention the check is skipped, so the stage still works on its own.
"""

from __future__ import annotations

import bisect
import dataclasses
from functools import cache
from typing import TYPE_CHECKING

from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.mechanisms.catalog import Catalog, Mechanism, load_catalog
from porteparole.mechanisms.dates import clause_date
from porteparole.mechanisms.status import Cue, Grammar, clause, decide
from porteparole.nlp import doc_text
from porteparole.records import Analysis, MechanismUpdate
from porteparole.text.cues import CueMatch, CueMatcher
from porteparole.text.doc_table import table
from porteparole.text.sparse_cues import SparseCueMatcher
from porteparole.text.typography import QUOTE_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Catalog", "Mechanism", "load_catalog", "track_mechanisms"]

_VERB_POS = {"VERB", "AUX"}
_NOUN_POS = {"NOUN", "PROPN"}


def track_mechanisms(analysis: Analysis, doc: Doc, knowledge: Knowledge | None = None, *,
                     catalog: Catalog | None = None) -> Analysis:
    """Stage 9: the analysis with the ``MechanismUpdate`` records of its sentences added,
    from the catalog of ``knowledge`` (default: the default bundle) or ``catalog``."""
    catalog = catalog or (knowledge if knowledge is not None else default_knowledge()).mechanisms
    language = analysis.document.language
    modality = catalog.modality.get(language)
    if modality is None or not doc.has_annotation("DEP"):
        return analysis
    names_matcher, cues_matcher = _matchers(catalog, language)
    allowed = _allowed(catalog, analysis)
    names_found = names_matcher.find(doc)  # the whole Doc once, read line by line
    if not any(m.payload in allowed for m in names_found.matches):
        return analysis  # most documents name no mechanism: their lines are never cut
    text = doc_text(doc)
    updates: list[MechanismUpdate] = []
    for start, end in _lines(doc):
        names = [m for m in _longest(names_found.within(start, end)) if m.payload in allowed]
        if not names:
            continue
        span = doc[start:end]
        # The document's text, sliced: ``Span.text`` joins its tokens anew.
        if text[span.start_char:span.end_char].rstrip(f" \n){QUOTE_MARKS}").endswith("?"):
            continue  # a question, quoted or not
        grammar = Grammar(
            modality, catalog.future, catalog.carriers.get(language, frozenset()),
            catalog.circumstantial.get(language, frozenset()),
            _cues(doc, cues_matcher.find(doc, start, end), names),
            frozenset(i for n in names for i in range(n.start, n.end)), (start, end),
        )
        seen: set[tuple[str, str]] = set()
        for name in names:
            for decision in decide(doc, (name.start, name.end), grammar):
                key = (str(name.payload), decision.status)
                if key not in seen:
                    seen.add(key)
                    updates.append(_update(analysis, catalog, doc, key, decision.cue, name, span))
    return dataclasses.replace(
        analysis, mechanism_updates=analysis.mechanism_updates + tuple(updates)
    )


def _update(
    analysis: Analysis, catalog: Catalog, doc: Doc, key: tuple[str, str], cue: int,
    name: CueMatch, span: Span,
) -> MechanismUpdate:
    language, document = analysis.document.language, analysis.document
    text = clause(doc, cue, (name.start, name.end))
    date = clause_date(text, language, document.date) or document.date
    mechanism = catalog.mechanism(key[0])
    return MechanismUpdate(
        mechanism.id, key[1], date, mechanism.parties, document.id,
        span.start_char, span.end_char,
    )


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of each sentence cut at line breaks, without edge spaces.

    A title and the dateline under it are never one clause, whatever the parser says.
    No Token or sentence Span is built: the sentence starts, parts of speech and forms come
    from the token table (a lower-cased form is white space, or holds a line break, exactly
    when the text does).
    """
    columns = table(doc)
    lower, starts = columns.lower, columns.sentence_starts
    verbs = [i for i, pos in enumerate(columns.pos) if pos in ("VERB", "AUX")]
    breaks = _line_breaks(doc, lower)
    ranges = []
    for first, last in zip(starts, [*starts[1:], len(doc)], strict=True):
        start = first
        for i in [*breaks[bisect.bisect_left(breaks, first):bisect.bisect_left(breaks, last)],
                  last - 1]:
            if i < start:
                continue  # the sentence's last token, already read as a break
            end = i if lower[i].isspace() else i + 1
            while start < end and lower[start].isspace():
                start += 1
            if start < end:
                ranges.append((start, end))
            start = i + 1
    return _merge_verbless(verbs, lower, ranges)


def _line_breaks(doc: Doc, lower: list[str]) -> list[int]:
    """The space tokens that hold a line break, in text order: where a line may end inside
    a sentence. Found from the line breaks of the text (few) rather than by reading every
    token: each break lies in the token that starts at or before it."""
    text, starts = doc_text(doc), table(doc).idx
    found: set[int] = set()
    at = text.find("\n")
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and "\n" in lower[i] and lower[i].isspace():
            found.add(i)
        at = text.find("\n", at + 1)
    return sorted(found)


def _merge_verbless(verbs: list[int], lower: list[str],
                    ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a verbless fragment to the next range on the same line ("Pékin" | "a suspendu...").

    The parser sometimes ends a sentence after a subject; the evidence must hold it.
    ``verbs`` are the indices of the tokens tagged VERB or AUX, in text order.
    """
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged:
            previous = merged[-1]
            first_verb = bisect.bisect_left(verbs, previous[0])
            verbless = first_verb == len(verbs) or verbs[first_verb] >= previous[1]
            if verbless and not any("\n" in lower[i] for i in range(previous[1], start)):
                merged[-1] = (previous[0], end)
                continue
        merged.append((start, end))
    return merged


@cache
def _matchers(catalog: Catalog, language: str) -> tuple[SparseCueMatcher, CueMatcher]:
    """The mechanisms' names (few, and rare in a text: matched only where one may start)
    and the status cue words (matched in the lines that name a mechanism)."""
    names = [
        (alias, mechanism.id)
        for mechanism in catalog.mechanisms
        for alias in mechanism.aliases.get(language, ())
    ]
    cues = [
        (word, (status, part))
        for status, parts in catalog.statuses.get(language, {}).items()
        for part, words in parts.items()
        for word in words
    ]
    return SparseCueMatcher(language, names), CueMatcher(language, cues)


def _allowed(catalog: Catalog, analysis: Analysis) -> set[str]:
    """Mechanisms whose required actors the document mentions (all, without mentions).

    A required actor names a state or an organization and is mentioned by its institutions
    too (``CHN`` by ``CHN-MFA``): the ids the mentions count for are listed once, each
    mentioned actor with every id it extends, and the required ids looked up in them."""
    present = {m.actor_id for m in analysis.mentions if m.actor_id}
    if not present:
        return {m.id for m in catalog.mechanisms}
    covered = present | {actor[:i] for actor in present for i, c in enumerate(actor) if c == "-"}
    return {m.id for m in catalog.mechanisms if all(w in covered for w in m.requires)}


def _longest(matches: list[CueMatch]) -> list[CueMatch]:
    """Names that do not overlap, longest first (a name inside a longer name is dropped)."""
    kept: list[CueMatch] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if all(match.end <= k.start or k.end <= match.start for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _cues(doc: Doc, matches: list[CueMatch], names: list[CueMatch]) -> dict[int, Cue]:
    """Status cue tokens outside the names; a verb cue on a verb or participle only."""
    cues: dict[int, Cue] = {}
    for match in matches:
        if any(match.start < n.end and n.start < match.end for n in names):
            continue
        status, part = match.payload
        tokens = doc[match.start:match.end]
        if not any(_fits(token, part) for token in tokens):
            continue
        for token in tokens:
            cues.setdefault(token.i, Cue(token.i, status, part))
    return cues


def _fits(token: Token, part: str) -> bool:
    if part == "nouns":
        return token.pos_ in _NOUN_POS
    return token.pos_ in _VERB_POS or "Part" in token.morph.get("VerbForm", [])
