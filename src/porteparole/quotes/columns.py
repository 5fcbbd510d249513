"""The token attributes the quotes stage reads besides the shared token table, as plain lists.

Why: the attribution rules look at the few words around each speech verb (a comma, an
auxiliary, a quotation mark, a verb form) many times per verb, and every ``doc[i]`` builds a
new ``Token`` whose attributes each cross into Cython again. ``columns(doc)`` reads the
attributes the stage needs once per Doc (``Doc.to_array``), next to ``text.doc_table``'s
``lower``/``lemma``/``head``/``dep``/``pos`` columns, so the hot walks run over lists of
strings, flags and integers and a ``Token`` is built only for what a rule returns.

The values are exactly the ``Token``'s: ``text[i]`` is ``doc[i].text``, ``newline[i]`` is
``"\\n" in doc[i].text_with_ws``, ``spaced[i]`` is ``bool(doc[i].whitespace_)``, the flags are
``is_alpha``/``is_punct``/``is_quote``/``is_space``, ``ent_type[i]`` is ``doc[i].ent_type_``
and ``feature(i, name)`` is ``doc[i].morph.get(name, [])``.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc

Features = dict[str, tuple[str, ...]]

# A hash is a hash of its string, whatever the model: one memo serves every Doc; emptied
# when it grows past this many entries, so that a long ingest keeps a bounded memory.
_MEMO_LIMIT = 200_000
_TEXTS: dict[int, str] = {}
_FEATURES: dict[int, Features] = {}
_NONE: tuple[str, ...] = ()


class QuoteColumns:
    """Per-token columns of one Doc that the quotes stage reads (see the module docstring)."""

    __slots__ = ("__weakref__", "alpha", "ent_type", "morph", "newline", "punct", "quote",
                 "space", "spaced", "text")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import (
            ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_QUOTE, IS_SPACE, MORPH, ORTH, SPACY)

        rows = doc.to_array([ORTH, MORPH, IS_ALPHA, IS_PUNCT, IS_QUOTE, IS_SPACE, ENT_TYPE, SPACY]
                            ).tolist() if len(doc) else []
        strings = doc.vocab.strings
        if len(_TEXTS) > _MEMO_LIMIT:
            _TEXTS.clear()
            _FEATURES.clear()
        self.text: list[str] = [_text(strings, row[0]) for row in rows]
        self.morph: list[Features] = [_features(strings, row[1]) for row in rows]
        self.alpha: list[bool] = [bool(row[2]) for row in rows]
        self.punct: list[bool] = [bool(row[3]) for row in rows]
        self.quote: list[bool] = [bool(row[4]) for row in rows]
        self.space: list[bool] = [bool(row[5]) for row in rows]
        names: dict[int, str] = {}
        self.ent_type: list[str] = [_name(strings, names, row[6]) for row in rows]
        self.spaced: list[bool] = [bool(row[7]) for row in rows]
        # ``text_with_ws`` is the text and at most one space: a line break is in the text
        self.newline: list[bool] = ["\n" in word for word in self.text]

    def feature(self, i: int, name: str) -> tuple[str, ...]:
        """The values of morphological feature ``name`` of token ``i`` (empty: none)."""
        return self.morph[i].get(name, _NONE)


def _text(strings: StringStore, key: int) -> str:
    found = _TEXTS.get(key)
    if found is None:
        found = _TEXTS[key] = strings[key]
    return found


def _name(strings: StringStore, names: dict[int, str], key: int) -> str:
    found = names.get(key)
    if found is None:
        found = names[key] = strings[key] if key else ""
    return found


def _features(strings: StringStore, key: int) -> Features:
    """A morphological analysis as feature -> values: "VerbForm=Part|Tense=Past" gives
    {"VerbForm": ("Part",), "Tense": ("Past",)}; several values are comma-separated."""
    found = _FEATURES.get(key)
    if found is None:
        analysis: str = strings[key] if key else ""
        found = {}
        if analysis and analysis != "_":
            for part in analysis.split("|"):
                name, _, values = part.partition("=")
                found[name] = tuple(values.split(","))
        _FEATURES[key] = found
    return found


_COLUMNS: weakref.WeakKeyDictionary[Doc, QuoteColumns] = weakref.WeakKeyDictionary()


def columns(doc: Doc) -> QuoteColumns:
    """The Doc's quote columns, built on first use and dropped with the Doc."""
    found = _COLUMNS.get(doc)
    if found is None or len(found.text) != len(doc):  # a retokenized Doc: read it again
        found = _COLUMNS[doc] = QuoteColumns(doc)
    return found
