"""The attribute ruler of a spaCy model, applied with numpy instead of a Matcher.

An English model's ``attribute_ruler`` maps each fine-grained tag to its coarse part of
speech and morphology, and fixes the pronouns, auxiliaries and a few contractions. spaCy
runs it as a ``Matcher`` over every token, then sets each match's attributes token by token
through a ``Span``: about a tenth of the whole English parse, for what is a table look-up.

``AttributeTable.from_ruler`` reads the ruler's own patterns when the model loads and
compiles each into column tests over ``Doc.to_array``: equality, ``IN``, ``NOT_IN`` and
``REGEX`` on string attributes (``TAG``, ``LOWER``, ``DEP``, ...) and the ``IS_*`` flags, on
one token or on a fixed sequence of tokens. It applies the rules as the ruler does: every
test reads the Doc as the ruler found it, and the rules set their attributes in the order
they were added, a later rule overriding an earlier one on the same token. The result is the
same Doc, attribute for attribute (``tests/test_attribute_table.py`` compares ``POS``,
``TAG``, ``MORPH``, ``LEMMA`` and ``DEP`` with the ruler's on real text).

A pattern it cannot compile (an operator such as ``OP``, a custom extension, another
predicate) makes ``from_ruler`` return None, and the model keeps spaCy's ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

Column = npt.NDArray[np.uint64]
Mask = npt.NDArray[np.bool_]

# Token attributes a pattern may test: string attributes (compared by hash) and flags.
STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX")
FLAG_PREFIX = "IS_"
# Attributes a rule may set, all per token and all writable by ``Doc.from_array``.
SETTABLE = ("POS", "TAG", "MORPH", "LEMMA", "DEP")

FACTORY = "porteparole_attribute_table"


class Unsupported(ValueError):
    """A ruler pattern this table cannot express; the model keeps spaCy's ruler."""


@dataclass(frozen=True, slots=True)
class Test:
    """One attribute of one token: ``op`` is ``==``, ``IN``, ``NOT_IN`` or ``REGEX``."""

    attr: str
    op: str
    values: frozenset[int] = frozenset()
    pattern: re.Pattern[str] | None = None

    def mask(self, column: Column, strings: Callable[[int], str],
             cache: dict[int, bool]) -> Mask:
        """Which tokens of ``column`` (this test's attribute) pass."""
        if self.op == "REGEX":
            assert self.pattern is not None
            found = self.pattern.search
            distinct, where = np.unique(column, return_inverse=True)
            flags = [cache[h] if h in cache else cache.setdefault(h, bool(found(strings(h))))
                     for h in distinct.tolist()]
            return np.array(flags, dtype=np.bool_)[where]
        if self.op == "==":
            equal: Mask = column == next(iter(self.values))
            return equal
        inside: Mask = np.isin(column, np.fromiter(self.values, dtype=np.uint64))
        return inside if self.op == "IN" else ~inside


@dataclass(frozen=True, slots=True)
class Rule:
    """The tokens a pattern matches in order, the one it changes, and what it sets."""

    tokens: tuple[tuple[Test, ...], ...]
    index: int
    sets: tuple[tuple[str, int], ...]


class AttributeTable:
    """An ``AttributeRuler``'s rules as array operations (see the module docstring)."""

    def __init__(self, vocab: Vocab, rules: Sequence[Rule]) -> None:
        self.vocab = vocab
        self.rules = tuple(rules)
        self.read: list[int | str] = sorted(
            {t.attr for r in self.rules for token in r.tokens for t in token})
        self.written: list[int | str] = sorted({name for r in self.rules for name, _ in r.sets})
        self._regex_cache: dict[re.Pattern[str], dict[int, bool]] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> AttributeTable | None:
        """The ruler's rules, compiled; None when one of its patterns is not expressible."""
        try:
            rules = [_rule(ruler.vocab, patterns, attrs, index)
                     for patterns, attrs, index in _ruler_rules(ruler)]
        except Unsupported:
            return None
        return cls(ruler.vocab, [rule for group in rules for rule in group])

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if length == 0 or not self.rules:
            return doc
        found = np.asarray(doc.to_array(self.read), dtype=np.uint64).reshape(length, -1)
        columns = {name: found[:, i] for i, name in enumerate(self.read)}
        out = np.asarray(doc.to_array(self.written), dtype=np.uint64).reshape(length, -1)
        targets = {name: out[:, i] for i, name in enumerate(self.written)}
        strings = self.vocab.strings.__getitem__
        masks: dict[Test, Mask] = {}  # rules share tests (``TAG == PRP``): each runs once
        for rule in self.rules:
            span = len(rule.tokens)
            if span > length:
                continue
            starts = np.ones(length - span + 1, dtype=np.bool_)
            for offset, tests in enumerate(rule.tokens):
                for test in tests:
                    passed = masks.get(test)
                    if passed is None:
                        passed = masks[test] = test.mask(columns[test.attr], strings,
                                                         self._cache(test))
                    starts &= passed[offset:offset + length - span + 1]
            where = starts.nonzero()[0] + (rule.index if rule.index >= 0 else span + rule.index)
            if where.size:
                for name, value in rule.sets:
                    targets[name][where] = value
        doc.from_array(self.written, cast(Any, out))
        return doc

    def _cache(self, test: Test) -> dict[int, bool]:
        if test.pattern is None:
            return {}
        return self._regex_cache.setdefault(test.pattern, {})


