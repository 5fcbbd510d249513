"""The one filter object every list query takes, and keyset paging by an opaque cursor.

Why keyset, not OFFSET: a cursor holds the sort key of the last row a page returned, so the
next page starts strictly after that row whatever was ingested in between; an offset would
skip or repeat rows when a document lands in front of it. The cursor is base64 of that key
as JSON, opaque to callers: they pass back what ``Page.next_cursor`` gave them. A cursor is
a position in the list's order, not a saved query: the filters are given again with it.

Each list names the ``Filters`` fields it reads (``refuse_unsupported``); a field it does not
read is refused with ``InputError`` rather than silently ignored. The fields are named as
the records name what they filter (``Quote.kind``, ``Event.type``, ``Actor.type``,
``Actor.country``): ``kind`` and ``type`` are those of the records the list shows, so
``kind`` is a quote's kind in the quotes and a document's kind in a search, and ``type`` an
event's PLOVER type in the events and dyads and an actor's type in the actors. Each list
checks the values it reads.

Every sort key ends with a unique column (an id, a rowid), so ties in the leading parts
(two actors with as many mentions, two hits with the same rank) still have one order, and a
walk through the pages gives each row once. A key part is a string, an integer or a float
(a search's bm25 rank, written in JSON as the shortest text that reads back to the same
double, so the cursor compares equal to the rank SQLite computes again).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from porteparole.errors import InputError
from porteparole.query._common import check_date

T = TypeVar("T")
KeyPart = str | int | float | None
CURSOR_MAX_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions a list can apply (each list reads some: see the module docstring).

    Actors (``speaker``, ``about``, ``source``, ``target``, ``actor``) are ids or any
    stored name; a state as ``source`` or ``target`` covers its country (``actor_scope``).
    Dates are ``YYYY-MM-DD``, inclusive, and apply to the list's own date (an event's, else
    its document's; a quote's or a hit's document's). ``spokesperson`` and ``outlet`` match
    part of the name, ignoring case and accents."""

    since: str | None = None
    until: str | None = None
    year: str | None = None  # YYYY: the document's date in that year
    language: str | None = None  # the document's ISO 639 code
    kind: str | None = None  # the listed record's kind: a quote's, a document's
    type: str | None = None  # the listed record's type: an event's (PLOVER), an actor's
    speaker: str | None = None  # who said the quote
    about: str | None = None  # an actor named inside the quoted words
    source: str | None = None  # who acts
    target: str | None = None  # who is acted on
    include_negated: bool = False  # events the text denies happened, too
    both_directions: bool = False  # target -> source events, too
    actor: str | None = None  # documents naming this actor
    spokesperson: str | None = None  # documents of this spokesperson
    outlet: str | None = None  # questions this outlet asked (and their documents)
    topic: str | None = None  # documents with this topic label
    event_type: str | None = None  # documents holding an event of this PLOVER type
    country: str | None = None  # an actor's country (ISO alpha-3)
    mechanism: str | None = None  # one mechanism: its id, name or alias
    reason: str | None = None  # a rejection reason (``errors.REJECTION_REASONS``)

    def __post_init__(self) -> None:
        check_date("since", self.since)
        check_date("until", self.until)
        if self.year is not None and not (len(self.year) == 4 and self.year.isdigit()):
            raise InputError(f"--year {self.year!r} is not a year; write it YYYY")

    def given(self) -> tuple[str, ...]:
        """The names of the fields set to something other than their default."""
        return tuple(f.name for f in dataclasses.fields(self)
                     if getattr(self, f.name) != f.default)


def refuse_unsupported(filters: Filters, supported: frozenset[str], listing: str) -> None:
    """``InputError`` naming every set field of ``filters`` that ``listing`` does not read."""
    extra = sorted(name for name in filters.given() if name not in supported)
    if extra:
        raise InputError(f"{listing} cannot be filtered by {', '.join(extra)}; "
                         f"they filter by {', '.join(sorted(supported))}")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its items, in the list's order, and the cursor of the next page
    (None when this page is the last)."""

    items: tuple[T, ...]
    next_cursor: str | None = None


def encode_cursor(key: Sequence[KeyPart]) -> str:
    """The opaque cursor of a row's sort key."""
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str, kinds: Sequence[type]) -> tuple[KeyPart, ...]:
    """The sort key a cursor holds, checked against the types of the list's key
    (``str`` parts may also be None); anything else is an ``InputError``."""
    bad = InputError("the cursor is not one this list gave; ask for the first page again "
                     "(no cursor) and pass back the next_cursor it gives")
    if not cursor or len(cursor) > CURSOR_MAX_CHARS:
        raise bad
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise bad from None
    if not isinstance(value, list) or len(value) != len(kinds):
        raise bad
    for part, kind in zip(value, kinds, strict=True):
        if kind is float and (not isinstance(part, int | float) or isinstance(part, bool)
                              or not math.isfinite(part)):
            raise bad
        if kind is int and (not isinstance(part, int) or isinstance(part, bool)
                            or not -2**63 <= part < 2**63):  # what SQLite can bind
            raise bad
        if kind is str and part is not None and not _bindable(part):
            raise bad
    return tuple(value)


def _bindable(part: object) -> bool:
    """A string SQLite can bind: no lone surrogate (JSON can spell one, UTF-8 cannot)."""
    if not isinstance(part, str):
        return False
    try:
        part.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def after_sql(order: Sequence[tuple[str, bool]]) -> str:
    """The SQL condition "the row sorts after the cursor's key" for an ORDER BY of
    ``(expression, descending)`` pairs, none of them NULL (``COALESCE`` them); the key's
    parts are the parameters ``:k0``, ``:k1``…, and ``:after`` is 0 for the first page."""
    condition = "0"
    for index in reversed(range(len(order))):
        expression, descending = order[index]
        beyond = f"{expression} {'<' if descending else '>'} :k{index}"
        condition = f"({beyond} OR ({expression} = :k{index} AND {condition}))"
    return f"(:after = 0 OR {condition})"


def key_params(key: Sequence[KeyPart] | None, size: int) -> dict[str, KeyPart]:
    """The parameters of ``after_sql`` for a decoded cursor key of ``size`` parts (None:
    the first page, every part unbound)."""
    params: dict[str, KeyPart] = {"after": int(key is not None)}
    params.update({f"k{i}": None if key is None else key[i] for i in range(size)})
    return params


def page_of(items: list[T], keys: list[Sequence[KeyPart]], limit: int) -> Page[T]:
    """A page from ``limit + 1`` fetched items and their sort keys: the first ``limit``,
    and a next cursor when the extra item shows there is more."""
    if len(items) <= limit:
        return Page(tuple(items))
    return Page(tuple(items[:limit]), encode_cursor(keys[limit - 1]))


def check_choice(name: str, value: str | None, choices: Sequence[str]) -> None:
    """Refuse a value that is not one of ``choices``, naming them."""
    if value is not None and value not in choices:
        raise InputError(f"unknown {name} {value!r}; choose one of {', '.join(choices)}")


def check_page_limit(limit: int) -> int:
    """A page size: at least 1."""
    if limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    return limit
