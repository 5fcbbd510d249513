"""Every list pages without gap or repeat: property tests over stores built from texts.

Hypothesis draws small stores (documents written from a fixed vocabulary, press
conferences with turns, mentions, quotes, events and mechanism updates on their words) and a page
size; for every paged list, the pages walked by their cursors, put end to end, are the list
asked for at once, and that list holds what the records say (counts recounted here, search
matches found here by hand). Ties are the point: few words, few actors and few pairs make
equal ranks and equal counts common, and the order must still be one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porteparole import query
from porteparole.records import (
    Analysis,
    Document,
    Event,
    MechanismUpdate,
    Mention,
    Origin,
    Paragraph,
    Quote,
    Turn,
    document_id_for,
)
from porteparole.store import Store

T = TypeVar("T")

# Words with no accent and no stem in common, so that "a word matches" is plain to check.
WORDS = ("dialogue", "sanctions", "hotline", "visit", "accord", "summit", "tariffs",
         "navire", "frontier", "harbour")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACTORS = ("CHN", "USA", "FRA", "JPN", "wang-yi", "xx-unknown")
TYPES = ("REJECT", "ACCUSE", "COOPERATE", "REQUEST")
MECHANISMS = ("chn-usa-military-communication", "xx-channel", "yy-talks")
DATES = ("2024-01-05", "2024-03-04", "2024-03-04", "2024-07-19", None)
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Drawn:
    """One document as drawn: its body words, and per word what record sits on it."""

    words: tuple[str, ...]
    conference: bool
    language: str
    date: str | None
    on_word: tuple[tuple[str | None, tuple[str, str, str, bool] | None,
                         tuple[str, str] | None], ...]


@st.composite
def documents(draw: st.DrawFn) -> Drawn:
    words = tuple(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8)))
    marks = tuple(
        (draw(st.none() | st.sampled_from(ACTORS)),
         draw(st.none() | st.tuples(st.sampled_from(ACTORS), st.sampled_from(TYPES),
                                    st.sampled_from(ACTORS), st.booleans())),
         draw(st.none() | st.tuples(st.sampled_from(MECHANISMS),
                                    st.sampled_from(("suspended", "resumed", "held")))))
        for _ in words)
    return Drawn(words, draw(st.booleans()), draw(st.sampled_from(("en", "fr"))),
                 draw(st.sampled_from(DATES)), marks)


def analysis_of(index: int, drawn: Drawn) -> Analysis:
    """A document from drawn words: the title names it by letters (one token, so two
    documents of as many words tie in rank), a conference has one turn a word."""
    title = f"Note {LETTERS[index % 26]}{LETTERS[index // 26]}"
    separator = "\n" if drawn.conference else " "
    text = title + "\n" + separator.join(drawn.words)
    doc = document_id_for(text)
    starts, at = [], len(title) + 1
    for word in drawn.words:
        starts.append(at)
        at += len(word) + 1
    spans = [(s, s + len(w)) for s, w in zip(starts, drawn.words, strict=True)]
    kind = "press_conference" if drawn.conference else "news_article"
    mentions, quotes, events, updates = [], [], [], []
    for (start, end), word, (actor, event, update) in zip(spans, drawn.words, drawn.on_word,
                                                          strict=True):
        if actor is not None:
            mentions.append(Mention(doc, start, end, word, "GPE", actor, 0.9, "alias"))
            quotes.append(Quote(doc, start, end, actor, word, "direct", None, None))
        if event is not None:
            source, kind_of, target, negated = event
            events.append(Event(doc, start, end, source, kind_of, target, negated=negated,
                                goldstein=float(len(word)), date=drawn.date))
        if update is not None:
            mechanism, status = update
            updates.append(MechanismUpdate(mechanism, status, drawn.date, ("CHN", "USA"),
                                           doc, start, end))
    turns = tuple(Turn(doc, i, "answer", "Mao Ning", s, e, "Mao Ning")
                  for i, (s, e) in enumerate(spans)) if drawn.conference else ()
    body = Paragraph(doc, 0, len(title) + 1, len(text))
    return Analysis(
        document=Document(doc, Origin(f"d{index}.txt", "text"), drawn.language, kind, text,
                          title=title, date=drawn.date),
        turns=turns, paragraphs=() if drawn.conference else (body,),
        mentions=tuple(mentions), quotes=tuple(quotes), events=tuple(events),
        mechanism_updates=tuple(updates))


stores = st.lists(documents(), min_size=1, max_size=9)


def store_of(drawn: list[Drawn]) -> tuple[Store, list[Analysis]]:
    store = Store(":memory:")
    analyses = [analysis_of(i, d) for i, d in enumerate(drawn)]
    store.write_batch(analyses)
    return store, analyses


def walk(fetch: Callable[[str | None], query.Page[T]], size: int) -> list[T]:
    """Every page from the first, following ``next_cursor``; each full but the last."""
    out: list[T] = []
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        assert len(page.items) <= size
        out.extend(page.items)
        if page.next_cursor is None:
            return out
        assert len(page.items) == size
        cursor = page.next_cursor


def strictly_ordered(keys: Sequence[tuple[object, ...]]) -> bool:
    return all(a < b for a, b in zip(keys, keys[1:], strict=False))  # type: ignore[operator]


@SETTINGS
@given(drawn=stores, size=st.integers(1, 5), word=st.sampled_from(WORDS),
       language=st.none() | st.sampled_from(("en", "fr")))
def test_search_pages_are_the_ranked_list(drawn: list[Drawn], size: int, word: str,
                                          language: str | None) -> None:
    store, analyses = store_of(drawn)
    filters = query.Filters(language=language)
    everything = query.search(store, word, filters, limit=None)
    paged = walk(lambda c: query.search_page(store, word, filters, limit=size, cursor=c,
                                             facets=False), size)
    assert paged == everything
    keys = [(h.rank, h.document_id, -1 if h.turn_index is None else h.turn_index)
            for h in everything]
    assert strictly_ordered(keys)
    expected = set()
    for a in analyses:
        if language is not None and a.document.language != language:
            continue
        if word in a.document.text.split():
            expected.add((a.document.id, None))
        expected |= {(a.document.id, t.index) for t in a.turns
                     if a.span_text(t.start, t.end) == word}
    assert {(h.document_id, h.turn_index) for h in everything} == expected
    assert query.search_page(store, word, filters, limit=size).total == len(expected)


@SETTINGS
@given(drawn=stores, size=st.integers(1, 5),
       country=st.none() | st.sampled_from(("CHN", "USA")))
def test_actor_pages_are_the_ranking(drawn: list[Drawn], size: int,
                                     country: str | None) -> None:
    store, analyses = store_of(drawn)
    filters = query.Filters(country=country)
    everything = query.actors(store, filters, limit=None).items
    assert walk(lambda c: query.actor_page(store, filters, limit=size, cursor=c),
                size) == list(everything)
    assert strictly_ordered([(-a.mentions, -a.documents, a.actor_id) for a in everything])
    mentions = Counter(m.actor_id for a in analyses for m in a.mentions)
    documents = Counter(i for a in analyses for i in {m.actor_id for m in a.mentions})
    listed = {a.actor_id: (a.mentions, a.documents) for a in everything}
    in_country = {i for i in mentions
                  if country is None or (query.stored_actor(store, i) is not None
                                         and query.stored_actor(store, i).country == country)}
    assert listed == {i: (mentions[i], documents[i]) for i in in_country}


@SETTINGS
@given(drawn=stores, size=st.integers(1, 5),
       type_=st.none() | st.sampled_from(TYPES))
def test_dyad_pages_are_the_counted_pairs(drawn: list[Drawn], size: int,
                                          type_: str | None) -> None:
    store, analyses = store_of(drawn)
    filters = query.Filters(type=type_)
    everything = query.top_dyads(store, filters, limit=None)
    assert walk(lambda c: query.dyad_page(store, filters, limit=size, cursor=c),
                size) == everything
    assert strictly_ordered([(-d.events, d.source, d.target) for d in everything])
    pairs = Counter((e.source_actor, e.target_actor) for a in analyses for e in a.events
                    if not e.negated and e.source_actor != e.target_actor
                    and (type_ is None or e.type == type_))
    assert {(d.source, d.target): d.events for d in everything} == dict(pairs)


@SETTINGS
@given(drawn=stores, size=st.integers(1, 3))
def test_mechanism_quote_and_event_pages_are_their_lists(drawn: list[Drawn],
                                                        size: int) -> None:
    store, analyses = store_of(drawn)
    histories = query.mechanisms(store)
    assert walk(lambda c: query.mechanism_page(store, limit=size, cursor=c),
                size) == histories
    ids = [h.mechanism.id for h in histories]
    assert ids == sorted({u.mechanism_id for a in analyses for u in a.mechanism_updates})
    assert [len(h.history) for h in histories] == [
        sum(u.mechanism_id == m for a in analyses for u in a.mechanism_updates) for m in ids]
    filters = query.Filters(include_negated=True)
    events = query.events(store, filters, limit=None)
    assert walk(lambda c: query.event_page(store, filters, limit=size, cursor=c),
                size) == events
    assert len(events) == sum(len(a.events) for a in analyses)
    said = query.quotes(store, limit=None)
    assert walk(lambda c: query.quote_page(store, limit=size, cursor=c), size) == said
    assert len(said) == sum(len(a.quotes) for a in analyses)


def test_bm25_ranks_are_the_same_on_every_call_and_ties_keep_one_order(tmp_path) -> None:
    """bm25 is a function of the index: the same store gives the same doubles on every
    call and connection, so a cursor holding a rank finds its row again; documents of as
    many words with the word as often tie, and the document id orders them."""
    drawn = [Drawn(("summit", "accord", "visit"), False, "en", None, ((None,) * 3,) * 3)
             for _ in range(4)]
    analyses = [analysis_of(i, d) for i, d in enumerate(drawn)]
    with Store(tmp_path / "ties.db") as store:
        store.write_batch(analyses)
        first = query.search(store, "summit", limit=None)
        assert [h.rank for h in first] == [h.rank for h in query.search(store, "summit")]
    with Store(tmp_path / "ties.db", readonly=True) as again:
        second = query.search(again, "summit", limit=None)
        paged = walk(lambda c: query.search_page(again, "summit", limit=1, cursor=c,
                                                 facets=False), 1)
    assert second == first == paged and len(first) == 4
    assert len({h.rank for h in first}) == 1  # a four-way tie
    assert [h.document_id for h in first] == sorted(a.document.id for a in analyses)
