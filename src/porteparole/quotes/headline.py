"""Headlines that attribute their words by punctuation, not by a verb.

Wire headlines tag speech with a colon or a dash: "Talks will resume in March: Norway's Eide",
"Kremlin on fishing talks: Do not expect miracles", « Oslo : « Les quotas baisseront » »,
"…a 'victory for dialogue'-Norway's Eide". FORMAT.md counts these as quotes ("a headline
quote with an attribution"), while a headline that only summarizes speech ("Norway vows…")
is not. The speaker side must be short and end with the name of a known actor (or a printed
person's name); the other side is the content.
"""

from __future__ import annotations

import re

MAX_SPEAKER_WORDS = 6
MIN_CONTENT_WORDS = 3
TITLE_REACH = 400  # characters from the start of the text in which the title is looked for
_SEPARATOR = re.compile(r"\s*:\s+|\s+[-–—]\s+|(?<=['’”\"])\s*[-–—]\s*")


def title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the document's title stands in its text (near the start), if it does."""
    if not title:
        return None
    at = text.find(title, 0, TITLE_REACH + len(title))
    return None if at < 0 else (at, at + len(title))


def headline_tags(text: str, span: tuple[int, int], topic_words: frozenset[str] = frozenset()
                  ) -> list[tuple[int, int, int, int, int]]:
    """Candidate (content start, content end, speaker start, speaker end, separator) splits
    of the title at ``span``: the speaker after the last separator, or before the first
    (with an optional "on <topic>" after it)."""
    start, end = span
    title = text[start:end]
    found = []
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return []
    last = separators[-1]
    right = (start + last.end(), end)
    left = (start, start + last.start())
    if _words(text, right) <= MAX_SPEAKER_WORDS and _words(text, left) >= MIN_CONTENT_WORDS:
        found.append((*left, *right, start + last.start()))
    first = separators[0]
    head = (start, start + first.start())
    rest = (start + first.end(), end)
    if _words(text, head) <= MAX_SPEAKER_WORDS and _words(text, rest) >= MIN_CONTENT_WORDS:
        words = text[head[0] : head[1]].split()
        cut = next((i for i, w in enumerate(words) if w.lower() in topic_words), len(words))
        speaker_end = head[0] + len(" ".join(words[:cut]))
        found.append((*rest, head[0], speaker_end, start + first.start()))
    return found


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())
