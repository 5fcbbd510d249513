"""Anaphora, resolved once in the actors stage: words that point back to an actor named before.

A pronoun ("il", "she", « selon lui ») names no one by itself; the actor it stands for is
one the text named earlier. This module holds the rules that look back for it, and the
actors stage runs it once per document: what it finds are ``Mention`` records (entity type
PRON) on the anaphor's own span, with the antecedent's actor id, a ``method`` naming the
rule and a confidence. The quotes and events stages read those mentions (a speaker or an
argument that is a pronoun takes the mention on its span); they do not look back for
persons themselves.

The rules, one mention per anaphor, the first that applies:

- ``coreference``: a subject pronoun of a speech verb ("il a déclaré") when exactly one
  person is named between the start of the previous sentence and the pronoun, and nothing
  else that could speak (an organization, a state) comes after that person in the
  pronoun's own sentence ("le Pentagone a abattu ce qu'il a qualifié …" stays open).
- ``antecedent``: any other third-person pronoun the quote lexicon lists ("she", « il »)
  takes the last person the text makes the subject of a verb within the window
  (``Lookback.person_before``) that agrees with it; ``antecedent-named``: a stressed
  pronoun (« selon lui », "according to him") with no such subject takes the last person
  named at all. A pronoun that does not keep to persons (« il », "they") is left open
  after an organization or a state named in its own sentence. The quotes stage takes these
  only where no earlier speaker fits, its own quote-level rule; the events stage takes them
  as the pronoun's actor.
- ``sentence``: a singular "il"/"she" of a clause below its sentence's main one, left open
  by the rules above, is the one known person named earlier in its sentence ("… the visit
  of Jean Dupont, during which he met …").
- ``latter``: "the latter", « ce dernier », « l'intéressé » take the last person named.

The antecedent is known to the base (its actor id) or only printed (actor id None: the
quotes stage prints the name ``Lookback`` finds, as a mention holds no printed name).

Agreement (``agrees``, ``Lookback.agrees_with``), the same for every stage: an antecedent
must agree with the pronoun in number (two persons coordinated are plural) and, where both
are marked, in grammatical gender; a person's gender is read from articles only (« la
ministre », « le ministre … Wang Yi »: the title printed before the name), never from a
model's guess on a name; the pronouns a language keeps for people (``person_pronouns`` of
``knowledge/quotes/<lang>.yaml``: he, she) take a person; a phrase naming a state ("the
Chinese diplomat") takes a person of that state. The window (``window_start``): the
paragraph of the anaphor and the two before, never across a press-conference turn
(``turn_start``, which the events stage's own look-backs also use): a question's actors are
not the answer's. Pronoun lists are data (``knowledge/pronouns``, ``knowledge/quotes``),
reached through the ``Knowledge`` bundle.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import compress, count
from typing import TYPE_CHECKING, TypeVar

from porteparole.kb import printed_person_name
from porteparole.nlp import doc_text
from porteparole.records import Actor, Mention, Turn
from porteparole.text.doc_table import table
from porteparole.text.folds import fold_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from porteparole.actors.lexicon import Lexicon
    from porteparole.quotes.lexicon import QuoteLexicon

PRONOUN_CONFIDENCE = 0.6  # one person in the window, the pronoun a speech verb's subject
ANTECEDENT_CONFIDENCE = 0.5  # the last agreeing person named as a subject in the window
PERSON_TYPES = ("PER", "ROLE")
SPEAKER_TYPES = ("PER", "ROLE", "ORG", "GPE")
WINDOW_PARAGRAPHS = 3  # the anaphor's paragraph and the two before
_NAME_PARTS = ("compound", "flat", "appos", "amod")  # a name's tokens up to its head
# (by the relation's base: French parses mark a name's parts « flat:name »)

Lookup = Callable[[str], Actor | None]
_Entry = TypeVar("_Entry", str, int)  # a token table's string or integer column


# -- agreement ---------------------------------------------------------------------------------

def agrees(pronoun: Token, head: Token | None, person: bool,
           person_pronouns: frozenset[str]) -> bool:
    """Whether ``head`` (the head word of an earlier phrase; None when unknown) can be what
    ``pronoun`` points to; ``person`` says whether that phrase names a person."""
    word = pronoun.lower_.lstrip("-")
    if word in person_pronouns and not person:
        return False
    if head is None:
        return True
    for feature in ("Number", "Gender"):
        mine, theirs = pronoun.morph.get(feature, []), _marked(head, feature, person)
        if mine and theirs and not set(mine) & set(theirs):
            return False
    return True


def _marked(head: Token, feature: str, person: bool) -> list[str]:
    """The head's number or gender as the text marks it. A person's gender is read from
    the article only: the gender a model guesses for a name or an epicene office noun is no
    evidence."""
    if feature == "Gender" and (person or head.pos_ != "NOUN"):
        articles = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
        return list(articles[0].morph.get("Gender", [])) if articles and person else []
    return list(head.morph.get(feature, []))


def _coordinated(head: Token) -> bool:
    """A person named with another by a coordinating word ("Biden and Xi", « Biden et
    Xi »): together they are plural, and a singular pronoun could be either. (UD hangs the
    word on the second conjunct, ClearNLP on the first.)"""
    first = head.head if head.dep_.split(":")[0] == "conj" else head
    conjuncts = [c for c in first.children if c.dep_.split(":")[0] == "conj"]
    return bool(conjuncts) and any(
        g.dep_ == "cc" for t in (first, *conjuncts) for g in t.children)


def is_word(token: Token, words: frozenset[str]) -> bool:
    """The token is one of ``words``, clitic hyphen aside ("-il" of "a-t-il")."""
    return token.text.lower().lstrip("-") in _bare(words)


@cache
def _bare(words: frozenset[str]) -> frozenset[str]:
    """``words`` without their clitic hyphens, computed once per word list."""
    return frozenset(w.lstrip("-") for w in words)


# -- the candidate tokens -----------------------------------------------------------------------

def positions(column: Iterable[_Entry], wanted: AbstractSet[_Entry]) -> list[int]:
    """The indices of ``column`` (a token table column) whose entry is in ``wanted``, in
    order. Why not a comprehension over the column: a document's few pronouns are picked
    by ``map`` and ``compress``, in C, instead of a Python test per token."""
    if not wanted:
        return []
    return list(compress(count(), map(wanted.__contains__, column)))


class _Spellings:
    """The spellings (a token's ORTH hash or its lower-cased form) found to be one of a
    word list, and those found not to be, kept across documents: a word recurs in every
    document, so a document's distinct spellings are mostly known already and sorted out
    by set operations, and only new ones are tested."""

    _LIMIT = 200_000  # spellings remembered at most; then forgotten, to bound memory

    def __init__(self) -> None:
        self.seen: set[str | int] = set()
        self.listed: set[str | int] = set()

    def listed_among(self, spellings: set[_Entry], test: Callable[[_Entry], bool]
                     ) -> set[_Entry]:
        """The ``spellings`` that pass ``test`` (the same test on every call)."""
        if len(self.seen) > self._LIMIT:
            self.seen.clear()
            self.listed.clear()
        new = spellings - self.seen
        self.listed.update(spelling for spelling in new if test(spelling))
        self.seen.update(new)
        return spellings & self.listed


@cache
def _spellings(words: frozenset[str], column: str) -> _Spellings:
    """The remembered spellings of one word list, by the column they are read from."""
    return _Spellings()


def _folded_positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """The tokens whose folded form (``fold_token``), clitic hyphen aside, is one of
    ``words``. Spellings (ORTH hashes) are folded once each, not each token: no other stage
    reads the table's folded column."""
    if not len(doc) or not words:
        return []
    orth = table(doc).orth
    strings = doc.vocab.strings

    def listed(key: int) -> bool:
        return fold_token(strings[key]).lstrip("-") in words

    return positions(orth, _spellings(words, "orth").listed_among(set(orth), listed))


def _lower_positions(lower: list[str], words: frozenset[str]) -> list[int]:
    """The tokens whose lower-cased form, clitic hyphen aside, is one of ``words``."""
    bare = _bare(words)

    def listed(word: str) -> bool:
        return word.lstrip("-") in bare

    return positions(lower, _spellings(words, "lower").listed_among(set(lower), listed))


class Sentences:
    """A document's sentences, read once (``Doc.sents``) when first asked for. Why:
    ``Token.sent`` walks the document from the token to its sentence's bounds and builds
    two spans on every call; a pass that asks it for each pronoun is cheaper with the
    token's sentence found by bisection among sentences built once."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._spans: list[Span] = []
        self._firsts: list[int] = []  # the first token of each sentence

    def of(self, token: Token) -> Span:
        """``token.sent``: the sentence holding the token."""
        if not self._spans:
            self._spans = list(self._doc.sents)
            self._firsts = [sentence.start for sentence in self._spans]
        return self._spans[bisect_right(self._firsts, token.i) - 1]


# -- the window ---------------------------------------------------------------------------------

def paragraph_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts (wire copy makes a paragraph of each line)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def window_start(text: str, starts: Sequence[int], position: int,
                 turns: Sequence[Turn] = ()) -> int:
    """How far back an antecedent of the word at ``position`` is looked for: the start of
    the paragraph before the one before its own (blank lines aside), never before the start
    of its press-conference turn."""
    at, found = bisect_right(starts, position), 0
    while at > 0 and found < WINDOW_PARAGRAPHS:
        at -= 1
        found += bool(text[starts[at] : starts[at] + 1].strip())
    start = starts[at] if found == WINDOW_PARAGRAPHS else 0
    return max(start, turn_start(turns, position))


def turn_start(turns: Sequence[Turn], offset: int) -> int:
    """The start of the press-conference turn holding ``offset`` (0 outside any turn)."""
    for turn in turns:
        if turn.start <= offset < turn.end:
            return int(turn.start)
    return 0


# -- the persons named before --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Antecedent:
    """The person an anaphor points to: known to the base (``actor_id``), else only printed
    (``name``), and the mention that names them."""

    mention: Mention
    actor_id: str | None
    name: str | None


class Lookback:
    """The persons a document names, looked back to from a pronoun or a description."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lookup: Lookup,
                 lexicon: QuoteLexicon, language: str) -> None:
        self.doc, self.lookup, self.lexicon, self.language = doc, lookup, lexicon, language
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.token_starts = table(doc).idx  # read only
        self.pronoun_words = lexicon.pronouns | lexicon.stressed_pronouns

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap ``[start, end)``, in text order: of those that start
        before ``end``, the ones that start late enough to reach past ``start``."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [m for m in self.mentions[first:last] if m.end > start]

    def person_before(self, word: Token, start: int, end: int, window: int, *,
                      subjects_only: bool = True) -> Antecedent | None:
        """The last person named in ``[window, start)`` that ``word`` (the head of the
        phrase ``[start, end)``) can point to. ``subjects_only`` keeps persons the text
        makes the subject of a verb (the person a sentence is about, not one named in
        passing: "Following Trump's victory, …"); a phrase naming states ("the Chinese
        diplomat") takes a person of one of them, known to the base."""
        countries = {m.actor_id for m in self.overlapping(start, end) if m.actor_id is not None}
        pronoun = is_word(word, self.pronoun_words)
        for mention in reversed(self.overlapping(window, start)):
            if mention.entity_type != "PER" or mention.end > start:
                continue
            head = self._head(mention)
            if head is None or (subjects_only and head.dep_ not in self.lexicon.dep("subject")):
                continue
            if pronoun and not self.agrees_with(word, mention, head):
                continue
            if pronoun and _coordinated(head) and "Plur" not in word.morph.get("Number", []):
                return None  # "Biden et Xi se sont parlé. Il a déclaré": either, or neither
            found = self._person(mention, countries)
            if found is not None:
                return found
        return None

    def _person(self, mention: Mention, countries: set[str]) -> Antecedent | None:
        actor = None if mention.actor_id is None else self.lookup(mention.actor_id)
        if actor is not None and actor.type == "person":
            if countries and actor.country not in countries:
                return None
            return Antecedent(mention, actor.id, None)
        name = printed_person_name(mention.surface, self.language)
        if name is not None and not countries:
            return Antecedent(mention, None, name)
        return None

    def agrees_with(self, word: Token, mention: Mention, head: Token | None = None) -> bool:
        """Whether the pronoun ``word`` can stand for the person ``mention`` names: by the
        head the parse gives the name (``head``, when already found) and by the title
        printed before it."""
        head = head if head is not None else self._head(mention)
        return all(agrees(word, h, True, self.lexicon.person_pronouns)
                   for h in (head, self._title(mention)))

    def _title(self, mention: Mention) -> Token | None:
        """The office noun of a title printed right before a name (« le ministre … Wang
        Yi »: a role mention of the actors stage): its article marks the holder's gender
        even where the parse cuts the name from it."""
        for role in self.overlapping(mention.start - 2, mention.start):
            if role.entity_type == "ROLE" and role.end <= mention.start and (
                    role.actor_id is None or role.actor_id == mention.actor_id):
                first = bisect_left(self.token_starts, role.start)
                last = bisect_left(self.token_starts, role.end)  # the role's tokens only
                nouns = [t for t in self.doc[first:last] if t.pos_ == "NOUN"]
                return nouns[0] if nouns else None
        return None

    def _head(self, mention: Mention) -> Token | None:
        """The word the parse hangs the name on: its last token, up through the parts of
        a name ("Mao" → "Ning", an apposed title) to the token that takes a role."""
        last = bisect_right(self.token_starts, mention.end - 1) - 1
        if last < 0 or self.token_starts[last] < mention.start:
            return None
        token, hops = self.doc[last], 0
        while hops < 4 and token.dep_.split(":")[0] in _NAME_PARTS and token.head.i != token.i:
            token, hops = token.head, hops + 1
        return token


