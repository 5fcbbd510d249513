"""Property and fuzz tests: hostile bytes and text through every reader, the cleaner,
detection, both structure parsers, the query translator, ``prepare``/``analyze`` and the
store. Nothing crashes; every rejection has a known reason and a sentence; every accepted
document's stored text is its normalized text and every span lies inside it.

The suite runs a fixed, derandomized budget (profile ``suite``). The long run:

    PORTEPAROLE_FUZZ=long pytest tests/pipeline/test_fuzz.py      # 100,000+ inputs in all

and the coverage-guided harness (atheris): ``python bench/fuzz.py --runs 100000``.
"""

from __future__ import annotations

import io
import os
import sqlite3
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porteparole import clean, detect, pipeline
from porteparole.errors import REJECTION_REASONS, InputError, QueryError
from porteparole.query import to_fts
from porteparole.read.html import read_html
from porteparole.read.jsonl import read_json, read_jsonl
from porteparole.read.sources import sniff_format
from porteparole.read.text import read_text
from porteparole.records import Analysis, Origin, RawDocument, Rejected
from porteparole.store import Store
from porteparole.store.writer import check_spans
from porteparole.structure.article import parse_article
from porteparole.structure.press_conference import parse_press_conference

pytestmark = pytest.mark.slow

settings.register_profile(
    "suite", max_examples=40, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "long", max_examples=15_000, derandomize=False, deadline=None, database=None,
    suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("PORTEPAROLE_FUZZ", "suite")
settings.load_profile(PROFILE)
NLP_EXAMPLES = 8 if PROFILE == "suite" else 400

# Characters that break naive code: NUL and controls, zero-width and bidi marks,
# right-to-left scripts, CJK, combining marks, surrogates' neighbours, line separators.
NASTY = ("\x00\x01\x1f\x7f\x85\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202e"
         "\u2066\u2069\u2028\u2029\u0301\u0327\u05d0\u05e9\u0627\u0644\u0645\u4e2d\u56fd"
         "\u5b5f\u3042\uac00\uff01\ufffd\U0001f600«»“”\"'<>&;:#-*\t\n\r ")
nasty_text = st.text(
    alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8")), max_size=400)
words = st.sampled_from([
    "Q:", "A:", "Mao Ning:", "Question :", "Réponse :", "Le porte-parole", "said", "a déclaré",
    "BEIJING, March 3 (Xinhua) --", "2024-03-12", "12 mars 2024", "Taiwan", "Chine",
    "«", "»", "\n", "\n\n", "问：", "答：", "中方", "السلام", "שלום",
])
structured_text = st.lists(st.one_of(words, nasty_text), max_size=40).map(" ".join)
any_text = st.one_of(nasty_text, structured_text)
TAGS = ["html", "head", "body", "title", "p", "div", "script", "style", "table", "tr", "td",
        "a href='x'", "meta charset='utf-8'", "br", "!--", "![CDATA["]


@st.composite
def markup(draw: st.DrawFn) -> bytes:
    """HTML-ish bytes: nested, unbalanced, truncated, deep, in mixed encodings."""
    depth = draw(st.integers(0, 300))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=8))
    body = draw(any_text)
    page = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth)) + body
    page += "".join(f"</{tags[i % len(tags)].split()[0]}>" for i in range(depth // 2))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "gb18030", "cp1252"]))
    data = page.encode(encoding, "replace")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + draw(st.binary(max_size=40))


hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    markup(),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(any_text, st.integers(1, 20_000)).map(  # huge lines
        lambda p: (p[0][:20] + "x") .encode("utf-8", "surrogatepass") * p[1]),
    st.tuples(any_text, any_text).map(  # mixed encodings in one file
        lambda p: p[0].encode("utf-8", "replace") + p[1].encode("latin-1", "replace")),
)
ORIGIN = Origin("fuzz", "text")


def _check_outcomes(items: Iterable[RawDocument | Rejected]) -> None:
    for item in items:
        if isinstance(item, Rejected):
            assert item.reason in REJECTION_REASONS, item
            assert item.detail.strip()
        else:
            assert isinstance(item, RawDocument) and isinstance(item.text, str)


@given(hostile_bytes)
def test_the_text_reader_never_crashes(data: bytes) -> None:
    _check_outcomes([read_text(data, ORIGIN)])


@given(hostile_bytes)
def test_the_html_reader_never_crashes(data: bytes) -> None:
    _check_outcomes([read_html(data, Origin("fuzz.html", "html"))])


@given(st.one_of(hostile_bytes, st.lists(st.one_of(
    st.just(b'{"text": "Le ministre a dit."}'), st.just(b'{"text": 5}'), st.just(b"{"),
    st.just(b'{"html": "<p>x</p>", "date": "2024-13-45", "language": 7}'),
    st.just(b'[{"text": "a"}]'), hostile_bytes)).map(b"\n".join)))
def test_the_json_readers_never_crash(data: bytes) -> None:
    _check_outcomes(read_jsonl(io.BytesIO(data), "fuzz.jsonl", 1_000_000))
    _check_outcomes(read_json(data, "fuzz.json"))
    assert sniff_format(data[:4096]) in ("html", "jsonl", "json", "text")


@given(any_text)
def test_the_cleaner_and_detection_never_crash(text: str) -> None:
    cleaned = clean.clean(text)
    assert isinstance(cleaned.text, str)
    assert clean.clean(cleaned.text).text == cleaned.text  # normalized text is a fixed point
    language = detect.detect_language(cleaned.text)
    assert language == detect.UNDETERMINED or language in detect.ISO_639_1
    assert detect.detect_kind(cleaned.text, None, language) in ("statement", "news_article")
    assert isinstance(detect.is_listing_page(cleaned.text), bool)


@given(any_text, st.sampled_from(["fr", "en", "zh", "und"]))
def test_both_structure_parsers_keep_spans_inside_the_text(text: str, language: str) -> None:
    text = clean.clean(text).text
    for parse in (parse_press_conference, parse_article):
        structure = parse(text, "doc", language)
        for record in (*structure.turns, *structure.paragraphs):
            assert 0 <= record.start <= record.end <= len(text)


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61')")
    conn.execute("INSERT INTO t VALUES ('hotline Pékin 孟 晚 舟')")
    return conn


@given(st.one_of(any_text, st.lists(st.sampled_from(
    ['"', "-", "*", "OR", "AND", "NOT", "(", ")", "NEAR", ":", "^", "text:", "孟晚舟", "a",
     "{", "}", "+", "\\"]), max_size=30).map(" ".join)))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_query_translator_refuses_or_writes_valid_fts5(fts: sqlite3.Connection,
                                                           query: str) -> None:
    for cjk in (False, True):
        try:
            expression = to_fts(query, cjk=cjk)
        except QueryError as error:
            assert str(error).startswith("[PP110]")
            continue
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()


@given(any_text, st.sampled_from([None, "fr", "en", "ja", "xx-YY", "zh"]))
def test_prepare_accepts_or_rejects_with_a_reason_and_spans_hold(
        text: str, language: str | None) -> None:
    for policy in pipeline.UNSUPPORTED_POLICIES:
        outcome = pipeline.prepare(RawDocument(ORIGIN, text, language=language),
                                   unsupported=policy)
        if isinstance(outcome, Rejected):
            assert outcome.reason in REJECTION_REASONS and outcome.detail
            continue
        assert outcome.document.text == clean.clean(text).text
        check_spans(outcome)


@given(any_text)
@settings(max_examples=NLP_EXAMPLES)
def test_analyze_returns_an_analysis_or_raises_the_projects_error(text: str) -> None:
    try:
        analysis = pipeline.analyze(text)
    except InputError as error:
        assert str(error).startswith("[PP1")
        return
    assert analysis.document.text == clean.clean(text).text
    check_spans(analysis)


@given(st.lists(any_text, min_size=1, max_size=4))
@settings(max_examples=max(10, NLP_EXAMPLES))
def test_a_stored_document_reads_back_as_its_normalized_text(tmp_path_factory: pytest.
                                                             TempPathFactory,
                                                             texts: list[str]) -> None:
    prepared = [p for p in (pipeline.prepare(RawDocument(ORIGIN, t)) for t in texts)
                if isinstance(p, Analysis)]
    path = tmp_path_factory.mktemp("fuzz") / "s.db"
    with Store(path) as store:
        store.write_batch(prepared)
        for analysis in prepared:
            stored = store.analysis(analysis.document.id)
            assert stored is not None
            assert stored.document.text == analysis.document.text
        assert all(f.ok for f in store.check()), store.check()
