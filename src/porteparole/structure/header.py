"""The head of a document: site header lines, title, timestamp or date line.

A web page may put its furniture before or after the title: a navigation bar, a breadcrumb,
share and print toolbars (``site_headers`` of the language's data, skipped), a byline or an
author, source or editor line (``bylines``, skipped, its date kept when it prints one). None
of them stops the reading, so a page keeps its title, date and spokesperson whatever its
site's layout.

Shared by the press-conference and article parsers. The title is the first paragraph after
the site's own header lines when it reads like a headline (short, no final period, not a
"Speaker: text" line); a first paragraph that is a full lede sentence means the document
has no printed title. A briefing title ("Foreign Ministry Spokesperson Geng Shuang's Regular
Press Conference on May 10, 2018", "Conférence de presse du 2 juillet 2024 tenue par la
porte-parole du ministère des Affaires étrangères Mao Ning") also gives the ministry, the
spokesperson and the date; the caller's ``title_hint`` (an HTML page's <title>) is read the
same way when the text itself prints no title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.records import Paragraph
from porteparole.structure.labels import read_label, strip_honorifics
from porteparole.structure.vocabulary import Vocabulary
from porteparole.text.dates import find_date, find_date_span, read_timestamp
from porteparole.text.folds import fold_label

_HEADER_ZONE = 12  # paragraphs searched for header lines (furniture included)
_TITLE_MAX_CHARS = 220
_TITLE_MAX_WORDS = 30
_DATE_LINE_MAX_WORDS = 8
_DATE_LINE_OTHER_WORDS = 3  # "Publié le", "Updated:" around the date
_SENTENCE_END = (".", ":", ";", ",", "…")


@dataclass(frozen=True, slots=True)
class Header:
    """What the head of a document says, and where its body begins."""

    title: str | None = None
    body_index: int = 0  # index of the first paragraph after the header lines
    date: str | None = None
    time: str | None = None
    ministry: str | None = None
    spokesperson: str | None = None
    is_briefing: bool = False  # the title names a press conference or a briefing


def read_header(
    text: str, paragraphs: tuple[Paragraph, ...], vocab: Vocabulary, title_hint: str | None
) -> Header:
    """Title, date, time, ministry and spokesperson from the first paragraphs and the hint."""
    lines = [text[p.start:p.end] for p in paragraphs]
    title, date, time, body = None, None, None, 0
    banner: str | None = None  # a headline-like line that furniture followed: the site's name
    for index, line in enumerate(lines[:_HEADER_ZONE]):
        furniture = _matches(line, vocab.site_headers) or _matches(line, vocab.boilerplate)
        byline = not furniture and _matches(line, vocab.bylines)
        if furniture or byline:
            if byline and date is None:
                found = find_date_span(line, vocab.languages)
                date = found[0] if found else None
            if title is not None and date is None:  # "Embassy of X" / menu / the real title
                banner, title = banner or title, None
            body = index + 1
            continue
        stamp = read_timestamp(line, day_first=vocab.day_first) or _date_line(line, vocab)
        if stamp:
            date, time = date or stamp[0], time or stamp[1]
            body = index + 1
            continue
        if title is None and index == body and _headline(
            line, vocab, before_date=_is_stamp(lines[index + 1 : index + 2], vocab)
        ):
            title, body = line, index + 1
            continue
        break
    return _with_title_facts(title or banner, body, date, time, vocab, title_hint)


def _with_title_facts(
    title: str | None, body: int, date: str | None, time: str | None,
    vocab: Vocabulary, hint: str | None,
) -> Header:
    hint = " ".join(hint.split()) if hint else None
    facts = [title_facts(title, vocab), *(title_facts(part, vocab) for part in _parts(hint))]
    ministry = next((f[0] for f in facts if f[0]), None)
    spokesperson = next((f[1] for f in facts if f[1]), None)
    briefing = any(f[2] for f in facts)
    for source in (title, hint):
        if date is None and source:
            date = find_date(source, vocab.languages)
    return Header(
        title=title or hint, body_index=body, date=date, time=time, ministry=ministry,
        spokesperson=spokesperson, is_briefing=briefing,
    )


_TITLE_SEPARATOR = re.compile(r"\s+[|–—_-]\s+|\s*[|｜]\s*")


def _parts(hint: str | None) -> list[str]:
    """A page's <title> whole, then each of its parts: sites put their name before or after
    the document's title ("Embassy of China in X | Spokesperson's Remarks on ...")."""
    if not hint:
        return []
    parts = [p for p in _TITLE_SEPARATOR.split(hint) if p.strip()]
    return [hint, *parts] if len(parts) > 1 else [hint]


def title_facts(title: str | None, vocab: Vocabulary) -> tuple[str | None, str | None, bool]:
    """(ministry, spokesperson, names a briefing) as a title prints them."""
    if not title:
        return None, None, False
    for pattern in vocab.press_conference_titles:
        match = pattern.search(title)
        if match:
            groups = match.groupdict()
            name = groups.get("name")
            ministry = groups.get("ministry")
            return (
                canonical_ministry(ministry, vocab) if ministry else _find_ministry(title, vocab),
                strip_honorifics(name.strip(), vocab) if name else None,
                True,
            )
    folded = fold_label(title)
    briefing = any(cue in folded for cue in vocab.press_conference_cues)
    return (_find_ministry(title, vocab) if briefing else None), None, briefing


def canonical_ministry(printed: str, vocab: Vocabulary) -> str:
    """The ministry's name as the data file gives it ("Foreign Ministry" → "Ministry of ...")."""
    key = fold_label(printed)
    return next((name for alias, name in vocab.ministries if alias == key), printed.strip())


def _find_ministry(title: str, vocab: Vocabulary) -> str | None:
    folded = fold_label(title)
    for alias, name in vocab.ministries:
        if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", folded):
            return name
    return None


def _is_stamp(lines: list[str], vocab: Vocabulary) -> bool:
    return bool(lines) and bool(
        read_timestamp(lines[0], day_first=vocab.day_first) or _date_line(lines[0], vocab)
    )


def _headline(line: str, vocab: Vocabulary, *, before_date: bool = False) -> bool:
    """Short, no final sentence punctuation, not a "Speaker: text" line.

    A kicker headline ("Taïwan : Pékin sanctionne…") reads like a "Speaker: text" turn;
    when a date line follows it, it is the headline, since turns are not dated line by line.
    """
    if len(line) > _TITLE_MAX_CHARS or len(line.split()) > _TITLE_MAX_WORDS:
        return False
    if line.rstrip().endswith(_SENTENCE_END):
        return False
    if read_label(line, vocab) is not None and not before_date:
        return False
    return any(c.isalpha() for c in line)


def _date_line(line: str, vocab: Vocabulary) -> tuple[str, None] | None:
    """A short line that is a date ("Sept. 5, 2023", "Publié le 3 mars 2024")."""
    if len(line.split()) > _DATE_LINE_MAX_WORDS:
        return None
    found = find_date_span(line, vocab.languages)
    if not found or len((line[: found[1]] + line[found[2]:]).split()) > _DATE_LINE_OTHER_WORDS:
        return None
    return found[0], None


def _matches(line: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    return any(p.search(line) for p in patterns)
