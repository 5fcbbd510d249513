"""Keyset paging and the shared filter object of the list queries (``query.Filters``,
``query.Page``), on a store built from texts written for these tests."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest

from porteparole import query
from porteparole.errors import InputError
from porteparole.pipeline import analyze
from porteparole.records import Analysis
from porteparole.store import Store

TEXTS = [
    ("Beijing rejects the sanctions\nChina rejected the new sanctions imposed by Washington "
     "on Monday. \"We firmly oppose these measures,\" the foreign ministry spokesperson said. "
     "China condemned the decision.", "2024-03-04", "en"),
    ("Talks resume\nThe United States and China agreed to resume military talks. \"Dialogue "
     "is the only way forward,\" said the Pentagon spokesman. Washington praised Beijing for "
     "the meeting.", "2024-05-20", "en"),
    ("La Chine proteste\nLa Chine a condamné la visite du navire japonais. « Nous rejetons "
     "fermement cette provocation », a déclaré le porte-parole. Pékin a menacé Tokyo de "
     "représailles.", "2024-01-15", "fr"),
]
# ingested between two page requests: one sorting after every row (no date), one before
LATE_TEXTS = [
    ("Note without date\nJapan criticized China over the shoal. \"This is unacceptable,\" "
     "the Japanese minister said.", None, "en"),
    ("Newest statement\nChina rejected the accusations made by Tokyo. \"These claims are "
     "groundless,\" the spokesperson said.", "2024-09-09", "en"),
]


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return [analyze(t, date=d, language=lang) for t, d, lang in TEXTS + LATE_TEXTS]


@pytest.fixture
def store(tmp_path: Path, analyses: list[Analysis]) -> Store:
    with Store(tmp_path / "p.db") as opened:
        opened.write_batch(analyses[:len(TEXTS)])
    return Store(tmp_path / "p.db")


Row = tuple[object, ...]


def _event_key(view: query.EventView) -> Row:
    e = view.event
    return (e.document_id, e.start, e.end, e.type, e.source_actor, e.target_actor)


def quote_rows(store: Store, size: int, between: Callable[[int], None] | None = None
               ) -> list[Row]:
    return _walk(lambda c: query.quote_page(store, limit=size, cursor=c),
                 lambda v: (v.quote.document_id, v.quote.start, v.quote.end), size, between)


def event_rows(store: Store, size: int, between: Callable[[int], None] | None = None
               ) -> list[Row]:
    return _walk(lambda c: query.event_page(store, limit=size, cursor=c),
                 lambda v: _event_key(v), size, between)


def _walk(fetch: Callable[[str | None], query.Page[object]], row: Callable[..., Row],
          size: int, between: Callable[[int], None] | None) -> list[Row]:
    out: list[Row] = []
    page = fetch(None)
    while True:
        assert len(page.items) <= size
        out.extend(row(v) for v in page.items)
        if page.next_cursor is None:
            return out
        assert len(page.items) == size
        if between is not None:
            between(len(out))
            between = None
        page = fetch(page.next_cursor)


@pytest.mark.parametrize("size", [1, 2, 7])
def test_pages_return_every_row_once_in_order(store: Store, size: int) -> None:
    all_quotes = [(v.quote.document_id, v.quote.start, v.quote.end)
                  for v in query.quotes(store, limit=None)]
    all_events = [_event_key(v)
                  for v in query.events(store, limit=None)]
    assert len(all_quotes) >= 3 and len(all_events) >= 5
    assert quote_rows(store, size) == all_quotes
    assert event_rows(store, size) == all_events


@pytest.mark.parametrize("size", [1, 2, 7])
def test_ingest_between_pages_neither_repeats_nor_hides_rows(
        store: Store, analyses: list[Analysis], size: int) -> None:
    before_quotes = [(v.quote.document_id, v.quote.start, v.quote.end)
                     for v in query.quotes(store, limit=None)]
    before_events = [_event_key(v)
                     for v in query.events(store, limit=None)]
    late = analyses[len(TEXTS):]
    late_ids = {a.document.id for a in late}

    seen_before_ingest: list[int] = []

    def ingest(seen: int) -> None:
        seen_before_ingest.append(seen)
        if not late_ids & {r[0] for r in query_all(store)}:
            store.write_batch(late)

    for walk, before in ((quote_rows, before_quotes), (event_rows, before_events)):
        got = walk(store, size, ingest)
        assert len(got) == len(set(got))
        assert [r for r in got if r[0] not in late_ids] == before
        final = ([(v.quote.document_id, v.quote.start, v.quote.end)
                  for v in query.quotes(store, limit=None)] if walk is quote_rows else
                 [_event_key(v)
                  for v in query.events(store, limit=None)])
        assert got == [r for r in final if r in set(got)]  # in the final order
        if seen_before_ingest:  # after the ingest: exactly the rows sorting after the cursor
            seen = seen_before_ingest.pop()
            assert got[seen:] == final[final.index(got[seen - 1]) + 1:]
    if size < 7:  # the undated note sorts after every dated row: the walk listed it
        undated = analyses[len(TEXTS)].document.id
        assert any(r[0] == undated for r in quote_rows(store, size))


def query_all(store: Store) -> list[Row]:
    return [(v.quote.document_id, v.quote.start, v.quote.end)
            for v in query.quotes(store, limit=None)]


def test_filters_apply_across_pages(store: Store) -> None:
    filters = query.Filters(language="fr")
    rows = _walk(lambda c: query.event_page(store, filters, limit=1, cursor=c),
                 lambda v: _event_key(v), 1, None)
    french = {a.document.id for a in store_analyses(store) if a.document.language == "fr"}
    assert rows and {r[0] for r in rows} == french
    since = query.quote_page(store, query.Filters(since="2024-03-01"), limit=50)
    assert since.items and all(v.date is not None and v.date >= "2024-03-01"
                               for v in since.items)


def store_analyses(store: Store) -> list[Analysis]:
    ids = [r[0] for r in store.rows("SELECT id FROM documents ORDER BY id")]
    return [a for a in (store.analysis(i) for i in ids) if a is not None]


@pytest.mark.parametrize("cursor", [
    "not base64 at all!", base64.urlsafe_b64encode(b"[1, 2]").decode(),
    base64.urlsafe_b64encode(b'{"a": 1}').decode(),
    base64.urlsafe_b64encode(b'[0, "2024-01-01", "x", "three", 1]').decode(), "", "x" * 5000,
    base64.urlsafe_b64encode(b'[0, "2024-01-01", "x", 1' + b"0" * 30 + b', 1]').decode(),
    base64.urlsafe_b64encode(b'[0, "\\ud800", "x", 1, 1]').decode(), "curseur-été",
])
def test_a_bad_cursor_is_an_input_error(store: Store, cursor: str) -> None:
    for page in (query.quote_page, query.event_page):
        with pytest.raises(InputError, match="cursor"):
            page(store, limit=2, cursor=cursor)


def test_a_filter_a_list_does_not_read_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="quotes cannot be filtered by source, type"):
        query.quote_page(store, query.Filters(source="CHN", type="REJECT"))
    with pytest.raises(InputError, match="events cannot be filtered by speaker"):
        query.event_page(store, query.Filters(speaker="CHN"))


def test_a_bad_page_size_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="at least 1"):
        query.quote_page(store, limit=0)


@pytest.mark.parametrize("size", [1, 2, 7])
def test_rejected_inputs_page_in_order(tmp_path: Path, size: int) -> None:
    from porteparole.records import Origin, Rejected

    with Store(tmp_path / "r.db") as store:
        for index in range(5):
            store.add_rejected(Rejected(Origin(f"bad{index}.txt", "text"), "empty", "no text"))
        store.add_rejected(Rejected(Origin("feed.jsonl", "jsonl", line=3), "binary", "bytes"))
        everything = [e.rejected for e in query.rejected(store)]
        paged = [e.rejected for e in _walk_pages(
            lambda c: query.rejected_page(store, limit=size, cursor=c))]
        assert paged == everything and len(everything) == 6
        empty = query.rejected_page(store, query.Filters(reason="empty"), limit=50)
        assert len(empty.items) == 5 and empty.next_cursor is None
        with pytest.raises(InputError, match="rejected inputs cannot be filtered by since"):
            query.rejected_page(store, query.Filters(since="2024-01-01"))


def _walk_pages(fetch: Callable[[str | None], query.Page[query.RejectedEntry]]
                ) -> list[query.RejectedEntry]:
    out: list[query.RejectedEntry] = []
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        out.extend(page.items)
        if page.next_cursor is None:
            return out
        cursor = page.next_cursor


# -- the other lists: search, actors, dyads, mechanisms ------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from builders import build_store

    return Store(build_store(tmp_path_factory.mktemp("lists") / "b.db"), readonly=True)


PAGED: list[tuple[str, Callable[..., query.Page[object]]]] = [
    ("search", lambda s, f=None, **k: query.search_page(s, "sanctions OR hotline", f, **k)),
    ("actors", query.actor_page), ("dyads", query.dyad_page),
    ("mechanisms", query.mechanism_page),
]


@pytest.mark.parametrize(("name", "fetch"), PAGED)
@pytest.mark.parametrize("cursor", [
    "not base64 at all!", base64.urlsafe_b64encode(b"[1, 2, 3, 4]").decode(), "",
    base64.urlsafe_b64encode(b'["NaN", "x", 1]').decode(),
    base64.urlsafe_b64encode(b"[Infinity, \"x\", 1]").decode(),
    base64.urlsafe_b64encode(b"[true, \"x\", 1]").decode(), "x" * 5000,
])
def test_every_list_refuses_a_bad_cursor(built: Store, name: str,
                                         fetch: Callable[..., query.Page[object]],
                                         cursor: str) -> None:
    with pytest.raises(InputError, match="cursor"):
        fetch(built, limit=2, cursor=cursor)


def test_a_cursor_of_one_list_is_refused_by_another(built: Store) -> None:
    """Cursors differ in shape from list to list: one list's key is not another's."""
    dyads = query.dyad_page(built, limit=1)
    search = query.search_page(built, "sanctions OR hotline", limit=1)
    assert dyads.next_cursor and search.next_cursor
    with pytest.raises(InputError, match="cursor"):
        query.search_page(built, "sanctions OR hotline", cursor=dyads.next_cursor)
    with pytest.raises(InputError, match="cursor"):
        query.mechanism_page(built, cursor=search.next_cursor)


@pytest.mark.parametrize(("name", "fetch", "refused", "message"), [
    (PAGED[0][0], PAGED[0][1], query.Filters(speaker="mao-ning"),
     "search hits cannot be filtered by speaker"),
    (PAGED[1][0], PAGED[1][1], query.Filters(language="fr"),
     "actors cannot be filtered by language"),
    (PAGED[2][0], PAGED[2][1], query.Filters(both_directions=True),
     "dyads cannot be filtered by both_directions"),
    (PAGED[3][0], PAGED[3][1], query.Filters(since="2024-01-01", actor="CHN"),
     "mechanisms cannot be filtered by actor, since"),
])
def test_a_filter_the_list_does_not_read_is_refused(
        built: Store, name: str, fetch: Callable[..., query.Page[object]],
        refused: query.Filters, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch(built, refused)


def test_the_filters_each_list_reads(built: Store) -> None:
    """``kind`` and ``type`` are those of the listed records: a document's kind in a
    search, an actor's type among actors, an event's type among dyads."""
    statements = query.search_page(built, "hotline", query.Filters(kind="statement"))
    assert {h.kind for h in statements.items} == {"statement"}
    with pytest.raises(InputError, match="unknown kind 'direct'"):
        query.search_page(built, "hotline", query.Filters(kind="direct"))
    persons = query.actor_page(built, query.Filters(type="person"))
    assert {a.type for a in persons.items} == {"person"}
    with pytest.raises(InputError, match="unknown actor type 'REJECT'"):
        query.actor_page(built, query.Filters(type="REJECT"))
    rejections = query.dyad_page(built, query.Filters(type="reject"))
    assert [(d.source, d.target, d.events) for d in rejections.items] == [("CHN", "USA", 1)]
    chinese = query.dyad_page(built, query.Filters(source="CHN"))  # its officials too
    assert {d.source for d in chinese.items} == {"CHN", "wu-qian"}
    spring = query.dyad_page(built, query.Filters(since="2024-03-01", until="2024-03-31",
                                                  language="fr"))
    assert [(d.source, d.target, d.events) for d in spring.items] == [("CHN", "USA", 2)]
    with pytest.raises(InputError, match="unknown event type"):
        query.dyad_page(built, query.Filters(type="hug"))
    (one,) = query.mechanism_page(built, query.Filters(mechanism="mil-to-mil channel")).items
    assert one.mechanism.id == "chn-usa-military-communication"
