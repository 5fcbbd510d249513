"""The search query language, translated into safe FTS5 (syntax: ``porteparole.query``).

Every term is quoted on the way out, so no user input reaches FTS5 as syntax; what cannot be
read raises ``QueryError`` with a one-line explanation. Also refused, with the reason:

- a query longer than ``MAX_QUERY_CHARS`` or with more than ``MAX_TERMS`` distinct terms
  (FTS5's cost grows with the product of terms and matches: 1,000 repeats of one word took
  minutes); a term repeated is one term;
- a column filter (``title:word``): FTS5 syntax we do not offer, which would otherwise be
  read silently as the two words ``title`` and ``word``; ``"title:word"`` quoted searches
  for those two words in a row.

``cjk=True`` writes the expression for the CJK index (``store.cjk``): a term with Chinese,
Japanese or Korean characters becomes the phrase of its characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.errors import QueryError
from porteparole.store.cjk import SEPARATOR, spaced

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    prefix: bool = False
    negated: bool = False

    def fts(self, cjk: bool = False) -> str:
        text = " ".join(spaced(self.text).replace(SEPARATOR, " ").split()) if cjk else self.text
        return '"' + text.replace('"', '""') + '"' + ("*" if self.prefix else "")


_WORD_CHAR = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COLUMN_FILTER = re.compile(r"[A-Za-z_]+:[^\s:]")


def to_fts(query: str, *, cjk: bool = False) -> str:
    """Translate a user query into an FTS5 expression, or raise ``QueryError``."""
    if not isinstance(query, str):
        raise QueryError(f"a search query is text, not {type(query).__name__}")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError("the query holds characters that are not valid Unicode text "
                         "(lone surrogates)") from None
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query):,} characters long; the limit is "
                         f"{MAX_QUERY_CHARS:,}")
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
    groups = _distinct_groups(groups)
    negatives = list(dict.fromkeys(negatives))
    terms = sum(len(g) for g in groups) + len(negatives)
    if terms > MAX_TERMS:
        raise QueryError(f"the query has {terms} different terms; the limit is {MAX_TERMS}")
    if pending:
        raise QueryError(f"{pending} needs a word on each side in {query!r}")
    if not groups:
        raise QueryError(
            f"nothing to search for in {query!r}: give at least one word to find "
            "(exclusions alone are not a search)"
        )
    positive = " AND ".join("(" + " OR ".join(t.fts(cjk) for t in g) + ")" for g in groups)
    if not negatives:
        return positive
    return f"({positive}) NOT ({' OR '.join(t.fts(cjk) for t in negatives)})"


def _distinct_groups(groups: list[list[_Term]]) -> list[list[_Term]]:
    """The same term twice asks nothing more: keep each term, and each OR-group, once."""
    seen: dict[tuple[_Term, ...], None] = {}
    for group in groups:
        seen.setdefault(tuple(dict.fromkeys(group)), None)
    return [list(group) for group in seen]


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
    if _COLUMN_FILTER.match(word):
        column = word.split(":", 1)[0]
        raise QueryError(
            f"column filters ({column}:…) are not supported; use the options (--language, "
            f"--kind, --spokesperson…), or quote \"{word}\" to search for those words")
    prefix = word.endswith("*")
    return word.rstrip("*"), prefix, end
