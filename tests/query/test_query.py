"""Questions asked of the store: the search language, filters, documents, report figures."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import ARTICLE_EN, ARTICLE_FR, full_analysis, plain_article
from porteparole import query
from porteparole.errors import InputError, QueryError
from porteparole.records import Origin, Rejected, document_id_for
from porteparole.store import Store
from porteparole.store.schema import FTS_TOKENIZE


@pytest.fixture
def filled(tmp_path: Path):
    conference = full_analysis()
    with Store(tmp_path / "q.db") as store:
        store.write_batch([
            conference,
            plain_article(ARTICLE_FR, "fr", "news_article", "2024-03-12", "fr.txt"),
            plain_article(ARTICLE_EN, "en", "statement", "2024-06-01", "en.txt"),
        ])
        store.add_rejected(Rejected(Origin("vide.txt", "text"), "empty", "no text"))
        store.add_rejected(Rejected(Origin("x.bin", "text"), "binary", "binary data", "ab"))
        store.add_rejected(Rejected(Origin("y.bin", "text"), "binary", "binary data", "cd"))
        yield store, conference


# -- the query language ----------------------------------------------------------------


@pytest.mark.parametrize(("user", "fts"), [
    ("hotline Pékin", '("hotline") AND ("Pékin")'),
    ('"dialogue militaire" Chine', '("dialogue militaire") AND ("Chine")'),
    ("Taïwan OR Taiwan détroit", '("Taïwan" OR "Taiwan") AND ("détroit")'),
    ("accord AND commerce", '("accord") AND ("commerce")'),
    ("accord -sanctions", '(("accord")) NOT ("sanctions")'),
    ('accord NOT "droits de douane"', '(("accord")) NOT ("droits de douane")'),
    ("coopér*", '("coopér"*)'),
    ('x) NEAR( ^y', '("x)") AND ("NEAR(") AND ("^y")'),
    ("or and", '("or") AND ("and")'),
])
def test_user_queries_become_quoted_fts5(user: str, fts: str) -> None:
    assert query.to_fts(user) == fts


@pytest.mark.parametrize("bad", [
    '"unclosed', "AND OR", "OR Chine", "Chine OR", "Chine AND", "-Chine", "", "   ",
    "!!! ...", "Chine OR -Japon", "Chine NOT", 'a "b',
])
def test_malformed_queries_raise_query_error(bad: str) -> None:
    with pytest.raises(QueryError):
        query.to_fts(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_query_is_refused_cleanly_or_accepted_by_fts5(user: str) -> None:
    try:
        fts = query.to_fts(user)
    except QueryError:
        return
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute(f"CREATE VIRTUAL TABLE f USING fts5(t, tokenize='{FTS_TOKENIZE}')")
        conn.execute("SELECT * FROM f WHERE f MATCH ?", (fts,)).fetchall()


# -- search -----------------------------------------------------------------------------


def ids(hits: list[query.SearchHit]) -> set[str]:
    return {h.document_id for h in hits}


def test_search_folds_accents_and_case(filled) -> None:
    store, conference = filled
    for spelling in ("Pekin", "PÉKIN", "pékin"):
        hits = query.search(store, spelling)
        assert conference.document.id in ids(hits)
        assert document_id_for(ARTICLE_FR) in ids(hits)
    assert query.search(store, "Hanoi")  # "Hanoï"


def test_search_phrases_exclusions_and_prefixes(filled) -> None:
    store, _ = filled
    assert ids(query.search(store, '"accord de coopération"')) == {document_id_for(ARTICLE_FR)}
    assert query.search(store, '"coopération accord"') == []
    assert ids(query.search(store, "cooper*")) == {document_id_for(ARTICLE_FR)}
    assert ids(query.search(store, "sanctions")) == {document_id_for(ARTICLE_EN)}
    assert query.search(store, "sanctions -tariffs") == []
    assert ids(query.search(store, "sanctions OR portuaire")) == {
        document_id_for(ARTICLE_EN), document_id_for(ARTICLE_FR)}


def test_turn_hits_carry_role_speaker_and_highlight(filled) -> None:
    store, conference = filled
    hits = query.search(store, "objet visite")
    turn_hits = [h for h in hits if h.unit == "turn"]
    assert len(turn_hits) == 1
    question = next(t for t in conference.turns if t.role == "question")
    hit = turn_hits[0]
    assert (hit.turn_index, hit.role, hit.speaker) == (question.index, "question", question.speaker)
    assert f"{query.MARK_START}objet{query.MARK_END}" in hit.snippet
    assert all(a.rank <= b.rank for a, b in zip(hits, hits[1:], strict=False))


def test_search_filters(filled) -> None:
    store, conference = filled
    f = query.Filters
    pc = conference.document.id
    assert ids(query.search(store, "Pekin", f(language="fr", kind="news_article"))) == {
        document_id_for(ARTICLE_FR)}
    assert query.search(store, "Pekin", f(language="en")) == []
    assert ids(query.search(store, "Pekin", f(spokesperson="mao ning"))) == {pc}
    outlet_hits = query.search(store, "visite OR Pekin", f(outlet="xinhua"))
    assert {(h.unit, h.role) for h in outlet_hits} <= {("turn", "question"), ("document", None)}
    assert [h.role for h in outlet_hits if h.unit == "turn"] == ["question"]
    assert ids(query.search(store, "Pekin", f(since="2024-04-01"))) == {pc}
    assert ids(query.search(store, "Pekin", f(until="2024-04-01"))) == {
        document_id_for(ARTICLE_FR)}
    assert len(query.search(store, "Pekin", limit=1)) == 1


@pytest.mark.parametrize("kwargs", [
    {"kind": "tweet"}, {"since": "3 mai"}, {"until": "2024-13-01"}, {"since": "2024-05"},
    {"year": "24"}, {"event_type": "HUG"}, {"speaker": "mao-ning"},
])
def test_bad_filters_raise_input_error(filled, kwargs: dict[str, str]) -> None:
    with pytest.raises(InputError):
        query.search(filled[0], "Pekin", query.Filters(**kwargs))


def test_bad_limit_raises_input_error(filled) -> None:
    with pytest.raises(InputError):
        query.search(filled[0], "Pekin", limit=0)


# -- documents, report, rejected -------------------------------------------------------------


def test_get_document_by_id_or_unique_prefix(filled) -> None:
    store, conference = filled
    doc_id = conference.document.id
    view = query.get_document(store, doc_id[:6].upper())
    assert view.analysis == conference
    assert view.origins == (conference.document.origin,)
    with pytest.raises(InputError, match="no document"):
        query.get_document(store, "zzzz")


def test_an_ambiguous_prefix_names_the_candidates(tmp_path: Path) -> None:
    # 17 documents over 16 hex digits: two of them must share a first digit.
    notes = [plain_article(f"Note numéro {i}", "fr", "statement", "2024-01-01", f"{i}.txt")
             for i in range(17)]
    with Store(tmp_path / "p.db") as store:
        store.write_batch(notes)
        firsts = [n.document.id[0] for n in notes]
        shared = next(c for c in firsts if firsts.count(c) > 1)
        with pytest.raises(InputError, match="several"):
            query.get_document(store, shared)


def test_report_counts_what_was_stored(filled) -> None:
    store, conference = filled
    figures = query.report(store)
    assert figures.documents == 3
    assert figures.turns == len(conference.turns)
    assert {(c.language, c.kind, c.documents) for c in figures.by_language_kind} == {
        ("fr", "press_conference", 1), ("fr", "news_article", 1), ("en", "statement", 1)}
    questions = [t for t in conference.turns if t.role == "question"]
    (row,) = figures.conferences
    assert (row.document_id, row.date, row.spokesperson, row.questions) == (
        conference.document.id, conference.document.date, conference.document.spokesperson,
        len(questions))
    assert [(o.outlet, o.questions) for o in figures.outlets] == [(questions[0].speaker, 1)]
    assert [(r.reason, r.inputs) for r in figures.rejected_by_reason] == [
        ("binary", 2), ("empty", 1)]
    assert figures.rejected == 3


def test_rejected_list_and_reason_filter(filled) -> None:
    store, _ = filled
    entries = query.rejected(store)
    assert {e.rejected.origin.source for e in entries} == {"vide.txt", "x.bin", "y.bin"}
    assert all(e.first_seen <= e.last_seen for e in entries)
    only = query.rejected(store, query.Filters(reason="empty"))
    assert [e.rejected for e in only] == [
        Rejected(Origin("vide.txt", "text"), "empty", "no text")]
    assert len(query.rejected(store, limit=2)) == 2


def test_report_counts_documents_by_flag(tmp_path: Path) -> None:
    """Poor witnesses and inferred dates are counted by document, each flag once."""
    import dataclasses

    def flagged(text: str, *flags: str):
        article = plain_article(text, "fr", "news_article", "2024-01-01", f"{len(text)}.txt")
        document = dataclasses.replace(article.document, flags=flags)
        return dataclasses.replace(article, document=document)

    with Store(tmp_path / "f.db") as store:
        store.write_batch([
            flagged("Un texte filé, furthermore, par une machine.", "poor_witness"),
            flagged("Un autre texte filé, in addition, mal traduit.", "poor_witness",
                    "date_year_inferred"),
            flagged("Un texte propre et bien écrit."),
        ])
        figures = query.report(store)
    assert [(f.flag, f.documents) for f in figures.flags] == [
        ("poor_witness", 2), ("date_year_inferred", 1)]
