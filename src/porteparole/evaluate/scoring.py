"""Pure scorers, one per field of FORMAT.md, and the report they add up to.

Each document is scored on its own into counts (``Accuracy``, ``Overlap``, ``TurnCounts``);
the report sums the counts over documents, which is micro-averaging, and only then divides.
A figure whose denominator is zero had nothing to count and is ``None`` (``null`` in JSON),
never a flattering 1.0 or an unfair 0.0.

Every comparison goes through ``fold``; a document's fields that its gold file leaves out
are not scored (their counts stay zero and no detail is listed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from porteparole.evaluate.gold import Annotation, GoldEvent, GoldQuote, GoldTurn, empty_prediction
from porteparole.text.folds import fold_compare, fold_compare_optional

ACCURACY_FIELDS: tuple[str, ...] = ("kind", "language", "date", "spokesperson")
SET_FIELDS: tuple[str, ...] = ("persons", "countries", "events")
COUNTED_FIELDS: tuple[str, ...] = (*ACCURACY_FIELDS, "turns", "quotes", *SET_FIELDS)

_SHOWN = 80  # characters of a long text shown in details


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; when one side had nothing to count the other is 0, and so is F1."""
    if precision is None and recall is None:
        return None
    if precision is None or recall is None or precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Correct answers over answers scored."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True, slots=True)
