"""Who speaks: the subject of a speech verb, found in the parse, and the mention naming it.

Actor resolution is stage 5's job: this module only finds the words that designate the
speaker and takes the mention the resolver put on them. Among the mentions of a subject
phrase ("Le porte-parole du ministère chinois de la Défense, Wu Qian"), the one on its head
word wins ("porte-parole …", a role mention), then one on an apposition ("Wu Qian"), then,
for an unnamed official ("le porte-parole du Kremlin"), the institution the head depends on.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from porteparole.nlp import doc_text
from porteparole.quotes.columns import columns, feature
from porteparole.quotes.compound import split_subject
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

_EDGE_PUNCT = frozenset(",;:()«»“”\"'‘’-—–")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as the text designates it, and the actor its mention resolves to (if any)."""

    start: int
    end: int
    text: str
    actor_id: str | None
    person: str | None = None  # the full name printed for a person the base lacks


class MentionIndex:
    """The document's mentions, searchable by character span."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap ``[start, end)``, in text order."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)  # mentions from there on start after the span
        return [m for m in self.mentions[first:last] if m.end > start]

    def best(self, start: int, end: int) -> Mention | None:
        """The mention that best names ``[start, end)``: resolved, then widest."""
        found = self.overlapping(start, end)
        if not found:
            return None
        return max(found, key=lambda m: (m.actor_id is not None, m.end - m.start, -m.start))


def subject_of(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The subject token of a speech verb, inherited through conjuncts and participles.

    "a qualifié … et a déclaré" shares its subject; "…, affirmant que" (a participle with no
    subject of its own) takes its governing verb's. Inverted subjects ("a-t-il déclaré",
    "a déclaré Wu", "said Blinken") are ordinary subject children in both models.
    """
    subjects, hops = lexicon.dep("subject"), 0
    clitic = clitic_subject(verb)
    if clitic is not None:
        return clitic
    doc, words = verb.doc, columns(verb.doc)
    dep, children = words.dep, words.children
    at: int | None = verb.i
    while at is not None and hops < 4:
        found = [c for c in children(at) if dep(c) in subjects and words.text(c) != "-t"]
        if not found:  # « Il a en outre estimé »: the parse hung « Il » on the auxiliary
            found = [g for c in children(at) if dep(c).startswith("aux") and c < at
                     for g in children(c) if dep(g) in subjects and g < c]
        if found:
            before = [c for c in found if c < at]
            # "Al Jazeera : selon …, le porte-parole du Kremlin a déclaré": the nearest wins
            return doc[before[-1] if before else found[-1]]
        token = doc[at]
        if hops == 0 and _incise(token):
            inverted = _inverted_subject(token, lexicon)
            if inverted is not None:
                return inverted
        at = words.head[at] if _inherits(token, lexicon, hops == 0) else None
        hops += 1
    return split_subject(verb, lexicon) or detached_subject(verb, lexicon) or _inverted_name(
        verb, lexicon)


def detached_subject(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """Parser slip: a name opening the sentence that the parse leaves as a root of its own
    (« Fumio Kishida a fait valoir que … », « Pékin exhorte Washington à … »). The noun
    phrase that ends right before the verb group (its auxiliaries, adverbs, a light verb
    such as « fait ») and hangs on nothing is the verb's subject: French and English put
    nothing else between a subject and its verb."""
    doc, words = verb.doc, columns(verb.doc)
    dep, pos, subjects = words.dep, words.pos, lexicon.dep("subject")
    i = verb.i - 1
    while i >= 0 and (dep(i).startswith("aux") or pos(i) in ("ADV", "AUX") or (
            words.head[i] == verb.i and pos(i) in ("VERB", "PRON") and dep(i) not in subjects)):
        i -= 1  # auxiliaries, adverbs, a light verb (« fait »), clitics (« s'en est pris »)
    text, starts = doc_text(doc), words.idx
    for phrase in lexicon.latter:  # « …, ce dernier ayant jugé … »: an absolute clause
        size = len(phrase.split())
        # the words' text as a span of the document gives it, spaces and all
        if i - size + 1 >= 0 and text[starts[i - size + 1] : starts[i] + len(
                words.text(i))].lower() == phrase:
            return doc[i]
    if i < 0 or pos(i) not in ("NOUN", "PROPN"):
        return None
    token, hops = doc[i], 0
    while token.head.i != token.i and token.head.i < verb.i and hops < 4:
        token, hops = token.head, hops + 1
    if token.head.i != token.i or token.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ in lexicon.dep("subject") for c in token.children):
        return None
    return token


