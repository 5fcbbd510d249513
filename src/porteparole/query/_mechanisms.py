"""Mechanisms with stored updates and the history of their status updates.

What a mechanism is (its name, kind, parties, names in each language) is read from the
store's ``mechanisms`` table, as the catalog described it when the updates were written
(``porteparole.described``), never from today's knowledge files.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from porteparole.errors import InputError
from porteparole.query._paging import (
    Filters,
    Page,
    check_page_limit,
    decode_cursor,
    page_of,
    refuse_unsupported,
)
from porteparole.records import MechanismUpdate
from porteparole.store import Store
from porteparole.store.reader import update_of


@dataclass(frozen=True, slots=True)
class StoredMechanism:
    """A mechanism as the store describes it; ``kind`` is "unknown" and the name the id for
    a mechanism the store has no description of."""

    id: str
    name: str
    kind: str
    parties: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]  # language -> names


@dataclass(frozen=True, slots=True)
class MechanismUpdateView:
    """A stored status update with its evidence words; ``date`` is the update's, else its
    document's; ``party_names`` are the stored names of its parties (ids when unknown)."""

    update: MechanismUpdate
    evidence: str
    date: str | None
    party_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MechanismHistory:
    """A mechanism's updates oldest first; ``current`` is the latest by date."""

    mechanism: StoredMechanism
    history: tuple[MechanismUpdateView, ...]

    @property
    def current(self) -> MechanismUpdateView | None:
        return self.history[-1] if self.history else None


# The mechanisms listed, by id: every one with a stored update, or the one asked for.
_IDS_SQL = """
SELECT id FROM (SELECT DISTINCT mechanism_id AS id FROM mechanism_updates
                 WHERE :id IS NULL UNION SELECT :id WHERE :id IS NOT NULL)
 WHERE :after IS NULL OR id > :after ORDER BY id LIMIT :limit
"""
_UPDATES_SQL = """
SELECT u.*, COALESCE(u.date, d.date) AS effective_date,
       substr(d.text, u.start + 1, u."end" - u.start) AS span_text,
       (SELECT json_group_array(COALESCE(a.name, p.value)) FROM json_each(u.parties) p
          LEFT JOIN actors a ON a.id = p.value) AS party_names
  FROM mechanism_updates u JOIN documents d ON d.id = u.document_id
 WHERE u.mechanism_id IN (SELECT value FROM json_each(:ids))
 ORDER BY u.mechanism_id, effective_date IS NOT NULL, effective_date, u.pk
"""
SUPPORTED = frozenset({"mechanism"})


def mechanisms(store: Store, filters: Filters | None = None) -> list[MechanismHistory]:
    """Every mechanism with stored updates (or only ``filters.mechanism``) on one list, as
    ``mechanism_page`` gives them."""
    return _histories(store, filters or Filters(), -1, None)


def mechanism_page(store: Store, filters: Filters | None = None, *, limit: int = 20,
                   cursor: str | None = None) -> Page[MechanismHistory]:
    """One page of the mechanisms with stored updates, by id, after ``cursor``; each with
    its history in date order (undated updates first, in the order stored). Reads
    ``mechanism`` (an id, name or alias): that one alone, even with no update stored."""
    key = None if cursor is None else decode_cursor(cursor, (str,))
    found = _histories(store, filters or Filters(), check_page_limit(limit) + 1,
                       None if key is None else str(key[0]))
    return page_of(found, [(h.mechanism.id,) for h in found], limit)


def _histories(store: Store, filters: Filters, limit: int,
               after: str | None) -> list[MechanismHistory]:
    refuse_unsupported(filters, SUPPORTED, "mechanisms")
    described = stored_mechanisms(store)
    wanted = _mechanism_id(store, filters.mechanism, described) if filters.mechanism else None
    ids = [str(r[0]) for r in store.rows(_IDS_SQL, {"id": wanted, "after": after,
                                                   "limit": limit})]
    grouped: dict[str, list[MechanismUpdateView]] = {m: [] for m in ids}
    for r in store.rows(_UPDATES_SQL, {"ids": json.dumps(ids)}):
        view = MechanismUpdateView(update_of(r), r["span_text"], r["effective_date"],
                                   tuple(json.loads(r["party_names"] or "[]")))
        grouped[r["mechanism_id"]].append(view)
    return [MechanismHistory(described.get(m) or StoredMechanism(m, m, "unknown", (), {}),
                             tuple(views))
            for m, views in grouped.items()]


def _mechanism_id(store: Store, ref: str, described: dict[str, StoredMechanism]) -> str:
    if ref in described:
        return ref
    rows = store.rows(
        "SELECT DISTINCT m.id FROM mechanisms m WHERE pp_name_key(m.id) = pp_name_key(:ref) "
        "OR pp_name_key(m.name) = pp_name_key(:ref) OR EXISTS (SELECT 1 FROM "
        "json_each(m.aliases) lang, json_each(lang.value) n "
        "WHERE pp_name_key(n.value) = pp_name_key(:ref)) ORDER BY m.id", {"ref": ref})
    if rows:
        return str(rows[0][0])
    if store.rows("SELECT 1 FROM mechanism_updates WHERE mechanism_id = ? LIMIT 1", (ref,)):
        return ref
    known = ", ".join(sorted(described)) or "none stored"
    raise InputError(f"no mechanism is named {ref!r}; known ids: {known}")


def stored_mechanisms(store: Store) -> dict[str, StoredMechanism]:
    """The mechanisms the store describes, by id."""
    return {r["id"]: _mechanism_of(r) for r in store.rows("SELECT * FROM mechanisms")}


def _mechanism_of(row: sqlite3.Row) -> StoredMechanism:
    aliases = json.loads(row["aliases"] or "{}")
    return StoredMechanism(row["id"], row["name"], row["kind"],
                           tuple(json.loads(row["parties"] or "[]")),
                           {lang: tuple(names) for lang, names in aliases.items()})
