"""Gold files and predictions: one format (FORMAT.md), loaded and validated here.

A gold file and a system prediction are the same record, an ``Annotation``: the scorer holds
one against the other field by field. A field a gold file leaves out was not annotated for
that document and is not scored there, so ``Annotation.annotated`` keeps which optional
fields were present (a ``null`` date is annotated; a missing ``date`` key is not).

Validation is strict and names the file and the field: a typo such as ``"person"`` would
otherwise silently turn into "not annotated" and raise every figure it should lower.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

from porteparole.errors import EvalError
from porteparole.records import KINDS, PLOVER_TYPES, TURN_ROLES

GOLD_SUFFIX = ".gold.json"
PREDICTION_SUFFIX = ".pred.json"

SCALAR_FIELDS: tuple[str, ...] = ("language", "kind", "title", "date", "spokesperson")
LIST_FIELDS: tuple[str, ...] = ("turns", "quotes", "persons", "countries", "events")
OPTIONAL_FIELDS: tuple[str, ...] = SCALAR_FIELDS + LIST_FIELDS
QUOTE_KINDS: tuple[str, ...] = ("direct", "reported")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class GoldTurn:
    """A turn: ``begins`` is its first words (gold) or its whole text (prediction)."""

    role: str
    speaker: str | None
    begins: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quote: ``contains`` is a substring of the content (gold) or all of it (prediction).

    ``optional`` marks a gold quote a system may find or leave (FORMAT.md): it is left out of
    recall, and a system quote that contains it still counts as correct.
    """

    speaker: str | None
    kind: str | None
    contains: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A PLOVER event; ``evidence`` is for the reader and is not scored.

    ``optional`` marks a genuinely open gold item (FORMAT.md): it is neither required nor,
    when predicted, counted against the system.
    """

    source: str | None
    type: str
    target: str | None
    evidence: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Annotation:
    """One document's reading in the gold format, by an analyst or by the system.

    ``annotated`` names the optional fields present; the others hold their empty value and
    must not be scored.
    """

    document: str
    annotated: frozenset[str] = frozenset()
    language: str | None = None
    kind: str | None = None
    title: str | None = None
    date: str | None = None
    spokesperson: str | None = None
    turns: tuple[GoldTurn, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    persons: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    events: tuple[GoldEvent, ...] = ()

    def has(self, field_name: str) -> bool:
        """Whether ``field_name`` was annotated (and so is scored) for this document."""
        return field_name in self.annotated


def empty_prediction(document: str) -> Annotation:
    """What the system is scored with when it could not read a document: nothing at all."""
    return Annotation(document=document, annotated=frozenset(OPTIONAL_FIELDS))


class _Checker:
    """Validation helpers that raise ``EvalError`` naming the file and the field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> EvalError:
        return EvalError(f"{self.source}: field {where!r} {problem}")

    @overload
    def text(
        self, value: Any, where: str, *, nullable: Literal[False], nonempty: bool = False
    ) -> str: ...

    @overload
    def text(
        self, value: Any, where: str, *, nullable: bool, nonempty: bool = False
    ) -> str | None: ...

    def text(
        self, value: Any, where: str, *, nullable: bool, nonempty: bool = False
    ) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            kind = "a string or null" if nullable else "a string"
            raise self.fail(where, f"must be {kind}, not {json.dumps(value)[:60]}")
        if nonempty and not value.strip():
            raise self.fail(where, "must not be empty")
        return value

    @overload
    def choice(
        self, value: Any, where: str, allowed: Iterable[str], *, nullable: Literal[False]
    ) -> str: ...

    @overload
    def choice(
        self, value: Any, where: str, allowed: Iterable[str], *, nullable: bool
    ) -> str | None: ...

    def choice(
        self, value: Any, where: str, allowed: Iterable[str], *, nullable: bool
    ) -> str | None:
        text = self.text(value, where, nullable=nullable)
        if text is not None and text not in allowed:
            raise self.fail(where, f"is {text!r}, expected one of {', '.join(allowed)}")
        return text

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"must be true or false, not {json.dumps(value)[:60]}")
        return value

    def entries(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value

    def record(
        self, value: Any, where: str, required: set[str], optional: set[str]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(where, f"lacks {', '.join(missing)}")
        unknown = sorted(value.keys() - required - optional)
        if unknown:
            known = ", ".join(sorted(required | optional))
            name = unknown[0] if where == "<root>" else f"{where}.{unknown[0]}"
            raise self.fail(name, f"is not in the format (known: {known})")
        return value


def parse_annotation(data: Any, source: str) -> Annotation:
    """Validate one gold (or prediction) JSON object; ``source`` names it in errors."""
    check = _Checker(source)
    obj = check.record(data, "<root>", {"document"}, set(OPTIONAL_FIELDS))
    values: dict[str, Any] = {
        "document": check.text(obj["document"], "document", nullable=False, nonempty=True)
    }
    for name in SCALAR_FIELDS:
        if name in obj:
            values[name] = _scalar(check, name, obj[name])
    for name, parse in _LIST_PARSERS.items():
        if name in obj:
            items = check.entries(obj[name], name)
            values[name] = tuple(parse(check, f"{name}[{i}]", v) for i, v in enumerate(items))
    annotated = frozenset(name for name in OPTIONAL_FIELDS if name in obj)
    return Annotation(annotated=annotated, **values)


def _scalar(check: _Checker, name: str, value: Any) -> str | None:
    if name == "kind":
        return check.choice(value, name, KINDS, nullable=True)
    text = check.text(value, name, nullable=True, nonempty=name != "title")
    if name == "date" and text is not None and not _DATE.match(text):
        raise check.fail(name, f"is {text!r}, expected an ISO date YYYY-MM-DD or null")
    return text


def _turn(check: _Checker, where: str, value: Any) -> GoldTurn:
    obj = check.record(value, where, {"role", "speaker", "begins"}, set())
    return GoldTurn(
        role=check.choice(obj["role"], f"{where}.role", TURN_ROLES, nullable=False),
        speaker=check.text(obj["speaker"], f"{where}.speaker", nullable=True),
        begins=check.text(obj["begins"], f"{where}.begins", nullable=False, nonempty=True),
    )


def _quote(check: _Checker, where: str, value: Any) -> GoldQuote:
    obj = check.record(value, where, {"speaker", "contains"}, {"kind", "optional"})
    return GoldQuote(
        speaker=check.text(obj["speaker"], f"{where}.speaker", nullable=True),
        kind=check.choice(obj.get("kind"), f"{where}.kind", QUOTE_KINDS, nullable=True),
        contains=check.text(obj["contains"], f"{where}.contains", nullable=False, nonempty=True),
        optional=check.flag(obj.get("optional", False), f"{where}.optional"),
    )


def _name(check: _Checker, where: str, value: Any) -> str:
    return check.text(value, where, nullable=False, nonempty=True)


def _event(check: _Checker, where: str, value: Any) -> GoldEvent:
    obj = check.record(value, where, {"source", "type", "target"}, {"evidence", "optional"})
    return GoldEvent(
        source=check.text(obj["source"], f"{where}.source", nullable=True, nonempty=True),
        type=check.choice(obj["type"], f"{where}.type", PLOVER_TYPES, nullable=False),
        target=check.text(obj["target"], f"{where}.target", nullable=True, nonempty=True),
        evidence=check.text(obj.get("evidence"), f"{where}.evidence", nullable=True),
        optional=check.flag(obj.get("optional", False), f"{where}.optional"),
    )


_LIST_PARSERS = {
    "turns": _turn,
    "quotes": _quote,
    "persons": _name,
    "countries": _name,
    "events": _event,
}


def load_annotation(path: Path) -> Annotation:
    """Read and validate one ``*.gold.json`` or ``*.pred.json`` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EvalError(f"{path}: cannot be read ({error.strerror or error})") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EvalError(f"{path}: is not valid UTF-8 JSON ({error})") from error
    return parse_annotation(data, str(path))


def gold_name(path: Path) -> str:
    """``NAME`` of ``NAME.gold.json``: the stem predictions are written under."""
    return path.name.removesuffix(GOLD_SUFFIX)


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a directory, in name order; an error when there are none."""
    if not gold_dir.is_dir():
        raise EvalError(f"{gold_dir}: gold directory not found")
    files = sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))
    if not files:
        raise EvalError(f"{gold_dir}: holds no *{GOLD_SUFFIX} file")
    return files


