"""Questions about actors, quotes, events, dyad timelines and mechanisms, on a hand-built store.

The store (``builders.build_store``) holds three documents written for the tests (no corpus
text): a French press conference of the Chinese foreign ministry, an English news article
and an English statement, with mentions (some unresolved), quotes, events of several dates
and types, and a mechanism suspended and then resumed (stored in the opposite order, so
that "current" must come from the dates, not from the storage order).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builders import HOTLINE, build_store, conference, statement
from porteparole import query
from porteparole.errors import InputError
from porteparole.records import (
    Analysis,
    Mention,
)
from porteparole.store import Store


@pytest.fixture
def store(tmp_path: Path):
    with Store(build_store(tmp_path / "a.db")) as opened:
        yield opened


# -- resolving actors -------------------------------------------------------------------


@pytest.mark.parametrize(("ref", "actor_id"), [
    ("CHN", "CHN"), ("chn", "CHN"), ("wu-qian", "wu-qian"), ("Wu Qian", "wu-qian"),
    ("ngo khiem", "wu-qian"), ("  MAO NING ", "mao-ning"), ("Pentagon", "USA-DOD"),
])
def test_resolve_actor_by_id_or_any_folded_alias(store: Store, ref: str,
                                                  actor_id: str) -> None:
    assert query.resolve_actor(ref, store=store) == actor_id


def test_an_ambiguous_name_lists_every_candidate_id(tmp_path: Path) -> None:
    analysis = statement()
    doc = analysis.document.id
    # "AFP" is the news agency (a turn's speaker) and the Philippine armed forces.
    army = Mention(doc, 0, 9, "Statement", "ORG", "PHL-AFP", 0.9, "alias")
    with Store(build_store(tmp_path / "x.db")) as s:
        s.write_batch([Analysis(analysis.document, mentions=(army,))])
        with pytest.raises(query.AmbiguousName, match="several actors") as caught:
            query.resolve_actor("AFP", store=s)
    assert "PHL-AFP" in str(caught.value) and "media-afp" in str(caught.value)
    assert {a.id for a in caught.value.candidates} == {"PHL-AFP", "media-afp"}


def test_a_name_only_the_knowledge_has_is_not_an_actor_of_the_store(store: Store) -> None:
    # Xi Jinping is in the knowledge base, but no record of this store names him.
    with pytest.raises(query.UnknownName, match="no actor is named"):
        query.resolve_actor("Xi Jinping", store=store)


def test_an_unknown_name_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no actor is named"):
        query.resolve_actor("Nobody At All", store=store)


def test_an_id_only_the_store_knows_is_accepted(tmp_path: Path) -> None:
    analysis = statement()
    doc = analysis.document.id
    extra = Mention(doc, 0, 9, "Statement", "ORG", "xx-unknown-actor", 0.9, "alias")
    with Store(tmp_path / "x.db") as s:
        s.write_batch([Analysis(analysis.document, mentions=(extra,))])
        assert query.resolve_actor("xx-unknown-actor", store=s) == "xx-unknown-actor"
        profile = query.actor_profile(s, "xx-unknown-actor")
        assert profile.actor is None and profile.mentions == 1


def test_a_state_scope_covers_its_institutions_and_officials_not_outlets(
        tmp_path: Path) -> None:
    analysis = statement()
    doc = analysis.document.id
    xinhua = Mention(doc, 0, 9, "Statement", "ORG", "media-xinhua", 0.9, "alias")
    with Store(build_store(tmp_path / "x.db")) as s:
        s.write_batch([Analysis(analysis.document, mentions=(xinhua,))])
        scope = query.actor_scope("CHN", store=s)
        assert query.actor_scope("CHN-PLA", store=s) == {"CHN-PLA"}
    assert {"CHN", "CHN-PLA", "wu-qian", "mao-ning"} <= scope
    assert "USA" not in scope and "media-xinhua" not in scope


# -- actors -----------------------------------------------------------------------------


def test_actors_ranked_by_mentions_then_documents(store: Store) -> None:
    ranking = query.actors(store)
    first = ranking.items[0]
    assert (first.actor_id, first.mentions, first.documents) == ("CHN", 6, 3)
    usa = next(a for a in ranking.items if a.actor_id == "USA")
    assert (usa.mentions, usa.documents, usa.name, usa.type) == (5, 3, "United States", "state")
    mentions = [a.mentions for a in ranking.items]
    assert mentions == sorted(mentions, reverse=True)


def test_actors_filters_and_limit(store: Store) -> None:
    chinese = query.actors(store, query.Filters(country="chn"))
    assert {a.actor_id for a in chinese.items} == {"CHN", "mao-ning", "wu-qian", "CHN-PLA"}
    persons = query.actors(store, query.Filters(type="person"))
    assert {a.actor_id for a in persons.items} == {"mao-ning", "wu-qian"}
    assert len(query.actors(store, limit=2).items) == 2
    with pytest.raises(InputError, match="actor type"):
        query.actors(store, query.Filters(type="planet"))
    with pytest.raises(InputError, match="limit"):
        query.actors(store, limit=0)


def test_unresolved_mentions_are_counted_with_folded_surfaces(store: Store) -> None:
    ranking = query.actors(store, query.Filters(country="USA"))
    assert ranking.unresolved == 3
    surfaces = {(s.surface.casefold(), s.mentions) for s in ranking.unresolved_surfaces}
    assert surfaces == {("commission tanaka", 2), ("zorland", 1)}
    assert ranking.unresolved_surfaces[0].mentions == 2


def test_report_counts_unresolved_mentions(store: Store) -> None:
    assert query.report(store).unresolved_mentions == 3


# -- one actor --------------------------------------------------------------------------


def test_profile_of_a_spokesperson(store: Store) -> None:
    profile = query.actor_profile(store, "Mao Ning")
    assert profile.actor is not None and profile.actor.type == "person"
    assert any(r.role == "spokesperson" for r in profile.actor.roles)
    assert [d.document_id for d in profile.documents] == [conference().document.id]
    assert profile.mentions == 1
    assert profile.answer_turns == 1
    (said,) = profile.quotes
    assert said.text.startswith("La Chine rejette") and said.date == "2024-03-05"
    assert profile.events == ()


def test_profile_lists_events_as_source_or_target_most_recent_first(store: Store) -> None:
    profile = query.actor_profile(store, "CHN")
    kinds = [v.event.type for v in profile.events]
    assert kinds[:1] == ["ACCUSE"]  # Manila accused Beijing: CHN as target, latest date
    assert set(kinds) == {"ACCUSE", "REJECT", "REQUEST", "SANCTION"}
    dates = [v.date for v in profile.events]
    assert dates == sorted(dates, reverse=True)
    assert profile.documents_total == 3
    short = query.actor_profile(store, "CHN", limit=1)
    assert len(short.events) == 1 and short.events_total == 4
    assert len(short.documents) == 1 and short.documents_total == 3


# -- quotes -----------------------------------------------------------------------------


def test_quotes_by_speaker_kind_and_date(store: Store) -> None:
    def where(**given: str) -> list[query.QuoteView]:
        return query.quotes(store, query.Filters(**given))

    everything = query.quotes(store)
    assert [q.quote.speaker_actor for q in everything] == ["wu-qian", "mao-ning"]
    assert [q.quote.kind for q in where(kind="reported")] == ["reported"]
    assert [q.quote.speaker_actor for q in where(speaker="Ngô Khiêm")] == ["wu-qian"]
    assert where(since="2024-04-01", until="2024-05-31")[0].date == "2024-05-20"
    assert where(until="2024-01-01") == []


def test_quotes_about_an_actor_named_inside_the_quoted_words(store: Store) -> None:
    about_usa = query.quotes(store, query.Filters(about="États-Unis"))
    assert [q.quote.speaker_actor for q in about_usa] == ["mao-ning"]
    about_dod = query.quotes(store, query.Filters(about="USA-DOD"))
    assert [q.quote.speaker_actor for q in about_dod] == ["wu-qian"]
    # Wu Qian is named in the article, but outside the words he is quoted saying.
    assert query.quotes(store, query.Filters(about="wu-qian")) == []


@pytest.mark.parametrize("kwargs", [{"kind": "indirect"}, {"since": "2024-13-01"},
                                    {"until": "5 mars"}, {"speaker": "Nobody At All"}])
def test_bad_quote_filters_raise_input_error(store: Store, kwargs: dict[str, str]) -> None:
    with pytest.raises(InputError):
        query.quotes(store, query.Filters(**kwargs))


# -- events -----------------------------------------------------------------------------


def types(views: list[query.EventView]) -> list[str]:
    return [v.event.type for v in views]


def test_events_most_recent_first_without_negated_ones(store: Store) -> None:
    found = query.events(store)
    assert "ASSAULT" not in types(found)
    assert len(found) == 5
    dates = [v.date for v in found]
    assert dates == sorted(dates, reverse=True)
    sanction = next(v for v in found if v.event.type == "SANCTION")
    assert sanction.date == "2023-12-01" and sanction.event.date is None
    assert sanction.evidence == "Washington imposed new sanctions on Chinese firms"
    negated = query.events(store, query.Filters(include_negated=True))
    assert "ASSAULT" in types(negated) and len(negated) == 6


def test_a_state_source_matches_its_institutions_and_officials(store: Store) -> None:
    chinese = query.events(store, query.Filters(source="CHN", include_negated=True))
    assert {v.event.source_actor for v in chinese} == {"CHN", "wu-qian", "CHN-PLA"}
    to_usa = query.events(store, query.Filters(source="China", target="USA"))
    assert sorted(types(to_usa)) == ["COOPERATE", "REJECT", "REQUEST"]
    only_ministry = query.events(store, query.Filters(source="CHN-MND"))
    assert only_ministry == []


def test_event_filters_type_dates_direction_and_limit(store: Store) -> None:
    assert types(query.events(store, query.Filters(type="reject"))) == ["REJECT"]
    spring = query.events(store, query.Filters(since="2024-03-01", until="2024-03-31"))
    assert sorted(types(spring)) == ["REJECT", "REQUEST"]
    both = query.events(store, query.Filters(source="USA", target="CHN",
                                             both_directions=True))
    assert sorted(types(both)) == ["COOPERATE", "REJECT", "REQUEST", "SANCTION"]
    assert len(query.events(store, limit=2)) == 2


@pytest.mark.parametrize("kwargs", [{"type": "HUG"}, {"since": "2024-02-30"},
                                    {"until": "yesterday"}])
def test_bad_event_filters_raise_input_error(store: Store, kwargs: dict[str, str]) -> None:
    with pytest.raises(InputError):
        query.events(store, query.Filters(**kwargs))


def test_an_unknown_event_party_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no actor"):
        query.events(store, query.Filters(source="Atlantis"))


# -- timeline ---------------------------------------------------------------------------


def test_dyad_timeline_by_month_one_direction(store: Store) -> None:
    t = query.dyad_timeline(store, "CHN", "USA")
    assert (t.source, t.target, t.source_name) == ("CHN", "USA", "China")
    assert [m.month for m in t.months] == ["2024-03", "2024-04", "2024-05"]
    march, april, may = t.months
    assert (march.events, march.by_type, march.mean_goldstein) == (
        2, {"REJECT": 1, "REQUEST": 1}, -0.5)
    assert (april.events, april.mean_goldstein) == (0, None)
    assert may.by_type == {"COOPERATE": 1}


def test_dyad_timeline_both_directions_and_negated(store: Store) -> None:
    t = query.dyad_timeline(store, "CHN", "USA", both_directions=True)
    assert t.months[0].month == "2023-12" and t.months[0].by_type == {"SANCTION": 1}
    assert t.total == 4
    with_negated = query.dyad_timeline(store, "CHN", "USA", include_negated=True)
    assert with_negated.months[-1].by_type == {"ASSAULT": 1, "COOPERATE": 1}


# -- mechanisms -------------------------------------------------------------------------


def test_mechanism_current_status_is_the_latest_by_date(store: Store) -> None:
    (history,) = query.mechanisms(store)
    assert history.mechanism.name == "China–US high-level military communication"
    assert [v.update.status for v in history.history] == ["suspended", "resumed"]
    assert history.current is not None and history.current.update.status == "resumed"
    assert history.current.evidence.startswith("the two militaries would resume")
    assert history.history[0].update.parties == ("CHN", "USA")
    assert history.history[0].party_names == ("China", "United States")


def test_one_mechanism_by_id_name_or_alias(store: Store) -> None:
    for ref in (HOTLINE, "china-us HIGH-LEVEL military communication", "mil-to-mil channel",
                "Canal de communication militaire"):
        (history,) = query.mechanisms(store, query.Filters(mechanism=ref))
        assert history.mechanism.id == HOTLINE
    with pytest.raises(InputError, match="no mechanism"):
        query.mechanisms(store, query.Filters(mechanism="teleporter"))


def test_a_mechanism_the_store_does_not_describe_is_shown_by_id(tmp_path: Path) -> None:
    analysis = statement()
    update = dataclasses.replace(analysis.mechanism_updates[0], mechanism_id="xx-channel")
    with Store(tmp_path / "x.db") as s:
        s.write_batch([dataclasses.replace(analysis, mechanism_updates=(update,))])
        (history,) = query.mechanisms(s)
        (quiet,) = query.mechanisms(s, query.Filters(mechanism="xx-channel"))
    assert (history.mechanism.id, history.mechanism.name) == ("xx-channel", "xx-channel")
    assert history.mechanism.kind == "unknown" and quiet.current is not None


def test_the_stored_description_names_the_mechanism(store: Store) -> None:
    described = query.stored_mechanisms(store)
    assert set(described) == {HOTLINE}
    assert described[HOTLINE].parties == ("CHN", "USA")
    assert "military channel" in described[HOTLINE].aliases["en"]
    (history,) = query.mechanisms(store)
    assert history.mechanism == described[HOTLINE]
