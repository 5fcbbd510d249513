"""Coverage-guided fuzzing (atheris) of the readers, the cleaner, detection, both structure
parsers, ``prepare`` and the query translator.

    python bench/fuzz.py --runs 100000        # stops after that many inputs, prints a count

Each input's bytes go through every reader (text, HTML, JSON Lines, JSON); the text they
decode to goes through cleaning, detection, both structure parsers and ``prepare``; and the
bytes, decoded, are also a search query. Anything that raises other than the project's
own ``QueryError`` for a query is a crash: atheris stops and prints the input. The property
tests (tests/pipeline/test_fuzz.py) check the same outcomes with hypothesis.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["porteparole"]):
    from porteparole import clean, detect, pipeline
    from porteparole.errors import REJECTION_REASONS, QueryError
    from porteparole.query import to_fts
    from porteparole.read.html import read_html
    from porteparole.read.jsonl import read_json, read_jsonl
    from porteparole.read.text import read_text
    from porteparole.records import Analysis, Origin, RawDocument, Rejected
    from porteparole.store.writer import check_spans
    from porteparole.structure import parse_article, parse_press_conference

ORIGIN = Origin("fuzz", "text")
COUNT = [0]


def one_input(data: bytes) -> None:
    COUNT[0] += 1
    outcomes = [read_text(data, ORIGIN), read_html(data, Origin("f.html", "html"))]
    outcomes += list(read_jsonl(io.BytesIO(data), "f.jsonl", 1_000_000))
    outcomes += list(read_json(data, "f.json"))
    for item in outcomes:
        if isinstance(item, Rejected):
            assert item.reason in REJECTION_REASONS and item.detail, item
    text = data.decode("utf-8", "replace")
    cleaned = clean.clean(text).text
    language = detect.detect_language(cleaned)
    detect.detect_kind(cleaned, None, language)
    for parse in (parse_press_conference, parse_article):
        structure = parse(cleaned, "doc", language)
        for record in (*structure.turns, *structure.paragraphs):
            assert 0 <= record.start <= record.end <= len(cleaned)
    prepared = pipeline.prepare(RawDocument(ORIGIN, text))
    if isinstance(prepared, Analysis):
        assert prepared.document.text == cleaned
        check_spans(prepared)
    try:
        to_fts(text)
        to_fts(text, cjk=True)
    except QueryError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100_000)
    args, rest = parser.parse_known_args()
    atheris.Setup([sys.argv[0], f"-runs={args.runs}", "-max_len=4096", *rest], one_input)
    try:
        atheris.Fuzz()
    finally:
        print(f"fuzzed inputs: {COUNT[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
