"""Speech cues in the parse: speech verbs with their reported content, and nominal sources.

A speech verb carries a quote only with content of the kind it needs (``lexicon.NEEDS``):
"a déclaré que …" (a clause), "a accusé X d'avoir …" (an infinitive: "accusant la Chine de
manque de transparence" is a stance, not speech), "a exprimé l'espoir d'une …" (any
complement). The content is the subtree of those complements to the right of the verb.
"selon X, …" / "according to X, …" attribute the rest of their sentence to X.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from porteparole.quotes.columns import columns, feature
from porteparole.quotes.compound import split_auxiliary
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.text.doc_table import table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_COORDINATION = frozenset({"conj", "cc"})
_TRAILING = frozenset(",;:.!?()«»“”\"‘’'—–-")


@dataclass(frozen=True, slots=True)
class Content:
    """Token span ``[first, last]`` (inclusive indices into the Doc) of reported content."""

    first: int
    last: int

    def chars(self, doc: Doc) -> tuple[int, int]:
        return doc[self.first].idx, doc[self.last].idx + len(doc[self.last].text)


@dataclass(frozen=True, slots=True)
class Source:
    """A nominal source ("selon X"): the source's head token and the content it covers."""

    cue_first: int
    cue_last: int  # last token of the source phrase
    head: Token
    content: Content
    view: bool = False  # « Pour X, … »: a view, the speaker's only when X is named


class Units:
    """Sentences cut at line breaks: spaCy's sentences may run on into the next paragraph.

    ``first[i]``/``last[i]`` are the first and last token indices of token ``i``'s unit.
    """

    def __init__(self, doc: Doc) -> None:
        # A unit starts at a sentence start or after a token holding a line break (its
        # ``text_with_ws`` has at most one space after the text: the break is in the text),
        # read from the Doc's columns, without building a Token or a sentence Span
        self.first, self.last = columns(doc).unit_bounds(doc)

    def bounds(self, i: int) -> tuple[int, int]:
        return self.first[i], self.last[i]


def cue_candidates(doc: Doc, lexicon: QuoteLexicon) -> list[int]:
    """The tokens that may be a speech cue (``is_cue``) or a support verb
    (``nouns.supported_content``): both need the token's speech lemma among the cue lemmas,
    or its model lemma among the support verbs, so no other token is built (``doc_table``)."""
    speech = lexicon.speech
    cue_lemmas, support = speech.cue_lemmas, lexicon.support_verbs
    parse = table(doc)
    lower, lemmas = parse.lower, parse.lemma
    # a document repeats its words: each distinct (form, lemma) pair is decided once, and
    # a token is looked at only when its lemma is among the accepted pairs' lemmas
    wanted = {pair for pair in set(zip(lower, lemmas, strict=True))
              if pair[1] in support or speech.lemma_of(pair[0], pair[1]) in cue_lemmas}
    wanted_lemmas = {lemma for _, lemma in wanted}
    return [i for i, lemma in enumerate(lemmas)
            if lemma in wanted_lemmas and (lower[i], lemma) in wanted]


def is_cue(token: Token, lexicon: QuoteLexicon) -> bool:
    """A speech verb, as the parse tags it (or as a listed form when it mistags it)."""
    if columns(token.doc).pos(token.i) != "VERB" and not lexicon.listed_form(token) and (
            not _inverted(token)):
        return False
    return bool(lexicon.needs(token))


def _inverted(token: Token) -> bool:
    """A word its hyphenated subject clitic follows is a verb, however the parse tagged it
    (« juge-t-on », « estime-t-il »)."""
    doc = token.doc
    if token.whitespace_ or token.i + 1 >= len(doc):
        return False  # checked before the next word is read: this runs on every candidate
    words = columns(doc)
    word = words.text(token.i + 1)
    return word == "-t" or (word.startswith("-") and words.pos(token.i + 1) == "PRON")


