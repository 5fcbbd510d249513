"""Is this span a person's name as printed? For people the knowledge base does not know.

The knowledge base cannot list every official a text names. An unresolved span that spaCy
tags as a person still names a real person, and analysts (and the evaluation) want it: this
module decides, conservatively, whether such a span is a full personal name and returns it
without titles ("General Liu Zhenli" -> "Liu Zhenli"). Words that never belong to a name
("Force", "Ministry") live in ``knowledge/names/<lang>.txt``.

It lives in ``kb/`` beside the knowledge base (whose titles it reads) because the actors
stage, the quotes stage and the evaluation all ask it.
"""

from __future__ import annotations

import re

from porteparole.kb.base import load_titles
from porteparole.knowledge import per_root, read_list
from porteparole.text.folds import fold_token

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@per_root
def _not_name_words(language: str) -> frozenset[str]:
    return frozenset(fold_token(line) for line in read_list("names", f"{language}.txt"))


@per_root
def _particles() -> frozenset[str]:
    return frozenset(fold_token(line) for line in read_list("names", "particles.txt"))


def _particle(word: str) -> bool:
    """A lowercase name particle ("bin", "van", "de"), or one joined to a name ("al-Hayya")."""
    return fold_token(word) in _particles() or _capitalised(word)


def _capitalised(word: str) -> bool:
    """A capitalised name word, or a particle joined by a hyphen to one ("al-Sheikh",
    "el-Sisi"): the last word of a full name."""
    if word[0].isupper():
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and rest[0].isupper() and fold_token(head) in _particles()


@per_root
def _folded_titles(language: str) -> tuple[str, ...]:
    return tuple(fold_token(t) for t in load_titles(language))


def printed_person_name(surface: str, language: str) -> str | None:
    """The personal name a span prints, without titles, or None if it is not clearly one.

    A full name has at least two words, each capitalised or a name particle between them
    ("Mohammed bin Salman", "Khalil al-Hayya": ``knowledge/names/particles.txt``), none a
    word that never belongs to a name, and no digits.
    """
    words = _WORD.findall(surface)
    words = _without_titles(words, language)
    if len(words) < 2 or not words[0][0].isupper() or not _capitalised(words[-1]):
        return None
    if any(not w[0].isupper() and not _particle(w) for w in words[1:-1]):
        return None
    excluded = _not_name_words(language)
    if any(fold_token(w) in excluded for w in words):
        return None
    return " ".join(words)


def _without_titles(words: list[str], language: str) -> list[str]:
    titles = _folded_titles(language)
    while words:
        for size in (3, 2, 1):
            if len(words) > size and fold_token(" ".join(words[:size])) in titles:
                words = words[size:]
                break
        else:
            return words
    return words
