"""Speaker labels at the start of a paragraph ("Reuters: ...", "Q : ...", "MR. KIRBY: ...").

A label is told apart from an ordinary sentence with a colon ("Le ministre a dit : ...") by
its shape, not by a list of known outlets: it opens the paragraph, it is short (at most
``label_max_words`` words), every word is capitalized (or a connector such as "of", "de",
"and"), and it holds no sentence punctuation. The vocabulary (which words mean "question",
"answer", "follow-up", which honorifics precede a name) comes from the language's data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from porteparole.structure.vocabulary import Vocabulary
from porteparole.text.folds import fold_label

_LABEL = re.compile(r"(?P<label>[^:：\n]{1,80}?)\s*[:：][ \t\u00a0]*")
_FORBIDDEN = re.compile(r"[,;!?\"«»“”„()\[\]{}|=<>*#@]|\s-\s|https?")
_LETTER = re.compile(r"[^\W\d_]")

LABEL_KINDS = ("question", "answer", "follow_up", "moderator", "name")


@dataclass(frozen=True, slots=True)
class Label:
    """A paragraph's label: how it was printed, what kind it is, where its text begins."""

    text: str  # as printed, without the colon ("Dragon TV", "Q", "MR. KIRBY")
    kind: str  # one of LABEL_KINDS
    body_offset: int  # offset, within the paragraph, of the turn's own text


def read_label(paragraph: str, vocab: Vocabulary, known: str | None = None) -> Label | None:
    """The label that opens ``paragraph``, or None when it opens with ordinary text.

    ``known`` is the spokesperson's name when the title gives it: a label naming them is
    accepted even when misprinted in lower case ("Hua chunying:").
    """
    match = _LABEL.match(paragraph)
    if not match:
        return None
    text = match.group("label").strip()
    body = paragraph[match.end():]
    if text[-1:].isdigit() and body[:1].isdigit():  # a time of day, "10:30"
        return None
    kind = _kind(text, vocab)
    if kind is None and known and not _FORBIDDEN.search(text):
        kind = "name" if same_person(strip_honorifics(text, vocab), known) else None
    if kind is None:
        return None
    return Label(text=text, kind=kind, body_offset=match.end())


def _kind(text: str, vocab: Vocabulary) -> str | None:
    key = fold_label(text)
    if key in vocab.question_labels:
        return "question"
    if key in vocab.answer_labels:
        return "answer"
    if key in vocab.follow_up_labels:
        return "follow_up"
    if key in vocab.moderator_labels:
        return "moderator"
    if key in vocab.ignored_labels or not _name_shaped(text, vocab):
        return None
    return "name"


def _name_shaped(text: str, vocab: Vocabulary) -> bool:
    """Short, capitalized words, no sentence punctuation: the shape of a name or an outlet."""
    words = text.split()
    if not 1 <= len(words) <= vocab.label_max_words or len(text) > 60:
        return False
    if _FORBIDDEN.search(text) or not _LETTER.search(text):
        return False
    return all(_capitalized(w) or fold_label(w) in vocab.label_connectors for w in words)


def _capitalized(word: str) -> bool:
    first = next((c for c in word if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def strip_honorifics(name: str, vocab: Vocabulary) -> str:
    """A name without leading honorifics, ranks and functions, in a readable case.

    "Senior Colonel Wu Qian" gives "Wu Qian"; "PRESS SECRETARY PAT RYDER" gives "Pat Ryder";
    "MR. KIRBY" gives "Kirby": a label in capitals is put in title case, because transcripts
    capitalize labels for layout, not because the name is an acronym. Nothing is stripped
    when it would leave no name.
    """
    words = name.split()
    stripped = True
    while stripped:
        stripped = False
        for honorific in vocab.honorifics:
            size = len(honorific.split())
            if len(words) > size and fold_label(" ".join(words[:size])) == honorific:
                words, stripped = words[size:], True
                break
    result = " ".join(words)
    letters = [c for c in result if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        result = " ".join(w.capitalize() if len(w) > 1 else w for w in words)
    return result


def is_official(label: str, vocab: Vocabulary) -> bool:
    """Whether a label names an official by rank or function ("MR. KIRBY", "Gen. Milley")."""
    key = fold_label(label)
    return any(
        key.startswith(word + " ") for word in vocab.official_label_words
    )


def same_person(label_name: str, full_name: str | None) -> bool:
    """Whether a label's name designates ``full_name`` ("Kirby" and "John Kirby")."""
    if not full_name or not label_name:
        return False
    label_words = set(fold_label(label_name).split())
    return label_words <= set(fold_label(full_name).split())
