"""Tracked mechanisms and the history of their stored status updates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.errors import InputError
from porteparole.records import MechanismUpdate
from porteparole.store import Store
from porteparole.store.reader import update_of
from porteparole.text.folds import fold_key

if TYPE_CHECKING:  # the mechanisms stage is imported when a mechanism question is asked
    from porteparole.mechanisms import Mechanism


@dataclass(frozen=True, slots=True)
class MechanismUpdateView:
    """A stored status update with its evidence words; ``date`` is the update's, else its
    document's."""

    update: MechanismUpdate
    evidence: str
    date: str | None


@dataclass(frozen=True, slots=True)
class MechanismHistory:
    """A mechanism's updates oldest first; ``current`` is the latest by date."""

    mechanism: Mechanism  # from the catalog, or a stand-in named by the id alone
    history: tuple[MechanismUpdateView, ...]

    @property
    def current(self) -> MechanismUpdateView | None:
        return self.history[-1] if self.history else None


def mechanisms(store: Store, *, mechanism: str | None = None,
               catalog: Mapping[str, Mechanism] | None = None) -> list[MechanismHistory]:
    """Every mechanism with stored updates (or only ``mechanism``: an id, name or alias),
    with its history in date order; undated updates come first, in the order stored.

    ``catalog`` maps ids to the tracked mechanisms (default: ``knowledge/mechanisms.yaml``
    through ``mechanisms.catalog.load_catalog``). Updates stored under an id it does not
    list (written with older knowledge) are still shown, named by their id.
    """
    from porteparole.mechanisms import Mechanism

    catalog = mechanism_catalog() if catalog is None else catalog
    wanted = _mechanism_id(store, mechanism, catalog) if mechanism else None
    rows = store.rows(
        "SELECT u.*, COALESCE(u.date, d.date) AS effective_date, "
        "substr(d.text, u.start + 1, u.\"end\" - u.start) AS span_text "
        "FROM mechanism_updates u JOIN documents d ON d.id = u.document_id "
        "WHERE (:id IS NULL OR u.mechanism_id = :id) "
        "ORDER BY u.mechanism_id, effective_date IS NOT NULL, effective_date, u.pk",
        {"id": wanted})
    grouped: dict[str, list[MechanismUpdateView]] = {}
    for r in rows:
        view = MechanismUpdateView(update_of(r), r["span_text"], r["effective_date"])
        grouped.setdefault(r["mechanism_id"], []).append(view)
    if wanted and wanted not in grouped:
        grouped[wanted] = []
    return [MechanismHistory(catalog.get(m) or Mechanism(m, m, "unknown", (), (), {}),
                             tuple(views))
            for m, views in grouped.items()]


def _mechanism_id(store: Store, ref: str, catalog: Mapping[str, Mechanism]) -> str:
    if ref in catalog:
        return ref
    key = fold_key(ref)
    for m in catalog.values():
        names = (m.id, m.name, *(a for aliases in m.aliases.values() for a in aliases))
        if key in {fold_key(n) for n in names}:
            return m.id
    if store.rows("SELECT 1 FROM mechanism_updates WHERE mechanism_id = ? LIMIT 1", (ref,)):
        return ref
    known = ", ".join(sorted(catalog)) or "none in the knowledge files"
    raise InputError(f"no mechanism is named {ref!r}; known ids: {known}")


def mechanism_catalog() -> dict[str, Mechanism]:
    """The tracked mechanisms of ``knowledge/mechanisms.yaml``, by id."""
    from porteparole.mechanisms import load_catalog

    return {m.id: m for m in load_catalog().mechanisms}