def is_purpose(token: Token, lexicon: QuoteLexicon) -> bool:
    """A speech verb in an infinitive of purpose (« a convoqué l'ambassadeur pour lui faire
    part de sa désapprobation », « afin de dénoncer … »): what someone set out to say, not
    speech the text reports. The marker (``purpose_markers``) stands right before the
    infinitive, with only clitic pronouns and negation between."""
    if "Inf" not in feature(token, "VerbForm") or not lexicon.purpose_markers:
        return False
    doc, i = token.doc, token.i - 1
    while i >= 0 and token.i - i <= 3 and doc[i].pos_ in ("PRON", "ADV", "AUX") and (
            doc[i].text.lower() not in lexicon.purpose_markers):
        i -= 1
    for words in lexicon.purpose_markers:
        size = len(words.split())
        if i - size + 1 >= 0 and doc[i - size + 1 : i + 1].text.lower() == words:
            return True
    return False


def is_negated(token: Token, lexicon: QuoteLexicon) -> bool:
    """Negated speech ("n'a pas déclaré", "did not say") is not a quote."""
    negation, words = lexicon.dep("negation"), columns(token.doc)
    return any(words.dep(c) in negation or "Neg" in words.feature(c, "Polarity")
               for c in words.children(token.i))


def reported_content(verb: Token, lexicon: QuoteLexicon, units: Units) -> Content | None:
    """The content a speech verb reports, by what it needs, or None when it has none."""
    needs = lexicon.needs(verb)
    if "clause" in needs:
        found = _clause(verb, lexicon, units)
        if found is not None:
            return found
    if "infinitive" in needs and _has_verbal_complement(verb, lexicon):
        return _complements(verb, lexicon, lexicon.dep("complement"), units)
    if "bare" in needs:
        bare = _bare_infinitive(verb, lexicon)
        if bare is not None:
            first, last = units.bounds(verb.i)
            return trim(verb.doc, max(bare.left_edge.i, first), min(bare.right_edge.i, last),
                        lexicon)
    if "object" in needs and not modifies_noun(verb, lexicon):
        return _complements(verb, lexicon, lexicon.dep("complement"), units)
    if "predicative" in needs and any(
            c.i > verb.i and c.dep_ in lexicon.dep("predicative") for c in verb.children):
        return _complements(verb, lexicon, lexicon.dep("object") | lexicon.dep("predicative"),
                            units)  # "called the move illegal": what the move is, to them
    if "predicative" in needs:
        return _marked_predicative(verb, lexicon, units)
    return None


def _marked_predicative(verb: Token, lexicon: QuoteLexicon, units: Units) -> Content | None:
    """"dismissed the report as fabricated", « a dénoncé la vente comme une provocation »:
    an object, then what it is said to be, opened by a predicative mark; the object alone
    is only the act's target."""
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in lexicon.dep("object")]
    if not objects:
        return None
    # the parse hangs the marked phrase on the verb or, in French, on the object itself
    around = [*verb.children, *objects[0].children]
    marked = [c for c in around if c.i > objects[0].i and (
        c.lower_ in lexicon.predicative_marks or any(
            m.i < c.i and m.lower_ in lexicon.predicative_marks for m in c.children))]
    if not marked:
        return None
    first, last = units.bounds(verb.i)
    end = max(t.i for t in marked[0].subtree)
    return trim(verb.doc, max(objects[0].left_edge.i, first), min(end, last), lexicon)


def modifies_noun(verb: Token, lexicon: QuoteLexicon) -> bool:
    """A verb in a relative clause or a participle on a noun ("the controls it announced on
    October 9", "a resolution proposed by China"): its object is the noun it describes,
    background the text already named, not content of its own."""
    if split_auxiliary(verb, lexicon) is not None:
        return False  # « a plusieurs fois appelé à … »: a compound tense, not a modifier
    if verb.dep_ == "acl" and "Fin" in feature(verb, "VerbForm"):
        return False  # « …, à la demande de ce dernier, rapporte l'agence »: a finite verb
        # the parse hung on a noun is a tag, not a participle describing it
    return verb.dep_ in lexicon.dep("relative") or (
        "Part" in feature(verb, "VerbForm") and "Pass" in feature(verb, "Voice")
        and not any(c.dep_.startswith("aux") for c in verb.children))


