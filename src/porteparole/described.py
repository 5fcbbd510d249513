"""What the store keeps of the knowledge an analysis used: the actors and mechanisms its
records name, as the knowledge base and the mechanism catalog described them then.

Records carry ids (``wu-qian``, ``CHN``, ``taiwan-strait-hotline``); a reader of the store,
of its Parquet export or of a Spark output needs the names, types, countries and roles
behind them without porteparole's knowledge files, and an answer about an old analysis
must not change because the knowledge was edited since. So every batch written carries a
description of the actors and mechanisms it refers to, and the store keeps it in its
``actors`` and ``mechanisms`` tables (``store.writer.upsert_described``); the query layer
reads names from there and nowhere else.

An actor is described when a record names it (a mention, a quote's or a turn's speaker, an
event's source, target or reporting speaker, a mechanism update's party, a described
mechanism's party), and so are the countries and role organizations of those actors, so
that a join on ``country`` finds a name too. A description holds the canonical name,
type, country, sector, aliases by language, roles, and every name a user may type for it
(``names``: canonical name, aliases, capitals and surnames, each with its language and
kind), which is what ``query`` resolves a user's words against. An id the knowledge does
not know is not described: the store then shows the id itself.

Policy when descriptions meet (``store.writer``): the most recent description of an id
wins (``described_at``, then the order written), so a batch analysed with newer knowledge
updates the names of the actors it names, and loading an older Spark output into a newer
store does not roll them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from porteparole.records import Analysis

if TYPE_CHECKING:
    from porteparole.kb import KnowledgeBase
    from porteparole.mechanisms.catalog import Catalog

# The kinds of names a user may type for an actor (``KnowledgeBase.find`` and surnames).
TYPED_NAME_KINDS = ("name", "alias", "capital", "surname")

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Description:
    """Rows for the store's ``actors`` and ``mechanisms`` tables, keyed by column; the
    JSON columns (``aliases``, ``roles``, ``names``, ``parties``) as JSON text."""

    actors: tuple[Row, ...] = ()
    mechanisms: tuple[Row, ...] = ()


def referenced_actors(analyses: Iterable[Analysis]) -> set[str]:
    """Every actor id the records of ``analyses`` name."""
    ids: set[str] = set()
    for a in analyses:
        ids.update(m.actor_id for m in a.mentions if m.actor_id)
        ids.update(t.speaker_actor for t in a.turns if t.speaker_actor)
        ids.update(q.speaker_actor for q in a.quotes if q.speaker_actor)
        for e in a.events:
            ids.update(x for x in (e.source_actor, e.target_actor, e.speaker_actor) if x)
        for u in a.mechanism_updates:
            ids.update(u.parties)
    return ids


def referenced_mechanisms(analyses: Iterable[Analysis]) -> set[str]:
    """Every mechanism id the updates of ``analyses`` name."""
    return {u.mechanism_id for a in analyses for u in a.mechanism_updates}


def describe(analyses: Iterable[Analysis], described_at: str, *,
             kb: KnowledgeBase | None = None, catalog: Catalog | None = None) -> Description:
    """The description of what ``analyses`` refer to, from ``kb`` and ``catalog`` (default:
    the package's knowledge, as the analysis stages load it)."""
    listed = list(analyses)
    return describe_ids(referenced_actors(listed), referenced_mechanisms(listed), described_at,
                        kb=kb, catalog=catalog)


def describe_ids(actor_ids: Iterable[str], mechanism_ids: Iterable[str], described_at: str,
                 *, kb: KnowledgeBase | None = None,
                 catalog: Catalog | None = None) -> Description:
    """The description of the given actor and mechanism ids (unknown ids left out)."""
    wanted = set(actor_ids)
    mechanisms = set(mechanism_ids)
    if not wanted and not mechanisms:
        return Description()
    mechanism_rows = _mechanism_rows(mechanisms, described_at, catalog)
    for row in mechanism_rows:  # a mechanism's parties are named by it
        wanted.update(json.loads(row["parties"]))
    if kb is None:
        from porteparole.kb import load_knowledge_base

        kb = load_knowledge_base()
    known = {i for i in wanted if kb.actor(i) is not None}
    for actor_id in list(known):  # the countries and organizations they are described by
        actor = kb.actors[actor_id]
        related = [actor.country, *(r.organization for r in actor.roles)]
        known.update(r for r in related if r and kb.actor(r) is not None)
    names = _typed_names(kb)
    actors = tuple(_actor_row(kb, i, names.get(i, ()), described_at) for i in sorted(known))
    return Description(actors, mechanism_rows)


_INDEXED: list[tuple[KnowledgeBase, dict[str, tuple[tuple[str, str | None, str], ...]]]] = []


def _typed_names(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, str | None, str], ...]]:
    """The names a user may type, by actor id: indexed once per knowledge base (the last
    one indexed is kept; a knowledge base is not hashable, so it is compared by identity)."""
    if _INDEXED and _INDEXED[0][0] is kb:
        return _INDEXED[0][1]
    by_actor: dict[str, dict[tuple[str, str | None, str], None]] = {}
    for entry in kb.names(TYPED_NAME_KINDS):
        by_actor.setdefault(entry.actor_id, {})[(entry.text, entry.language, entry.kind)] = None
    index = {actor_id: tuple(found) for actor_id, found in by_actor.items()}
    _INDEXED[:] = [(kb, index)]
    return index


def _actor_row(kb: KnowledgeBase, actor_id: str,
               names: tuple[tuple[str, str | None, str], ...], described_at: str) -> Row:
    actor = kb.actors[actor_id]
    return {
        "id": actor.id, "name": actor.name, "type": actor.type, "country": actor.country,
        "sector": actor.sector,
        "aliases": _json({lang: list(v) for lang, v in actor.aliases.items()}),
        "roles": _json([{"role": r.role, "organization": r.organization, "start": r.start,
                         "end": r.end} for r in actor.roles]),
        "names": _json([{"name": n, "language": lang, "kind": kind}
                        for n, lang, kind in names]),
        "described_at": described_at,
    }


def _mechanism_rows(ids: set[str], described_at: str,
                    catalog: Catalog | None) -> tuple[Row, ...]:
    if not ids:
        return ()
    if catalog is None:
        from porteparole.mechanisms.catalog import load_catalog

        catalog = load_catalog()
    known = {m.id: m for m in catalog.mechanisms if m.id in ids}
    return tuple({
        "id": m.id, "name": m.name, "kind": m.kind, "parties": _json(list(m.parties)),
        "aliases": _json({lang: list(v) for lang, v in m.aliases.items()}),
        "described_at": described_at,
    } for _, m in sorted(known.items()))


def title_words() -> tuple[str, ...]:
    """The folded words of every title and office the knowledge lists (``knowledge/titles``),
    for telling a bare title ("le ministre") from a name among unresolved mentions."""
    from porteparole.kb import load_titles
    from porteparole.knowledge import knowledge_files
    from porteparole.text.folds import fold_key as fold

    words: set[str] = set()
    languages = sorted({f.name.rsplit(".", 1)[0] for f in knowledge_files("titles", ".txt")})
    for language in languages:
        for title in load_titles(language):
            words.update(fold(w) for w in title.split())
    return tuple(sorted(w for w in words if w))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
