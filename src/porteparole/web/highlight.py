"""A document's text as HTML with every record marked where it stands, and linked both ways.

The text is cut into blocks (press-conference turns, else paragraphs, with any text between
them kept as blocks of its own, so that every character is shown once; only a turn's printed
label, "CCTV:", is left to the turn's heading). Inside a
block, quotes, events, mechanism updates and actor mentions may nest or overlap, so the
block is cut again at every record boundary: each piece carries the classes of all records
covering it and links to the narrowest of them (``#rec-q3``), and each record starts with
an anchor (``#span-q3``) that its entry in the record lists links back to.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from porteparole.records import Analysis, Turn


@dataclass(frozen=True, slots=True)
class Marked:
    """A record placed in the text: its anchor key (``q3``), kind (CSS class), span, label."""

    key: str
    kind: str  # quote | event | mechanism | mention | mention-unresolved
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the text: a turn (with its speaker), a paragraph or text between them."""

    start: int
    end: int
    html: Markup
    turn: Turn | None = None


def marked_records(a: Analysis) -> list[Marked]:
    """Every inline record of a document, with keys the record lists use too."""
    out = [Marked(f"q{i}", "quote", q.start, q.end, f"quote ({q.kind})")
           for i, q in enumerate(a.quotes)]
    out += [Marked(f"e{i}", "event", e.start, e.end, f"event {e.type}")
            for i, e in enumerate(a.events)]
    out += [Marked(f"u{i}", "mechanism", u.start, u.end, f"{u.mechanism_id}: {u.status}")
            for i, u in enumerate(a.mechanism_updates)]
    out += [Marked(f"m{i}", "mention" if m.actor_id else "mention-unresolved", m.start, m.end,
                   f"mention of {m.actor_id}" if m.actor_id else "unresolved mention")
            for i, m in enumerate(a.mentions)]
    out += [Marked(f"t{i}", "topic", t.start, t.end, f"topic {t.label}")
            for i, t in enumerate(a.topics)]  # anchored, not highlighted: they cover paragraphs
    return out


def blocks(a: Analysis) -> list[Block]:
    """The document's text as blocks, each with its records marked."""
    records = marked_records(a)
    anchored: set[str] = set()
    spans: list[tuple[int, int, Turn | None]]
    if a.turns:
        spans = [(t.start, t.end, t) for t in a.turns]
    else:
        spans = [(p.start, p.end, None) for p in a.paragraphs]
    out: list[Block] = []
    cursor = 0
    text = a.document.text
    for start, end, turn in sorted(spans, key=lambda s: (s[0], s[1])):
        if start < cursor:  # overlapping structure: show the rest only
            start = cursor
        if start > cursor and not _label_only(text[cursor:start], turn):
            out.append(Block(cursor, start, _mark(text, cursor, start, records, anchored)))
        if end > start:
            out.append(Block(start, end, _mark(text, start, end, records, anchored), turn))
        cursor = max(cursor, end)
    if cursor < len(text) and text[cursor:].strip():
        out.append(Block(cursor, len(text), _mark(text, cursor, len(text), records, anchored)))
    return out


def _label_only(gap: str, turn: Turn | None) -> bool:
    """Whether the text before a turn is nothing but its printed label ("CCTV:"), which
    the turn's heading already shows."""
    words = gap.strip().rstrip(":：").strip()
    return not words or (turn is not None and words in {turn.label, turn.speaker})


def _mark(text: str, start: int, end: int, records: list[Marked], anchored: set[str]) -> Markup:
    inside = [r for r in records if r.start < end and r.end > start and r.end > r.start]
    cuts = sorted({start, end} | {max(start, min(end, p)) for r in inside
                                  for p in (r.start, r.end)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for r in inside:
            if r.key not in anchored and r.start <= a:
                anchored.add(r.key)
                parts.append(f'<span class="anchor" id="span-{r.key}"></span>')
        covering = [r for r in inside if r.start <= a and r.end >= b and r.kind != "topic"]
        piece = str(escape(text[a:b]))
        if not covering:
            parts.append(piece)
            continue
        narrowest = min(covering, key=lambda r: (r.end - r.start, r.key))
        kinds = " ".join(sorted({f"k-{r.kind}" for r in covering}))
        title = "; ".join(r.label for r in covering)
        parts.append(f'<a class="hl {kinds}" href="#rec-{narrowest.key}" '
                     f'title="{escape(title)}">{piece}</a>')
    return Markup("".join(parts))


def snippet_html(snippet: str, mark_start: str, mark_end: str) -> Markup:
    """A search snippet with its matched words in ``<mark>``, everything else escaped."""
    out: list[str] = []
    for i, part in enumerate(snippet.split(mark_start)):
        matched, _, rest = part.partition(mark_end) if i else ("", "", part)
        if matched:
            out.append(f"<mark>{escape(matched)}</mark>")
        out.append(str(escape(rest)))
    return Markup("".join(out))
