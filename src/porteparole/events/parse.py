"""A Doc's parse as plain lists, for the events stage: read once per Doc, walked by index.

Why: the events stage asks, around every cue, for heads, children and dependency labels,
whether a verb is an infinitive, in the conditional or in the future (``Token.morph``),
whether a word is a quotation mark (``Token.is_quote``) and where the cue's sentence starts
and ends (``Token.sent``). Through ``Token`` objects each question builds a ``Token``, a
``MorphAnalysis`` or a ``Span`` and looks its strings up again, and those walks cost more
than the rules they feed. ``parse_of(doc)`` gathers the token table's columns
(``text.doc_table``) with the two attributes it lacks, read as integer columns
(``Doc.to_array``) once per Doc and kept as long as the Doc lives; the stage's walks run
over these integers and strings and build a ``Token`` for their few results alone.

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

# One morphology string per hash, whatever the Doc: its fields are parsed once for all Docs,
# and the memo is emptied past this many entries so that a long ingest keeps a bounded memory.
_MEMO_LIMIT = 50_000
_PARSED: dict[int, dict[str, frozenset[str]]] = {}
_NO_VALUES: frozenset[str] = frozenset()


class Parse:
    """The parse columns of one Doc, its morphology, quotation flags and sentence starts."""

    __slots__ = ("_doc", "_morph", "_sentence_starts", "_strings", "children", "dep", "head",
                 "idx", "lemma", "lower", "pos", "quote", "sentence", "size")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IS_QUOTE, MORPH, SENT_START  # spaCy loads with a model

        columns = doc_table.table(doc)
        self.head: list[int] = columns.head
        self.dep: list[str] = columns.dep
        self.pos: list[str] = columns.pos
        self.lower: list[str] = columns.lower
        self.lemma: list[str] = columns.lemma
        self.idx: list[int] = columns.idx
        self.children: list[list[int]] = columns.children
        self.sentence: list[int] = columns.sentence
        self._sentence_starts: list[int] = []
        self.size = len(doc)
        self._strings = doc.vocab.strings
        if len(_PARSED) > _MEMO_LIMIT:
            _PARSED.clear()
        if self.size:
            rows = doc.to_array([MORPH, IS_QUOTE, SENT_START])
            self._morph: list[int] = rows[:, 0].tolist()  # hashes, read into fields on demand
            self.quote: list[int] = rows[:, 1].tolist()  # 1 for a quotation mark, else 0
            # a sentence starts at the first token and wherever SENT_START is 1, as in
            # ``Doc.sents`` and the token table's ``sentence`` column
            later: list[int] = ((rows[1:, 2] == 1).nonzero()[0] + 1).tolist()
            self._sentence_starts = [0, *later]
        else:
            self._morph, self.quote = [], []
        self._doc = weakref.ref(doc)  # the parse lives as long as the Doc, not longer

    @property
    def doc(self) -> Doc:
        """The Doc read, to build a ``Token`` for a walk's result."""
        doc = self._doc()
        if doc is None:  # pragma: no cover - a parse is only reached through its Doc
            raise ReferenceError("the Doc of this parse is gone")
        return doc

    def morph(self, i: int, field: str) -> frozenset[str]:
        """The values of one morphological field of token ``i`` (empty when it has none)."""
        key = self._morph[i]
        if not key:
            return _NO_VALUES
        fields = _PARSED.get(key)
        if fields is None:
            fields = _PARSED[key] = _fields(self._strings[key])
        return fields.get(field, _NO_VALUES)

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


def _fields(text: str) -> dict[str, frozenset[str]]:
    """``Field=Value,Value|Field=Value`` as a mapping of each field to its values."""
    fields: dict[str, set[str]] = {}
    for feature in text.split("|"):
        field, sep, values = feature.partition("=")
        if sep:
            fields.setdefault(field, set()).update(values.split(","))
    return {field: frozenset(values) for field, values in fields.items()}


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