class Overlap:
    """System items that hit the gold, gold items the system found, and both totals.

    For sets both hit counts are the true positives; for quotes they differ (one system
    quote may contain several gold fragments), which is why they are kept apart.
    """

    system_hits: int = 0
    system: int = 0
    gold_hits: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return _ratio(self.system_hits, self.system)

    @property
    def recall(self) -> float | None:
        return _ratio(self.gold_hits, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(
            self.system_hits + other.system_hits,
            self.system + other.system,
            self.gold_hits + other.gold_hits,
            self.gold + other.gold,
        )


@dataclass(frozen=True, slots=True)
class TurnCounts:
    """Matched turns (``overlap``) and the role and speaker accuracy over matched turns."""

    overlap: Overlap = Overlap()
    role: Accuracy = Accuracy()
    speaker: Accuracy = Accuracy()

    def __add__(self, other: TurnCounts) -> TurnCounts:
        return TurnCounts(
            self.overlap + other.overlap, self.role + other.role, self.speaker + other.speaker
        )


@dataclass(frozen=True, slots=True)
class FieldDetail:
    """Why a field of a document scored less than perfect: what was missed, extra, wrong."""

    field: str
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not (self.missed or self.extra or self.wrong)


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """One document's counts per field, and the details of its errors."""

    document: str
    kind: Accuracy = Accuracy()
    language: Accuracy = Accuracy()
    date: Accuracy = Accuracy()
    spokesperson: Accuracy = Accuracy()
    turns: TurnCounts = TurnCounts()
    quotes: Overlap = Overlap()
    persons: Overlap = Overlap()
    countries: Overlap = Overlap()
    events: Overlap = Overlap()
    details: tuple[FieldDetail, ...] = ()


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of a set of documents: per document, and micro-averaged over all of them.

    ``notes`` says what went wrong reading the corpus (a missing document, a rejected one):
    those documents are scored as empty predictions, never dropped.
    """

    documents: tuple[DocumentScore, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def totals(self) -> DocumentScore:
        """Every field's counts summed over documents (micro-averaging), as one score."""
        sums = {
            name: sum(
                (getattr(doc, name) for doc in self.documents),
                type(getattr(_NOTHING, name))(),
            )
            for name in COUNTED_FIELDS
        }
        return DocumentScore("all", **sums)

    def to_json(self) -> dict[str, Any]:
        """The fixed JSON object of FORMAT.md (see ``report.report_to_json``)."""
        from porteparole.evaluate.report import report_to_json

        return report_to_json(self)


_NOTHING = DocumentScore("")


# --- per field -------------------------------------------------------------------------


def _show(text: str | None) -> str:
    if text is None:
        return "null"
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def score_scalar(name: str, gold: str | None, system: str | None) -> tuple[Accuracy, FieldDetail]:
    """Accuracy of one scalar field: folded equality, null equal only to null."""
    if fold_compare_optional(gold) == fold_compare_optional(system):
        return Accuracy(1, 1), FieldDetail(name)
    return Accuracy(0, 1), FieldDetail(name, missed=(_show(gold),), extra=(_show(system),))


def match_turns(gold: Sequence[GoldTurn], system: Sequence[GoldTurn]) -> list[int | None]:
    """For each gold turn in order, the index of the system turn it takes, or None.

    A system turn matches when its own text starts with the gold ``begins`` (folded); each
    gold turn takes the first system turn not yet taken that matches it.
    """
    texts = [fold_compare(turn.begins) for turn in system]
    taken: set[int] = set()
    matches: list[int | None] = []
    for turn in gold:
        begins = fold_compare(turn.begins)
        index = next(
            (i for i, text in enumerate(texts) if i not in taken and text.startswith(begins)),
            None,
        )
        if index is not None:
            taken.add(index)
        matches.append(index)
    return matches


def _turn_label(turn: GoldTurn) -> str:
    return f"{turn.role} by {_show(turn.speaker)}: {_show(turn.begins)}"


def score_turns(
    gold: Sequence[GoldTurn], system: Sequence[GoldTurn]
) -> tuple[TurnCounts, FieldDetail]:
    """Precision/recall of matched turns, and role and speaker accuracy over matched ones."""
    matches = match_turns(gold, system)
    pairs = [(g, system[i]) for g, i in zip(gold, matches, strict=True) if i is not None]
    role_ok = [g.role == s.role for g, s in pairs]
    speaker_ok = [fold_compare_optional(g.speaker) == fold_compare_optional(s.speaker)
                  for g, s in pairs]
    taken = {i for i in matches if i is not None}
    wrong = tuple(
        f"{_turn_label(g)} — system: {s.role} by {_show(s.speaker)}"
        for (g, s), r, p in zip(pairs, role_ok, speaker_ok, strict=True)
        if not (r and p)
    )
    counts = TurnCounts(
        Overlap(len(pairs), len(system), len(pairs), len(gold)),
        Accuracy(sum(role_ok), len(pairs)),
        Accuracy(sum(speaker_ok), len(pairs)),
    )
    detail = FieldDetail(
        "turns",
        missed=tuple(_turn_label(g) for g, i in zip(gold, matches, strict=True) if i is None),
        extra=tuple(_turn_label(s) for i, s in enumerate(system) if i not in taken),
        wrong=wrong,
    )
    return counts, detail


def _quote_label(quote: GoldQuote) -> str:
    return f"{_show(quote.speaker)}: {_show(quote.contains)}"


def score_quotes(
    gold: Sequence[GoldQuote], system: Sequence[GoldQuote]
) -> tuple[Overlap, FieldDetail]:
    """Gold quotes found in a same-speaker system quote; system quotes holding some gold one.

    Recall leaves out gold quotes marked ``optional``; precision credits a system quote that
    holds any gold fragment of its speaker, optional or not (FORMAT.md).
    """
    gold_keys = [(fold_compare_optional(q.speaker), fold_compare(q.contains)) for q in gold]
    system_keys = [(fold_compare_optional(q.speaker), fold_compare(q.contains)) for q in system]

    def hit(g: tuple[str | None, str], s: tuple[str | None, str]) -> bool:
        return g[0] == s[0] and g[1] in s[1]

    found = [any(hit(g, s) for s in system_keys) for g in gold_keys]
    correct = [any(hit(g, s) for g in gold_keys) for s in system_keys]
    required = [not q.optional for q in gold]
    counts = Overlap(
        sum(correct),
        len(system),
        sum(ok for ok, needed in zip(found, required, strict=True) if needed),
        sum(required),
    )
    detail = FieldDetail(
        "quotes",
        missed=tuple(
            _quote_label(q) for q, ok in zip(gold, found, strict=True) if not ok and not q.optional
        ),
        extra=tuple(_quote_label(q) for q, ok in zip(system, correct, strict=True) if not ok),
    )
    return counts, detail


def score_set(
    name: str,
    gold: Iterable[object],
    system: Iterable[object],
    key: Callable[[object], object],
    show: Callable[[object], str] = str,
) -> tuple[Overlap, FieldDetail]:
    """Set precision/recall of one document; items compare by ``key`` (folded), shown as given."""
    gold_items = {key(item): item for item in gold}
    system_items = {key(item): item for item in system}
    hits = gold_items.keys() & system_items.keys()
    counts = Overlap(len(hits), len(system_items), len(hits), len(gold_items))
    detail = FieldDetail(
        name,
        missed=tuple(show(v) for k, v in gold_items.items() if k not in hits),
        extra=tuple(show(v) for k, v in system_items.items() if k not in hits),
    )
    return counts, detail


def _name_key(item: object) -> object:
    return fold_compare(str(item))


def _triple_key(item: object) -> object:
    return tuple(fold_compare_optional(part) for part in item)  # type: ignore[attr-defined]


def _show_triple(item: object) -> str:
    source, kind, target = cast(tuple[Any, Any, Any], item)
    return f"{_show(source)} {kind} {_show(target)}"


# --- documents and sets ----------------------------------------------------------------


def score_document(gold: Annotation, system: Annotation) -> DocumentScore:
    """Score one prediction against its gold file, on the fields the gold file annotates."""
    counts: dict[str, object] = {}
    details: list[FieldDetail] = []
    for name in ACCURACY_FIELDS:
        if gold.has(name):
            counts[name], detail = score_scalar(name, getattr(gold, name), getattr(system, name))
            details.append(detail)
    if gold.has("turns"):
        counts["turns"], detail = score_turns(gold.turns, system.turns)
        details.append(detail)
    if gold.has("quotes"):
        counts["quotes"], detail = score_quotes(gold.quotes, system.quotes)
        details.append(detail)
    for name in ("persons", "countries"):
        if gold.has(name):
            counts[name], detail = score_set(
                name, getattr(gold, name), getattr(system, name), _name_key
            )
            details.append(detail)
    if gold.has("events"):
        counts["events"], detail = _score_events(gold, system)
        details.append(detail)
    return DocumentScore(gold.document, details=tuple(details), **counts)  # type: ignore[arg-type]


def _score_events(gold: Annotation, system: Annotation) -> tuple[Overlap, FieldDetail]:
    """Set scores over triples; a triple the gold marks only as ``optional`` counts nowhere.

    A triple listed both as optional and as required is required: one firm reading suffices.
    """
    required = {_triple_key(_triple(e)) for e in gold.events if not e.optional}
    open_keys = {_triple_key(_triple(e)) for e in gold.events if e.optional} - required

    def scored(annotation: Annotation) -> list[tuple[str | None, str, str | None]]:
        triples = (_triple(e) for e in annotation.events)
        return [t for t in triples if _triple_key(t) not in open_keys]

    return score_set("events", scored(gold), scored(system), _triple_key, _show_triple)


def _triple(event: GoldEvent) -> tuple[str | None, str, str | None]:
    return (event.source, event.type, event.target)


def score(golds: Sequence[Annotation], predictions: Sequence[Annotation]) -> EvalReport:
    """Score predictions against gold files, paired by ``document``.

    A gold document without a prediction is scored against an empty one; predictions for
    documents without a gold file are ignored.
    """
    by_document = {prediction.document: prediction for prediction in predictions}
    return EvalReport(
        tuple(
            score_document(gold, by_document.get(gold.document) or empty_prediction(gold.document))
            for gold in golds
        )
    )
