"""One pipeline, many runners: ``analyze`` is a pure function of the text and the analyzer.

The CLI, the store's ingest, a process pool and a Spark job all call the functions here;
only how documents arrive and where analyses go differs. Every function takes an
``analyzer`` (``analyzer.Analyzer``: one ``Knowledge`` bundle and its models); without one,
the default analyzer. Each stage is called once, with the analyzer's knowledge.

Stages, in order (each a module with one public function):

1. clean       repair Unicode, normalize, remove boilerplate    ``clean.clean``
2. detect      language of the cleaned text                     ``detect.detect_language``
               and whether it is a poor witness (spun, mixed)   ``witness.witness_flags``
3. structure   press-conference turns, or article title and
               paragraphs; the date and the kind     ``structure.reading.read_structure``
4. annotate    spaCy: sentences, tokens, entities, parse ``nlp.annotate_stream``
5. actors      mentions resolved to canonical actors     ``actors.resolve.resolve_actors``
6. quotes      direct and reported speech with speakers  ``quotes.extract_quotes``
7. events      PLOVER events, CAMEO root, Goldstein      ``events.extract_events``
8. topics      taxonomy labels per turn and paragraph    ``topics.assign_topics``
9. mechanisms  status updates of tracked mechanisms      ``mechanisms.track_mechanisms``

Stages 1-3 (``prepare``) are cheap and need no model: ingest runs them first, so that a
document already in the store is recognised by its id before any NLP is spent on it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from porteparole import chunks, detect
from porteparole import clean as cleaning
from porteparole.actors import resolve_actors
from porteparole.errors import InputError, LanguageError
from porteparole.events import extract_events
from porteparole.mechanisms import track_mechanisms
from porteparole.nlp import annotate_stream
from porteparole.quotes import extract_quotes
from porteparole.records import Analysis, Document, Origin, RawDocument, Rejected, document_id_for
from porteparole.structure.reading import DATE_APPROXIMATE, DATE_YEAR_INFERRED, read_structure
from porteparole.topics import assign_topics
from porteparole.witness import witness_flags

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from porteparole.analyzer import Analyzer
    from porteparole.knowledge.bundle import Knowledge
    from porteparole.runners import Runner

# A press conference is ~30,000 characters; past this, spaCy's memory use is no longer
# reasonable for one document on a laptop, so the document is rejected, not half-read.
MAX_DOCUMENT_CHARS = 1_000_000

# What becomes of a document in a language porteparole has no model and knowledge for:
# "store" keeps it with this flag (text, paragraphs, search; no NLP records), "reject"
# records it as ``unsupported_language``.
UNSUPPORTED_POLICIES: tuple[str, ...] = ("store", "reject")
LANGUAGE_UNSUPPORTED = "language_unsupported"
_CLEANING_FLAGS = (cleaning.MOJIBAKE_REPAIRED, cleaning.BOILERPLATE_REMOVED)


def _analyzer(analyzer: Analyzer | None) -> Analyzer:
    if analyzer is not None:
        return analyzer
    from porteparole.analyzer import default_analyzer  # analyzer imports this module

    return default_analyzer()


def prepare(raw: RawDocument, *, unsupported: str = "store",
            analyzer: Analyzer | None = None) -> Analysis | Rejected:
    """Stages 1-3: the document, its kind and its structure, without NLP.

    ``unsupported`` says what to do with a text in a language porteparole does not
    analyse (``UNSUPPORTED_POLICIES``). ``analyzer`` defaults to ``default_analyzer()``.
    """
    if unsupported not in UNSUPPORTED_POLICIES:
        raise InputError(f"unsupported must be one of {', '.join(UNSUPPORTED_POLICIES)}, "
                         f"not {unsupported!r}")
    analyzer = _analyzer(analyzer)
    with analyzer.knowledge.active():
        cleaned = cleaning.clean(raw.text)  # 1
    if not cleaned.text.strip():
        return Rejected(raw.origin, "empty", "no text is left after cleaning")
    if len(cleaned.text) > MAX_DOCUMENT_CHARS:
        return Rejected(
            raw.origin,
            "too_large",
            f"{len(cleaned.text):,} characters; the limit is {MAX_DOCUMENT_CHARS:,}",
        )
    if detect.is_listing_page(cleaned.text):
        return Rejected(raw.origin, "listing_page", "the page is a list of links, not a document")
    language = detect.detect_language(cleaned.text, declared=raw.language)  # 2
    if not detect.is_supported(language) and unsupported == "reject":
        digest = document_id_for(raw.text)
        return Rejected(raw.origin, "unsupported_language", detect.unsupported_detail(language),
                        digest)
    return _read(raw, cleaned, language, analyzer)


def restore(document: Document, *, analyzer: Analyzer | None = None) -> Analysis:
    """Stages 2-3 again on a stored document, for ``ingest --reanalyze``.

    The stored text is the cleaned text and its hash is the document's id, so cleaning is
    not run again: the document keeps its id, text and removed lines, and its structure,
    date, kind and flags are read anew with the analyzer's knowledge. The stored title and
    date stand for the source's metadata (an inferred date as the approximate one it came
    from), and the stored language for the declared one.
    """
    inferred = bool({DATE_YEAR_INFERRED, DATE_APPROXIMATE} & set(document.flags))
    raw = RawDocument(document.origin, document.text, title=document.title,
                      date=None if inferred else document.date, language=document.language,
                      date_hint=document.date if inferred else None)
    cleaned = cleaning.Cleaned(document.text, document.removed,
                               tuple(f for f in document.flags if f in _CLEANING_FLAGS))
    language = detect.detect_language(document.text, declared=document.language)
    return _read(raw, cleaned, language, _analyzer(analyzer))


def _read(raw: RawDocument, cleaned: cleaning.Cleaned, language: str,
          analyzer: Analyzer) -> Analysis:
    """Stage 3 and the document record, once the text is clean and its language known."""
    knowledge = analyzer.knowledge
    supported = detect.is_supported(language)
    doc_id = document_id_for(cleaned.text)
    reading = read_structure(cleaned.text, doc_id, language, raw, knowledge)  # 3
    structure = reading.structure
    with knowledge.active():
        witness = witness_flags(cleaned.text, language)
    document = Document(
        id=doc_id,
        origin=raw.origin,
        language=language,
        kind=reading.kind,
        text=cleaned.text,
        # Without knowledge of the language, the first line is only a guess at a title
        # (on a Chinese transcript, the first question): the page's own title comes first.
        title=(structure.title or raw.title) if supported else (raw.title or structure.title),
        date=reading.date,
        time=structure.time,
        place=structure.place,
        ministry=structure.ministry,
        spokesperson=structure.spokesperson,
        flags=cleaned.flags + reading.flags + witness
        + (() if supported else (LANGUAGE_UNSUPPORTED,)),
        removed=cleaned.removed,
        analyzer=str(analyzer.stamp),
    )
    return Analysis(document=document, turns=structure.turns, paragraphs=structure.paragraphs)


def analyze(
    source: str | RawDocument,
    *,
    title: str | None = None,
    date: str | None = None,
    language: str | None = None,
    analyzer: Analyzer | None = None,
) -> Analysis:
    """Read one document completely: every stage, in order, with ``analyzer`` (default:
    ``analyzer.default_analyzer()``).

    ``source`` is the document's text (with optional metadata the caller knows: ``date``
    as ISO ``YYYY-MM-DD``, ``language`` as an ISO 639 code) or a ``RawDocument`` from a
    reader. Raises ``InputError`` for an argument of the wrong type or form and when the
    text is not a document (empty, a listing page); ``LanguageError`` when the text is in
    a language porteparole does not analyse. Ingest records those as ``Rejected`` instead.
    """
    raw = source if isinstance(source, RawDocument) else RawDocument(
        Origin("<text>", "text"), _text_argument(source), title, date, language)
    _check_raw(raw)
    if raw.language is not None and not detect.is_supported(
            detect.normalize_language_code(raw.language) or ""):
        raise LanguageError(detect.unsupported_detail(raw.language))
    prepared = prepare(raw, unsupported="reject", analyzer=analyzer)
    if isinstance(prepared, Rejected):
        error = LanguageError if prepared.reason == "unsupported_language" else InputError
        raise error(f"not a document ({prepared.reason}): {prepared.detail}")
    return enrich(prepared, analyzer=analyzer)


def _text_argument(source: object) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, bytes | bytearray):
        raise InputError("analyze() takes text (str), not bytes: decode it first, e.g. "
                         "data.decode('utf-8'), or ingest the file, which detects the encoding")
    raise InputError(f"analyze() takes the document's text (str) or a RawDocument, not "
                     f"{type(source).__name__}")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_raw(raw: RawDocument) -> None:
    """The metadata a caller passes is checked before it is trusted and stored."""
    if not isinstance(raw.text, str):
        raise InputError(f"RawDocument.text must be str, not {type(raw.text).__name__}")
    for name in ("title", "date", "language", "date_hint"):
        value = getattr(raw, name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string or None, not {type(value).__name__}")
    for name in ("date", "date_hint"):
        value = getattr(raw, name)
        if value is not None and not _is_iso_date(value):
            raise InputError(f"{name} must be a date as YYYY-MM-DD, not {value!r}")
    if raw.language is not None and detect.normalize_language_code(raw.language) is None:
        raise InputError(f"language must be an ISO 639 code such as 'fr' or 'en', not "
                         f"{raw.language!r}")


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def enrich(prepared: Analysis, *, analyzer: Analyzer | None = None) -> Analysis:
    """Stages 4-9 on one prepared document."""
    return enrich_many([prepared], analyzer=analyzer)[0]


def enrich_many(prepared: list[Analysis], *, analyzer: Analyzer | None = None
                ) -> list[Analysis]:
    """Stages 4-9 on a batch: spaCy runs over the batch at once (``nlp.pipe``), which is
    several times faster than one document at a time.

    Every NLP stage has the same shape, ``stage(analysis, doc, knowledge) -> Analysis``: it
    reads the spaCy ``Doc`` of the document's whole text (so token offsets are document
    offsets), the records earlier stages added and the analyzer's knowledge, and returns
    the analysis with its own records added.
    """
    if not NLP_STAGES:
        return list(prepared)
    knowledge = _analyzer(analyzer).knowledge
    enriched = list(prepared)
    # A document in a language without a model keeps its text and structure only.
    positions = [i for i, a in enumerate(prepared)
                 if LANGUAGE_UNSUPPORTED not in a.document.flags]
    # A long document is analysed in pieces (``chunks``): time and memory stay linear.
    pieces = {i: chunks.split(prepared[i]) for i in positions}
    flat = [piece for i in positions for _, piece in pieces[i]]
    # Docs are made a batch at a time and each is dropped once its stages have read it,
    # so memory holds one spaCy batch, however long the document or large the batch.
    docs = annotate_stream((a.document.language, a.document.text) for a in flat)  # 4
    for position in positions:
        done = []
        for offset, analysis in pieces[position]:
            doc = next(docs)
            for stage in NLP_STAGES:  # 5-9
                analysis = stage(analysis, doc, knowledge)
            done.append((offset, analysis))
        enriched[position] = chunks.merge(prepared[position], done)
    return enriched


def process(
    items: Iterable[RawDocument | Rejected | Analysis], *, batch_size: int = 16,
    analyzer: Analyzer | None = None, unsupported: str = "store",
    runner: Runner | None = None, admit: Callable[[Analysis], bool] | None = None,
) -> Iterator[Analysis | Rejected]:
    """The one loop every runner shares: raw documents in, analyses or rejections out.

    A ``Rejected`` passes through; a ``RawDocument`` is prepared (stages 1-3); an
    ``Analysis`` is taken as already prepared. Prepared documents are enriched
    ``batch_size`` at a time (stages 4-9); a document whose analysis raises comes out as a
    ``Rejected`` (``analysis_failed``) and the others go on. Rejections come out as soon as
    they are met, analyses when their batch is done: memory holds the batches in flight.
    See ``process_batches`` for ``runner`` and ``admit``.
    """
    for outcome in process_batches(items, batch_size=batch_size, analyzer=analyzer,
                                   unsupported=unsupported, runner=runner, admit=admit):
        yield from outcome


def process_batches(
    items: Iterable[RawDocument | Rejected | Analysis], *, batch_size: int = 16,
    analyzer: Analyzer | None = None, unsupported: str = "store",
    runner: Runner | None = None, admit: Callable[[Analysis], bool] | None = None,
) -> Iterator[list[Analysis | Rejected]]:
    """``process``, a batch at a time: each list is one enriched batch, or one rejection.

    ``runner`` says where batches are enriched (default: here, at once; a
    ``runners.ProcessPoolRunner`` for worker processes); batches come back in submission
    order. ``admit`` is asked about every prepared document before any model runs: False
    leaves it out (ingest: a document already stored). A caller that writes one
    transaction per list (``ingest``) loses at most the batches in flight to a crash.
    """
    from porteparole.runners import SerialRunner, guarded  # runners imports this module

    chosen = _analyzer(analyzer)
    runner = runner if runner is not None else SerialRunner(chosen)
    prepare_one = partial(chosen.prepare, unsupported=unsupported)
    batch: list[Analysis] = []
    for item in items:
        prepared = item if isinstance(item, Analysis | Rejected) else guarded(prepare_one, item)
        if isinstance(prepared, Rejected):
            yield [prepared]
        elif admit is None or admit(prepared):
            batch.append(prepared)
            if len(batch) >= batch_size:
                runner.submit(batch)
                batch = []
        yield from runner.results()
    if batch:
        runner.submit(batch)
    yield from runner.results(wait_all=True)


Stage = Callable[[Analysis, "Doc", "Knowledge"], Analysis]

# Stages 5-9, in order; each ``(Analysis, spacy.tokens.Doc, Knowledge) -> Analysis``.
NLP_STAGES: tuple[Stage, ...] = (
    resolve_actors,  # 5
    extract_quotes,  # 6
    extract_events,  # 7
    assign_topics,  # 8
    track_mechanisms,  # 9
)
