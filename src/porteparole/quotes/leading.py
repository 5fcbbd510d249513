"""Reported content that comes before its cue: "X will happen, the minister said on Monday."

Also the content a tag interrupts ("X, the minister said, will happen").

Wire copy in both languages most often puts the attribution after the content, with no
quotation marks: « Les négociations reprendront en mars, a indiqué jeudi la ministre » /
"The tariffs will stay, Mexico's economy minister said." Parsers hang the content on the
verb in many ways (a clausal complement on the left, a parataxis, or the verb as a
dependent of the content's own verb), so the reading here leans on the surface, which is
steadier: a comma, then only the speaker and the cue's auxiliaries before the cue (or the
cue first, its subject after it: « , a-t-il ajouté », "…, said the ministry"), and a clause
with a verb of its own before that comma, back to the start of the sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from porteparole.quotes.columns import columns
from porteparole.quotes.cues import Content, modifies_noun, trim
from porteparole.quotes.lexicon import QuoteLexicon
from porteparole.quotes.speaker import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_TAG_TOKENS = 14  # tokens between the comma and the cue: a long subject phrase at most
MAX_REACH = 120  # tokens back from the comma to the start of the sentence
_ENDS = frozenset({".", "!", "?"})


def leading_content(
    verb: Token, lexicon: QuoteLexicon, quoted_at: Callable[[int], bool], inverted: bool = False
) -> Content | None:
    """The content before ``verb`` when the verb tags it from the right, else None.

    With ``inverted`` (the cue right after the comma) a subject the parse found before the
    comma is taken to be the content's own, not the tag's.
    """
    doc = verb.doc
    comma = _tag_comma(verb, lexicon)
    if comma is None or modifies_noun(verb, lexicon):
        return None  # "a resolution …, proposed by China": a participle on a noun
    subject = subject_of(verb, lexicon)
    if not inverted and subject is not None and subject.i < comma:
        return None  # "Le porte-parole, Lu Kang, a déclaré …": the comma is the subject's
    first = _sentence_start(doc, comma, quoted_at)
    content = trim(doc, first, comma - 1, lexicon)
    if content is None:
        return None
    if not any(_clause_verb(doc, i, lexicon) for i in range(content.first, content.last + 1)
               ) and not quoted_at(columns(doc).idx[content.first]):
        return None  # "Le porte-parole, a déclaré …": a clause, not a noun phrase
    return content


def inverted_tag(
    verb: Token, lexicon: QuoteLexicon, quoted_at: Callable[[int], bool]
) -> Content | None:
    """The content of a tag whose cue comes right after the comma, its subject after it
    (« …, a indiqué jeudi la ministre », "…, said the ministry"), else None.

    The cue must govern no clause to its right, and the words before the comma must hold a
    verb: "Le porte-parole, Wu Qian, a déclaré que …" is a subject and its apposition.
    """
    comma = _tag_comma(verb, lexicon)
    if comma is None:
        return None
    at, words = verb.i, columns(verb.doc)
    dep, pos, children = words.dep, words.pos, words.children(at)
    auxiliaries = {c for c in children if dep(c).startswith("aux")}
    if not all(i in auxiliaries or words.text(i).startswith("-") for i in range(comma + 1, at)):
        return None
    verbal = lexicon.dep("clause") | lexicon.dep("infinitive")
    if any(c > at and dep(c) in verbal and pos(c) in ("VERB", "AUX")
           and "Pres" not in words.feature(c, "Tense")  # "…, ajoutant que": a participle
           for c in children):
        return None  # "Dong, according to a readout, urged the United States to …"
    if any(word in lexicon.complementizers for word in words.lower[at + 1 : at + 4]):
        return None
    return leading_content(verb, lexicon, quoted_at, inverted=True)


def interrupted_content(
    verb: Token, lexicon: QuoteLexicon, quoted_at: Callable[[int], bool]
) -> Content | None:
    """The content a tag interrupts between two commas ("The talks, Wang said on Monday,
    were useful", « Les discussions, a-t-il dit, ont été utiles »), else None.

    The words before the first comma hold no clause of their own (else the tag closes a
    leading content), the tag's words run to a second comma, and a clause follows it to
    the end of the sentence. The content is the whole sentence: one span, the tag inside.
    """
    doc = verb.doc
    first_comma = _tag_comma(verb, lexicon)
    if first_comma is None or modifies_noun(verb, lexicon):
        return None
    second_comma = _closing_comma(verb, lexicon)
    if second_comma is None:
        return None
    subjects = lexicon.dep("subject")
    if not _inverted_subject(verb) and not any(
            c.dep_ in subjects and first_comma < c.i < second_comma for c in verb.children):
        return None  # "Wang, the minister, said, …": the commas are the subject's
    first = _sentence_start(doc, first_comma, quoted_at)
    opening = doc[first:first_comma]
    if not len(opening) or any(_clause_verb(doc, i, lexicon) for i in range(first, first_comma)):
        return None
    last = second_comma + 1
    while last < len(doc) and not (doc[last].text in _ENDS and not quoted_at(doc[last].idx)):
        if "\n" in doc[last].text_with_ws:
            break
        last += 1
    rest = doc[second_comma + 1 : min(last + 1, len(doc))]
    if not any(_clause_verb(doc, t.i, lexicon) for t in rest):
        return None
    if any(lexicon.needs(t) and t.pos_ == "VERB" for t in (*opening, *rest)):
        return None  # another speech verb in the sentence: its own attribution decides
    if any(quoted_at(t.idx) or t.is_quote for t in (*opening, *rest)):
        return None  # a quotation the tag interrupts: each of its parts is a direct quote
    return trim(doc, first, min(last, len(doc) - 1), lexicon)


def _closing_comma(verb: Token, lexicon: QuoteLexicon) -> int | None:
    """The comma that ends a tag after its cue: only the tag's subject, adverbs and time
    phrases (the cue's own subtree) between the cue and it."""
    doc = verb.doc
    own = {t.i for t in verb.subtree}
    for i in range(verb.i + 1, min(verb.i + MAX_TAG_TOKENS, len(doc))):
        token = doc[i]
        if token.text == ",":
            return i
        if token.text in _ENDS or token.text in (";", ":") or "\n" in token.text_with_ws:
            return None
        if token.text.lower() in lexicon.complementizers or i not in own:
            return None
        if token.pos_ in ("VERB", "AUX") and token.head.i != verb.i:
            return None
    return None


def _inverted_subject(verb: Token) -> bool:
    """A clitic subject joined to the cue (« a-t-il dit, … »): the tag may end at the cue."""
    return any(c.i < verb.i and c.text.startswith("-") for c in verb.children)


def _tag_comma(verb: Token, lexicon: QuoteLexicon) -> int | None:
    """The comma that closes the content: only the tag's own words between it and the cue.

    The tag's words are the subject phrase, the cue's auxiliaries and adverbs; a finite verb
    or a complementizer there means the comma belongs to something else. Read from the
    Doc's columns: it runs on every cue, back over up to ``MAX_TAG_TOKENS`` words.
    """
    at = verb.i
    words = columns(verb.doc)
    lower = words.lower
    auxiliaries = {c for c in words.children(at) if words.dep(c).startswith("aux")}
    start = max(at - MAX_TAG_TOKENS, 0)
    for i in range(at - 1, start - 1, -1):
        word = words.text(i)
        if word == ",":
            return i if i > 0 else None
        if word in _ENDS or word in (";", ":") or "\n" in word:  # ``text_with_ws``'s break
            return None
        if lower[i] in lexicon.complementizers:
            return None
        pos = words.pos(i)
        finite = "Fin" in words.feature(i, "VerbForm") or pos == "VERB"
        if finite and i not in auxiliaries and pos != "AUX":
            return None
        if pos == "AUX" and i not in auxiliaries and words.head[i] != at:
            return None
    return None


def _sentence_start(doc: Doc, comma: int, quoted_at: Callable[[int], bool]) -> int:
    """The first token after the last sentence end or line break before ``comma``; a full
    stop inside quotation marks does not end the sentence (the parser's sentences may)."""
    words = columns(doc)
    idx = words.idx
    first = comma
    while first > 0 and comma - first < MAX_REACH:
        previous = first - 1
        word = words.text(previous)
        if "\n" in word:  # a line break is in the token (``text_with_ws``: one space at most)
            break
        if word in _ENDS and not quoted_at(idx[previous]):
            break
        first -= 1
    return first


def _clause_verb(doc: Doc, i: int, lexicon: QuoteLexicon) -> bool:
    """A finite verb, or a verb with a subject of its own: the tagger reads some past
    tenses as participles ("The command organized forces …, Li said"). Token ``i`` is read
    from the Doc's columns: the test runs over every word of a sentence."""
    if "Fin" in columns(doc).feature(i, "VerbForm"):
        return True
    words = columns(doc)
    if words.pos(i) != "VERB":
        return False
    subjects = lexicon.dep("subject")
    return any(words.dep(c) in subjects for c in words.children(i))