def lookback_for(doc: Doc, mentions: Sequence[Mention], lookup: Lookup, language: str
                 ) -> Lookback:
    """A ``Lookback`` with the pronoun lists of ``language`` (``knowledge/quotes``), for a
    later stage that checks agreement the way this module does."""
    from porteparole.quotes.lexicon import load_quote_lexicon  # data only, read when asked

    return Lookback(doc, mentions, lookup, load_quote_lexicon(language), language)


# -- the actors stage's pass --------------------------------------------------------------------

def anaphora_mentions(
    doc: Doc, mentions: Sequence[Mention], lexicon: Lexicon, document_id: str,
    skip: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Mentions for subject pronouns of speech verbs that point to one recent person
    (``coreference``, see the module docstring).

    ``mentions`` are the document's mentions so far: persons, roles, and the organizations
    and states that could also be what a pronoun stands for.
    """
    if not lexicon.pronouns or not doc.has_annotation("DEP"):
        return []
    # Only a token whose folded form is a listed pronoun is built and parsed further.
    pronouns = [token for token in map(doc.__getitem__, _folded_positions(doc, lexicon.pronouns))
                if _is_speaker_pronoun(token, lexicon)]
    if not pronouns:
        return []
    ordered = sorted((m for m in mentions if m.entity_type in SPEAKER_TYPES),
                     key=lambda m: m.start)
    starts = [m.start for m in ordered]
    found = []
    for token in pronouns:
        start, end = _pronoun_span(token)
        if any(a <= start < b for a, b in skip):
            continue
        actor = _one_person(ordered, starts, _sentence_window(token), start)
        if actor is not None:
            found.append(Mention(document_id, start, end, doc_text(doc)[start:end], "PRON",
                                 actor, PRONOUN_CONFIDENCE, "coreference"))
    return found


def _speaks_after(lookback: Lookback, token: Token, window: int, sentences: Sentences) -> bool:
    """An organization or a state named in the pronoun's own sentence after the last person
    named before it: a pronoun that does not keep to persons may stand for it."""
    own = max(sentences.of(token).start_char, window)
    before = lookback.overlapping(window, token.idx)
    people = [i for i, m in enumerate(before) if m.entity_type in PERSON_TYPES]
    after = before[people[-1] + 1:] if people else before
    return any(m.start >= own and m.entity_type in ("ORG", "GPE") for m in after)


def _is_speaker_pronoun(token: Token, lexicon: Lexicon) -> bool:
    if fold_token(token.text).lstrip("-") not in lexicon.pronouns:
        return False
    return token.dep_ in lexicon.subject_deps and token.head.lemma_.lower() in lexicon.speech_verbs


def _pronoun_span(token: Token) -> tuple[int, int]:
    """The pronoun's own letters ("il" of "-il" in "a-t-il déclaré")."""
    offset = len(token.text) - len(token.text.lstrip("-"))
    return token.idx + offset, token.idx + len(token.text)


def _sentence_window(token: Token) -> tuple[int, int]:
    """Where the sentence before the token's own starts (its own, for a first sentence),
    and where its own starts: read from the token's sentence, for the few speaker pronouns
    of a document, not from every sentence of the document."""
    sentence = token.sent
    own = sentence.start_char
    if sentence.start == 0:
        return own, own
    return token.doc[sentence.start - 1].sent.start_char, own


def _one_person(mentions: Sequence[Mention], starts: Sequence[int], window: tuple[int, int],
                position: int) -> str | None:
    """The one person named in the window (``mentions`` in text order, ``starts`` their
    starts, ``window`` the starts of the previous sentence and of the pronoun's own), if
    nothing else that speaks came after it.

    An organization or a state between the person and the pronoun in the pronoun's own
    sentence ("le Pentagone a abattu ce qu'il a qualifié…") may be what the pronoun stands
    for: then it is left unresolved.
    """
    first, own = window
    recent = mentions[bisect_left(starts, first):bisect_left(starts, position)]
    people = [i for i, m in enumerate(recent) if m.entity_type in PERSON_TYPES]
    if not people or any(m.start >= own for m in recent[people[-1] + 1:]):
        return None
    seen = {
        m.actor_id or f"?{fold_token(m.surface)}"
        for m in recent
        if m.entity_type in PERSON_TYPES
    }
    if len(seen) != 1:
        return None
    only = seen.pop()
    return None if only.startswith("?") else only


# -- persons named before, for every pronoun -------------------------------------------------------

ANTECEDENT = "antecedent"  # the last agreeing person the text makes a subject
NAMED = "antecedent-named"  # a stressed pronoun's fallback: the last person named at all
LATTER = "latter"  # "the latter", « ce dernier »: the last person named at all
SENTENCE = "sentence"  # a subordinate clause's pronoun: the one person of its sentence
LOOKBACK_METHODS = frozenset({ANTECEDENT, NAMED, LATTER, SENTENCE})


def is_lookback(mention: Mention) -> bool:
    """A mention of this module's look-back: a stage takes it only where its own reading
    of the discourse (an earlier speaker, the clause a pronoun hangs on) gives no one."""
    return mention.method in LOOKBACK_METHODS


def lookback_mentions(
    doc: Doc, mentions: Sequence[Mention], lookup: Lookup, lexicon: QuoteLexicon,
    document_id: str, language: str, turns: Sequence[Turn] = (),
) -> list[Mention]:
    """A mention for every third-person pronoun that no mention covers and that points back
    to a person (``antecedent``; a stressed pronoun, « selon lui », "according to him", may
    also take the last person named at all: ``antecedent-named``). The antecedent is known
    to the base (its actor id) or only printed (actor id None: the quotes stage then prints
    the name it finds with ``Lookback``)."""
    words = lexicon.pronouns | lexicon.stressed_pronouns
    if not words or not doc.has_annotation("DEP"):
        return []
    lookback = Lookback(doc, mentions, lookup, lexicon, language)
    text = doc_text(doc)
    starts = paragraph_starts(text)
    found = []
    # Only a token whose lower-cased form is one of the words is built (``text.doc_table``).
    sentences = Sentences(doc)
    for i in _lower_positions(table(doc).lower, words):
        token = doc[i]
        end = token.idx + len(token.text)
        if lookback.overlapping(token.idx, end):
            continue  # already resolved (``coreference``) or named
        window = window_start(text, starts, token.idx, turns)
        if not is_word(token, lexicon.person_pronouns) and _speaks_after(
                lookback, token, window, sentences):
            continue  # « le Pentagone a réagi et il a déclaré »: « il » may be the Pentagon
        antecedent, method = lookback.person_before(token, token.idx, end, window), ANTECEDENT
        if antecedent is None and is_word(token, lexicon.stressed_pronouns):
            antecedent, method = lookback.person_before(
                token, token.idx, end, window, subjects_only=False), NAMED
        actor_id = None if antecedent is None else antecedent.actor_id
        if antecedent is None:
            actor_id, method = _one_in_sentence(token, lookback, turns, lexicon,
                                                sentences.of(token)), SENTENCE
        if antecedent is not None or actor_id is not None:
            start, end = _pronoun_span(token)
            found.append(Mention(document_id, start, end, text[start:end], "PRON",
                                 actor_id, ANTECEDENT_CONFIDENCE, method))
    return found + _latter_mentions(doc, lookback, lexicon, document_id, turns, starts)


def _one_in_sentence(token: Token, lookback: Lookback, turns: Sequence[Turn],
                     lexicon: QuoteLexicon, sentence: Span) -> str | None:
    """ "… le déplacement du ministre Jean Dupont, où il s'est entretenu avec …", "after
    Smith's trip, during which he met …": a singular personal subject pronoun ("il",
    "elle", "he", "she") of a clause below its sentence's main one stands for the one
    person known to the base named earlier in that sentence, subject or not. A main
    clause's pronoun continues the previous sentence: not this rule's. (``sentence`` is
    the token's own.)"""
    if token.dep_ not in lexicon.dep("subject") or token.head.i == sentence.root.i:
        return None
    if "Sing" not in token.morph.get("Number", []) or not token.morph.get("Gender", []) or (
            "Neut" in token.morph.get("Gender", [])):
        return None
    start = max(sentence.start_char, turn_start(turns, token.idx))
    persons = {m.actor_id for m in lookback.overlapping(start, token.idx)
               if m.actor_id is not None and m.start >= start and m.end <= token.idx
               and (actor := lookback.lookup(m.actor_id)) is not None
               and actor.type == "person"}
    return persons.pop() if len(persons) == 1 else None


def _latter_mentions(doc: Doc, lookback: Lookback, lexicon: QuoteLexicon, document_id: str,
                     turns: Sequence[Turn], starts: Sequence[int]) -> list[Mention]:
    """ "the latter", « ce dernier », « l'intéressé » (``latter`` of the quote lexicon): the
    last person named before, subject or not, within the window (``starts``: the
    document's ``paragraph_starts``)."""
    text = doc_text(doc)
    lowered = text.lower()
    found = []
    for phrase in sorted(lexicon.latter):
        at = lowered.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            word = _token_ending(doc, lookback.token_starts, end)
            if word is not None and (at == 0 or not lowered[at - 1].isalnum()) and not (
                    lookback.overlapping(at, end)):
                window = window_start(text, starts, at, turns)
                antecedent = lookback.person_before(word, at, end, window, subjects_only=False)
                if antecedent is not None:
                    found.append(Mention(document_id, at, end, text[at:end], "PRON",
                                         antecedent.actor_id, ANTECEDENT_CONFIDENCE, LATTER))
            at = lowered.find(phrase, end)
    return found


def _token_ending(doc: Doc, token_starts: Sequence[int], end: int) -> Token | None:
    """The token whose text ends at character ``end``, if one does. Tokens do not overlap
    and none is empty, so only the last token starting before ``end`` can: one bisect and
    one ``Token``, where a table of every token's end built a ``Token`` per token."""
    last = bisect_left(token_starts, end) - 1
    if last < 0:
        return None
    token = doc[last]
    return token if token.idx + len(token.text) == end else None