def _clause(verb: Token, lexicon: QuoteLexicon, units: Units) -> Content | None:
    """A complement clause runs to the end of its sentence, or to a second coordinated verb.

    Parses often cut a long clause short or hang its end elsewhere; the sentence end is the
    steadier bound.
    """
    first, last = units.bounds(verb.i)
    doc, at, words = verb.doc, verb.i, columns(verb.doc)
    children = words.children(at)
    # a coordinated verb's own words (« , a rapporté l'agence »: its auxiliary) stop it too
    stop = min([doc[c].left_edge.i - 1 if words.dep(c) == "conj" else c - 1 for c in children
                if c > at and words.dep(c) in _COORDINATION] + [last])
    clause_deps = lexicon.dep("clause")
    clauses = [c for c in children if at < c <= stop and words.dep(c) in clause_deps]
    if clauses:
        start = min(t.i for c in clauses for t in doc[c].subtree)
        return trim(doc, max(start, at + 1), stop, lexicon)
    lower = words.lower
    for i in range(at + 1, min(at + 5, stop + 1, len(doc))):
        if lower[i] in lexicon.complementizers:
            return trim(doc, i + 1, stop, lexicon)
        if words.is_punct(i) and words.text(i) != ",":
            return None
    return _clause_in_setting(verb, lexicon, stop)


def _clause_in_setting(verb: Token, lexicon: QuoteLexicon, stop: int) -> Content | None:
    """"warned in a statement carried by KCNA that …": the parse hangs the that-clause on
    the noun of the verb's setting; a clause opened by a complementizer under a
    prepositional complement of the verb is the verb's content."""
    for prep in verb.children:
        if prep.i < verb.i or prep.dep_ not in lexicon.dep("complement") or prep.pos_ != "ADP":
            continue
        for token in prep.subtree:
            if token.i > stop or token.pos_ not in ("VERB", "AUX") or token.i == verb.i:
                continue
            marks = [c for c in token.children
                     if c.i < token.i and c.lower_ in lexicon.complementizers]
            if marks and token.dep_ in lexicon.dep("clause") | lexicon.dep("noun_clause"):
                return trim(verb.doc, marks[0].i + 1, stop, lexicon)
    return None


