"""Events as a GDELT 2.0 event table: the 61 columns in GDELT's order, then our offsets.

GDELT tooling reads tab-separated files without a header row whose columns follow the
GDELT 2.0 Event Codebook; ``events.gdelt.tsv`` is such a file, and
``events.gdelt.columns.tsv`` documents every column (position, name, what we put in it).
Columns GDELT fills from its own machinery (geography, tone, religion and ethnic codes)
are left empty; the counts of mentions, sources and articles are 1 (one stored record is
one mention in one document). After GDELT's 61 columns come five of porteparole's:
``PloverType``, ``DocumentID``, ``StartOffset``, ``EndOffset`` (characters of the
evidence in the stored text) and ``EvidenceText``; a reader that takes only the first 61
columns reads a plain GDELT file.

Only asserted events are written (a denied event did not happen). CAMEO actor codes are
built as GDELT builds them: the country's ISO alpha-3 code followed by the role code
(``CHNGOV``, ``USAMIL``); a state alone is its country code. The quad class follows the
CAMEO root: 01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict,
14–20 material conflict.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date as Date
from pathlib import Path

from porteparole import query
from porteparole.export_tables import prepare_directory
from porteparole.records import Actor
from porteparole.store import Store

_ACTOR_FIELDS = (
    ("Code", "CAMEO actor code: country alpha-3 followed by the role code (CHNGOV)"),
    ("Name", "the actor's canonical name, upper case"),
    ("CountryCode", "ISO 3166-1 alpha-3 country of the actor"),
    ("KnownGroupCode", "empty: not coded"),
    ("EthnicCode", "empty: not coded"),
    ("Religion1Code", "empty: not coded"),
    ("Religion2Code", "empty: not coded"),
    ("Type1Code", "CAMEO role code of the actor (GOV, MIL, DIP, MED, IGO...)"),
    ("Type2Code", "empty: not coded"),
    ("Type3Code", "empty: not coded"),
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID")

COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "the event's row number in the store (stable for a store)"),
    ("Day", "date of the event (else of its document) as YYYYMMDD"),
    ("MonthYear", "YYYYMM"),
    ("Year", "YYYY"),
    ("FractionDate", "YEAR + (MONTH * 30 + DAY) / 365, as GDELT computes it"),
    *((f"Actor1{name}", f"source actor: {text}") for name, text in _ACTOR_FIELDS),
    *((f"Actor2{name}", f"target actor: {text}") for name, text in _ACTOR_FIELDS),
    ("IsRootEvent", "1: every stored event is a coded event of its own"),
    ("EventCode", "CAMEO code (the root: porteparole codes to the root level)"),
    ("EventBaseCode", "CAMEO base code (the root)"),
    ("EventRootCode", "CAMEO root code, two digits"),
    ("QuadClass", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                  "4 material conflict"),
    ("GoldsteinScale", "Goldstein score of the event (-10 conflict .. +10 cooperation)"),
    ("NumMentions", "1: one stored record"),
    ("NumSources", "1"),
    ("NumArticles", "1"),
    ("AvgTone", "empty: not computed"),
    *((f"Actor1Geo_{g}", "empty: not coded") for g in _GEO_FIELDS),
    *((f"Actor2Geo_{g}", "empty: not coded") for g in _GEO_FIELDS),
    *((f"ActionGeo_{g}", "empty: not coded") for g in _GEO_FIELDS),
    ("DATEADDED", "when the document was stored, YYYYMMDDHHMMSS (UTC)"),
    ("SOURCEURL", "the document's URL, else the file it was read from"),
    ("PloverType", "porteparole: the PLOVER event type"),
    ("DocumentID", "porteparole: the id of the document holding the evidence"),
    ("StartOffset", "porteparole: first character of the evidence in the document text"),
    ("EndOffset", "porteparole: character after the evidence"),
    ("EvidenceText", "porteparole: the evidence words, whitespace folded to spaces"),
)
GDELT_COLUMNS = 61  # the standard columns before ours
DATA_FILE = "events.gdelt.tsv"
HEADER_FILE = "events.gdelt.columns.tsv"


def quad_class(root: str | None) -> int | None:
    """GDELT's quad class of a CAMEO root code."""
    if not root or not root.isdigit():
        return None
    value = int(root)
    if 1 <= value <= 5:
        return 1
    if 6 <= value <= 8:
        return 2
    if 9 <= value <= 13:
        return 3
    return 4 if 14 <= value <= 20 else None


def actor_code(actor_id: str | None,
               actors: Mapping[str, Actor]) -> tuple[str, str, str, str]:
    """(code, NAME, country, type code) of an actor in GDELT's style, from the store's
    description of it (``actors``); empty when unknown."""
    if actor_id is None:
        return "", "", "", ""
    actor = actors.get(actor_id)
    if actor is None:
        return "", actor_id.upper(), "", ""
    country = actor.country or ""
    sector = actor.sector or ""
    code = country if actor.type == "state" else country + sector
    return code, actor.name.upper(), country, "" if actor.type == "state" else sector


def export_gdelt(store: Store, directory: str | Path) -> list[Path]:
    """Write the event table and its column documentation; return both paths."""
    actors = query.stored_actors(store)
    target = prepare_directory(directory)
    header = target / HEADER_FILE
    _atomic_tsv(header, [("Position", "Name", "Description"),
                         *((str(i), name, text) for i, (name, text) in
                           enumerate(COLUMNS, 1))])
    rows = [_row(e, actors) for e in query.export_events(store)]
    data = target / DATA_FILE
    _atomic_tsv(data, rows)
    return [data, header]


def _row(x: query.ExportEvent, actors: Mapping[str, Actor]) -> list[str]:
    e = x.event
    day = _day(x.date)
    source = actor_code(e.source_actor, actors)
    target = actor_code(e.target_actor, actors)

    def actor_fields(code: tuple[str, str, str, str]) -> list[str]:
        return [code[0], code[1], code[2], "", "", "", "", code[3], "", ""]

    quad = quad_class(e.cameo_root)
    row = [
        str(x.number),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *actor_fields(source), *actor_fields(target),
        "1", e.cameo_root or "", e.cameo_root or "", e.cameo_root or "",
        "" if quad is None else str(quad),
        "" if e.goldstein is None else f"{e.goldstein:.1f}",
        "1", "1", "1", "",
        *([""] * 8), *([""] * 8), *([""] * 8),
        _added(x.ingested_at), x.url or x.source,
        e.type, e.document_id, str(e.start), str(e.end), " ".join(x.evidence.split()),
    ]
    return row


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _added(stamp: str) -> str:
    digits = "".join(c for c in stamp[:19] if c.isdigit())
    return digits.ljust(14, "0")[:14]


def _atomic_tsv(path: Path, rows: Sequence[Sequence[str]]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            for row in rows:  # GDELT's files: tabs between cells, no quoting at all
                out.write("\t".join(" ".join(v.split("\t")).replace("\n", " ")
                                     .replace("\r", " ") for v in row) + "\n")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
