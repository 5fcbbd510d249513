"""Stage 5: every span that names or designates an actor, resolved to the knowledge base.

``resolve_actors(analysis, doc, knowledge)`` adds ``Mention`` records, fills each turn's
``speaker_actor`` and the document's canonical ``spokesperson``. In order:

1. knowledge names (names, aliases, capitals as metonyms for their state, adjectives,
   demonyms, compound prefixes), longest match first (``matcher``);
2. a state's institutions written with its adjective ("l'armée chinoise") (``roles``);
3. spaCy entities the knowledge base does not list: a close spelling of a known name
   (``fuzzy``), else kept unresolved — a name is never dropped;
4. surnames alone, then role descriptions by the document's date (``coref``, ``roles``);
5. anaphora, once for the later stages: pronouns, "the latter", pointing back to a person
   named before, as mentions on the anaphor's own span (``anaphora``).

Turn labels ("Reuters:", "Mao Ning :") are speakers, not mentions of the content: they are
skipped, and resolved into ``Turn.speaker_actor`` instead; an answering person named nowhere
else gets one ``label`` mention there, so that the document's persons include them
(``speakers``).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from porteparole.actors.anaphora import anaphora_mentions, lookback_mentions
from porteparole.actors.coref import PROMINENT_ROLES, UNRESOLVED_CONFIDENCE, resolve_surname
from porteparole.actors.fuzzy import FuzzyIndex
from porteparole.actors.lexicon import Lexicon, load_lexicon
from porteparole.actors.matcher import TITLE, Candidate, KnowledgeMatcher, Match, build_matcher
from porteparole.actors.roles import Institution, MatchIndex, RoleFinder, RoleSpan
from porteparole.actors.speakers import label_mentions
from porteparole.kb import KnowledgeBase
from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.records import Actor, ActorRole, Analysis, Mention, Turn
from porteparole.text.folds import fold_token
from porteparole.text.tokens import Token, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from porteparole.quotes.lexicon import QuoteLexicon

__all__ = ["CONFIDENCE", "resolve_actors", "resolver_for"]

# Confidence by method: how often a mention resolved this way is right.
CONFIDENCE = {
    "name": 1.0, "alias": 0.95, "adjective": 0.9, "institution": 0.9, "metonymy": 0.85,
    "apposition": 0.9, "role": 0.8, "coreference": 0.7, "ner": UNRESOLVED_CONFIDENCE,
}
_NER_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE",
              "NORP": "NORP"}
_KIND_RANK = {"name": 0, "alias": 0, "capital": 1, "adjective": 2, "demonym": 2, "prefix": 2}
_KIND_METHOD = {"name": "alias", "alias": "alias", "capital": "metonymy",
                "adjective": "adjective", "demonym": "adjective", "prefix": "adjective"}
_FOREIGN_LABELS = frozenset({"ORG", "PER", "PERSON", "MISC", "FAC", "WORK_OF_ART"})
_APPOSITION_SKIP = frozenset({",", "(", ")"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_START = attrgetter("start")


class Resolver:
    """Everything built once per (knowledge base, language): matchers, roles, fuzzy index."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon
        self.matcher: KnowledgeMatcher = build_matcher(kb, lexicon)
        self.roles = RoleFinder(kb, lexicon)
        self.fuzzy = FuzzyIndex(kb)

    def resolve(self, analysis: Analysis, doc: Doc, pronouns: QuoteLexicon | None = None
                ) -> Analysis:
        """The analysis with its actors resolved; ``pronouns`` (the quote lexicon's pronoun
        lists) lets the look-back of ``anaphora`` resolve every pronoun."""
        document = analysis.document
        text = document.text
        skip = label_spans(text, analysis.turns)
        labels = Spans(skip)
        tokens = tokenize(text)
        matches = [m for m in self.matcher.find(tokens) if not labels.overlaps(m.start, m.end)]
        ents = [
            (e.start_char, e.end_char, e.label_)
            for e in getattr(doc, "ents", ())
            if not labels.overlaps(e.start_char, e.end_char)
        ]
        work = _Work(document.id, text, tokens, matches, ents, self.kb)
        self._names(work)
        index = MatchIndex(matches, self.kb)
        institutions = self.roles.institutions(tokens, index)
        self._institutions(work, institutions)
        roles = self.roles.roles(tokens, index, institutions)
        work.role_spans = [(r.start, r.end) for r in roles]
        self._entities(work)
        self._surnames(work, document.date)
        self._roles(work, roles, document.date)
        work.mentions += anaphora_mentions(doc, work.mentions, self.lexicon, document.id, skip)
        turns = tuple(self._speaker(turn) for turn in analysis.turns)
        work.mentions += label_mentions(document.id, text, turns, work.mentions, self.kb)
        if pronouns is not None:
            work.mentions += lookback_mentions(doc, work.mentions, self.kb.actor, pronouns,
                                               document.id, document.language, turns)
        mentions = tuple(sorted(work.mentions, key=lambda m: (m.start, -m.end, m.entity_type)))
        spokesperson = self._spokesperson(document.spokesperson, turns, document.kind)
        return dataclasses.replace(
            analysis,
            document=dataclasses.replace(document, spokesperson=spokesperson),
            mentions=analysis.mentions + mentions,
            turns=turns,
        )

    # -- 1. knowledge names ---------------------------------------------------------------

    def _names(self, work: _Work) -> None:
        for match in work.matches:
            kinds = match.kinds
            if TITLE in kinds or kinds == {"surname"}:
                continue
            best = _best_candidates(match.candidates)
            actor_ids = {c.actor_id for c in best}
            kind = best[0].kind
            if kind == "capital" and work.inside_foreign_entity(match):
                continue  # "Beijing Daily", "Washington Post": not the state
            if kind == "prefix":  # "sino-": the word without its hyphen
                if not work.state_word_at(match.last):
                    continue  # "Indo-Pacifique", "anglo-saxon": not a compound of states
                end = work.tokens[match.first].end
                work.add(match.start, end, None, actor_ids, kind)
            else:
                work.add(match.start, match.end, None, actor_ids, kind)

    def _institutions(self, work: _Work, institutions: Iterable[Institution]) -> None:
        for found in institutions:
            start, end = work.tokens[found.first].start, work.tokens[found.last - 1].end
            if not work.covered_by_actor(start, end, found.actor_id):
                work.add(start, end, "ORG", {found.actor_id}, "institution")

    # -- 3. spaCy entities ----------------------------------------------------------------

    def _entities(self, work: _Work) -> None:
        for start, end, label in work.ents:
            if label not in _NER_TYPES or work.overlaps(start, end) or work.has_surname(
                start, end
            ) or work.in_role(start, end):
                continue
            start = work.after_titles(start, end)
            surface = work.text[start:end]
            hit = self.fuzzy.best(surface, label)
            if hit is None:
                work.mentions.append(Mention(work.document_id, start, end, surface,
                                             _NER_TYPES[label], None,
                                             CONFIDENCE["ner"], "ner"))
                continue
            actor_id, score = hit
            work.mentions.append(Mention(work.document_id, start, end, surface,
                                         self._entity_type(actor_id, "name"), actor_id,
                                         round(0.9 * score / 100, 3), "fuzzy"))

    # -- 4. surnames, roles ---------------------------------------------------------------

    def _surnames(self, work: _Work, on: str | None) -> None:
        named = work.named_persons()
        day = on if on and _ISO_DATE.fullmatch(on) else None
        for match in work.matches:
            if match.kinds != {"surname"} or work.overlaps(match.start, match.end):
                continue
            if work.starts_longer_name(match) or work.ends_longer_name(match):
                continue  # "General Wu Yanan" is not Wu Qian, "Li Xi" not Xi: the name goes on
            if work.names_unknown_person(match):
                continue  # "Susan Rice ... Rice said": the unknown person, kept by spaCy
            strong = (
                work.title_before(match) or work.title_after(match)
                or work.in_person_entity(match)
            )
            candidates = [c.actor_id for c in match.candidates if c.actor_id]
            found = resolve_surname(candidates, named, strong, self._prominent(candidates, day))
            if found is not None:
                work.mentions.append(Mention(
                    work.document_id, match.start, match.end, work.text[match.start:match.end],
                    "PER", found.actor_id, found.confidence, found.method))

    def _prominent(self, actor_ids: Iterable[str], day: str | None = None) -> set[str]:
        """The persons among ``actor_ids`` who ever held a top office.

        Leaders of different decades share surnames ("Koizumi", "Kono", "Yoon"). When
        several did and the document has a date, a surname alone designates whoever is in a
        top office on that date; failing that, whoever left one last before it (a former
        president is news for years, his namesake of the decade before much less); a
        holder yet to come never.
        """
        found: dict[str, tuple[ActorRole, ...]] = {}
        for actor_id in actor_ids:
            actor = self.kb.actor(actor_id)
            top = tuple(r for r in actor.roles if r.role in PROMINENT_ROLES) if actor else ()
            if top:
                found[actor_id] = top
        if day is None or len(found) < 2:
            return set(found)
        current = {a for a, top in found.items() if any(r.held_on(day) for r in top)}
        if current:
            return current
        left = {a: max(r.end for r in top if r.end is not None and r.end <= day)
                for a, top in found.items()
                if any(r.end is not None and r.end <= day for r in top)}
        if not left:
            return set(found)
        last = max(left.values())
        return {a for a, end in left.items() if end == last}

    def _roles(self, work: _Work, spans: Sequence[RoleSpan], on: str | None) -> None:
        named = work.named_persons()
        day = on if on and _ISO_DATE.fullmatch(on) else None
        for span in spans:
            apposed = work.apposition(span.last)
            if apposed is not None:
                actor_id, method = apposed.actor_id, "apposition"
            elif span.anchor is not None:
                actor_id, method = self._holder(span, day, named), "role"
            else:
                continue
            confidence = CONFIDENCE[method] if actor_id else UNRESOLVED_CONFIDENCE
            work.mentions.append(Mention(work.document_id, span.start, span.end,
                                         work.text[span.start:span.end], "ROLE", actor_id,
                                         confidence, "role"))

    def _holder(self, span: RoleSpan, day: str | None, named: set[str]) -> str | None:
        holders = [a.id for a in self.kb.holders(span.role, span.anchor or "", day)]
        if len(holders) == 1:
            return holders[0]
        preferred = [h for h in holders if h in named]
        return preferred[0] if len(preferred) == 1 else None

    # -- turns and the spokesperson -------------------------------------------------------

    def _speaker(self, turn: Turn) -> Turn:
        if turn.speaker is None or turn.speaker_actor is not None:
            return turn
        # An asker is an outlet first ("AFP" the agency, not the Philippine armed forces).
        preferences = (("outlet",), ("organization",)) if turn.role == "question" else (
            ("person",),)
        found = None
        for wanted in preferences:
            found = found or self._one_actor(turn.speaker, wanted)
        return dataclasses.replace(turn, speaker_actor=found.id) if found else turn

    def _spokesperson(self, printed: str | None, turns: Sequence[Turn], kind: str) -> str | None:
        if printed:
            found = self._one_actor(printed, ("person",))
            return found.name if found else printed
        if kind != "press_conference":
            return None
        answering = {t.speaker_actor for t in turns if t.role == "answer" and t.speaker_actor}
        if len(answering) == 1:
            actor = self.kb.actor(answering.pop())
            return actor.name if actor else None
        return None

    def _one_actor(self, name: str, types: Sequence[str]) -> Actor | None:
        found = [a for a in self.kb.find(name) if a.type in types]
        if not found:
            tokens = tokenize(name)
            matches = self.matcher.find(tokens)
            if len(matches) == 1 and matches[0].first == 0 and matches[0].last == len(tokens):
                ids = {c.actor_id for c in matches[0].candidates if c.actor_id}
                found = [a for a in map(self.kb.actor, ids) if a and a.type in types]
        return found[0] if len(found) == 1 else None

    def _entity_type(self, actor_id: str, kind: str) -> str:
        actor = self.kb.actor(actor_id)
        if actor is None:
            return "ORG"
        if actor.type == "person":
            return "PER"
        if actor.type == "state":
            return "NORP" if kind in ("adjective", "demonym", "prefix") else "GPE"
        return "ORG"


