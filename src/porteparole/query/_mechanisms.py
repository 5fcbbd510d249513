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


_UPDATES_SQL = """
SELECT u.*, COALESCE(u.date, d.date) AS effective_date,
       substr(d.text, u.start + 1, u."end" - u.start) AS span_text,
       (SELECT json_group_array(COALESCE(a.name, p.value)) FROM json_each(u.parties) p
          LEFT JOIN actors a ON a.id = p.value) AS party_names
  FROM mechanism_updates u JOIN documents d ON d.id = u.document_id
 WHERE (:id IS NULL OR u.mechanism_id = :id)
 ORDER BY u.mechanism_id, effective_date IS NOT NULL, effective_date, u.pk
"""


def mechanisms(store: Store, *, mechanism: str | None = None) -> list[MechanismHistory]:
    """Every mechanism with stored updates (or only ``mechanism``: an id, name or alias),
    with its history in date order; undated updates come first, in the order stored."""
    described = stored_mechanisms(store)
    wanted = _mechanism_id(store, mechanism, described) if mechanism else None
    grouped: dict[str, list[MechanismUpdateView]] = {}
    for r in store.rows(_UPDATES_SQL, {"id": wanted}):
        view = MechanismUpdateView(update_of(r), r["span_text"], r["effective_date"],
                                   tuple(json.loads(r["party_names"] or "[]")))
        grouped.setdefault(r["mechanism_id"], []).append(view)
    if wanted and wanted not in grouped:
        grouped[wanted] = []
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
