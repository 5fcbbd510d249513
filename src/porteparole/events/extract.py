"""Stage 7: PLOVER events between actors, with CAMEO roots and Goldstein scores.

``extract_events(analysis, doc)`` reads every sentence's dependency parse for the cues of the
document's language (``knowledge/events/<lang>.yaml``), finds the actors of each cue's source
and target among the mentions stage 5 resolved, reads the cue's modality, and adds one
``Event`` per (source, type, target) and sentence.

Coding rules, after PLOVER and the project's annotation notes:

- Both parties must resolve to actors that act for a state or an international organization,
  and to two different ones: no self-loops, no event without a target.
- Joint participants ("Pékin et Washington ont discuté", "les pourparlers entre X et Y",
  "les deux pays") are all sources: one event in each direction.
- Speech counts for the speaker: a spokesperson's "nous exhortons …" has the spokesperson's
  state as source, and ``speaker_actor`` names the person speaking.
- Hypothetical cues ("pourrait", "envisageait de", "could") are not emitted. Negated ones are
  emitted with ``negated=True`` (unless the cue says what its negation means: "ne peut pas
  être d'accord" is REJECT). Intentions and commitments become AGREE for cooperative types
  (PLOVER), refusals become REJECT, conditions are marked ``modality="condition"`` with a
  lower confidence. ``reportable`` says which events a scorer should count.
- Nouns in background phrases ("dans son invasion de …") are not events.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterator
from itertools import compress, count
from typing import TYPE_CHECKING

from porteparole.events import modality as modality_reader
from porteparole.events.arguments import Arguments, relative_subject
from porteparole.events.memo import per_document
from porteparole.events.ontology import Ontology
from porteparole.events.parse import Parse, parse_of
from porteparole.events.patterns import Cue, Lexicon, load_lexicon, near_indices
from porteparole.events.speech import Voices
from porteparole.events.timing import event_date_at
from porteparole.kb import KnowledgeBase
from porteparole.knowledge.bundle import Knowledge, default_knowledge
from porteparole.nlp import doc_text
from porteparole.records import Analysis, Event
from porteparole.text import doc_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_events", "reportable"]

_RELATIVE_CLAUSES = frozenset({"acl:relcl", "relcl"})
# Types that answer what another party did, whose noun cues may leave that party unsaid.
_RESPONSES = frozenset({"REJECT", "ACCUSE", "PROTEST", "THREATEN", "SANCTION"})
# Material acts whose noun's own adjective names who acts ("Israeli strikes on Gaza", « l'aide
# américaine à l'Ukraine »); for talks or threats it rather names a topic ("Iranian talks").
_MATERIAL = frozenset({"ASSAULT", "SANCTION", "AID", "MOBILIZE", "COERCE"})
_BASE_CONFIDENCE = {"VERB": 0.8, "AUX": 0.7, "ADJ": 0.75, "NOUN": 0.7}


def extract_events(
    analysis: Analysis,
    doc: Doc,
    knowledge: Knowledge | None = None,
    *,
    kb: KnowledgeBase | None = None,
    lexicon: Lexicon | None = None,
    ontology: Ontology | None = None,
) -> Analysis:
    """Stage 7: the analysis with its PLOVER events added, read with ``knowledge``
    (default: the default bundle); ``kb``, ``lexicon`` and ``ontology`` replace its parts.

    ``doc`` is the spaCy Doc of the whole document text. A language without an event file
    (or a Doc without a dependency parse) gets no events rather than an error.
    """
    knowledge = knowledge if knowledge is not None else default_knowledge()
    with knowledge.active():
        lexicon = lexicon or load_lexicon(analysis.document.language)
        if lexicon is None or doc is None or not doc.has_annotation("DEP"):
            return analysis
        extractor = _Extractor(analysis, doc, lexicon, kb or knowledge.actors,
                               ontology or knowledge.ontology)
        events = tuple(extractor.run())
    return dataclasses.replace(analysis, events=analysis.events + events)


def reportable(event: Event) -> bool:
    """Whether an event is asserted as having happened or been committed to.

    Negated, conditional and hypothetical events are kept as records (an analyst may want
    "did not invoke the treaty") but a gold set lists only events that took place.
    """
    return not event.negated and event.modality not in ("condition", "hypothetical")


@dataclasses.dataclass(frozen=True, slots=True)
class _Match:
    token: Token
    cue: Cue


class _Extractor:
    def __init__(self, analysis: Analysis, doc: Doc, lexicon: Lexicon, kb: KnowledgeBase,
                 ontology: Ontology) -> None:
        self.analysis = analysis
        self.doc = doc
        self.lexicon = lexicon
        self.ontology = ontology
        self.parse = parse_of(doc)
        self.args = Arguments(analysis, doc, lexicon, kb)
        self.voices = Voices(analysis, lexicon, self._subject_actors, self._phrase_actors)
        self.args.voice = self.voices

    def _subject_actors(self, verb: Token) -> list[str]:
        return self.args.actors(verb, ("subj",), is_noun=False)

    def _phrase_actors(self, head: Token) -> list[str]:
        return self.args.phrase_actors(head, set(), set())

    def run(self) -> list[Event]:
        events: list[Event] = []
        for sentence in self._cue_sentences():
            if _is_question(sentence):
                continue  # a question asserts nothing ("Comment évaluez-vous la coopération…?")
            seen: set[tuple[str | None, str, str | None]] = set()
            for match in self._matches(sentence):
                for event in self._events(match, sentence):
                    key = (self.args.code(event.source_actor), event.type,
                           self.args.code(event.target_actor))
                    if key not in seen:
                        seen.add(key)
                        events.append(event)
        return events

    def _cue_sentences(self) -> list[Span]:
        """The sentences that hold a cue candidate, in text order: no other sentence can
        give an event, so no other becomes a ``Span`` (``Doc.sents`` builds them all)."""
        every = self._cue_candidates()
        if not every:
            return []
        sentence_of = self.parse.sentence
        bounds = self.parse.sentences()
        numbers = dict.fromkeys(sentence_of[i] for i in every)
        return [self.doc[bounds[n][0]:bounds[n][1]] for n in numbers]

    def _matches(self, sentence: Span) -> list[_Match]:
        """Cue matches of a sentence; the words a multi-word cue needs are not cues again."""
        matches: list[_Match] = []
        consumed: set[int] = set()
        every = self._cue_candidates()
        doc, parse = self.doc, self.parse
        for i in every[bisect_left(every, sentence.start):bisect_left(every, sentence.end)]:
            cues = self.lexicon.cues_at(parse, i)
            if not cues:
                continue
            token = doc[i]
            if len(cues) > 1:  # the cues needing most words around the token win
                most = max(len(c.needs) for c in cues)
                cues = [c for c in cues if len(c.needs) == most]
            for cue in cues:
                matches.append(_Match(token, cue))
                if cue.needs and not cue.keep_needs:
                    consumed |= _needed_tokens(parse, i, cue, self.lexicon.partitives)
        return [m for m in matches if m.token.i not in consumed]

    @per_document
    def _cue_candidates(self) -> tuple[int, ...]:
        """The document's tokens that may be cues, in order, found once (``_cue_indices``)."""
        return tuple(_cue_indices(self.doc, self.lexicon))

    def _events(self, match: _Match, sentence: Span) -> Iterator[Event]:
        token, cue = match.token, match.cue
        doc, parse = self.doc, self.parse
        at = parse.head[token.i] if parse.dep[token.i].startswith("aux") else token.i
        if parse.dep[at] in _RELATIVE_CLAUSES and not relative_subject(doc[at]) or (
                cue.is_noun and self._background(token.i)):
            return
        if cue.pos == "NOUN" and (_scare_quoted(parse, token.i) or self.args.names_others(
                token)):
            return  # la « menace chinoise »; "contacts between al Qaeda and …"
        predicate = token if at == token.i else doc[at]
        reading = modality_reader.read_at(parse, at, self.lexicon)
        if reading.hypothetical or (reading.prepared and not self._prepared(cue, reading)):
            return  # a summit being prepared has not taken place; a war readied is a threat
        source_roles = cue.source
        # "the attack by X", « les accusations portées par X »: an event noun's agent is its
        # source; not for AGREE ("the consensus reached by the two presidents" recalls an
        # earlier agreement, not a new one).
        if cue.pos == "NOUN" and "agent" not in source_roles and cue.type != "AGREE":
            source_roles = ("agent", *source_roles)
        if cue.pos == "NOUN" and cue.mutual:  # "the deal was signed by X and Y"
            source_roles = _before_subject(source_roles, "passive_agent")
        if cue.pos == "NOUN" and cue.type in _MATERIAL and not cue.mutual:
            source_roles = _before_subject(source_roles, "amod")
        sources = (self.args.hyphen_pair(predicate) if cue.pos == "NOUN" and cue.mutual
                   else []) or self.args.actors(predicate, source_roles, cue.is_noun,
                                                avoid=cue.target)
        if not sources:
            return
        if not cue.is_noun and not cue.mutual:  # "Egypt, along with Jordan, condemned …";
            sources += self.args.companions(predicate)  # not for talks: no talks between them
        source_codes = {code for s in sources if (code := self.args.code(s)) is not None}
        targets = self.args.actors(predicate, cue.target, cue.is_noun, exclude=source_codes)
        kind, negated, modality = self._recode(cue, reading)
        speaker = self.voices(predicate)
        implicit = self._implicit_target(cue)
        if not targets and cue.target and self.args.points_back(
                predicate, cue.target, cue.is_noun, implicit=implicit):
            own_side = source_codes | {self.args.code(self.args.state_of(speaker))}
            targets = self.args.target_named_before(predicate, {c for c in own_side if c},
                                                    whole_sentence=implicit)
        if not targets and cue.default_target and self.args.code(cue.default_target):
            targets = [cue.default_target]  # a veto: against the body it is cast in
        # A refusal or an offer to meet is one side's act: a meeting is mutual, a refusal not.
        date: list[str | None] = []  # the predicate's date, read for the first event alone
        for source, target in self._pairs(cue, sources, targets,
                                          reciprocal=cue.reciprocal and kind == cue.type):
            codes = self.args.code(source), self.args.code(target)
            if None in codes or codes[0] == codes[1]:
                continue
            if not date:
                date.append(self._date(at))
            yield self._event(match, sentence, source, target, kind, negated, modality,
                              speaker, predicate, date[0])

    def _implicit_target(self, cue: Cue) -> bool:
        """A noun cue of a response may leave its target unsaid ("prendra les contre-mesures
        nécessaires": against whoever was just named); cooperation, or a deployment ("des
        exercices militaires"), may not."""
        return cue.is_noun and not cue.mutual and cue.type in _RESPONSES

    def _pairs(self, cue: Cue, sources: list[str], targets: list[str], *,
               reciprocal: bool) -> Iterator[tuple[str, str]]:
        if cue.mutual and len(sources) > 1:
            yield from ((a, b) for a in sources for b in sources)
        for source in sources:
            for target in targets:
                yield source, target
                if reciprocal:
                    yield target, source

    def _prepared(self, cue: Cue, reading: modality_reader.Reading) -> str | None:
        """The type a stated preparation of the cue's act is coded as ("se prépare à envahir":
        MOBILIZE, from the ontology's ``prepared_type``), or None."""
        return self.ontology.types[cue.type].prepared_type if reading.prepared else None

    def _recode(self, cue: Cue, reading: modality_reader.Reading) -> tuple[str, bool, str | None]:
        """Type, negation and modality after reading the cue's verbal chain."""
        kind, negated, modality = cue.type, reading.negated, None
        prepared = self._prepared(cue, reading)
        if prepared:
            return prepared, negated, "intent"
        if reading.refusal:
            return "REJECT", False, "refusal"
        if reading.ultimatum and not negated:
            return "THREATEN", False, None  # a measure announced unless the other side yields
        if negated and cue.negated_type:
            return cue.negated_type, False, None
        entry = self.ontology.types[kind]
        if reading.intent:
            kind, modality = entry.intent_type or kind, "intent"
        elif reading.future:
            kind, modality = entry.future_type or kind, "intent"
        if reading.condition:
            modality = "condition"
        return kind, negated, modality

    def _event(self, match: _Match, sentence: Span, source: str, target: str, kind: str,
               negated: bool, modality: str | None, speaker: str | None,
               predicate: Token, date: str | None) -> Event:
        cue = match.cue
        mode = cue.mode if kind == cue.type else None
        root, goldstein = self.ontology.score(kind, mode)
        confidence = _BASE_CONFIDENCE.get(cue.pos, 0.7) - (0.3 if modality == "condition" else 0)
        return Event(
            document_id=self.analysis.document.id,
            start=self._evidence_start(sentence, predicate),
            end=_trimmed_end(sentence),
            source_actor=source,
            type=kind,
            target_actor=target,
            mode=mode,
            cameo_root=root,
            goldstein=goldstein,
            negated=negated,
            modality=modality,
            date=date,
            confidence=round(confidence, 2),
            speaker_actor=speaker,
        )

    def _date(self, predicate: int) -> str | None:
        """The date of the clause that ends the predicate's verbal chain (``timing``)."""
        clause = modality_reader.verbal_chain_at(self.parse, predicate)[-1]
        return event_date_at(self.parse, clause, self.analysis.document.date, self.lexicon)

    def _evidence_start(self, sentence: Span, predicate: Token) -> int:
        """The sentence's start, or its turn's when the sentence runs over a turn label."""
        turn = self.voices.turn_at(predicate.idx)
        start: int = sentence.start_char
        return max(start, turn.start) if turn is not None else start

    def _background(self, token: int) -> bool:
        """A noun cue in a background phrase ("dans son invasion de …"), or one that
        describes a participant ("le directeur du bureau pour la coopération militaire")."""
        parse = self.parse
        dep, lower, head = parse.dep, parse.lower, parse.head[token]
        background = self.lexicon.background
        return any(dep[c] in ("case", "prep") and lower[c] in background
                   for c in parse.children[token]) or (
            dep[head] == "prep" and lower[head] in background
        ) or _describes_participant(parse, token)


