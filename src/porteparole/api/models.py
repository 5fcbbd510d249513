"""Shapes the API sends or accepts that are not query views of their own.

A plain list page is ``query.Page[View]`` itself (its OpenAPI schema is ``Page_View_``); the
classes here are the pages that carry more than items and a cursor, and the write shapes."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from porteparole.query import (
    ActorCount,
    Facet,
    MechanismHistory,
    MechanismUpdateView,
    Page,
    SearchHit,
    SurfaceCount,
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
class SearchPageOut:
    """One page of hits, best first, out of ``total`` hits in ``documents`` documents, and
    the facets of all of them; ``next_cursor`` is the ``cursor`` of the next page."""

    items: tuple[SearchHit, ...]
    next_cursor: str | None
    query: str
    total: int
    documents: int
    facets: tuple[Facet, ...]


@dataclass(frozen=True, slots=True)
class ActorPageOut:
    """One page of actors by mentions, and the mentions no actor was found for."""

    items: tuple[ActorCount, ...]
    next_cursor: str | None
    unresolved: int
    unresolved_surfaces: tuple[SurfaceCount, ...]




def mechanism_page_out(page: Page[MechanismHistory]) -> Page[MechanismOut]:
    """A page of mechanisms in the API's shape (each one flat, with its current status)."""
    return Page(tuple(mechanism_out(h) for h in page.items), page.next_cursor)


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


__all__ = ["ActorPageOut", "BatchIn", "DocumentIn", "IngestOut",
           "MechanismOut", "RejectedOut", "SearchPageOut",
           "mechanism_out", "mechanism_page_out", "to_jsonable"]
