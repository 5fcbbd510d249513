"""The token attributes the quotes stage reads, as columns of the token table.

Why: the attribution rules look at the few words around each speech verb (a comma, an
auxiliary, a quotation mark, a verb form) many times per verb, and every ``doc[i]`` builds a
new ``Token`` whose attributes each cross into Cython again; ``token.morph.get(...)`` alone
costs as much as building a dozen tokens. ``columns(doc)`` answers from the Doc's token
table (``text.doc_table``: heads, labels, parts of speech, sentences, morphology, read once
per Doc) and adds what only this stage asks: a token's text and lexical flags, decoded when
a rule asks through memos shared by every Doc (a hash is a hash of its string, whatever the
model), and the units the text's line breaks cut.

The values are exactly the ``Token``'s: ``text(i)`` is ``doc[i].text``, ``pos(i)``/
``dep(i)`` are ``pos_``/``dep_``, ``head[i]`` is
``doc[i].head.i``, ``children(i)`` is ``[c.i for c in doc[i].children]``, ``feature(i,
name)`` holds the values of ``doc[i].morph.get(name)``, ``newline(i)`` is ``"\\n" in
doc[i].text_with_ws`` and the flags are ``is_punct``/``is_quote``/``is_alpha``/``is_space``.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from typing import TYPE_CHECKING

from porteparole.nlp import doc_text
from porteparole.text.doc_table import table

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

# Memos shared by every Doc, emptied when they grow past this many entries, so that a long
# ingest keeps a bounded memory.
_MEMO_LIMIT = 200_000
_STRINGS: dict[int, str] = {}
_FLAGS: dict[tuple[str, int], int] = {}

PUNCT, QUOTE, ALPHA, SPACE = 1, 2, 4, 8  # bits of ``flags``


class QuoteColumns:
    """Per-token columns of one Doc (see the module docstring)."""

    __slots__ = ("__weakref__", "_flag_list", "_language", "_orths", "_starts", "_strings",
                 "_table", "_vocab", "head", "idx", "lemma", "lower", "needs", "sentence_start")

    def __init__(self, doc: Doc) -> None:
        import numpy

        self._strings: StringStore = doc.vocab.strings
        if len(_STRINGS) > _MEMO_LIMIT:
            _STRINGS.clear()
            _FLAGS.clear()
        size = len(doc)
        shared = self._table = table(doc)  # the token table: offsets, strings and the parse
        self._orths: list[int] = shared.orth
        self.head: list[int] = shared.head
        self.idx: list[int] = shared.idx
        self.lower: list[str] = shared.lower
        self.lemma: list[str] = shared.lemma
        # a sentence starts where the sentence number changes (the first token starts one)
        sentence = numpy.asarray(shared.sentence, dtype="int64")
        starts = numpy.ones(size, dtype=bool)
        starts[1:] = sentence[1:] != sentence[:-1]
        self.sentence_start: list[bool] = starts.tolist()
        self._starts = starts  # for ``unit_bounds``
        self.needs: tuple[object, dict[int, frozenset[str]]] | None = None  # ``lexicon.needs``
        self._vocab: Vocab = doc.vocab
        self._language: str = doc.lang_
        self._flag_list: list[int] = [-1] * size  # filled as tokens are asked about

    def _string(self, key: int) -> str:
        found = _STRINGS.get(key)
        if found is None:
            found = _STRINGS[key] = self._strings[key] if key else ""
        return found

    def text(self, i: int) -> str:
        """``doc[i].text``."""
        return self._string(self._orths[i])

    def pos(self, i: int) -> str:
        """``doc[i].pos_``."""
        return self._table.pos[i]

    def dep(self, i: int) -> str:
        """``doc[i].dep_``."""
        return self._table.dep[i]

    def newline(self, i: int) -> bool:
        """``"\\n" in doc[i].text_with_ws``: the trailing whitespace is one space at most,
        so a line break is in the token's own text."""
        return "\n" in self.text(i)

    def unit_bounds(self, doc: Doc) -> tuple[list[int], list[int]]:
        """The first and last token of each token's unit in ``doc`` (these columns' Doc): a
        sentence cut after a token holding a line break (``cues.Units``). Computed over
        arrays and the text's line breaks: it covers every token of the document."""
        import numpy

        starts = self._starts
        size = len(starts)
        if not size:
            return [], []
        # A line break is never between tokens (spaCy makes whitespace other than one space
        # a token): the token holding each break of the text is found from its offset.
        text, offsets = doc_text(doc), self.idx
        opens = starts.copy()
        at = text.find("\n")
        while at >= 0:
            holder = bisect_right(offsets, at) - 1
            if holder + 1 < size:
                opens[holder + 1] = True  # the token after a line break
            at = text.find("\n", at + 1)
        positions = numpy.arange(size)
        first = numpy.maximum.accumulate(numpy.where(opens, positions, 0))
        unit_starts = numpy.flatnonzero(opens)
        following = numpy.append(unit_starts[1:], size)  # where the next unit starts
        last = following[numpy.cumsum(opens) - 1] - 1
        return first.tolist(), last.tolist()

    def _flags(self, i: int) -> int:
        """The lexical flags of token ``i`` (bits ``PUNCT``, ...): a word's, read once per
        language (the flags belong to the word, not to the token), then kept per token."""
        found = self._flag_list[i]
        if found < 0:
            key = (self._language, self._orths[i])
            known = _FLAGS.get(key)
            if known is None:
                word = self._vocab[key[1]]
                known = _FLAGS[key] = (PUNCT * word.is_punct + QUOTE * word.is_quote
                                       + ALPHA * word.is_alpha + SPACE * word.is_space)
            found = self._flag_list[i] = known
        return found

    def is_punct(self, i: int) -> bool:
        return bool(self._flags(i) & PUNCT)

    def is_quote(self, i: int) -> bool:
        return bool(self._flags(i) & QUOTE)

    def is_alpha(self, i: int) -> bool:
        return bool(self._flags(i) & ALPHA)

    def is_space(self, i: int) -> bool:
        return bool(self._flags(i) & SPACE)

    def feature(self, i: int, name: str) -> frozenset[str]:
        """The values of morphological feature ``name`` of token ``i`` (empty: none), from
        the token table's one morphology look-up (``TokenTable.morph``)."""
        return self._table.morph(i, name)

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``: the tokens whose head is ``i``, in order (a
        new list, which the caller may change)."""
        return list(self._table.children[i])


_COLUMNS: weakref.WeakKeyDictionary[Doc, QuoteColumns] = weakref.WeakKeyDictionary()


_LAST: list[tuple[weakref.ref[Doc], QuoteColumns]] = []  # the Doc asked for last


def columns(doc: Doc) -> QuoteColumns:
    """The Doc's quote columns, built on first use and dropped with the Doc.

    The rules ask for them at every step, about one Doc at a time: the last Doc's are
    answered without a weak-dictionary look-up (which makes a weak reference per call)."""
    if _LAST and _LAST[0][0]() is doc and len(_LAST[0][1].head) == len(doc):
        return _LAST[0][1]
    found = _COLUMNS.get(doc)
    if found is None or len(found.head) != len(doc):  # a retokenized Doc: read it again
        found = _COLUMNS[doc] = QuoteColumns(doc)
    _LAST[:] = [(weakref.ref(doc), found)]
    return found


def feature(token: Token, name: str) -> frozenset[str]:
    """``token.morph.get(name, [])`` as a tuple, read from the Doc's columns: building the
    ``MorphAnalysis`` costs more than the rest of most rules that ask."""
    return columns(token.doc).feature(token.i, name)
