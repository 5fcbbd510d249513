"""The public records of porteparole: one vocabulary for stages, store, exports and API.

Every record that comes from text carries ``document_id`` and ``start``/``end`` character
offsets into that document's normalized text (``Document.text``), so that any record can be
traced back to the exact words it came from. Records are frozen: a stage never edits another
stage's output, it adds records of its own.

The JSON form (``to_json`` / ``from_json``) is stable and versioned by ``SCHEMA_VERSION``;
bump it, and add a store migration, whenever a field is added, renamed or changes meaning.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 2  # 2: Document.analyzer (the analyzer stamp)
# Versions ``from_json`` still reads: a field added since is given its default.
READABLE_VERSIONS: tuple[int, ...] = (1, 2)

Kind = Literal["press_conference", "news_article", "statement"]
KINDS: tuple[str, ...] = ("press_conference", "news_article", "statement")

TurnRole = Literal["statement", "question", "answer"]
TURN_ROLES: tuple[str, ...] = ("statement", "question", "answer")

ActorType = Literal["person", "state", "organization", "outlet"]
ACTOR_TYPES: tuple[str, ...] = ("person", "state", "organization", "outlet")

QuoteKind = Literal["direct", "reported"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

MECHANISM_STATUSES: tuple[str, ...] = (
    "proposed", "agreed", "held", "suspended", "resumed", "adopted",
)


def document_id_for(text: str) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its normalized text.

    Content addressing makes ingest idempotent: the same text read twice, from two files or
    two runs, is the same document.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document came from, so a reader can always go back to the source."""

    source: str  # file path, URL, or "<stdin>"
    format: str  # "text" | "html" | "jsonl"
    line: int | None = None  # 1-based line within a JSON Lines file
    url: str | None = None  # the original address, when the source gives one


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A decoded input before cleaning, with the metadata its source supplied.

    Bytes are decoded by the reader, because a decoding failure is a reading failure
    (it becomes a ``Rejected``), not an analysis one. For HTML, ``text`` is the main
    text trafilatura extracted and ``title``/``date`` come from the page's metadata.
    """

    origin: Origin
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, from the source's metadata
    language: str | None = None  # ISO 639-1, when the source declares it
    # An approximate date from the page's surroundings (links, file paths), when the
    # metadata has none: only used to supply the year of a date the text prints without one.
    date_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read or is not a document, kept with the reason.

    ``reason`` is a stable short code (see ``errors.REJECTION_REASONS``); ``detail`` is the
    human sentence shown by ``porteparole rejected``.
    """

    origin: Origin
    reason: str
    detail: str
    content_hash: str | None = None  # SHA-256 prefix of the raw bytes, when any were read


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: its normalized text is stored once and every span points into it."""

    id: str
    origin: Origin
    language: str  # ISO 639-1, or "und" when undetermined
    kind: Kind  # one of KINDS
    text: str
    title: str | None = None
    date: str | None = None  # the date the document carries, ISO YYYY-MM-DD
    time: str | None = None  # HH:MM when printed (press-conference timestamp line)
    place: str | None = None  # an article's dateline place ("PÉKIN")
    ministry: str | None = None  # for a press conference, the ministry that holds it
    spokesperson: str | None = None  # canonical name of the official who answers
    flags: tuple[str, ...] = ()  # e.g. "mojibake_repaired", "boilerplate_removed"
    removed: tuple[str, ...] = ()  # boilerplate lines removed by cleaning, kept for audit
    # What read it: package version, knowledge digest, models (``analyzer.Stamp``); None
    # for a document stored before stamps existed.
    analyzer: str | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of a press conference; its span is the turn's own text, after any label."""

    document_id: str
    index: int
    role: TurnRole  # one of TURN_ROLES
    speaker: str | None  # outlet as printed (question), canonical name (statement/answer)
    start: int
    end: int
    label: str | None = None  # the label as printed ("Dragon TV", "Q", "Mao Ning"), if any
    speaker_actor: str | None = None  # actor id of the speaker, once actors are resolved


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the document's text (articles and statements; turns split too)."""

    document_id: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ActorRole:
    """A role that makes an actor who they are in a period: spokesperson, minister, president."""

    role: str  # e.g. "spokesperson", "foreign_minister", "head_of_state"
    organization: str | None  # actor id of the organization or state the role is held in
    start: str | None  # ISO date; None when unknown or before the knowledge base's horizon
    end: str | None  # ISO date; None while the role is held

    def held_on(self, day: str) -> bool:
        """Whether the role was held on ``day`` (ISO date): from ``start``, inclusive, to
        ``end``, exclusive (the day the successor took over, so a hand-over day has one
        holder); an open end is unbounded. Every dated question of the roles asks this."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: one id for every spelling, title and transliteration of it."""

    id: str
    name: str  # canonical name, the form English-language wire services use
    type: ActorType  # one of ACTOR_TYPES
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # CAMEO-style sector code: GOV, MIL, DIP, LEG, MED, BUS, IGO, ...
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> aliases
    roles: tuple[ActorRole, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that names or designates an actor; unresolved ones keep ``actor_id`` None."""

    document_id: str
    start: int
    end: int
    surface: str
    entity_type: str  # PER, ORG, LOC, GPE, NORP, PRON, ROLE, ...
    actor_id: str | None
    confidence: float
    # how it was resolved: name | alias | adjective | institution | metonymy | apposition |
    # role (a description resolved by date) | coreference | surname | fuzzy | ner (unresolved)
    # | antecedent | antecedent-named | latter | sentence (anaphora, see actors.anaphora)
    method: str = "alias"


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or reported speech: ``start``/``end`` cover the quoted content."""

    document_id: str
    start: int
    end: int
    speaker_actor: str | None
    speaker_text: str | None  # how the text designates the speaker ("M. Ngo Khiem", "il")
    kind: QuoteKind  # "direct" | "reported"
    cue: str | None  # the cue verb or phrase ("a déclaré", "selon", "said")
    turn_index: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event between two actors, with CAMEO and Goldstein equivalents."""

    document_id: str
    start: int  # evidence span
    end: int
    source_actor: str | None
    type: str  # one of PLOVER_TYPES
    target_actor: str | None
    mode: str | None = None
    cameo_root: str | None = None  # two-digit CAMEO root code, e.g. "11"
    goldstein: float | None = None
    negated: bool = False
    modality: str | None = None  # None (asserted) | "intent" | "refusal" | "condition"
    date: str | None = None
    confidence: float = 1.0
    speaker_actor: str | None = None  # who reports the event, when it is inside speech


@dataclass(frozen=True, slots=True)
class Topic:
    """A taxonomy label on a turn or a paragraph."""

    document_id: str
    start: int
    end: int
    label: str
    score: float
    unit: str = "paragraph"  # "turn" | "paragraph"


@dataclass(frozen=True, slots=True)
class MechanismUpdate:
    """A reported change in the state of a tracked mechanism (a channel, a resolution...)."""

    mechanism_id: str
    status: str  # one of MECHANISM_STATUSES
    date: str | None
    parties: tuple[str, ...]
    document_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything porteparole reads in one document: the output of ``pipeline.analyze``."""

    document: Document
    turns: tuple[Turn, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    topics: tuple[Topic, ...] = ()
    mechanism_updates: tuple[MechanismUpdate, ...] = ()

    def span_text(self, start: int, end: int) -> str:
        """The exact words of a span of this document."""
        return self.document.text[start:end]


RECORD_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Origin, RawDocument, Rejected, Document, Turn, Paragraph, ActorRole, Actor,
        Mention, Quote, Event, Topic, MechanismUpdate, Analysis,
    )
}


