"""Events as PLOVER JSON records, one a line (``events.plover.jsonl``).

The fields are the PLOVER manual's event record: ``id``, ``date``, ``actor``,
``recipient``, ``event`` (the PLOVER type), ``mode``, ``context`` (a list; here the topic
labels whose spans contain the evidence), ``event_text`` (the evidence words) and
``quad_code`` (the type's quad in the ontology: 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict). PLOVER leaves room for a system's own
fields; ours say where the evidence is: ``document_id``, ``start`` and ``end`` (character
offsets into the stored text), ``source`` (URL or file), with ``actor_name``,
``recipient_name``, ``cameo_root``, ``goldstein`` and ``modality``. Denied events are left
out, as in every event dataset.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from porteparole import query
from porteparole.events import load_ontology
from porteparole.export_tables import prepare_directory
from porteparole.store import Store

DATA_FILE = "events.plover.jsonl"
QUAD_CODES = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
              "material conflict": 4}


def plover_record(x: query.ExportEvent, names: Mapping[str, str],
                  quads: dict[str, int | None]) -> dict[str, Any]:
    """One event as a PLOVER record; ``names`` are the store's actor names by id."""
    e = x.event

    def name(actor_id: str | None) -> str | None:
        return None if actor_id is None else names.get(actor_id, actor_id)

    return {
        "id": f"{e.document_id}-{x.number}", "date": x.date, "actor": e.source_actor,
        "recipient": e.target_actor, "event": e.type, "mode": e.mode,
        "context": list(x.topics), "event_text": " ".join(x.evidence.split()),
        "quad_code": quads.get(e.type),
        "document_id": e.document_id, "start": e.start, "end": e.end,
        "source": x.url or x.source, "actor_name": name(e.source_actor),
        "recipient_name": name(e.target_actor), "cameo_root": e.cameo_root,
        "goldstein": e.goldstein, "modality": e.modality,
    }


def export_plover(store: Store, directory: str | Path) -> list[Path]:
    """Write ``events.plover.jsonl`` into ``directory``; return its path."""
    names = query.actor_names(store)
    quads = {t.name: QUAD_CODES.get(t.quad.strip().lower())
             for t in load_ontology().types.values()}
    target = prepare_directory(directory)
    path = target / DATA_FILE
    partial = target / f".{DATA_FILE}.partial"
    try:
        with partial.open("w", encoding="utf-8") as out:
            for event in query.export_events(store):
                out.write(json.dumps(plover_record(event, names, quads), ensure_ascii=False))
                out.write("\n")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return [path]
