"""A spaCy Doc's token strings as plain lists, read once per Doc and shared by stages 5-9.

Why: iterating a ``Doc`` builds a Python ``Token`` per token, and every attribute read
(``lemma_``, ``text``) crosses into Cython and looks its string up again. Stages 5-9 walk
every token of a document several times, mostly to find the few that may matter (a speech
verb, an event cue, « selon »): on a long document those walks cost more than the rules
they feed. ``table(doc)`` reads the attributes once as integer columns (``Doc.to_array``),
turns each hash into its folded string through a memo (a word recurs across documents), and
keeps the result for as long as the Doc lives, so each stage picks its candidates from
plain lists and builds ``Token`` objects for those alone.

The strings are exactly what the stages compared before: ``lower[i]`` is
``doc[i].text.lower()`` and ``lemma[i]`` is ``doc[i].lemma_.lower()``. The syntax columns
(``head``, ``dep``, ``pos``, ``tag``, ``sentence``, ``sentence_starts``, ``children``) are
read on first use, so a stage that walks the parse does it over integers and strings, not
``Token`` objects:
``head[i]`` is ``doc[i].head.i``, ``dep[i]`` is ``doc[i].dep_``, ``pos[i]`` is
``doc[i].pos_``, ``tag[i]`` is ``doc[i].tag_``, ``sentence[i]`` is the index of the
sentence holding token ``i``, ``sentence_starts`` the first token of each sentence and
``children[i]`` is ``[c.i for c in doc[i].children]``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from porteparole.text.folds import fold_token

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc

# A hash is a hash of its string, whatever the model: one memo serves every Doc. The same
# holds for a morphological analysis, parsed into its features once (``TokenTable.morph``). It is
# emptied when it grows past this many entries, so a long ingest keeps a bounded memory.
_MEMO_LIMIT = 400_000
_LOWERED: dict[int, str] = {}
_FOLDED: dict[int, str] = {}
_FEATURES: dict[int, dict[str, frozenset[str]]] = {}
_NO_VALUES: frozenset[str] = frozenset()


class TokenTable:
    """Per-token columns of one Doc: character offsets, lower-cased forms and lemmas."""

    __slots__ = ("_children", "_doc", "_folded", "_morphs", "_orth", "_strings", "_syntax",
                 "idx", "lemma", "lower", "sentence_ends")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, LEMMA, ORTH  # spaCy loads when a model does, not before

        columns = doc.to_array([IDX, ORTH, LEMMA]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        if len(_LOWERED) > _MEMO_LIMIT:
            _LOWERED.clear()
            _FOLDED.clear()
            _FEATURES.clear()
        self.idx: list[int] = [row[0] for row in columns]
        self.lower: list[str] = [_lowered(strings, row[1]) for row in columns]
        self.lemma: list[str] = [_lowered(strings, row[2]) for row in columns]
        self._orth: list[int] = [row[1] for row in columns]
        self._strings = strings
        self._folded: list[str] | None = None
        self.sentence_ends: list[int] | None = None  # see ``sentence_ends``
        self._doc = weakref.ref(doc)  # the table lives as long as the Doc, not longer
        self._syntax: _Syntax | None = None
        self._children: list[list[int]] | None = None
        self._morphs: list[int] | None = None

    @property
    def folded(self) -> list[str]:
        """``fold_token(doc[i].text)`` for each token, made on first use."""
        if self._folded is None:
            strings = self._strings
            self._folded = [_fold(strings, key) for key in self._orth]
        return self._folded

    @property
    def head(self) -> list[int]:
        """``doc[i].head.i`` for each token (a root is its own head)."""
        return self._parse().head

    @property
    def dep(self) -> list[str]:
        """``doc[i].dep_`` for each token."""
        return self._parse().dep

    @property
    def pos(self) -> list[str]:
        """``doc[i].pos_`` for each token."""
        return self._parse().pos

    @property
    def tag(self) -> list[str]:
        """``doc[i].tag_`` for each token."""
        return self._parse().tag

    @property
    def sentence(self) -> list[int]:
        """The index of the sentence holding each token, in text order."""
        return self._parse().sentence

    @property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in text order (``[s.start for s in doc.sents]``)."""
        return self._parse().starts

    @property
    def children(self) -> list[list[int]]:
        """``[c.i for c in doc[i].children]`` for each token, in text order."""
        if self._children is None:
            found: list[list[int]] = [[] for _ in self.idx]
            for i, head in enumerate(self.head):
                if head != i:
                    found[head].append(i)
            self._children = found
        return self._children

    def morph(self, i: int, field: str) -> frozenset[str]:
        """The values ``doc[i].morph.get(field)`` lists (empty when it has none).

        Building a ``MorphAnalysis`` costs as much as a dozen ``Token`` objects and the
        stages ask a verb's form or a pronoun's number again and again: the Doc's
        morphology hashes are read once, and each analysis is parsed once for all Docs."""
        if self._morphs is None:
            from spacy.attrs import MORPH

            doc = self._document()
            self._morphs = doc.to_array(MORPH).tolist() if len(doc) else []
        key = self._morphs[i]
        if not key:
            return _NO_VALUES
        features = _FEATURES.get(key)
        if features is None:
            features = _FEATURES[key] = _features(self._strings[key])
        return features.get(field, _NO_VALUES)

    def _document(self) -> Doc:
        doc = self._doc()
        if doc is None:  # pragma: no cover - a table is only reached through its Doc
            raise ReferenceError("the Doc of this token table is gone")
        return doc

    def _parse(self) -> _Syntax:
        if self._syntax is None:
            self._syntax = _Syntax(self._document())
        return self._syntax

    def where(self, wanted: frozenset[str] | set[str], start: int = 0,
              end: int | None = None) -> list[int]:
        """Indices in ``[start, end)`` whose lower-cased form or lemma is in ``wanted``."""
        stop = len(self.idx) if end is None else end
        lower, lemma = self.lower, self.lemma
        return [i for i in range(start, stop) if lower[i] in wanted or lemma[i] in wanted]

    @property
    def orth(self) -> list[int]:
        """``doc[i].orth`` for each token: the hash of its text, read with the table (the
        actors stage folds each distinct spelling once instead of each token)."""
        return self._orth


