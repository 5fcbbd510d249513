"""Stage 1: repair and normalize a document's text, and remove the web page's frame.

1. Unicode repair (ftfy): mojibake ("ministÃ¨re" → "ministère"), C1 controls, ligatures,
   stray control characters. Curly quotes, full-width forms and HTML entities are left as
   written: they are the text, not damage (and unescaping entities is not idempotent).
2. NFC normalization and ``\\n`` line endings; invisible format characters that web editors
   leave inside words (zero-width space U+200B, word joiner U+2060, a stray byte-order mark
   U+FEFF, and the zero-width joiner and non-joiner U+200C/U+200D next to Latin letters)
   removed, so that "Geng Sh\\u200buang" is the name a reader sees. The joiners are kept between
   letters of the scripts that need them (Persian, Indic scripts, emoji sequences).
3. Lines trimmed of surrounding white space (indentation carries no meaning in these texts).
4. Site boilerplate removed: whole lines matching the patterns of
   ``knowledge/boilerplate/<lang>.txt``, all languages at once since the language is not
   known yet. Removed lines are kept in ``Cleaned.removed``: nothing is lost.
5. At most one blank line between paragraphs; no blank lines at either end.

``clean`` is idempotent: cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import ftfy

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_lines

MOJIBAKE_REPAIRED = "mojibake_repaired"
BOILERPLATE_REMOVED = "boilerplate_removed"
MAX_BOILERPLATE_LINE = 300  # longer lines are paragraphs, never candidates for removal

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_character_width=False, explain=True
)
# ftfy steps that mean the text was damaged, as opposed to merely tidied.
_REPAIR_STEPS = {"restore_byte_a0", "replace_lossy_sequences", "decode_inconsistent_utf8",
                 "fix_c1_controls"}
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_END_PREFIX = "@end "
# Invisible anywhere in the texts we read: they only break words apart for a machine.
_ALWAYS_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# Joiners carry meaning between letters of joining scripts; next to a Latin letter, a digit,
# punctuation or a space (or at an edge of a line) they are editing debris.
_JOINER = re.compile("[\u200c\u200d]")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text, the boilerplate lines removed from it, and what cleaning did."""

    text: str
    removed: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled boilerplate patterns: those that apply anywhere, and those only at the end."""

    anywhere: re.Pattern[str]
    at_end: re.Pattern[str]

    def is_boilerplate(self, line: str, *, at_end: bool = False) -> bool:
        if not line or len(line) > MAX_BOILERPLATE_LINE:
            return False
        probe = " ".join(line.split())
        return bool(self.anywhere.fullmatch(probe) or (at_end and self.at_end.fullmatch(probe)))


def clean(text: str) -> Cleaned:
    """Stage 1 of the pipeline: the normalized text of a document (see module docstring)."""
    repaired, was_damaged = repair(text)
    lines = [line.strip() for line in repaired.split("\n")]
    kept, removed = _remove_boilerplate(lines, boilerplate())
    flags = ((MOJIBAKE_REPAIRED,) if was_damaged else ()) + (
        (BOILERPLATE_REMOVED,) if removed else ()
    )
    return Cleaned(_join_paragraphs(kept), tuple(removed), flags)


def repair(text: str) -> tuple[str, bool]:
    """Text repaired line by line (as ftfy itself works), NFC, with ``\\n`` line endings;
    and whether anything was actually damaged (mojibake, not just tidying)."""
    lines = _LINE_BREAKS.sub("\n", text).split("\n")
    damaged = False
    fixed_lines = []
    for line in lines:
        if line.isascii() and line.isprintable():  # nothing ftfy could repair: skip its cost
            fixed_lines.append(line)
            continue
        fixed = ftfy.fix_and_explain(line, config=_FTFY)
        fixed_lines.append(fixed.text)
        damaged = damaged or _is_repair(fixed.explanation or [])
    return unicodedata.normalize("NFC", remove_invisible("\n".join(fixed_lines))), damaged


def remove_invisible(text: str) -> str:
    """``text`` without the zero-width characters that split words (see module docstring)."""
    text = _ALWAYS_INVISIBLE.sub("", text)
    if "\u200c" not in text and "\u200d" not in text:
        return text
    return _JOINER.sub(lambda m: "" if _debris(text, m.start()) else m.group(), text)


def _debris(text: str, at: int) -> bool:
    """Whether the joiner at ``at`` touches something that is not a joining-script letter."""
    neighbours = (text[at - 1] if at else "", text[at + 1] if at + 1 < len(text) else "")
    return not all(_joinable(ch) for ch in neighbours)


def _joinable(ch: str) -> bool:
    """A letter, mark or pictograph of a script that joins: not Latin, not space or ASCII."""
    if not ch or ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
        return False
    return unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) in ("So", "Sk")


def _is_repair(steps: Sequence[tuple[str, str]]) -> bool:
    return any(action in ("encode", "decode", "transcode") or name in _REPAIR_STEPS
               for action, name in steps)


def _remove_boilerplate(lines: list[str], patterns: Boilerplate) -> tuple[list[str], list[str]]:
    """Lines kept and lines removed, in text order. The trailing block (blank or boilerplate
    lines after the last real line) is where end-only patterns such as a lone "Source" apply."""
    end = len(lines)
    while end and (not lines[end - 1] or patterns.is_boilerplate(lines[end - 1], at_end=True)):
        end -= 1
    kept: list[str] = []
    removed: list[str] = []
    for index, line in enumerate(lines):
        if index >= end and line or patterns.is_boilerplate(line):
            removed.append(line)
        else:
            kept.append(line)
    return kept, removed


def _join_paragraphs(lines: list[str]) -> str:
    """Lines joined with ``\\n``; runs of blank lines become one; no blank edges."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


@per_root
def boilerplate() -> Boilerplate:
    """The boilerplate patterns of every language, compiled once."""
    anywhere: list[str] = []
    at_end: list[str] = []
    for entry in knowledge_files("boilerplate", ".txt"):
        for pattern, is_end in _patterns("boilerplate", entry.name):
            (at_end if is_end else anywhere).append(pattern)
    return Boilerplate(_union(anywhere), _union(at_end))


def _patterns(*parts: str) -> list[tuple[str, bool]]:
    """The patterns of one file, each checked so that an error names its file and line."""
    # Only whole-line comments: a regular expression may hold "#".
    name, lines = read_lines(*parts, inline_comments=False)
    found = []
    for number, line in lines:
        is_end = line.startswith(_END_PREFIX)
        pattern = line[len(_END_PREFIX):].strip() if is_end else line
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise KnowledgeError(f"{name} line {number}: {error}: {pattern}") from None
        found.append((pattern, is_end))
    return found


def _union(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