def _before_subject(roles: tuple[str, ...], role: str) -> tuple[str, ...]:
    """``roles`` with ``role`` tried just before the governing verb's subject (last if none)."""
    if role in roles:
        return roles
    at = roles.index("subj") if "subj" in roles else len(roles)
    return (*roles[:at], role, *roles[at:])


def _describes_participant(parse: Parse, token: int) -> bool:
    """Whether a noun cue hangs, below its own head, from an apposition ("Huang, directeur
    du bureau pour la coopération militaire"): it describes an actor, it is not an event."""
    heads, pos, dep = parse.head, parse.pos, parse.dep
    current = heads[token]
    for _ in range(6):
        if pos[current] in ("VERB", "AUX") or heads[current] == current:
            return False
        if dep[current] == "appos":
            return True
        current = heads[current]
    return False


def _needed_tokens(parse: Parse, token: int, cue: Cue, partitives: frozenset[str]) -> set[int]:
    wanted = set().union(*cue.needs)
    lemma, lower = parse.lemma, parse.lower
    return {t for t in near_indices(parse, token, partitives)
            if lemma[t] in wanted or lower[t] in wanted}


_SCARE_WIDTH = 3  # words: a longer quoted stretch is a quotation, not a scare quote


def _scare_quoted(parse: Parse, token: int) -> bool:
    """Whether a noun stands inside quotation marks that hold only a few words around it
    ("la « menace chinoise »", "so-called 'talks'"): a word held at a distance, not the
    report of an event."""
    start, end = parse.sentence_bounds(token)
    left = right = None
    for i in range(token - 1, max(start, token - _SCARE_WIDTH) - 1, -1):
        if _is_quote_mark(parse, i):
            left = i
            break
    for i in range(token + 1, min(end, token + _SCARE_WIDTH + 1)):
        if _is_quote_mark(parse, i):
            right = i
            break
    return left is not None and right is not None and right - left - 1 <= _SCARE_WIDTH


