"""The date of an event: what its clause says, read against the document's date.

A full date in the clause ("le 2 juillet 2024") is taken as written. A day and month without
a year ("le 30 novembre") and a weekday ("mardi") or a relative day ("hier") are placed
relative to the document's date: the latest such day not after it, because reports speak of
the past. Without a document date only full dates are known, and an event with none falls
back to the document's date (or None).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from porteparole.events.parse import Parse, parse_of
from porteparole.events.patterns import Lexicon
from porteparole.nlp import doc_text
from porteparole.text.dates import find_date_span

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLAUSES = frozenset({"ccomp", "advcl", "acl:relcl", "relcl", "parataxis"})


def event_date(predicate: Token, document_date: str | None, lexicon: Lexicon) -> str | None:
    """The date the predicate's own clause gives, else the document's date."""
    return event_date_at(parse_of(predicate.doc), predicate.i, document_date, lexicon)


def event_date_at(parse: Parse, predicate: int, document_date: str | None,
                  lexicon: Lexicon) -> str | None:
    """``event_date`` of the token ``predicate`` of a Doc's ``Parse``: its clause is walked
    over the parse, so only the clause's last word and a month word's neighbours become
    ``Token`` objects."""
    tokens = _own_clause(parse, predicate)
    doc = parse.doc
    last = tokens[-1]
    text = doc_text(doc)[parse.idx[tokens[0]]:parse.idx[last] + len(doc[last])]
    full = find_date_span(text, [lexicon.language] if lexicon.language else [])
    if full is not None:
        return full[0]
    anchor = _parse_iso(document_date)
    if anchor is None:
        return document_date
    lower, dated = parse.lower, lexicon.date_words
    for token in tokens:
        if lower[token] not in dated:
            continue  # no relative day, weekday or month: ``_relative`` finds nothing
        found = _relative(parse, token, anchor, lexicon)
        if found is not None:
            return found.isoformat()
    return document_date


def _own_clause(parse: Parse, predicate: int) -> list[int]:
    """The predicate's subtree without embedded clauses, in text order."""
    dep, children = parse.dep, parse.children
    out = []
    stack = [predicate]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in children[token]:
            if dep[child] not in _CLAUSES:
                stack.append(child)
    out.sort()
    return out


def _parse_iso(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _relative(parse: Parse, token: int, anchor: datetime.date,
              lexicon: Lexicon) -> datetime.date | None:
    word = parse.lower[token]
    if word in lexicon.relative_days:
        return anchor + datetime.timedelta(days=lexicon.relative_days[word])
    if word in lexicon.weekdays:
        back = (anchor.weekday() - lexicon.weekdays[word]) % 7
        return anchor - datetime.timedelta(days=back)
    if word in lexicon.months:
        return _day_month(parse.doc[token], anchor, lexicon.months[word])
    return None


def _day_month(token: Token, anchor: datetime.date, month: int) -> datetime.date | None:
    """ "30 novembre" / "November 30": the day is a number next to the month word."""
    doc = token.doc
    for index in (token.i - 1, token.i + 1):
        if 0 <= index < len(doc) and doc[index].like_num and doc[index].text.isdigit():
            day = int(doc[index].text)
            for year in (anchor.year, anchor.year - 1):
                try:
                    candidate = datetime.date(year, month, day)
                except ValueError:
                    return None
                if candidate <= anchor:
                    return candidate
    return None