class _Syntax:
    """The parse columns of one Doc, read in one ``to_array`` call and turned into lists by
    numpy (a Python call per token would cost as much as the rules that read them)."""

    __slots__ = ("dep", "head", "pos", "sentence", "starts", "tag")

    def __init__(self, doc: Doc) -> None:
        import numpy as np
        from spacy.attrs import DEP, HEAD, POS, SENT_START, TAG

        count = len(doc)
        rows = doc.to_array([HEAD, DEP, POS, TAG, SENT_START]).reshape(count, 5)
        strings = doc.vocab.strings
        # HEAD is an offset from the token, stored unsigned: the cast to int64 reads it back
        # as signed. A sentence's index counts the sentence starts up to the token.
        self.head: list[int] = (rows[:, 0].astype(np.int64) + np.arange(count)).tolist()
        self.dep: list[str] = _labels(strings, rows[:, 1])
        self.pos: list[str] = _labels(strings, rows[:, 2])
        self.tag: list[str] = _labels(strings, rows[:, 3])
        starts = rows[:, 4] == 1
        if count:
            starts[0] = True
        self.sentence: list[int] = (np.cumsum(starts) - 1).tolist()
        self.starts: list[int] = np.flatnonzero(starts).tolist()


def _labels(strings: StringStore, column: Any) -> list[str]:
    """Each hash of a column as its string ("" for 0): looked up once per distinct label."""
    import numpy as np

    keys, positions = np.unique(column, return_inverse=True)
    names = [strings[key] if key else "" for key in keys.tolist()]
    return list(map(names.__getitem__, positions.tolist()))


def _features(analysis: str) -> dict[str, frozenset[str]]:
    """``Field=Value,Value|Field=Value`` as each field's values."""
    fields: dict[str, set[str]] = {}
    for feature in analysis.split("|"):
        field, sep, values = feature.partition("=")
        if sep:
            fields.setdefault(field, set()).update(values.split(","))
    return {field: frozenset(values) for field, values in fields.items()}


def _lowered(strings: StringStore, key: int) -> str:
    found = _LOWERED.get(key)
    if found is None:
        found = _LOWERED[key] = strings[key].lower()
    return found


def _fold(strings: StringStore, key: int) -> str:
    found = _FOLDED.get(key)
    if found is None:
        found = _FOLDED[key] = fold_token(strings[key])
    return found


_TABLES: weakref.WeakKeyDictionary[Doc, TokenTable] = weakref.WeakKeyDictionary()


def table(doc: Doc) -> TokenTable:
    """The Doc's token table, built on first use and dropped with the Doc."""
    found = _TABLES.get(doc)
    if found is None or len(found.idx) != len(doc):  # a retokenized Doc: read it again
        found = _TABLES[doc] = TokenTable(doc)
    return found


def sentence_ends(doc: Doc) -> list[int]:
    """The character offset where each sentence of the Doc ends, in text order, read once:
    ``Doc.sents`` builds every sentence ``Span`` anew on each pass."""
    columns = table(doc)
    if columns.sentence_ends is None:
        columns.sentence_ends = [sentence.end_char for sentence in doc.sents]
    return columns.sentence_ends
