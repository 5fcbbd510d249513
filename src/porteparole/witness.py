"""Whether a text is a poor witness: another language's words inside its sentences, or names
translated word for word, the marks of machine spinning and careless translation.

Such a text still reads, but its wording is not anyone's: a quote from it may not be what was
said, and a name in it may not resolve. The document keeps every record and gets the flag
``poor_witness``, which ``show`` prints and ``report`` counts, so an analyst can weigh it.

Evidence, from ``knowledge/witness/<lang>.yaml``:

- a *connective* of another language (an English "furthermore" or "in addition" inside French
  prose): the closed class of discourse connectives, which never belong to a proper name. A hit
  counts only outside quotation marks, written in lower case (or opening the sentence), and in
  a sentence that lingua reads as the document's own language: a whole English sentence in a
  French article is a citation, an English connective inside a French sentence is not;
- a *translated name* of the document's own language ("Donald Atout" in French).

One piece of evidence is enough: clean text carries none. Measured: no flag on the 30
French and 30 English articles of ``eval/dev-fr`` and ``eval/dev-en`` nor on the 490 English
Foreign Ministry transcripts of ``corpus/fmprc-en``; one of the five seeds, the machine-spun
one, is flagged (``tests/read/test_witness.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_yaml
from porteparole.text.typography import QUOTED_PASSAGE

POOR_WITNESS = "poor_witness"
_SENTENCE_BREAK = re.compile(r"[.!?…]\s|\n")
_MIN_SENTENCE_LETTERS = 20  # below this, lingua's reading of a sentence is noise


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a text shows another language's word or a translated name, and which."""

    start: int
    end: int
    kind: str  # "connective" | "translated_name"
    language: str  # the language the words belong to


@dataclass(frozen=True, slots=True)
class _Language:
    connectives: re.Pattern[str] | None
    translated_names: re.Pattern[str] | None


def witness_flags(text: str, language: str) -> tuple[str, ...]:
    """``("poor_witness",)`` when the text shows any evidence (see module docstring)."""
    return (POOR_WITNESS,) if find_evidence(text, language, first_only=True) else ()


def find_evidence(text: str, language: str, *, first_only: bool = False) -> list[Evidence]:
    """The evidence that ``text``, written in ``language``, is a poor witness."""
    lexicons = _lexicons()
    if language not in lexicons:  # no lexicon of our own: nothing to tell foreign words by
        return []
    found: list[Evidence] = []
    own = lexicons[language].translated_names
    if own is not None:
        found += [Evidence(m.start(), m.end(), "translated_name", language)
                  for m in own.finditer(text)]
    if found and first_only:
        return found
    masked = QUOTED_PASSAGE.sub(lambda m: " " * len(m.group()), text)
    for other, lexicon in lexicons.items():
        if other == language or lexicon.connectives is None:
            continue
        for match in lexicon.connectives.finditer(masked):
            if _inside_own_sentence(text, match, language):
                found.append(Evidence(match.start(), match.end(), "connective", other))
                if first_only:
                    return found
    return found


def _inside_own_sentence(text: str, match: re.Match[str], language: str) -> bool:
    """Lower case (or opening its sentence), in a sentence lingua reads as ``language``."""
    start = _sentence_start(text, match.start())
    word = match.group()
    if word[0].isupper() and text[start:match.start()].strip():
        return False  # capitalized inside a sentence: a name or a title
    end_match = _SENTENCE_BREAK.search(text, match.end())
    sentence = text[start:end_match.start() + 1 if end_match else len(text)]
    rest = sentence.replace(word, " ", 1)
    if sum(c.isalpha() for c in rest) < _MIN_SENTENCE_LETTERS:
        return False
    from porteparole.detect import detect_language

    return detect_language(rest) == language


def _sentence_start(text: str, at: int) -> int:
    start = 0
    for found in _SENTENCE_BREAK.finditer(text, max(0, at - 600), at):
        start = found.end()
    return start


@per_root
def _lexicons() -> dict[str, _Language]:
    found = {}
    for entry in knowledge_files("witness", ".yaml"):
        name, data = read_yaml("witness", entry.name)
        found[entry.name.removesuffix(".yaml")] = _Language(
            connectives=_words(name, data, "connectives"),
            translated_names=_words(name, data, "translated_names", case_sensitive=True),
        )
    return found


def _words(name: str, data: Any, key: str, *, case_sensitive: bool = False
           ) -> re.Pattern[str] | None:
    """One pattern matching any of the phrases, whole words only, longest first."""
    phrases = data.get(key, [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                for p in phrases):
        raise KnowledgeError(f"{name}: {key} must be a list of non-empty strings")
    if not phrases:
        return None
    ordered = sorted({" ".join(p.split()) for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", flags)