class _Work:
    """The state of one document's resolution: its tokens, matches, entities, mentions."""

    def __init__(self, document_id: str, text: str, tokens: list[Token], matches: list[Match],
                 ents: list[tuple[int, int, str]], kb: KnowledgeBase) -> None:
        self.document_id = document_id
        self.text = text
        self.tokens = tokens
        self.matches = matches
        self.ents = ents
        self.kb = kb
        self.mentions: list[Mention] = []  # appended to, never taken from
        self._spans = Spans(())  # the spans of ``mentions`` (see ``overlaps``)
        self._filed = 0  # how many of ``mentions`` ``_spans`` holds
        self._titles_ending = {m.end: m for m in matches if TITLE in m.kinds}
        self._titles_starting = {m.start: m for m in matches if TITLE in m.kinds}
        # The tokens' starts, increasing: the tokens at or after an offset by bisection.
        self._starts = list(map(_START, tokens))
        self._surnames = [m for m in matches if m.kinds == {"surname"}]
        self._by_first = {m.first: m for m in matches}
        self.role_spans: list[tuple[int, int]] = []
        # Surnames the document gives to someone the knowledge base does not know.
        self._unknown_surnames = {fold_token(text[m.start:m.end]) for m in self._surnames
                                  if self.ends_longer_name(m)}

    def add(self, start: int, end: int, entity: str | None, actor_ids: set[str | None],
            kind: str) -> None:
        actor_id = next(iter(actor_ids)) if len(actor_ids) == 1 else None
        method = _KIND_METHOD.get(kind, kind)
        confidence = CONFIDENCE["name" if kind == "name" else method] if actor_id else (
            UNRESOLVED_CONFIDENCE)
        if entity is None:
            entity = self._entity(actor_id, kind)
        self.mentions.append(Mention(self.document_id, start, end, self.text[start:end],
                                     entity, actor_id, confidence, method))

    def _entity(self, actor_id: str | None, kind: str) -> str:
        actor = self.kb.actor(actor_id) if actor_id else None
        if actor is None:
            return "NORP" if kind in ("adjective", "demonym", "prefix") else "ORG"
        if actor.type == "person":
            return "PER"
        if actor.type == "state":
            return "NORP" if kind in ("adjective", "demonym", "prefix") else "GPE"
        return "ORG"

    def state_word_at(self, position: int) -> bool:
        """A state's name, adjective or prefix starts at this token ("-américain")."""
        match = self._by_first.get(position)
        if match is None:
            return False
        return any(
            c.kind in _KIND_RANK and (actor := self.kb.actor(c.actor_id or "")) is not None
            and actor.type == "state"
            for c in match.candidates
        )

    def in_role(self, start: int, end: int) -> bool:
        """Inside a role's words ("État" of "secrétaire d'État"): not a name of its own."""
        return any(a <= start and end <= b for a, b in self.role_spans)

    def has_surname(self, start: int, end: int) -> bool:
        """A surname alone lies in the span: coreference resolves it, not spaCy's label.

        A surname that begins a longer unknown name ("Wu Yanan") is not alone: the span
        stays spaCy's, to be kept as the unknown person it names.
        """
        return any(
            m.start < end and start < m.end
            and not self.starts_longer_name(m) and not self.ends_longer_name(m)
            and not self.names_unknown_person(m)
            for m in self._surnames
        )

    def names_unknown_person(self, match: Match) -> bool:
        """The document gives this surname in full to a person the knowledge base does not
        know ("Susan Rice"), and to no one it knows: alone, it more likely means that person
        than a namesake. A known person named in full keeps it ("Wang Yi ... Wang said",
        whoever the byline's "Ethan Wang" is)."""
        if fold_token(self.text[match.start:match.end]) not in self._unknown_surnames:
            return False
        return not {c.actor_id for c in match.candidates} & self.named_persons()

    def overlaps(self, start: int, end: int) -> bool:
        """A mention so far overlaps ``[start, end)``. Asked for every entity and surname
        while mentions are being added: the mentions added since the last question are
        filed first, then the few that start near the span are looked at."""
        for mention in self.mentions[self._filed:]:
            self._spans.add(mention.start, mention.end)
        self._filed = len(self.mentions)
        return self._spans.overlaps(start, end)

    def covered_by_actor(self, start: int, end: int, actor_id: str) -> bool:
        return any(m.start <= start and end <= m.end and m.actor_id == actor_id
                   for m in self.mentions)

    def inside_foreign_entity(self, match: Match) -> bool:
        """The match is a strict part of a spaCy name of another kind ("Beijing Daily")."""
        return any(
            s <= match.start and match.end <= e and e - s > match.end - match.start
            and label in _FOREIGN_LABELS
            for s, e, label in self.ents
        )

    def in_person_entity(self, match: Match) -> bool:
        """spaCy tags a person made only of surnames (and titles) around the match.

        "l'administration Biden-Harris" qualifies; "Ren'ai Jiao" (a reef) does not make
        "Ren" a person just because spaCy calls the whole a person.
        """
        for start, end, label in self.ents:
            if label in ("PER", "PERSON") and start <= match.start and match.end <= end:
                return all(
                    t.key == "-" or self._surname_or_title(t.start)
                    for t in self.tokens[self._first_at(start):self._first_at(end)]
                )
        return False

    def _surname_or_title(self, offset: int) -> bool:
        return any(m.start <= offset < m.end for m in self._surnames) or any(
            m.start <= offset < m.end for m in self._titles_starting.values()
        )

    def title_before(self, match: Match) -> bool:
        if match.first == 0:
            return False
        return self.tokens[match.first - 1].end in self._titles_ending

    def title_after(self, match: Match) -> bool:
        """A title word follows the surname ("the Trump administration")."""
        if match.last >= len(self.tokens):
            return False
        return self.tokens[match.last].start in self._titles_starting

    def starts_longer_name(self, match: Match) -> bool:
        """The surname is followed, after one space, by another capitalised word that is
        neither a title nor a known surname: it begins a name the knowledge base does not
        know ("Wu Yanan", "Zhang Youxia"), not a surname used alone."""
        if match.last >= len(self.tokens):
            return False
        following = self.tokens[match.last]
        if following.start != match.end + 1 or following.start in self._titles_starting:
            return False
        word = self.text[following.start:following.end]
        return word[:1].isupper() and word[1:2].islower() and not self._surname_or_title(
            following.start
        )

    def ends_longer_name(self, match: Match) -> bool:
        """The surname ends a person's name, right after a capitalised word that spaCy tags
        as (part of) a person, that is not a title and that the knowledge base does not know
        ("Micheál Martin", "spokesman Li Xi"): an unknown person who shares the surname, not
        the surname alone. A title, a state's adjective or a known surname before it
        ("President Xi", "Chinese Premier Li") does not count."""
        if match.first == 0:
            return False
        previous = self.tokens[match.first - 1]
        word = self.text[previous.start:previous.end]
        if previous.end + 1 != match.start or not (word[:1].isupper() and word[1:2].islower()):
            return False
        if previous.start in self._titles_starting or previous.end in self._titles_ending:
            return False
        if any(m.start <= previous.start < m.end for m in self.matches):
            return False
        return any(
            label in ("PER", "PERSON") and start <= previous.start < end
            for start, end, label in self.ents
        )

    def after_titles(self, start: int, end: int) -> int:
        """The entity's start once leading titles ("M.", "le général") are skipped."""
        while start in self._titles_starting and self._titles_starting[start].end < end:
            following = self._first_at(self._titles_starting[start].end)
            if following == len(self.tokens) or self.tokens[following].start >= end:
                break
            start = self.tokens[following].start
        return start

    def _first_at(self, offset: int) -> int:
        """The index of the first token starting at or after ``offset`` (the token count
        when none does)."""
        return bisect_left(self._starts, offset)

    def named_persons(self) -> set[str]:
        return {m.actor_id for m in self.mentions
                if m.entity_type == "PER" and m.actor_id and m.method in ("alias", "fuzzy")}

    def apposition(self, last: int) -> Mention | None:
        """The person named right after a role ("…Défense, Wu Qian", "le président Xi")."""
        position, steps = last, 0
        while position < len(self.tokens) and steps < 8:
            token = self.tokens[position]
            person = self._person_at(token.start)
            if person is not None:
                return person
            if token.key in _APPOSITION_SKIP or token.start in self._titles_starting:
                position = self._next_after(token, position)
                steps += 1
                continue
            return None
        return None

    def _person_at(self, start: int) -> Mention | None:
        for mention in self.mentions:  # noqa: SIM110 - see above
            if mention.start == start and mention.entity_type == "PER":
                return mention
        return None

    def _next_after(self, token: Token, position: int) -> int:
        title = self._titles_starting.get(token.start)
        if title is None:
            return position + 1
        return self._first_at(title.end)


