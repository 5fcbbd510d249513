"""The string folding every evaluation comparison goes through (FORMAT.md, "Scoring").

Gold strings are typed by people from documents whose punctuation the cleaner may have
normalized, so a comparison must not care about case, accents, runs of white space or the
typographic variants of apostrophes, quotation marks and dashes. Exactly those, and nothing
more: two strings that differ in a word still differ.
"""

from __future__ import annotations

import unicodedata

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2019": "'",  # ’
        "\u2018": "'",  # ‘
        "\u02bc": "'",  # ʼ
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u201e": '"',  # „
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2011": "-",  # non-breaking hyphen
    }
)


def fold(text: str) -> str:
    """``text`` with case, accents, white-space runs and typographic variants folded."""
    text = text.translate(_TYPOGRAPHIC).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", bare).split())


def fold_optional(text: str | None) -> str | None:
    """``fold`` that keeps ``None`` as ``None``, so that null compares equal only to null."""
    return None if text is None else fold(text)