def _bare_infinitive(verb: Token, lexicon: QuoteLexicon) -> Token | None:
    """Bare infinitive after a declarative (« a nié avoir fourni des armes », « a affirmé
    être prêt à … », « a assuré ne pas vouloir … »): the verbal complement right of the verb
    that is an infinitive itself or carries an infinitive auxiliary or copula, with no
    preposition marking it (« a demandé de … » is the ``infinitive`` frame's)."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in lexicon.dep("infinitive"):
            continue
        if any(c.dep_ == "mark" and c.i < child.i for c in child.children):
            continue
        if child.pos_ in ("VERB", "AUX") and "Inf" in feature(child, "VerbForm"):
            return child
        if any(c.i < child.i and c.dep_.startswith(("aux", "cop"))
               and "Inf" in feature(c, "VerbForm") for c in child.children):
            return child
    return None


def _has_verbal_complement(verb: Token, lexicon: QuoteLexicon) -> bool:
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in lexicon.dep("infinitive"):
            continue
        if child.pos_ in ("VERB", "AUX") or any(g.pos_ == "VERB" for g in child.children):
            return True
        if any(g.i < child.i and g.dep_.startswith("aux") and "Inf" in feature(g, "VerbForm")
               for g in child.children):
            return True  # « d'avoir procédé à … » with the participle tagged as a noun
    if any(c.i > verb.i and c.dep_ in lexicon.dep("argument") for c in verb.children):
        return True
    return any(c.i > verb.i and c.dep_ in lexicon.dep("object") and _object_infinitive(c)
               for c in verb.children)


def _object_infinitive(obj: Token) -> bool:
    """Parser slip: the infinitive of "a exhorté les alliés à augmenter …" hung on the
    object as its modifier; a marked infinitive right after the object is still the verb's
    complement (the object controls it)."""
    return any(c.i > obj.i and c.pos_ == "VERB" and "Inf" in feature(c, "VerbForm")
               and any(m.dep_ == "mark" for m in c.children) for c in obj.children)


def _complements(
    verb: Token, lexicon: QuoteLexicon, deps: frozenset[str], units: Units
) -> Content | None:
    unit_first, unit_last = units.bounds(verb.i)
    particles = lexicon.particles(verb)
    chosen = [c for c in verb.children if c.i > verb.i and not _when(c) and (
        c.dep_ in deps or _introduced_by(c, particles))]
    if not chosen:
        return None
    first = min(t.i for c in chosen for t in c.subtree)
    last = max(t.i for c in chosen for t in c.subtree)
    # « a exprimé le soutien de Pékin au rôle de l'ONU »: the parse may hang the object's
    # own complement on the verb; one that follows the object is still its content
    trailing = [c for c in verb.children if c.i > last and c.dep_ in lexicon.dep("trailing")
                and not _when(c)]
    between: Span | list[Token] = verb.doc[last + 1 : trailing[0].i] if trailing else []
    if trailing and all(not t.is_punct for t in between):
        last = max(t.i for t in trailing[0].subtree)
    return trim(verb.doc, max(first, unit_first), min(last, unit_last), lexicon)


def _introduced_by(token: Token, particles: frozenset[str]) -> bool:
    """A complement a phrase's particle introduces (« appeler à la reprise … », "call for
    talks"), whatever label the parse gave it."""
    return bool(particles) and any(
        c.dep_ == "case" and c.lower_ in particles for c in token.children)


def _when(token: Token) -> bool:
    """A complement that only dates or places the speech act ("on Monday", "in 2024")."""
    if token.right_edge.i - token.left_edge.i > _MAX_WHEN_TOKENS:
        return False  # a whole clause, not "on Monday"
    words = [t for t in token.subtree if t.is_alpha or t.like_num]
    timed = [t for t in words if t.ent_type_ in _TIME_ENTITIES]
    return bool(timed) and len(timed) >= len(words) - 1  # "Pékin" alone is no date


_TIME_ENTITIES = frozenset({"DATE", "TIME"})
_MAX_WHEN_TOKENS = 8


def trim(doc: Doc, first: int, last: int, lexicon: QuoteLexicon) -> Content | None:
    """The span without the spaces, punctuation and complementizer at its edges."""
    words = columns(doc)
    lower = words.lower
    while first <= last and (
        words.is_space(first)
        or words.text(first) in _TRAILING
        or lower[first] in lexicon.complementizers
    ):
        first += 1
    while last >= first and (words.is_space(last) or words.text(last) in _TRAILING):
        last -= 1
    return Content(first, last) if first <= last else None


