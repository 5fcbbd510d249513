"""The typographic variants of one character, as Unicode defines them: one table for the project.

Texts print the apostrophe as ’ ‘ ʼ ′ or `, the hyphen as – — ‑ ‐ or −, the double
quotation mark as “ ” « » or „; people who type gold strings, knowledge names and search
terms use the ASCII forms. These are facts of the character set, not of a language, so they
are constants here rather than knowledge files; every fold that unifies them
(``text.folds``) uses this one table. Spaces need no table: every fold that cares splits on
``str.split()``, which knows every Unicode space.

``QUOTED_PASSAGE`` finds a passage between paired double quotation marks; language
detection and witness cues both mask quoted words, which are someone else's voice.
"""

from __future__ import annotations

import re

__all__ = [
    "APOSTROPHES", "DASHES", "DOUBLE_QUOTES", "QUOTE_MARKS", "QUOTED_PASSAGE", "TYPOGRAPHIC",
]

APOSTROPHES = "’‘ʼ′`"  # all read as '
DASHES = "–—‑‐−"  # en dash, em dash, non-breaking hyphen, hyphen, minus: all read as -
DOUBLE_QUOTES = "“”«»„"  # all read as "

# Every character that may open or close a quotation, typographic or ASCII.
QUOTE_MARKS = DOUBLE_QUOTES + '"' + APOSTROPHES + "'"

TYPOGRAPHIC: dict[int, str] = str.maketrans(
    {**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-"),
     **dict.fromkeys(DOUBLE_QUOTES, '"')}
)

QUOTED_PASSAGE = re.compile(
    r"«[^»]{0,3000}»|“[^”]{0,3000}”|\"[^\"\n]{0,3000}\"|„[^“”]{0,3000}[“”]"
)
