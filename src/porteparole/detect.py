"""Stage 2 (and the kind in stage 3): the language of a text, what kind of text it is, and
whether it is a document at all rather than a site's list of links.

- ``detect_language``: lingua, restricted to the languages of this field (``detection`` in
  ``knowledge/languages.yaml``: fewer candidates are faster and make fewer mistakes), on
  the first characters.
- ``detect_kind``: statement or news article, from cues per language in
  ``knowledge/kinds/<lang>.yaml`` (press conferences are recognised by their structure).
- ``is_listing_page``: mostly short link lines and few sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from porteparole.errors import KnowledgeError
from porteparole.knowledge import knowledge_files, per_root, read_yaml
from porteparole.records import Kind
from porteparole.text.typography import QUOTED_PASSAGE

UNDETERMINED = "und"
# A document is in one language: its first paragraphs decide. Lingua is certain of French
# or English well within 1,200 characters, and its cost grows with the sample.
SAMPLE_CHARS = 1200
MIN_LETTERS = 12  # below this, any guess is noise
# Every ISO 639-1 code: a declared language is trusted only when it is one of these.
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu"
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())

STATEMENT: Final = "statement"
NEWS_ARTICLE: Final = "news_article"


def detect_language(text: str, declared: str | None = None) -> str:
    """ISO 639-1 code of the text's language, or ``"und"``; a valid declared code wins."""
    code = normalize_language_code(declared)
    if code:
        return code
    sample = text[:SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return UNDETERMINED
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else UNDETERMINED


def normalize_language_code(declared: str | None) -> str | None:
    """``"fr"`` for ``"fr"``, ``"FR"``, ``"fr-FR"``, ``"fr_CA"`` or ``"fra"``; None if invalid."""
    if not isinstance(declared, str):
        return None
    code = re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0]
    if code in ISO_639_1:
        return code
    if len(code) == 3 and code.isalpha():
        return _from_639_3(code)
    return None


def _from_639_3(code: str) -> str | None:
    from lingua import IsoCode639_3, Language

    try:
        language = Language.from_iso_code_639_3(getattr(IsoCode639_3, code.upper()))
    except (AttributeError, ValueError):
        return None
    return language.iso_code_639_1.name.lower()


@per_root
def candidate_languages() -> tuple[str, ...]:
    """The languages detection chooses among (``detection`` in ``knowledge/languages.yaml``).

    Refused unless every entry is an ISO 639-1 code lingua knows and every analysed language
    (``languages``) is a candidate: a language the pipeline has models for but detection never
    answers would never be analysed.
    """
    name, data = read_yaml("languages.yaml")
    return checked_candidates(name, data)


def checked_candidates(name: str, data: dict[str, Any]) -> tuple[str, ...]:
    """``data['detection']`` of the languages file ``name``, validated (see above)."""
    from lingua import IsoCode639_1

    codes = data.get("detection")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise KnowledgeError(f"{name}: 'detection' must be a list of ISO 639-1 codes")
    unknown = [c for c in codes if c not in ISO_639_1 or not hasattr(IsoCode639_1, c.upper())]
    if unknown:
        raise KnowledgeError(f"{name}: detection: not ISO 639-1 codes lingua knows: {unknown}")
    missing = sorted(set(data.get("languages") or {}) - set(codes))
    if missing:
        raise KnowledgeError(
            f"{name}: detection must list every analysed language; missing: {missing}")
    return tuple(codes)


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The lingua detector, built once per process (building it loads language models)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in candidate_languages()]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


# --- kind -------------------------------------------------------------------------------

TITLE_WEIGHT = {STATEMENT: 4.0, NEWS_ARTICLE: 2.0}  # a statement's title names its genre
DATELINE_WEIGHT = 4.0  # "PÉKIN, 3 mars (Xinhua) --" is a news article's signature
TEXT_CAP = 8.0  # text cues are counted, capped, so that length alone decides nothing
DATELINE_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class KindCues:
    """One language's compiled cues (see ``knowledge/kinds/<lang>.yaml``)."""

    statement_title: tuple[re.Pattern[str], ...]
    statement_text: tuple[re.Pattern[str], ...]
    article_title: tuple[re.Pattern[str], ...]
    article_dateline: tuple[re.Pattern[str], ...]
    article_text: tuple[re.Pattern[str], ...]


def detect_kind(text: str, title: str | None, language: str) -> Kind:
    """``"statement"`` or ``"news_article"``: whichever voice the cues point to.

    A statement speaks in one institutional voice (its title names its genre; first person,
    performative verbs: "condemns", "we urge"); a news article reports in the third person
    (dateline, reporting verbs: "said", "according to"). First-person words inside quotation
    marks are someone else's voice and do not count for a statement. Ties go to the article,
    the more general kind.
    """
    cues = kind_cues(language)
    heading = title or text.split("\n", 1)[0]
    statement, article = kind_scores(text, heading, cues)
    return STATEMENT if statement > article else NEWS_ARTICLE


