"""Pages that are not documents but a web server's notice that the document is elsewhere.

A crawler that stores responses without following redirects keeps pages such as Apache's
"301 Moved Permanently — The document has moved here.", IIS's "Object moved to here." or
nginx's "302 Found". Read as text they become a short English "news article"; they are
rejected as ``moved_stub`` instead, with the address they point to when they give one.

A notice is recognised by both its size (a few dozen words once the markup is gone; a real
page that says "China has moved up 30 places" is long) and its wording: the HTTP status
line of a redirect, or the stock sentences servers print.
"""

from __future__ import annotations

import re

MAX_STUB_WORDS = 40
_REDIRECT = re.compile(
    r"\b(?:30[12378]\s+(?:moved\s+permanently|found|see\s+other|temporary\s+redirect|"
    r"permanent\s+redirect)|moved\s+permanently|(?:document|page|object|resource|content)"
    r"\s+(?:has\s+)?(?:moved|been\s+moved)|redirecting\s+to|you\s+are\s+being\s+redirected)\b",
    re.IGNORECASE,
)
_REFRESH = re.compile(r"<meta[^>]+http-equiv\s*=\s*[\"']?refresh[^>]*>", re.IGNORECASE)
_TARGET = re.compile(r"""(?:href|url)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")


def moved_notice(page: str) -> str | None:
    """The reason ``page`` (HTML or text) is a redirect notice, or None if it is not one."""
    if len(page) > 20_000:  # a notice is a few hundred bytes; never scan a real page
        return None
    text = _TAG.sub(" ", _INVISIBLE.sub(" ", page))
    if len(_WORD.findall(text)) > MAX_STUB_WORDS:
        return None
    said = _REDIRECT.search(text)
    if said is None and not (_REFRESH.search(page) and len(_WORD.findall(text)) <= 12):
        return None
    target = _TARGET.search(page)
    where = f" to {target.group(1)}" if target else ""
    cue = f"'{' '.join(said.group(0).split())}'" if said else "a refresh with no text"
    return f"a server's redirect notice ({cue}) pointing{where or ' elsewhere'}"
