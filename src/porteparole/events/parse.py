"""A Doc's parse as plain lists, for the events stage: read once per Doc, walked by index.

Why: the events stage asks, around every cue, for heads, children and dependency labels,
whether a verb is an infinitive, in the conditional or in the future (``Token.morph``),
whether a word is a quotation mark (``Token.is_quote``) and where the cue's sentence starts
and ends (``Token.sent``). Through ``Token`` objects each question builds a ``Token``, a
``MorphAnalysis`` or a ``Span`` and looks its strings up again, and those walks cost more
than the rules they feed. ``parse_of(doc)`` gathers the token table's columns
(``text.doc_table``, which also answers ``morph``) with the two attributes it lacks,
read as integer columns (``Doc.to_array``) once per Doc and kept as long as the Doc lives;
the stage's walks run over these integers and strings and build a ``Token`` for their few
results alone.

The answers are exactly the Token ones: ``head[i]``, ``dep[i]``, ``pos[i]``, ``lower[i]``,
``lemma[i]``, ``idx[i]``, ``children[i]`` as in ``text.doc_table``; ``morph(i, field)`` holds
the values ``doc[i].morph.get(field, [])`` lists, ``quote[i]`` is ``doc[i].is_quote`` and
``sentence_bounds(i)`` is ``(doc[i].sent.start, doc[i].sent.end)``.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from typing import TYPE_CHECKING

from porteparole.text import doc_table

if TYPE_CHECKING:
    from spacy.tokens import Doc



class Parse:
    """The parse columns of one Doc, its morphology, quotation flags and sentence starts."""

    __slots__ = ("_doc", "_sentence_starts", "children", "dep", "head", "idx", "lemma",
                 "lower", "pos", "quote", "sentence", "size", "table", "tag")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IS_QUOTE  # spaCy loads with a model

        columns = self.table = doc_table.table(doc)
        self.head: list[int] = columns.head
        self.dep: list[str] = columns.dep
        self.pos: list[str] = columns.pos
        self.tag: list[str] = columns.tag
        self.lower: list[str] = columns.lower
        self.lemma: list[str] = columns.lemma
        self.idx: list[int] = columns.idx
        self.children: list[list[int]] = columns.children
        self.sentence: list[int] = columns.sentence
        self._sentence_starts: list[int] = columns.sentence_starts
        self.size = len(doc)
        # 1 for a quotation mark, else 0
        self.quote: list[int] = doc.to_array(IS_QUOTE).tolist() if self.size else []
        self._doc = weakref.ref(doc)  # the parse lives as long as the Doc, not longer

    @property
    def doc(self) -> Doc:
        """The Doc read, to build a ``Token`` for a walk's result."""
        doc = self._doc()
        if doc is None:  # pragma: no cover - a parse is only reached through its Doc
            raise ReferenceError("the Doc of this parse is gone")
        return doc

    def morph(self, i: int, field: str) -> frozenset[str]:
        """The values of one morphological field of token ``i`` (``TokenTable.morph``)."""
        return self.table.morph(i, field)

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """The token range ``[start, end)`` of the sentence holding token ``i``."""
        starts = self._sentence_starts
        at = bisect_right(starts, i) - 1
        end = starts[at + 1] if at + 1 < len(starts) else self.size
        return starts[at], end

    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence's token range ``[start, end)``, in text order (``Doc.sents``)."""
        starts = self._sentence_starts
        return [(start, starts[k + 1] if k + 1 < len(starts) else self.size)
                for k, start in enumerate(starts)]


_PARSES: weakref.WeakKeyDictionary[Doc, Parse] = weakref.WeakKeyDictionary()


# The parse last asked for: the stage asks thousands of times in a row for the same Doc's,
# and the weak dictionary's look-up (a new weak reference each time) costs more than a walk.
_last: Parse | None = None


def parse_of(doc: Doc) -> Parse:
    """The Doc's parse, read on first use and dropped with the Doc."""
    global _last
    last = _last
    if last is not None and last._doc() is doc and last.size == len(doc):
        return last
    found = _PARSES.get(doc)
    if found is None or found.size != len(doc):  # a retokenized Doc: read it again
        found = _PARSES[doc] = Parse(doc)
    _last = found
    return found