def to_json(record: Any) -> dict[str, Any]:
    """The stable JSON form of a record: its fields plus ``record`` and ``schema_version``."""
    out: dict[str, Any] = _plain(record)
    out["record"] = type(record).__name__
    out["schema_version"] = SCHEMA_VERSION
    return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def from_json(data: dict[str, Any]) -> Any:
    """Rebuild a record from its JSON form (the inverse of ``to_json``)."""
    name = data.get("record")
    if name not in RECORD_TYPES:
        raise ValueError(f"unknown record type {name!r}")
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        raise ValueError(f"record has schema_version {version!r}, expected one of "
                         f"{', '.join(map(str, READABLE_VERSIONS))}")
    return _build(RECORD_TYPES[name], data)


_NESTED: dict[tuple[str, str], type] = {
    ("RawDocument", "origin"): Origin,
    ("Rejected", "origin"): Origin,
    ("Document", "origin"): Origin,
    ("Analysis", "document"): Document,
}
_NESTED_TUPLES: dict[tuple[str, str], type] = {
    ("Actor", "roles"): ActorRole,
    ("Analysis", "turns"): Turn,
    ("Analysis", "paragraphs"): Paragraph,
    ("Analysis", "mentions"): Mention,
    ("Analysis", "quotes"): Quote,
    ("Analysis", "events"): Event,
    ("Analysis", "topics"): Topic,
    ("Analysis", "mechanism_updates"): MechanismUpdate,
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        key = (cls.__name__, f.name)
        if key in _NESTED and value is not None:
            value = _build(_NESTED[key], value)
        elif key in _NESTED_TUPLES:
            value = tuple(_build(_NESTED_TUPLES[key], v) for v in value)
        elif key == ("Actor", "aliases"):
            value = {lang: tuple(v) for lang, v in value.items()}
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)