def clitic_subject(verb: Token) -> Token | None:
    """The pronoun of an inverted tag (« ajoute-t-il », « a-t-elle précisé », « juge-t-on »),
    which the parse often hangs as a bare dependent, and whose euphonic « -t » it takes for
    the subject: the hyphenated pronoun right after the verb or its auxiliary."""
    doc, words = verb.doc, columns(verb.doc)
    anchors = [verb.i, *(c for c in words.children(verb.i)
                         if words.dep(c).startswith("aux") and c < verb.i)]
    for anchor in anchors:
        for i in range(anchor + 1, min(anchor + 3, len(doc))):
            text = words.text(i)
            if text == "-t":
                continue
            if text.startswith("-") and words.pos(i) == "PRON" and text[1:].isalpha():
                return doc[i]
            break
    return None


def _incise(verb: Token) -> bool:
    """A cue set right after a quote ("« … », a poursuivi X", `"…," said X`)."""
    words = columns(verb.doc)
    i = verb.i - 1
    while i >= 0 and words.dep(i).startswith("aux"):
        i -= 1
    marks = [j for j in range(max(i - 1, 0), i + 1) if words.is_punct(j)]
    return len(marks) == 2 and any(words.is_quote(j) for j in marks) and any(
        words.text(j) == "," for j in marks)


