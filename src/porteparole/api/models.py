"""Shapes the API sends or accepts that are not query views of their own."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from porteparole.query import (
    EventView,
    MechanismHistory,
    MechanismUpdateView,
    QuoteView,
    RejectedEntry,
    to_jsonable,
)

MAX_TEXT = 5_000_000  # characters of one posted document
MAX_BATCH = 500  # documents in one posted batch


@dataclass(frozen=True, slots=True)
class MechanismOut:
    """A tracked mechanism, its current status and its history, oldest first."""

    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    current: MechanismUpdateView | None
    history: tuple[MechanismUpdateView, ...]


@dataclass(frozen=True, slots=True)
class QuotePageOut:
    """One page of quotes; ``next_cursor`` is the ``cursor`` of the next (None: the last)."""

    items: tuple[QuoteView, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class EventPageOut:
    """One page of events; ``next_cursor`` is the ``cursor`` of the next (None: the last)."""

    items: tuple[EventView, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class RejectedPageOut:
    """One page of rejected inputs; ``next_cursor`` is the ``cursor`` of the next."""

    items: tuple[RejectedEntry, ...]
    next_cursor: str | None


def mechanism_out(h: MechanismHistory) -> MechanismOut:
    m = h.mechanism
    return MechanismOut(m.id, m.name, m.kind, tuple(m.parties), h.current, h.history)


class DocumentIn(BaseModel):
    """One document to ingest, as a line of a JSON Lines feed (``read.jsonl``)."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, max_length=100, description="ISO YYYY-MM-DD")
    language: str | None = Field(default=None, max_length=16, description="ISO 639-1")
    url: str | None = Field(default=None, max_length=4000)


class BatchIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_BATCH)


@dataclass(frozen=True, slots=True)
class RejectedOut:
    source: str
    line: int | None
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class IngestOut:
    """What a posted ingest did: documents new, already stored, rejected (with reasons)."""

    new: int
    unchanged: int
    rejected: tuple[RejectedOut, ...]


__all__ = ["BatchIn", "DocumentIn", "IngestOut", "MechanismOut", "RejectedOut",
           "mechanism_out", "to_jsonable"]
