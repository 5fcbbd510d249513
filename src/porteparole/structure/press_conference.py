"""Turns of a press-conference transcript: statements, questions and answers, with speakers.

Layouts read (the words and patterns per language are in ``knowledge/structure/<lang>.yaml``):

- named turns, "Outlet: question" / "Name : answer" (colon with or without a space), as the
  Chinese Foreign Ministry prints them in French and, from 2020, in English;
- anonymous turns, "Q:" / "A:" (the Foreign Ministry in English before 2020), "Question:" /
  "Wu Qian:" (the Ministry of National Defense), "Q:" / "MR. KIRBY:" (the US Department of
  Defense, where a reporter may name themself: "Q: Thanks. Lita Baldor, AP.");
- questions told in narration, "Asked whether ..., Hua said ..." / "Interrogé sur ..., le
  porte-parole a répondu ...", read only in a document framed as a briefing (a briefing title,
  or labelled questions and answers), so that a news story quoting one exchange stays a story.

Rules, in the order they apply:

1. The head of the document (site header, title, timestamp line) and boilerplate lines are not
   turns; a separator line ("***") ends the turn before it.
2. Who answers: a label naming the spokesperson of the title, a label with a rank or function
   ("Senior Colonel", "MR."), an answer label ("A:", "Réponse :"), and a named label that
   follows an anonymous question. When none of these is found, the name that follows the most
   different other labels (and appears at least twice, or in a document titled as a briefing)
   is the one who answers. Every other label is an outlet asking a question.
3. An answering label right after a question is an ``answer``; anywhere else (before the first
   question, after another answer, after a separator) it is a ``statement``: the spokesperson
   speaking on their own initiative. The same holds for unlabelled paragraphs that start the
   body (the opening announcement) or follow a separator.
4. Unlabelled paragraphs continue the turn before them, so that a multi-paragraph answer is one
   turn, except the spokesperson's closing remarks after the last answer (a closing cue of the
   data file: "The regular press conference will adjourn ...", "Merci à tous"), which open a
   ``statement``.
5. A follow-up label ("Follow-up:", "Suivi :") is a question by the previous question's asker.

A turn's span is its own text after the label, trimmed, through the end of its last paragraph.
The function never raises on text: a document that is not a transcript gets no turns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from porteparole.records import Turn, TurnRole
from porteparole.structure.header import Header, read_header
from porteparole.structure.labels import is_official, same_person, strip_honorifics
from porteparole.structure.paragraphs import split_paragraphs
from porteparole.structure.record import Structure
from porteparole.structure.units import Unit, classify
from porteparole.structure.vocabulary import Vocabulary, vocabulary
from porteparole.text.folds import fold_label

_ASKING = ("question", "follow_up")


def parse_press_conference(
    text: str, document_id: str, language: str, *, title_hint: str | None = None
) -> Structure:
    """Title, date, spokesperson and turns of a transcript; no turns when it is not one."""
    vocab = vocabulary(language)
    paragraphs = split_paragraphs(text, document_id)
    header = read_header(text, paragraphs, vocab, title_hint)
    units = [
        classify(text, p, vocab, header.spokesperson) for p in paragraphs[header.body_index:]
    ]
    cast = _cast(units, header, vocab)
    framed = header.is_briefing or bool(cast.answerers) or _has_labelled_questions(units)
    turns = _Assembler(document_id, text, cast, vocab, framed).run(units)
    is_conference = {"question", "answer"} <= {t.role for t in turns}
    answering = (t.speaker for t in turns if t.role == "answer" and t.speaker)
    return Structure(
        title=header.title,
        date=header.date,
        time=header.time,
        ministry=header.ministry,
        spokesperson=(cast.spokesperson or next(answering, None))
        if is_conference
        else header.spokesperson,
        turns=tuple(turns) if is_conference else (),
        paragraphs=paragraphs,
    )


@dataclass(frozen=True, slots=True)
class _Cast:
    """Who answers in this transcript: label keys of the answerers and the spokesperson."""

    answerers: frozenset[str]
    spokesperson: str | None
    title_spokesperson: str | None


def _cast(units: list[Unit], header: Header, vocab: Vocabulary) -> _Cast:
    answerers = set(_answering_labels(units, header, vocab))
    if not answerers and not any(u.label and u.label.kind == "answer" for u in units):
        answerers |= _likely_answerer(units, header.is_briefing)
    spokesperson = header.spokesperson
    if spokesperson is None:
        names = Counter(
            strip_honorifics(u.label.text, vocab)
            for u in units
            if u.label and fold_label(u.label.text) in answerers
        )
        spokesperson = names.most_common(1)[0][0] if names else None
    return _Cast(frozenset(answerers), spokesperson, header.spokesperson)


def _answering_labels(units: list[Unit], header: Header, vocab: Vocabulary) -> list[str]:
    found, previous = [], None
    for unit in units:
        label = unit.label
        if label and label.kind == "name" and (
            same_person(strip_honorifics(label.text, vocab), header.spokesperson)
            or is_official(label.text, vocab)
            or previous in (*_ASKING, "intro")
        ):
            found.append(fold_label(label.text))
        if unit.kind in ("label", "intro", "follow_up"):
            previous = label.kind if label else unit.kind
    return found


def _likely_answerer(units: list[Unit], is_briefing: bool) -> set[str]:
    """The name that answers everyone: it follows the most different labels."""
    keys = [fold_label(u.label.text) for u in units if u.label and u.label.kind == "name"]
    if not keys:
        return set()
    predecessors: dict[str, set[str]] = {k: set() for k in keys}
    for before, after in zip(keys, keys[1:], strict=False):
        if before != after:
            predecessors[after].add(before)
    counts = Counter(keys)
    best = max(counts, key=lambda k: (len(predecessors[k]), counts[k], k != keys[0]))
    if not predecessors[best] or (counts[best] < 2 and not is_briefing):
        return set()
    return {best}


def _has_labelled_questions(units: list[Unit]) -> bool:
    return any(u.label and u.label.kind in (*_ASKING, "answer") for u in units)


@dataclass
class _Draft:
    role: TurnRole
    speaker: str | None
    label: str | None
    start: int | None
    end: int


@dataclass
class _Assembler:
    """Walks the classified paragraphs once and emits turns (rules 3-5 of the module doc)."""

    document_id: str
    text: str
    cast: _Cast
    vocab: Vocabulary
    framed: bool
    turns: list[Turn] = field(default_factory=list)
    draft: _Draft | None = None
    asker: str | None = None  # the last question's speaker, for follow-ups

    def run(self, units: list[Unit]) -> list[Turn]:
        for unit in units:
            self._take(unit)
        self._close()
        return self.turns

    def _take(self, unit: Unit) -> None:
        if unit.kind == "skip":
            self._close()
        elif unit.kind == "intro":
            self._close()
            if unit.has_body:
                self._begin("question", None, None, unit)
        elif unit.kind == "follow_up":
            self._begin("question", self.asker, None, unit)
        elif unit.kind == "label":
            self._labelled(unit)
        elif unit.kind == "narration" and self.framed:
            self._narrated(unit)
        elif unit.kind == "closing" and self._last_role() == "answer":
            self._begin("statement", self.cast.spokesperson, None, unit)
        elif self.draft is not None:
            self.draft.end = unit.paragraph.end
            if self.draft.start is None:
                self.draft.start = unit.body
        elif not self._editorial_lede(unit):
            self._begin("statement", self.cast.spokesperson, None, unit)

    def _editorial_lede(self, unit: Unit) -> bool:
        """An unlabelled opening paragraph that speaks *of* the spokesperson ("Senior
        Colonel Wu Qian, spokesperson for the Ministry of National Defense, answered…") is
        the editor's narration, not an announcement the spokesperson makes."""
        if self.turns or not self.cast.spokesperson:
            return False
        opening = fold_label(strip_honorifics(self.text[unit.body : unit.paragraph.end][:160],
                                              self.vocab))
        name = fold_label(self.cast.spokesperson)
        if not opening.startswith(name):
            return False
        rest = opening[len(name):].lstrip()
        return rest[:1] == "," or (rest[:1].isalpha() and rest[:1].islower())

    def _labelled(self, unit: Unit) -> None:
        assert unit.label is not None
        label, kind = unit.label, unit.label.kind
        if kind == "moderator":
            self._close()
        elif kind == "question":
            self._begin("question", self._self_identified(unit), label.text, unit)
        elif kind == "follow_up":
            self._begin("question", self.asker, label.text, unit)
        elif kind == "answer" or fold_label(label.text) in self.cast.answerers:
            role: TurnRole = "answer" if self._last_role() == "question" else "statement"
            self._begin(role, self._answerer(label.text, kind), label.text, unit)
        else:
            self._begin("question", label.text, label.text, unit)

    def _narrated(self, unit: Unit) -> None:
        match, start = unit.narration, unit.paragraph.start
        assert match is not None
        self._begin("question", None, None, unit, span=(start + match.start("question"),
                                                        start + match.end("question")))
        speaker = self._narrator(match.group("speaker"))
        self._begin("answer", speaker, None, unit, span=(start + match.start("answer"),
                                                         unit.paragraph.end))

    def _begin(
        self, role: TurnRole, speaker: str | None, label: str | None, unit: Unit,
        span: tuple[int, int] | None = None,
    ) -> None:
        self._close()
        start, end = span or ((unit.body if unit.has_body else None), unit.paragraph.end)
        self.draft = _Draft(role, speaker, label, start, end)
        if role == "question":
            self.asker = speaker

    def _close(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None or draft.start is None:
            return
        end = draft.end
        while end > draft.start and self.text[end - 1].isspace():
            end -= 1
        if end > draft.start:
            self.turns.append(Turn(self.document_id, len(self.turns), draft.role,
                                   draft.speaker, draft.start, end, draft.label))

    def _last_role(self) -> TurnRole | None:
        if self.draft is not None:
            return self.draft.role
        return self.turns[-1].role if self.turns else None

    def _answerer(self, label: str, kind: str) -> str | None:
        if kind == "answer":
            return self.cast.spokesperson
        name = strip_honorifics(label, self.vocab)
        if same_person(name, self.cast.spokesperson):
            return self.cast.spokesperson
        return name

    def _narrator(self, printed: str) -> str | None:
        """The answerer of a narrated question: a name as printed, else the spokesperson."""
        name = strip_honorifics(printed, self.vocab)
        if not name[:1].isupper() or fold_label(name) in self.vocab.honorifics:
            return self.cast.spokesperson
        return self.cast.spokesperson if same_person(name, self.cast.spokesperson) else name

    def _self_identified(self, unit: Unit) -> str | None:
        """The outlet a reporter names at the start of an anonymous question, if any."""
        opening = self.text[unit.body:min(unit.paragraph.end, unit.body + 200)]
        for pattern in self.vocab.reporter_self_identification:
            match = pattern.search(opening)
            if match:
                return match.group("outlet")
        return None