def _inverted_subject(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The inverted subject of an incise, which parsers often take for an object ("a
    poursuivi le chef de la diplomatie"): it must not inherit the quote's own subject."""
    wanted = lexicon.dep("subject") | lexicon.dep("object")
    for child in verb.children:
        if child.i > verb.i and child.dep_ in wanted and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def after_subject(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """The subject of a tag standing after its verb (« , a indiqué jeudi la ministre »,
    ", said the ministry"), which parsers often take for an object; a pronoun clitic
    ("a-t-il") first."""
    clitic = clitic_subject(verb)
    if clitic is not None:
        return clitic
    for child in verb.children:
        if child.i > verb.i and child.dep_ in lexicon.dep("subject") and child.text != "-t":
            return child
    found = _inverted_subject(verb, lexicon)
    return found if found is not None else _inverted_name(verb, lexicon)


def _inherits(token: Token, lexicon: QuoteLexicon, cue: bool) -> bool:
    """Whether a verb with no subject of its own takes its head's: a conjunct, an adverbial,
    a present participle, or an infinitive its head controls ("I want to stress that …",
    "veut souligner que …", "is believed to have called for …"; not "urged China to
    explain", whose controller is the object).
    """
    if token.head.i == token.i:
        return False
    participle = ("Part" in feature(token, "VerbForm")
                  and "Pres" in feature(token, "Tense"))
    if participle or token.dep_ in lexicon.dep("conjunct") | lexicon.dep("adverbial"):
        return True
    # "is believed to have called for …": a perfect infinitive, its participle under "have"
    perfect = any(c.dep_.startswith("aux") and "Inf" in feature(c, "VerbForm")
                  for c in token.children if c.i < token.i)
    if not cue or token.dep_ != "xcomp" or (
            "Inf" not in feature(token, "VerbForm") and not perfect):
        return False
    if token.head.pos_ != "VERB":
        return False
    objects = lexicon.dep("object")
    return not any(c.dep_ in objects for c in token.head.children)


def _inverted_name(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """A proper name right after the verb ("a déclaré Wu"), when the parse gave no subject;
    never one inside the content ("to stress that Taiwan …")."""
    doc, words = verb.doc, columns(verb.doc)
    lower = words.lower
    for i in range(verb.i + 1, min(verb.i + 3, len(doc))):
        pos = words.pos(i)
        if pos == "PROPN":
            return doc[i]
        if words.is_punct(i) or lower[i] in lexicon.complementizers:
            return None
        if pos == "ADP":
            return None  # « s'en est pris à Washington »: the verb's complement, no subject
    return None


def phrase_span(head: Token, lexicon: QuoteLexicon) -> tuple[int, int]:
    """Character span of a subject phrase: its subtree, without relative clauses."""
    skip = lexicon.dep("relative")
    tokens = [head, *(t for c in head.children if c.dep_ not in skip for t in c.subtree)]
    tokens.sort(key=lambda t: t.i)
    while len(tokens) > 1 and tokens[0].text in _EDGE_PUNCT:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].text in _EDGE_PUNCT:
        tokens.pop()
    first = _detached_given_names(tokens[0]) if head.pos_ == "PROPN" else tokens[0]
    return first.idx, tokens[-1].idx + len(tokens[-1].text)


def _detached_given_names(first: Token) -> Token:
    """Parser slip: « Ali Akbar Salehi a rejeté … » read with « Ali Akbar » as a root of its
    own and « Salehi » alone as the subject. The capitalised proper nouns right before the
    phrase, joined to it by a space and hanging on nothing outside their run, are the
    rest of the name (the parse may even end a sentence between them)."""
    doc = first.doc
    i = first.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper() and (
            doc[i - 1].whitespace_) and "\n" not in doc[i - 1].text_with_ws:
        i -= 1
    if i == first.i:
        return first
    run = range(i, first.i)
    if not any(doc[j].head.i == j for j in run) or any(
            doc[j].head.i not in run and doc[j].head.i != j for j in run):
        return first
    return doc[i]


def speaker_from_head(head: Token, lexicon: QuoteLexicon, index: MentionIndex) -> Speaker:
    """The speaker a subject (or source) head token designates."""
    start, end = phrase_span(head, lexicon)
    text = doc_text(head.doc)[start:end]
    mention = choose_mention(head, lexicon, index)
    if mention is None or mention.actor_id is None:
        # The parse may hang the name anywhere in the phrase ("le porte-parole du ministère
        # norvégien Per Hansen"): a known person named inside it is the speaker.
        people = [m for m in index.overlapping(start, end)
                  if m.entity_type == "PER" and m.actor_id is not None
                  and start <= m.start and m.end <= end]
        if people:
            mention = people[-1]
    return Speaker(start, end, text, None if mention is None else mention.actor_id)


def choose_mention(head: Token, lexicon: QuoteLexicon, index: MentionIndex) -> Mention | None:
    """The mention of a subject phrase that names the speaker (see the module docstring)."""
    own = index.best(head.idx, head.idx + len(head.text))
    if own is not None and (own.actor_id is not None or own.entity_type == "PER"):
        return own  # a named person the knowledge base lacks is not their country or office
    for child in head.children:
        if child.dep_ in lexicon.dep("apposition") or apposed_holder(head, child, lexicon):
            found = _resolved_in(child, index)
            if found is not None:
                return found
    if own is None or own.entity_type in ("ROLE", "PRON"):
        for child in head.children:
            if child.dep_ in lexicon.dep("nominal_modifier"):
                found = _resolved_in(child, index)
                if found is not None and found.entity_type not in ("PER", "PRON"):
                    return found
    return own


def apposed_holder(head: Token, child: Token, lexicon: QuoteLexicon) -> bool:
    """Parser slip: « Le directeur général de l'AIEA, Rafael Grossi, a jugé … » read as a
    coordination. A proper name set after a comma with no coordinating word, on an office
    noun (``office_nouns``), is the office's holder in apposition: one speaker, not two."""
    if child.dep_ not in lexicon.dep("conjunct") or child.pos_ != "PROPN":
        return False
    if head.lower_ not in lexicon.office_nouns and head.lemma_.lower() not in (
            lexicon.office_nouns):
        return False
    if any(c.dep_ == "cc" for c in child.children):
        return False
    first = min(t.i for t in child.subtree if not t.is_punct)
    return first > 0 and head.doc[first - 1].text == ","


def _resolved_in(token: Token, index: MentionIndex) -> Mention | None:
    tokens = list(token.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    found = [m for m in index.overlapping(start, end) if m.actor_id is not None]
    return found[0] if found else None


def adjacent_subject(verb: Token, subject: Token | None, lexicon: QuoteLexicon
                     ) -> Token | None:
    """The noun standing right before a cue whose subject the parse took from another verb.

    Parsers often read "A met B and discussed C as a state-run newspaper said D" as a third
    conjunct of "met", so "said" inherits "A". A noun phrase ending right before the verb
    (its auxiliaries and adverbs aside), outside the inherited subject, is the cue's own
    subject: English and French put nothing else between a subject and its verb.
    """
    if subject is None or subject.head.i == verb.i or subject.i > verb.i:
        return subject
    i = verb.i - 1
    while i >= 0 and (verb.doc[i].dep_.startswith("aux") or verb.doc[i].pos_ == "ADV"):
        i -= 1
    if i < 0:
        return subject
    before = verb.doc[i]
    if before.pos_ not in ("NOUN", "PROPN") or before.i in {t.i for t in subject.subtree}:
        return subject
    if before.ent_type_ in ("DATE", "TIME"):
        return subject  # "… and on Tuesday said": a date, not a speaker
    if before.dep_ in lexicon.dep("conjunct") and before.head.i < before.i and (
            before.head.pos_ in ("NOUN", "PROPN")
            and before.head.dep_ not in lexicon.dep("subject")
            and before.head.i not in {t.i for t in subject.subtree}):
        # « a rappelé que Séoul et Washington avaient exprimé … » with « Séoul » taken for
        # the clause itself: the coordination is the inner verb's subject
        return before.head
    if before.dep_ in lexicon.dep("subject") | lexicon.dep("conjunct"):
        return subject  # the parse gave the noun a verb of its own
    if verb.head.i == before.i or any(
            c.dep_.startswith("aux") and c.i < before.i for c in verb.children):
        # "a plusieurs fois appelé", "has many times said": the noun is an adverbial between
        # the auxiliary and its participle (which the parser may have hung on it)
        return subject
    return before