def _is_quote_mark(parse: Parse, i: int) -> bool:
    return bool(parse.quote[i]) and parse.doc[i].text not in ("'s", "’s", "'", "’")


def _cue_indices(doc: Doc, lexicon: Lexicon) -> list[int]:
    """The tokens whose lemma or form (typographic apostrophe folded,
    as ``patterns._word_keys`` folds it) is a cue's, or whose form is a cue verb's regular
    inflection (``Lexicon.by_form``): ``cues_at`` finds nothing for any other, so only these
    are looked at. Each distinct word of the document is tested once, then the tokens are
    picked by set membership."""
    keys, forms = lexicon.by_lemma, lexicon.by_form
    columns = doc_table.table(doc)
    lower, lemma = columns.lower, columns.lemma
    words = {w for w in set(lower) if _apostrophe(w) in keys or w in forms}
    bases = {b for b in set(lemma) if _apostrophe(b) in keys}
    found = set(compress(count(), map(words.__contains__, lower)))
    found.update(compress(count(), map(bases.__contains__, lemma)))
    return sorted(found)


def _apostrophe(word: str) -> str:
    return word.replace("’", "'") if "’" in word else word


def _sentence_text(sentence: Span) -> str:
    """The sentence's characters up to its last token's end: ``Span.text`` without the
    trailing white space, cut from the Doc's text kept once (``nlp.doc_text``) instead of
    joined token by token."""
    return doc_text(sentence.doc)[sentence.start_char:sentence.end_char]


def _is_question(sentence: Span) -> bool:
    return _sentence_text(sentence).rstrip().endswith(("?", "？", "¿"))


def _trimmed_end(sentence: Span) -> int:
    """The sentence's end without trailing white space."""
    return int(sentence.start_char) + len(_sentence_text(sentence).rstrip())