def find_sources(
    doc: Doc, lexicon: QuoteLexicon, starts: frozenset[int], units: Units
) -> list[Source]:
    """Every "selon X, …" source that opens a sentence (or a turn) or follows a comma
    (also one closing a quotation: `"…," according to X`).

    ``starts`` are extra character offsets where a sentence may be taken to begin (turn
    starts after their labels). A source inside a clause ("selon ces lignes") attributes
    nothing and is skipped.
    """
    found = []
    # A source phrase starts with one of few words: only tokens with such a form are built.
    firsts = {words[0] for words in (*lexicon.sources, *lexicon.view_sources)}
    parse, words = table(doc), columns(doc)
    lower, idx, text = parse.lower, parse.idx, words.text
    firsts &= set(lower)  # the first words this document holds: often none
    for i in ([i for i, word in enumerate(lower) if word in firsts] if firsts else []):
        length = _source_at(doc, i, lexicon.sources)
        view = not length and bool(_source_at(doc, i, lexicon.view_sources))
        if view:
            length = _source_at(doc, i, lexicon.view_sources)
        if not length:
            continue
        first, last = i, i + length - 1
        unit_first = units.first[first]
        opens = first == unit_first or idx[i] in starts
        if view:  # « Pour Pékin, … » opens its sentence; « une victoire pour Pékin » no source
            if opens:
                source = _source(doc, first, last, True, lexicon, units)
                if source is not None:
                    found.append(replace(source, view=True))
            continue
        after_comma = first > unit_first and (text(first - 1) == "," or (
            first - 1 > unit_first and words.is_quote(first - 1) and text(first - 2) == ","))
        if opens or after_comma:
            source = _source(doc, first, last, opens, lexicon, units)
            if source is not None:
                found.append(source)
    return found


def _after_apposition(doc: Doc, comma: int, unit_last: int) -> int:
    """The first token of the content after "Selon X," skipping an apposition that describes
    X ("Selon Liu Weimin, porte-parole du ministère, la Chine …"): a stretch closed by a
    comma, with no verb of its own, that the content does not start with."""
    for i in range(comma + 1, min(comma + 16, unit_last + 1)):
        token = doc[i]
        if token.text == ",":
            return i + 1
        if token.pos_ in ("VERB", "AUX") or token.is_quote or token.text in (".", ";", ":"):
            break
        if i == comma + 1 and token.pos_ in ("DET", "PRON", "PROPN"):
            break  # an apposition starts with its noun: "porte-parole", "spokesperson"
    return comma + 1


def _apposed_name(doc: Doc, comma: int, unit_last: int) -> tuple[Token, int] | None:
    """A person's name set between commas right after a described source (« Pour le chef de
    la diplomatie américaine, Antony Blinken, la Chine … »): the name's head token and the
    first token after its closing comma. Only a run of proper nouns the model tags as a
    person, so that « Selon le ministère, Pékin, Moscou et … » keeps its content."""
    i = comma + 1
    while i <= unit_last and doc[i].pos_ == "PROPN" and doc[i].ent_type_ == "PER":
        i += 1
    if i == comma + 1 or i > unit_last or doc[i].text != ",":
        return None
    names = doc[comma + 1 : i]
    head = next((t for t in names if not (comma < t.head.i < i)), names[0])
    return head, i + 1


def _source_at(doc: Doc, i: int, sources: tuple[tuple[str, ...], ...]) -> int:
    """The length of the source phrase (``sources``) that starts at token ``i``, else 0;
    read from the lower-cased column, without a Token or a slice."""
    lower = columns(doc).lower
    first = lower[i]
    for words in sources:
        if words[0] != first:
            continue  # most tokens start no source phrase
        if tuple(lower[i : i + len(words)]) == words:
            return len(words)
    return 0


def _source(
    doc: Doc, first: int, last: int, opens: bool, lexicon: QuoteLexicon, units: Units
) -> Source | None:
    unit_first, unit_last = units.bounds(first)
    end = last + 1
    while end <= unit_last and doc[end].text != ",":
        end += 1
    phrase = doc[last + 1 : end]
    if not len(phrase):
        return None
    head = next((t for t in phrase if not (last < t.head.i < end)), phrase[0])
    if opens:
        named = _apposed_name(doc, end, unit_last)
        if named is not None and head.pos_ == "NOUN":
            head, after = named  # « Selon le porte-parole, Wang Wenbin, … »: the name speaks
            content = trim(doc, after, unit_last, lexicon)
        else:
            content = trim(doc, _after_apposition(doc, end, unit_last), unit_last, lexicon)
    else:
        content = trim(doc, unit_first, first - 1, lexicon)
    if content is None:
        return None
    return Source(first, end - 1, head, content)