def load_gold_set(gold_dir: Path) -> dict[str, Annotation]:
    """Every gold file of ``gold_dir`` by ``NAME`` (of ``NAME.gold.json``), validated.

    Two files naming one document is an error: the document would be scored twice.
    """
    golds: dict[str, Annotation] = {}
    seen: dict[str, Path] = {}
    for path in gold_files(gold_dir):
        gold = load_annotation(path)
        if gold.document in seen:
            first = seen[gold.document]
            raise EvalError(f"{path}: field 'document' names {gold.document!r}, as {first} does")
        seen[gold.document] = path
        golds[gold_name(path)] = gold
    return golds


def load_gold_dir(gold_dir: Path) -> tuple[Annotation, ...]:
    """Every gold file of ``gold_dir``, validated, in file-name order."""
    return tuple(load_gold_set(gold_dir).values())


def annotation_to_json(annotation: Annotation) -> dict[str, Any]:
    """The JSON form of an annotation: ``document`` and every annotated field, in FORMAT order."""
    out: dict[str, Any] = {"document": annotation.document}
    for name in OPTIONAL_FIELDS:
        if not annotation.has(name):
            continue
        value = getattr(annotation, name)
        if name in ("turns", "quotes", "events"):
            value = [_entry_json(entry) for entry in value]
        elif name in ("persons", "countries"):
            value = list(value)
        out[name] = value
    return out


def _entry_json(entry: GoldTurn | GoldQuote | GoldEvent) -> dict[str, Any]:
    if isinstance(entry, GoldTurn):
        return {"role": entry.role, "speaker": entry.speaker, "begins": entry.begins}
    if isinstance(entry, GoldQuote):
        quote = {"speaker": entry.speaker, "kind": entry.kind, "contains": entry.contains}
        return {**quote, "optional": True} if entry.optional else quote
    event = {
        "source": entry.source,
        "type": entry.type,
        "target": entry.target,
        "evidence": entry.evidence,
    }
    return {**event, "optional": True} if entry.optional else event


def write_annotation(annotation: Annotation, path: Path) -> None:
    """Write an annotation as pretty UTF-8 JSON (readable next to the gold file)."""
    text = json.dumps(annotation_to_json(annotation), ensure_ascii=False, indent=2)
    try:
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise EvalError(f"{path}: cannot be written ({error.strerror or error})") from error