def _best_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    ranked = [c for c in candidates if c.kind in _KIND_RANK]
    if not ranked:
        return list(candidates)
    top = min(_KIND_RANK[c.kind] for c in ranked)
    return [c for c in ranked if _KIND_RANK[c.kind] == top]


class Spans:
    """Character spans sorted by start, asked whether any overlaps a span. Why not a scan:
    a document's matches and entities are each tested against every turn label, and its
    entities and surnames against every mention found so far."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []  # the end of the span starting at ``_starts[i]``
        self._longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span ``(a, b)`` has ``a < end`` and ``start < b``. Only a span starting
        after ``start - longest`` can end after ``start``: those are found by bisection."""
        starts, ends = self._starts, self._ends
        for at in range(bisect_left(starts, start - self._longest), bisect_left(starts, end)):
            if ends[at] > start:
                return True
        return False


def label_spans(text: str, turns: Sequence[Turn]) -> list[tuple[int, int]]:
    """The printed speaker labels of the turns: the label line's text before the turn."""
    spans = []
    for turn in turns:
        if turn.label is None:
            continue
        line_start = text.rfind("\n", 0, turn.start) + 1
        if line_start < turn.start:
            spans.append((line_start, turn.start))
    return spans


def resolver_for(kb: KnowledgeBase, language: str, titles: str | Path | None = None) -> Resolver:
    """A resolver of a knowledge base for a language, built now (a ``Knowledge`` bundle
    keeps its own, built once: ``Knowledge.resolver``)."""
    return Resolver(kb, load_lexicon(language, None, str(titles) if titles else None))


def resolve_actors(
    analysis: Analysis,
    doc: Doc,
    knowledge: Knowledge | None = None,
    *,
    kb: KnowledgeBase | None = None,
    titles: str | Path | None = None,
) -> Analysis:
    """Stage 5: the analysis with its mentions, turn speakers and spokesperson resolved.

    ``doc`` is the spaCy Doc of the document's whole text; ``knowledge`` defaults to the
    default bundle. ``kb`` (an actor base) and ``titles`` (a titles directory) replace the
    bundle's own, for a test that reads with a small base of its own.
    """
    knowledge = knowledge if knowledge is not None else default_knowledge()
    language = analysis.document.language
    own = knowledge.language(language)
    pronouns = None if own is None else own.quotes
    with knowledge.active():
        if kb is None and titles is None:
            return knowledge.resolver(language).resolve(analysis, doc, pronouns)
        return resolver_for(kb or knowledge.actors, language, titles).resolve(
            analysis, doc, pronouns)