def kind_scores(text: str, heading: str, cues: KindCues) -> tuple[float, float]:
    """(statement score, news-article score); exposed for evaluation and debugging."""
    unquoted = QUOTED_PASSAGE.sub(" ", text)
    statement = TITLE_WEIGHT[STATEMENT] * _any(cues.statement_title, heading)
    statement += min(TEXT_CAP, _count(cues.statement_text, unquoted))
    article = TITLE_WEIGHT[NEWS_ARTICLE] * _any(cues.article_title, heading)
    openings = [p.strip() for p in text.split("\n") if p.strip()][:DATELINE_PARAGRAPHS]
    article += DATELINE_WEIGHT * any(_any(cues.article_dateline, p) for p in openings)
    article += min(TEXT_CAP, _count(cues.article_text, text))
    return statement, article


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _count(patterns: tuple[re.Pattern[str], ...], text: str) -> float:
    return float(sum(len(p.findall(text)) for p in patterns))


@per_root
def kind_cues(language: str) -> KindCues:
    """The cues of a language; for a language without a file, those of every language."""
    files = _kind_files()
    chosen = [files[language]] if language in files else list(files.values())
    merged: dict[str, list[re.Pattern[str]]] = {}
    for name, data in chosen:
        for key, patterns in _cue_lists(name, data).items():
            merged.setdefault(key, []).extend(patterns)
    return KindCues(**{k: tuple(merged.get(k, ())) for k in KindCues.__slots__})


@per_root
def _kind_files() -> dict[str, tuple[str, dict[str, Any]]]:
    found = {}
    for entry in knowledge_files("kinds", ".yaml"):
        found[entry.name.removesuffix(".yaml")] = read_yaml("kinds", entry.name)
    return found


_CUE_KEYS = {
    "statement_title": ("statement", "title"), "statement_text": ("statement", "text"),
    "article_title": ("news_article", "title"), "article_dateline": ("news_article", "dateline"),
    "article_text": ("news_article", "text"),
}


def _cue_lists(name: str, data: dict[str, Any]) -> dict[str, list[re.Pattern[str]]]:
    lists = {}
    for key, (kind, part) in _CUE_KEYS.items():
        raw = (data.get(kind) or {}).get(part) or []
        lists[key] = [_compile(name, f"{kind}.{part}", pattern) for pattern in raw]
    return lists


def _compile(name: str, where: str, pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise KnowledgeError(f"{name} {where}: {pattern!r} is not a string")
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise KnowledgeError(f"{name} {where}: {error}: {pattern}") from None


# --- listing pages ----------------------------------------------------------------------

LISTING_MIN_LINES = 8
LISTING_MIN_LINK_SHARE = 0.75  # of non-empty lines
LISTING_MAX_SENTENCE_CHARS = 0.3  # share of characters in sentence-like lines
LINK_MAX_WORDS = 30
_BULLET = re.compile(r"^(?:[-–—•*·▪►>]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…。！？:;»”\"']\s*$")


def is_listing_page(text: str) -> bool:
    """True for a site index: mostly short link lines (titles without a final stop), few
    sentences. A transcript or an article is made of sentences, so it never qualifies."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < LISTING_MIN_LINES:
        return False
    links = [line for line in lines if _is_link_line(line)]
    sentence_chars = sum(len(line) for line in lines if not _is_link_line(line))
    total_chars = sum(len(line) for line in lines)
    return (len(links) / len(lines) >= LISTING_MIN_LINK_SHARE
            and sentence_chars / total_chars <= LISTING_MAX_SENTENCE_CHARS)


def _is_link_line(line: str) -> bool:
    """A line shaped like a link or a title: short, and not ending like a sentence."""
    body = _BULLET.sub("", line)
    return len(body.split()) <= LINK_MAX_WORDS and not _SENTENCE_END.search(body)


# --- languages porteparole analyses ---------------------------------------------------


def is_supported(language: str) -> bool:
    """True when porteparole has a model and knowledge for ``language`` (languages.yaml).

    An undetermined language (too little text to tell) counts as supported: its few words
    go through the language-independent pipeline, as before detection could say more.
    """
    from porteparole.nlp import model_name

    return language == UNDETERMINED or model_name(language) is not None


def supported_languages() -> tuple[str, ...]:
    """The codes of the languages porteparole analyses, in the order languages.yaml lists."""
    from porteparole.nlp import language_table

    return tuple(language_table())


def unsupported_detail(language: str) -> str:
    """The sentence that says why a document in ``language`` is not analysed."""
    return (f"the text is in a language porteparole does not analyse ({language}; it "
            f"analyses {', '.join(supported_languages())}): no model or knowledge for it")
