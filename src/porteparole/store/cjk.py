"""Word search in Chinese, Japanese and Korean text, which puts no spaces between words.

FTS5's unicode61 tokenizer splits on spaces and punctuation, so a Chinese clause is one
token and ``孟晚舟`` inside it cannot be found. Documents in these languages are indexed
with every CJK character a token of its own (``spaced``), and a query word containing CJK
characters is searched as the phrase of its characters: ``孟晚舟`` becomes ``"孟 晚 舟"``,
which matches the three characters in a row, inside any longer run. Latin words in the
same documents stay whole words.
"""

from __future__ import annotations

import re

CJK_LANGUAGES: tuple[str, ...] = ("zh", "ja", "ko")

# Han (with extensions and compatibility), kana, Hangul syllables and jamo, CJK symbols.
_CJK_CLASS = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3130-\u318f"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{_CJK_CLASS}]")
# The separator set around each CJK character: a control character, which unicode61 reads
# as a break between tokens and which normalized text never holds, so that it can be taken
# out of a snippet again exactly.
SEPARATOR = "\x1f"


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one CJK character."""
    return _CJK.search(text) is not None


def spaced(text: str) -> str:
    """``text`` with every CJK character set apart by ``SEPARATOR``, for the CJK index."""
    return _CJK.sub(lambda m: f"{SEPARATOR}{m.group(0)}{SEPARATOR}", text)


def unspaced(snippet: str) -> str:
    """A snippet of the CJK index as the document's own text (``spaced`` undone)."""
    return snippet.replace(SEPARATOR, "")
