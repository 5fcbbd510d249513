"""The per-language words and patterns of document structure, loaded from knowledge data.

Everything language-specific the structure parsers know (question and answer labels,
honorifics, site headers and bylines, title patterns, narration cues, datelines) lives in
``knowledge/structure/<lang>.yaml``; this module loads, validates and compiles it once per
language. A language without its own file gets the union of every file, so that an
undetected language ("und") still finds "Q:" and "A:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_yaml
from porteparole.text.folds import fold_label

_LIST_FIELDS = (
    "question_labels", "answer_labels", "follow_up_labels", "ignored_labels",
    "label_connectors", "honorifics", "official_label_words", "moderator_labels",
    "press_conference_cues",
)
_PATTERN_FIELDS = (
    "site_headers", "bylines", "boilerplate", "question_intros", "follow_up_intros", "closing_cues",
    "narration", "reporter_self_identification", "press_conference_titles", "datelines",
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled structure knowledge of one language (or of all, for an unknown one)."""

    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    follow_up_labels: frozenset[str]
    ignored_labels: frozenset[str]
    label_connectors: frozenset[str]
    honorifics: tuple[str, ...]  # folded, longest first
    official_label_words: tuple[str, ...]  # folded
    moderator_labels: frozenset[str]
    press_conference_cues: tuple[str, ...]  # folded
    label_max_words: int
    site_headers: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]  # author, source lines before or after the title
    boilerplate: tuple[re.Pattern[str], ...]
    question_intros: tuple[re.Pattern[str], ...]
    follow_up_intros: tuple[re.Pattern[str], ...]
    closing_cues: tuple[re.Pattern[str], ...]
    narration: tuple[re.Pattern[str], ...]
    reporter_self_identification: tuple[re.Pattern[str], ...]
    press_conference_titles: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    ministries: tuple[tuple[str, str], ...]  # (folded alias, canonical), longest alias first
    languages: tuple[str, ...]  # dateparser languages for this vocabulary
    day_first: bool = True  # "05/08/2022" is 5 August (numeric_dates: day_first)


@per_root
def vocabulary(language: str) -> Vocabulary:
    """The structure vocabulary of ``language`` (ISO 639-1), loaded once."""
    available = _available_languages()
    chosen = (language,) if language in available else available
    return _compile([_load(code) for code in chosen], chosen)


@per_root
def _available_languages() -> tuple[str, ...]:
    return tuple(p.name.removesuffix(".yaml") for p in knowledge_files("structure", ".yaml"))


def _load(language: str) -> dict[str, Any]:
    name, data = read_yaml("structure", f"{language}.yaml")
    for key in (*_LIST_FIELDS, *_PATTERN_FIELDS):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise KnowledgeError(f"{name}: {key} must be a list of strings")
    data["_file"] = name
    return dict(data)


def _compile(datas: list[dict[str, Any]], languages: tuple[str, ...]) -> Vocabulary:
    def words(key: str) -> list[str]:
        return [fold_label(w) for d in datas for w in d.get(key, [])]

    return Vocabulary(
        question_labels=frozenset(words("question_labels")),
        answer_labels=frozenset(words("answer_labels")),
        follow_up_labels=frozenset(words("follow_up_labels")),
        ignored_labels=frozenset(words("ignored_labels")),
        label_connectors=frozenset(words("label_connectors")),
        honorifics=tuple(sorted(set(words("honorifics")), key=len, reverse=True)),
        official_label_words=tuple(sorted(set(words("official_label_words")), key=len)),
        moderator_labels=frozenset(words("moderator_labels")),
        press_conference_cues=tuple(words("press_conference_cues")),
        label_max_words=max(int(d.get("label_max_words", 6)) for d in datas),
        ministries=_ministries(datas),
        languages=languages,
        day_first=all(d.get("numeric_dates", "day_first") == "day_first" for d in datas),
        **{key: _patterns(datas, key) for key in _PATTERN_FIELDS},
    )


def _patterns(datas: list[dict[str, Any]], key: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for data in datas:
        for pattern in data.get(key, []):
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise KnowledgeError(f"{data['_file']}: {key} entry {pattern!r}: {exc}") from exc
    return tuple(compiled)


def _ministries(datas: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for data in datas:
        table = data.get("ministries", {})
        if not isinstance(table, dict):
            raise KnowledgeError(f"{data['_file']}: ministries must map a name to aliases")
        for canonical, aliases in table.items():
            pairs.extend((fold_label(a), str(canonical)) for a in [canonical, *aliases])
    return tuple(sorted(set(pairs), key=lambda p: len(p[0]), reverse=True))
