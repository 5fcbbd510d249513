"""Dump every record stages 5-9 produce on a fixed set of documents, to prove a speed-up
changes nothing.

A performance change must leave the output byte for byte as it was. This script analyses
the bundled sample corpus, an evenly spaced sample of ``../shared/corpus/fmprc-en`` pages,
the seeds and the *tune* half of dev-fr and dev-en (never the validation half: its
documents are read by nobody), and writes one JSON line per document with its mentions,
quotes, events, topics and mechanism updates, sorted. Run it before a change with
``--out before.jsonl`` and after with ``--out after.jsonl``, then ``--compare`` the two:

    PYTHONPATH=src python scripts/same_outputs.py --out /tmp/before.jsonl
    PYTHONPATH=src python scripts/same_outputs.py --out /tmp/after.jsonl
    PYTHONPATH=src python scripts/same_outputs.py --compare /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from porteparole import pipeline, read
from porteparole.evaluate.sets import half_of
from porteparole.records import Analysis, Rejected, to_json

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RECORDS = ("turns", "paragraphs", "mentions", "quotes", "events", "topics", "mechanism_updates")


def sources(fmprc_pages: int) -> list[Path]:
    """The files analysed, in a fixed order; absent corpora are skipped."""
    paths = sorted(p for p in (ROOT / "examples" / "corpus").rglob("*") if p.is_file())
    fmprc = sorted((SHARED / "corpus" / "fmprc-en").glob("*.html"))
    if fmprc and fmprc_pages:
        step = max(1, len(fmprc) // fmprc_pages)
        paths += fmprc[::step][:fmprc_pages]
    paths += sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    for name in ("dev-fr", "dev-en"):
        golds = sorted((SHARED / "eval" / name / "gold").glob("*.gold.json"))
        corpus = SHARED / "eval" / name / "corpus"
        paths += [corpus / g.name.removesuffix(".gold.json")
                  for i, g in enumerate(golds) if half_of(i) == "tune"]
    return [p for p in paths if p.is_file()]


def prepared(paths: Sequence[Path]) -> Iterator[Analysis]:
    for source in read.discover(list(paths)):
        for raw in read.read_source(source):
            if isinstance(raw, Rejected):
                continue
            outcome = pipeline.prepare(raw)
            if isinstance(outcome, Analysis):
                yield outcome


def dump(analysis: Analysis) -> str:
    """One document's records as a canonical JSON line."""
    out: dict[str, object] = {"document": analysis.document.id}
    for name in RECORDS:
        rows = [json.dumps(to_json(r), sort_keys=True) for r in getattr(analysis, name)]
        out[name] = sorted(rows)
    return json.dumps(out, sort_keys=True)


def write(path: Path, fmprc_pages: int, batch: int) -> int:
    analyses = list(prepared(sources(fmprc_pages)))
    lines: list[str] = []
    for start in range(0, len(analyses), batch):
        lines += [dump(a) for a in pipeline.enrich_many(analyses[start:start + batch])]
    path.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents written to {path}")
    return 0


def compare(before: Path, after: Path) -> int:
    """0 when both dumps are identical, else 1 and the documents that differ (ids only)."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if old == new:
        print(f"identical: {len(old)} documents")
        return 0
    by_id = {json.loads(line)["document"]: line for line in old}
    differing = [json.loads(line)["document"] for line in new
                 if by_id.get(json.loads(line)["document"]) != line]
    print(f"DIFFERENT: {len(old)} vs {len(new)} documents; {len(differing)} differ:")
    for document in differing[:20]:
        print(f"  {document}")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the dump here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--fmprc-pages", type=int, default=60)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out:
        return write(args.out, args.fmprc_pages, args.batch)
    parser.error("give --out or --compare")
    return 2


if __name__ == "__main__":
    sys.exit(main())