def _ruler_rules(ruler: AttributeRuler) -> list[tuple[Any, Mapping[Any, Any], int]]:
    """(patterns, normalized attributes, index) of each rule, in the ruler's order."""
    return [(entry["patterns"], ruler.attrs[i], ruler.indices[i])
            for i, entry in enumerate(ruler.patterns)]


def _rule(vocab: Vocab, patterns: Any, attrs: Mapping[Any, Any], index: int) -> list[Rule]:
    from spacy.attrs import IDS

    names = {value: name for name, value in IDS.items()}
    sets = []
    for key, value in attrs.items():
        name = names.get(key, key) if isinstance(key, int) else str(key).upper()
        if name not in SETTABLE or not isinstance(value, int):
            raise Unsupported(f"the ruler sets {key!r}")
        sets.append((name, value))
    rules = []
    if not isinstance(patterns, list) or not all(isinstance(p, list) for p in patterns):
        raise Unsupported(f"patterns {patterns!r}")
    for pattern in patterns:
        if not pattern or not -len(pattern) <= index < len(pattern):
            raise Unsupported(f"index {index} outside the pattern {pattern!r}")
        rules.append(Rule(tuple(_token(vocab, spec) for spec in pattern), index, tuple(sets)))
    return rules


def _token(vocab: Vocab, spec: Any) -> tuple[Test, ...]:
    if not isinstance(spec, dict):
        raise Unsupported(f"token pattern {spec!r}")
    return tuple(_test(vocab, str(attr).upper(), value) for attr, value in spec.items())


def _test(vocab: Vocab, attr: str, value: Any) -> Test:
    if attr.startswith(FLAG_PREFIX):
        if not isinstance(value, bool):
            raise Unsupported(f"{attr}: {value!r}")
        return Test(attr, "==", frozenset({int(value)}))
    if attr not in STRING_ATTRS:
        raise Unsupported(f"pattern attribute {attr}")
    if isinstance(value, str):
        return Test(attr, "==", frozenset({_string_id(vocab, value)}))
    if isinstance(value, dict) and len(value) == 1:
        op, argument = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(argument, list) and all(
                isinstance(v, str) for v in argument):
            return Test(attr, op, frozenset(_string_id(vocab, v) for v in argument))
        if op == "REGEX" and isinstance(argument, str):
            return Test(attr, op, pattern=re.compile(argument))
    raise Unsupported(f"{attr}: {value!r}")


def _string_id(vocab: Vocab, value: str) -> int:
    """The hash the Matcher compares a token's attribute with (0 for the empty string)."""
    return int(vocab.strings.add(value)) if value else 0


def replace_ruler(model: Language, name: str = "attribute_ruler") -> bool:
    """Put an ``AttributeTable`` in place of the model's ruler ``name``; False (and the
    ruler kept) when the model has no such ruler or its patterns are not expressible."""
    from spacy.language import Language

    if name not in model.pipe_names:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make_table)
    try:
        model.add_pipe(FACTORY, after=name, config={"ruler": name})
    except Unsupported:
        return False
    model.remove_pipe(name)
    return True


def _make_table(nlp: Language, name: str, ruler: str) -> AttributeTable:
    from spacy.pipeline import AttributeRuler

    component = nlp.get_pipe(ruler)
    table = AttributeTable.from_ruler(component) if isinstance(component, AttributeRuler) else None
    if table is None:
        raise Unsupported(f"{ruler}: patterns not expressible as a table")
    return table
