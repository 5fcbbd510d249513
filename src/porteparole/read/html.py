"""HTML pages: the main text (trafilatura), the page's title and date.

Options, and why:

- ``favor_recall``: a press-conference page is one long run of short paragraphs ("Q: ...",
  "A: Yes.") that precision-oriented extraction tends to prune; losing a turn is worse than
  keeping a stray line that cleaning removes. On the 503 pages of the Foreign Ministry's
  English site this keeps every paragraph of the content block.
- ``deduplicate=False``: identical paragraphs are legitimate in a transcript ("A: No.").
- ``include_tables``: communiqués put lists of agreements in tables.
- dates from the page's metadata only (``extensive_search`` off): the extensive search
  guesses from the body text and doubles the time per page; the structure stage reads the
  date printed in the document itself.

trafilatura writes one paragraph per line; the reader separates them with a blank line, the
paragraph convention of every other input, so that turns stay apart after cleaning.
A page without markup is read as plain text; a page with markup but no main text is
rejected as ``malformed_html``, never returned empty.
"""

from __future__ import annotations

import re

from porteparole.clean import remove_invisible
from porteparole.read.decode import Problem, decode
from porteparole.read.stubs import moved_notice
from porteparole.read.text import rejected, text_document
from porteparole.records import Origin, RawDocument, Rejected

_TAG = re.compile(r"<[A-Za-z!/?]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, origin: Origin) -> RawDocument | Rejected:
    """One document from the bytes of an HTML page."""
    decoded = decode(data, html=True)
    if isinstance(decoded, Problem):
        return rejected(origin, decoded, data)
    if not decoded.text.strip():
        return rejected(origin, Problem("empty", "the page is empty"), data)
    notice = moved_notice(decoded.text)
    if notice is not None:
        return rejected(origin, Problem("moved_stub", notice), data)
    if not _TAG.search(decoded.text):
        return text_document(decoded.text, Origin(origin.source, "text", origin.line, origin.url),
                             data)
    return html_document(decoded.text, origin, data)


def html_document(page: str, origin: Origin, data: bytes) -> RawDocument | Rejected:
    """The main text, title and date of a decoded page (also used for JSON Lines ``html``)."""
    import trafilatura  # imported lazily: slow to load, and only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(
            page, favor_recall=True, include_comments=False, include_tables=True,
            deduplicate=False, with_metadata=True, date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # a third-party parser on hostile input: report, never raise
        problem = Problem("malformed_html", f"the HTML could not be parsed: {error!r}")
        return rejected(origin, problem, data)
    text = _paragraphs(getattr(extracted, "text", None))
    if len(_WORD.findall(text)) < _MIN_WORDS:
        problem = Problem("malformed_html", "no main text was found in the page")
        return rejected(origin, problem, data)
    title = _clean_title(getattr(extracted, "title", None))
    date = getattr(extracted, "date", None)
    date = date if isinstance(date, str) and _ISO_DATE.fullmatch(date) else None
    hint = None if date else _approximate_date(page)
    url = getattr(extracted, "url", None)
    if origin.url is None and isinstance(url, str) and url.startswith(("http://", "https://")):
        origin = Origin(origin.source, origin.format, origin.line, url)  # the page's canonical
    return RawDocument(origin=origin, text=text, title=title, date=date, date_hint=hint)


def _approximate_date(page: str) -> str | None:
    """htmldate's extensive search, for pages whose metadata carries no date.

    It reads dates anywhere in the page (image paths, links to neighbouring pages), so it
    can be off by days: the pipeline uses it for the year of a date the text prints without
    one, and otherwise only as a date flagged approximate.
    """
    from htmldate import find_date

    try:
        found = find_date(page, extensive_search=True, original_date=True)
    except Exception:  # a heuristic on hostile input: no hint is the honest answer
        return None
    return found if isinstance(found, str) and _ISO_DATE.fullmatch(found) else None


def _paragraphs(text: str | None) -> str:
    """One paragraph per line becomes paragraphs separated by a blank line."""
    lines = (line.strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean_title(title: str | None) -> str | None:
    if not isinstance(title, str):
        return None
    title = " ".join(remove_invisible(title).split())
    return title or None
