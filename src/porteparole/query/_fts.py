"""The search query language, translated into safe FTS5 (syntax: ``porteparole.query``).

Every term is quoted on the way out, so no user input reaches FTS5 as syntax; what cannot be
read raises ``QueryError`` with a one-line explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.errors import QueryError


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


_WORD_CHAR = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def to_fts(query: str) -> str:
    """Translate a user query into an FTS5 expression, or raise ``QueryError``."""
    groups: list[list[_Term]] = []
    negatives: list[_Term] = []
    pending: str | None = None  # "OR" / "AND" waiting for its right-hand term
    for item in _lex(query):
        if isinstance(item, str):
            pending = _operator(item, pending, groups)
        elif item.negated:
            if pending == "OR":
                raise QueryError(f"OR cannot join an exclusion (-{item.text}) in {query!r}")
            negatives.append(item)
            pending = None
        else:
            if pending == "OR":
                groups[-1].append(item)
            else:
                groups.append([item])
            pending = None
    if pending:
        raise QueryError(f"{pending} needs a word on each side in {query!r}")
    if not groups:
        raise QueryError(
            f"nothing to search for in {query!r}: give at least one word to find "
            "(exclusions alone are not a search)"
        )
    positive = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in groups)
    if not negatives:
        return positive
    return f"({positive}) NOT ({' OR '.join(t.fts() for t in negatives)})"


def _operator(op: str, pending: str | None, groups: list[list[_Term]]) -> str:
    if pending or not groups:
        raise QueryError(f"{op} needs a word on each side")
    return op


def _lex(query: str) -> list[_Term | str]:
    """Split a query into terms and the operators ``OR``/``AND`` (``NOT x`` is ``-x``)."""
    query = _CONTROL.sub(" ", query)  # FTS5 strings end at NUL; no control char is a word
    items: list[_Term | str] = []
    negate_next = False
    i = 0
    while i < len(query):
        if query[i].isspace():
            i += 1
            continue
        negated = negate_next
        if query[i] == "-" and i + 1 < len(query) and not query[i + 1].isspace():
            negated, i = True, i + 1
        if query[i] == '"':
            text, prefix, i = _phrase(query, i)
        else:
            text, prefix, i = _word(query, i)
        if not negated and text in ("OR", "AND", "NOT") and not prefix:
            negate_next = text == "NOT"
            if text != "NOT":
                items.append(text)
            continue
        negate_next = False
        if _WORD_CHAR.search(text):  # punctuation alone matches nothing: ignore it
            items.append(_Term(text, prefix, negated))
    if negate_next:
        raise QueryError(f"NOT needs a word after it in {query!r}")
    return items


def _phrase(query: str, i: int) -> tuple[str, bool, int]:
    close = query.find('"', i + 1)
    if close < 0:
        raise QueryError(f"unclosed quote in {query!r}: end the phrase with another \"")
    end = close + 1
    prefix = end < len(query) and query[end] == "*"
    return query[i + 1 : close], prefix, end + int(prefix)


def _word(query: str, i: int) -> tuple[str, bool, int]:
    end = i
    while end < len(query) and not query[end].isspace() and query[end] != '"':
        end += 1
    word = query[i:end]
    prefix = word.endswith("*")
    return word.rstrip("*"), prefix, end
