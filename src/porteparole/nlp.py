"""spaCy models per language, loaded once per process.

The model for a language is named in ``knowledge/languages.yaml``; models are PyPI packages
pinned in ``pyproject.toml``, so nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from porteparole import attribute_table
from porteparole.errors import KnowledgeError, ModelError
from porteparole.knowledge import read_yaml

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@cache
def language_table() -> dict[str, dict[str, Any]]:
    """The languages porteparole knows, keyed by ISO 639-1 code."""
    name, data = read_yaml("languages.yaml")
    if not isinstance(data.get("languages"), dict):
        raise KnowledgeError(f"{name}: 'languages' must map language codes to their models")
    return dict(data["languages"])


def excluded_components(language: str) -> tuple[str, ...]:
    """Components of the language's model that no stage reads, not loaded at all.

    Measured with ``bench/components.py``: a component is listed in ``languages.yaml``
    (``exclude``) only when disabling it changes no record of stages 5-9.
    """
    entry = language_table().get(language) or {}
    value = entry.get("exclude", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"languages.yaml: {language}.exclude must be a list of names")
    return tuple(value)


def model_name(language: str) -> str | None:
    """The spaCy model package for ``language``, or None if porteparole has none for it."""
    entry = language_table().get(language)
    return entry.get("spacy_model") if entry else None


@cache
def load_model(language: str) -> Language:
    """The spaCy pipeline for ``language``, loaded once and shared by every stage."""
    import spacy

    name = model_name(language)
    if name is None:
        raise ModelError(f"no spaCy model is configured for language {language!r}")
    try:
        model = spacy.load(name, exclude=list(excluded_components(language)))
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} for {language!r} is not installed; run `make setup`"
        ) from error
    _register_line_breaks()
    model.add_pipe(LINE_BREAKS, first=True)
    # The same annotations as the model's attribute ruler, an order of magnitude faster
    # (``attribute_table``); a ruler it cannot express stays as it is.
    attribute_table.replace_ruler(model)
    return model


LINE_BREAKS = "porteparole_line_breaks"


def _register_line_breaks() -> None:
    """Register, once, the component that starts a sentence after every line break.

    A document's lines are its headline, its date line, its dateline, its paragraphs and
    its transcript turns: a sentence never runs across them. Left alone, the parser joins
    a headline to the first paragraph ("…truce November 1, 2025 KUALA LUMPUR (AFP) — US…"),
    which misattaches subjects and merges evidence. The parser keeps boundaries set before it.
    """
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        # spaCy's tokenizer makes every run of white space other than one plain space a
        # token of its own (and a token's trailing whitespace is one space at most), so a
        # line break is always inside a space token: only those are looked at, found in
        # one array, instead of building a Token object for every token of the document.
        from spacy.attrs import IS_SPACE

        last = len(doc) - 1
        for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if last > 0 else ():
            if i < last and "\n" in doc[i].text:
                doc[i + 1].is_sent_start = True
        return doc


# Texts per ``nlp.pipe`` batch; bench/scale.py compares 4, 8, 16 and 32 side by side.
BATCH_SIZE = 8
# Characters per batch at most (one longer text is a batch of its own): a batch's Docs are
# all alive at once, so the pieces of a long document (``chunks.CHUNK_CHARS``, the same
# 100,000) go one at a time, and memory stays that of one piece whatever the length.
# Ordinary batches (8 pages of ~7,000 characters) are far below it.
BATCH_CHARS = 100_000


def annotate(texts: list[tuple[str, str]], *, batch_size: int = BATCH_SIZE) -> list[Doc]:
    """Stage 4: one spaCy ``Doc`` per ``(language, text)``, in input order.

    Texts are grouped by language and run through ``nlp.pipe`` (several times faster than
    one call per text). A language without a configured model gets a blank tokenizer-only
    pipeline (sentences by punctuation), so later stages degrade instead of failing.
    """
    docs: dict[int, Doc] = {}
    by_language: dict[str, list[int]] = {}
    for position, (language, _) in enumerate(texts):
        by_language.setdefault(language, []).append(position)
    for language, positions in by_language.items():
        batch = [(language, texts[p][1]) for p in positions]
        for position, doc in zip(positions, annotate_stream(batch, batch_size=batch_size),
                                 strict=True):
            docs[position] = doc
    return [docs[position] for position in range(len(texts))]


def annotate_stream(texts: Iterable[tuple[str, str]], *, batch_size: int = BATCH_SIZE
                    ) -> Iterator[Doc]:
    """Stage 4 as a stream: one Doc per ``(language, text)``, in input order, made a batch
    at a time, so that a caller that drops each Doc once its stages have read it holds one
    batch in memory, whatever the number or the length of the texts.

    A batch is at most ``batch_size`` texts of one language and ``BATCH_CHARS`` characters.
    """
    batch: list[str] = []
    language = ""
    chars = 0
    for text_language, text in texts:
        if batch and (text_language != language or len(batch) >= batch_size
                      or chars + len(text) > BATCH_CHARS):
            yield from _parsed(language, batch)
            batch, chars = [], 0
        language = text_language
        batch.append(text)
        chars += len(text)
    if batch:
        yield from _parsed(language, batch)


def _parsed(language: str, batch: list[str]) -> Iterator[Doc]:
    """One batch through the language's pipeline. Each Doc keeps the text it was made from
    (``doc_text``): spaCy's tokenizer loses no character, so it is ``Doc.text``, which
    spaCy would otherwise join again from every token."""
    for text, doc in zip(batch, _model_or_blank(language).pipe(batch, batch_size=len(batch)),
                         strict=True):
        doc.user_data[TEXT_KEY] = text
        yield doc


@cache
def _model_or_blank(language: str) -> Language:
    import spacy

    if model_name(language) is not None:
        return load_model(language)
    blank = spacy.blank(language if _spacy_has_language(language) else "xx")
    blank.add_pipe("sentencizer")
    return blank


def _spacy_has_language(code: str) -> bool:
    from spacy.util import get_lang_class

    try:
        get_lang_class(code)
    except ImportError:
        return False
    return True


TEXT_KEY = "porteparole.text"  # where a Doc keeps its text (``doc_text``)


def doc_text(doc: Doc) -> str:
    """A Doc's text, computed once: spaCy's ``Doc.text`` joins every token anew on each
    access, which costs a whole document's length inside a loop over quotes or events."""
    text: str | None = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = str(doc.text)
    return text
