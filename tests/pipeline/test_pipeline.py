"""The pipeline's cheap stages (1-3) on real input, end to end from the readers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from porteparole.errors import InputError
from porteparole.pipeline import MAX_DOCUMENT_CHARS, analyze, prepare
from porteparole.read import read_source
from porteparole.records import Analysis, Document, Origin, RawDocument, Rejected
from porteparole.structure.tenure import in_office


def _prepared(path: Path) -> Analysis | Rejected:
    (raw,) = list(read_source(path))
    return raw if isinstance(raw, Rejected) else prepare(raw)


def _dated_or_undatable(path: Path, document: Document) -> bool:
    """A date, or none because the page's only hint of a year falls outside the
    spokesperson's term (a date that cannot be right is worse than none)."""
    if document.date:
        return True
    (raw,) = list(read_source(path))
    assert isinstance(raw, RawDocument) and raw.date_hint
    return not in_office(document.spokesperson)(raw.date_hint)


def test_fmprc_transcripts_and_listing_pages(fmprc_dir: Path) -> None:
    """Every transcript is a press conference with spokesperson, date, questions and
    answers; the site's listing pages are rejected, not stored as press conferences."""
    pages = sorted(fmprc_dir.glob("t*.html"))[::12] + sorted(fmprc_dir.glob("default*.html"))
    outcome: Counter[str] = Counter()
    for page in pages:
        result = _prepared(page)
        if isinstance(result, Rejected):
            outcome[f"rejected:{result.reason}:{page.name[0]}"] += 1
            continue
        document, roles = result.document, Counter(t.role for t in result.turns)
        complete = bool(document.spokesperson and roles["question"]) and _dated_or_undatable(
            page, document
        )
        outcome[f"{document.kind}:{complete and roles['answer'] > 0}:{page.name[0]}"] += 1
    transcripts = len([p for p in pages if p.name.startswith("t")])
    assert outcome["press_conference:True:t"] == transcripts
    assert outcome["rejected:listing_page:d"] == len(pages) - transcripts


def test_year_of_an_undated_title_comes_from_the_page(fmprc_dir: Path) -> None:
    """A title printing "on September 10" without a year is dated from the page context."""
    page = fmprc_dir / "t1593756.html"
    if not page.exists():
        pytest.skip("page not in this copy of the corpus")
    result = _prepared(page)
    assert isinstance(result, Analysis)
    assert result.document.date == "2018-09-10"
    assert "date_year_inferred" in result.document.flags


def test_seed_kinds(seeds_dir: Path) -> None:
    kinds = {p.name[:3]: _prepared(p) for p in sorted(seeds_dir.glob("*.txt"))}
    assert {k: a.document.kind for k, a in kinds.items() if isinstance(a, Analysis)} == {
        "000": "news_article", "001": "press_conference", "002": "news_article",
        "003": "news_article", "004": "press_conference",
    }


def test_oversized_text_is_rejected_not_half_read() -> None:
    raw = RawDocument(Origin("big.txt", "text"), "mot " * (MAX_DOCUMENT_CHARS // 3))
    result = prepare(raw)
    assert isinstance(result, Rejected) and result.reason == "too_large"


def test_analyze_refuses_what_is_not_a_document() -> None:
    with pytest.raises(InputError, match="empty"):
        analyze("   \n\n  ")
