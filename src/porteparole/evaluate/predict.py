"""The system's reading of a document, in the gold format, so that it can be scored.

Names and codes come from the knowledge base through an injected ``actor_lookup`` (actor id
-> ``Actor``), so that this module knows nothing of how actors are stored. Until the knowledge
base exists the default lookup knows no actor, and the fields that need one (quote speakers,
persons, countries, events) honestly score zero instead of failing.

Coding choices, following FORMAT.md:

- ``countries``: every state the document refers to "by name, capital, adjective or
  institution": mentioned states, and the country of mentioned state institutions
  (organizations with a country and a state sector, such as the Pentagon -> USA). A person's
  nationality or a company's home country is not a reference to the state.
- event ``source``/``target``: a state is its alpha-3 code; an organization with a country
  acts for that country; an international organization (no country) is its canonical name
  ("NATO"); a person or outlet acts for their country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from porteparole.evaluate.gold import (
    OPTIONAL_FIELDS,
    Annotation,
    GoldEvent,
    GoldQuote,
    GoldTurn,
)
from porteparole.events import reportable
from porteparole.kb import actor_code, load_knowledge_base, printed_person_name, state_referred
from porteparole.records import Actor, Analysis, Quote
from porteparole.text.folds import fold_compare

ActorLookup = Callable[[str], Actor | None]


def no_actors(actor_id: str) -> Actor | None:
    """The lookup used when no knowledge base is available: it knows no actor."""
    return None


def default_actor_lookup() -> ActorLookup:
    """The knowledge base's lookup; an invalid knowledge file (``KnowledgeError``) propagates.

    (The knowledge base is a package of its own, ``porteparole.kb``, which this module
    imports anyway: there is no build without it to fall back from.)
    """
    return load_knowledge_base().actor


def _resolve(actor_id: str | None, lookup: ActorLookup) -> Actor | None:
    return None if actor_id is None else lookup(actor_id)


def _unique(values: Sequence[str | None]) -> tuple[str, ...]:
    """Values in order of first appearance, without ``None`` and repeats."""
    return tuple(dict.fromkeys(v for v in values if v is not None))


UNNAMING_METHODS = frozenset({"role"})


def unknown_person_names(analysis: Analysis) -> list[str]:
    """Full names of people the knowledge base does not know, as the text prints them.

    A span counts when it is tagged a person, never resolved, and never tagged as a place
    or an organization elsewhere in the document (NER disagreeing with itself is a sign of
    a place name such as a reef or a district).
    """
    language = analysis.document.language
    elsewhere = {
        fold_compare(m.surface) for m in analysis.mentions if m.entity_type in {"LOC", "GPE", "ORG"}
    }
    names = []
    for mention in analysis.mentions:
        if mention.actor_id is None and mention.entity_type == "PER":
            name = printed_person_name(mention.surface, language)
            if name and fold_compare(mention.surface) not in elsewhere:
                names.append(name)
    return names


def titled_speakers(analysis: Analysis, actor_lookup: ActorLookup) -> list[str]:
    """Who answers in a transcript whose title names them: a page's <title> is part of the
    document even when its text does not print it ("A:" turns under "Spokesperson Geng
    Shuang's Regular Press Conference"), so the document names that person."""
    title = fold_compare(analysis.document.title or "")
    found = []
    for turn in analysis.turns:
        actor = _resolve(turn.speaker_actor, actor_lookup) if turn.role != "question" else None
        if actor is not None and actor.type == "person" and re.search(
            rf"(?<!\w){re.escape(fold_compare(actor.name))}(?!\w)", title
        ):
            found.append(actor.name)
    return found


def _speaker_name(
    quote: Quote, name_of: Callable[[str | None], str | None], language: str
) -> str | None:
    """The canonical name of a quote's resolved speaker, else the printed full name of a
    person the knowledge base lacks (the quotes stage keeps it as ``speaker_text``)."""
    if quote.speaker_actor is not None:
        return name_of(quote.speaker_actor)
    if not quote.speaker_text:
        return None
    printed = printed_person_name(quote.speaker_text, language)
    return printed if printed == quote.speaker_text else None


def analysis_to_prediction(
    analysis: Analysis,
    actor_lookup: ActorLookup = no_actors,
    *,
    document: str | None = None,
) -> Annotation:
    """The system's reading of one analysed document, every field present.

    ``document`` is the corpus file name the prediction is for; by default the name of the
    analysis's origin. Turns carry their whole text as ``begins``, quotes their whole
    content as ``contains`` and events their whole evidence span as ``evidence``.
    """
    doc = analysis.document
    text = doc.text
    mentioned = [_resolve(m.actor_id, actor_lookup) for m in analysis.mentions]
    actors = [a for a in mentioned if a is not None]
    # A person "the document mentions" is one it names: a role description resolved by
    # date ("the Kremlin spokesperson") or a pronoun designates someone without naming them.
    named = [
        _resolve(m.actor_id, actor_lookup)
        for m in analysis.mentions
        if m.method not in UNNAMING_METHODS and m.entity_type != "PRON"
    ]

    def name_of(actor_id: str | None) -> str | None:
        actor = _resolve(actor_id, actor_lookup)
        return None if actor is None else actor.name

    def code_of(actor_id: str | None) -> str | None:
        return actor_code(_resolve(actor_id, actor_lookup), actor_lookup, doc.date)

    return Annotation(
        document=document or Path(doc.origin.source).name,
        annotated=frozenset(OPTIONAL_FIELDS),
        language=doc.language,
        kind=doc.kind,
        title=doc.title,
        date=doc.date,
        spokesperson=doc.spokesperson,
        turns=tuple(GoldTurn(t.role, t.speaker, text[t.start : t.end]) for t in analysis.turns),
        # Gold quote lists are exhaustive for *named* speakers (FORMAT.md): a speaker the
        # knowledge base lacks is named by the full name the text prints for them; a quote
        # whose speaker is neither resolved nor named is kept in the store, but is not a
        # prediction about anyone.
        quotes=tuple(
            GoldQuote(speaker, q.kind, text[q.start : q.end])
            for q in analysis.quotes
            if (speaker := _speaker_name(q, name_of, doc.language)) is not None
        ),
        persons=_unique(
            [a.name for a in named if a is not None and a.type == "person"]
            + unknown_person_names(analysis)
            + titled_speakers(analysis, actor_lookup)
        ),
        countries=_unique([state_referred(a) for a in actors]),
        # Gold codes what happened between known parties: negated and conditional events
        # stay in the store, flagged, but are not claims that the interaction took place.
        events=tuple(
            GoldEvent(
                code_of(e.source_actor), e.type, code_of(e.target_actor), text[e.start : e.end]
            )
            for e in analysis.events
            if reportable(e) and code_of(e.source_actor) and code_of(e.target_actor)
        ),
    )
