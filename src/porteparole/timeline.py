"""Events between two parties per month, and an SVG chart of them.

Pure functions: ``build_timeline`` aggregates ``Event`` records (whose ``date`` the caller
has filled, usually with the document's date when the event has none) into months;
``render_svg`` draws them; ``write_svg`` saves the drawing. The store is read by
``query.dyad_timeline``, never here.

Every month from the first to the last event is present, empty ones included, so that a
gap in the record shows as a gap on the chart rather than being silently closed up.

The chart is plain SVG 1.1 with no script and no external resource (it opens offline, in a
browser or an editor): one bar per month for the number of events (left axis) and a line of
the mean Goldstein score (right axis, fixed -10..+10 so that two charts compare), each month
carrying a ``<title>`` tooltip with its figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from porteparole.errors import InputError
from porteparole.records import Event

GOLDSTEIN_MIN, GOLDSTEIN_MAX = -10.0, 10.0


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """One month of a dyad: how many events, of which types, and their mean Goldstein."""

    month: str  # YYYY-MM
    events: int
    by_type: dict[str, int] = field(default_factory=dict)  # PLOVER type -> events
    mean_goldstein: float | None = None  # None when no event of the month has a score


@dataclass(frozen=True, slots=True)
class Timeline:
    """A dyad's events by month; ``undated`` counts events no date could be found for."""

    source: str  # actor id
    target: str
    source_name: str
    target_name: str
    both_directions: bool
    months: tuple[MonthPoint, ...]
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(m.events for m in self.months) + self.undated

    @property
    def title(self) -> str:
        arrow = "↔" if self.both_directions else "→"
        return f"{self.source_name} {arrow} {self.target_name}: events per month"


def build_timeline(events: Iterable[Event], *, source: str, target: str,
                   source_name: str | None = None, target_name: str | None = None,
                   both_directions: bool = False) -> Timeline:
    """Aggregate events by the month of their ``date``."""
    by_month: dict[str, list[Event]] = {}
    undated = 0
    for event in events:
        if not event.date or len(event.date) < 7:
            undated += 1
            continue
        by_month.setdefault(event.date[:7], []).append(event)
    months = tuple(_point(m, by_month.get(m, [])) for m in _month_range(by_month))
    return Timeline(source, target, source_name or source, target_name or target,
                    both_directions, months, undated)


def _point(month: str, events: list[Event]) -> MonthPoint:
    scores = [e.goldstein for e in events if e.goldstein is not None]
    types = Counter(e.type for e in events)
    return MonthPoint(
        month=month, events=len(events),
        by_type=dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        mean_goldstein=round(sum(scores) / len(scores), 2) if scores else None,
    )


def _month_range(months: Iterable[str]) -> list[str]:
    """Every month from the earliest to the latest given, inclusive."""
    present = sorted(months)
    if not present:
        return []
    year, month = map(int, present[0].split("-"))
    out = []
    while (current := f"{year:04d}-{month:02d}") <= present[-1]:
        out.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# -- the chart ----------------------------------------------------------------------------

_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 72, 56, 78  # margins around the plot, in pixels
_HEIGHT = 280  # the plot's own height
_SLOT = 28  # pixels per month, widened to fill the minimum width
_MIN_WIDTH = 520
_BAR_COLOR, _LINE_COLOR, _AXIS_COLOR = "#4c78a8", "#e45756", "#555555"


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the plot sits and how values map onto it."""

    months: int
    slot: float
    max_count: int

    @property
    def width(self) -> float:
        return self.months * self.slot

    def x(self, index: int) -> float:
        return _LEFT + (index + 0.5) * self.slot

    def y_count(self, count: float) -> float:
        return _TOP + _HEIGHT * (1 - count / self.max_count)

    def y_score(self, score: float) -> float:
        share = (score - GOLDSTEIN_MIN) / (GOLDSTEIN_MAX - GOLDSTEIN_MIN)
        return _TOP + _HEIGHT * (1 - share)


def render_svg(timeline: Timeline) -> str:
    """The timeline as a standalone SVG document."""
    months = timeline.months
    slot = max(_SLOT, _MIN_WIDTH / max(len(months), 1))
    frame = _Frame(len(months), slot, _nice_max(max((m.events for m in months), default=0)))
    width = _LEFT + frame.width + _RIGHT
    height = _TOP + _HEIGHT + _BOTTOM
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(timeline.title)}</title>",
        '<rect width="100%" height="100%" fill="white"/>',
        _text(width / 2, 22, timeline.title, size=15, anchor="middle", weight="bold"),
        *_axes(frame, months),
        *(_bar(frame, i, m) for i, m in enumerate(months)),
        *_goldstein_line(frame, months),
        *_legend(frame),
    ]
    if not months:
        parts.append(_text(_LEFT + frame.width / 2, _TOP + _HEIGHT / 2,
                           "no event between these parties", anchor="middle"))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_svg(timeline: Timeline, path: str | Path) -> Path:
    """Write the chart to ``path`` (UTF-8) and return it; only a ``.svg`` name is accepted,
    so that ``chart.png`` is refused rather than written as SVG under a PNG name."""
    target = Path(path)
    if target.suffix.lower() != ".svg":
        raise InputError(f"the chart is drawn as SVG; {target.name!r} does not end in .svg "
                         "(give a .svg name; any SVG tool, e.g. rsvg-convert, makes a PNG)")
    try:
        target.write_text(render_svg(timeline), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the chart to {target}: {error.strerror}") from error
    return target


def _nice_max(count: int) -> int:
    """The top of the count axis: a round number at or above the busiest month."""
    if count <= 5:
        return 5
    step = _step(count)
    return math.ceil(count / step) * step


def _step(top: int) -> int:
    """A tick step giving about five ticks: 1, 2 or 5 times a power of ten."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    return next((k * power for k in (1, 2, 5, 10) if k * power >= raw), 10 * power)


def _axes(frame: _Frame, months: tuple[MonthPoint, ...]) -> list[str]:
    left, right, bottom = _LEFT, _LEFT + frame.width, _TOP + _HEIGHT
    out = [
        _line(left, _TOP, left, bottom, _AXIS_COLOR),
        _line(right, _TOP, right, bottom, _AXIS_COLOR),
        _line(left, bottom, right, bottom, _AXIS_COLOR),
        _line(left, frame.y_score(0), right, frame.y_score(0), _LINE_COLOR,
              dash="4 3", opacity=0.5),
    ]
    step = _step(frame.max_count) if frame.max_count > 5 else 1
    for tick in range(0, frame.max_count + 1, step):
        y = frame.y_count(tick)
        out += [_line(left - 4, y, left, y, _AXIS_COLOR), _text(left - 7, y + 4, str(tick),
                                                                   anchor="end")]
    for score in (-10, -5, 0, 5, 10):
        y = frame.y_score(score)
        out += [_line(right, y, right + 4, y, _LINE_COLOR),
                _text(right + 7, y + 4, f"{score:+d}" if score else "0", color=_LINE_COLOR)]
    out.append(_text(16, _TOP + _HEIGHT / 2, "events per month", anchor="middle",
                     rotate=-90))
    out.append(_text(right + 50, _TOP + _HEIGHT / 2, "mean Goldstein score",
                     anchor="middle", rotate=90, color=_LINE_COLOR))
    every = max(1, math.ceil(len(months) / 24))  # at most ~24 month labels
    for i, point in enumerate(months):
        if i % every == 0:
            out.append(_text(frame.x(i), bottom + 14, point.month, anchor="end",
                             rotate=-45, at=(frame.x(i), bottom + 14)))
    return out


def _bar(frame: _Frame, index: int, point: MonthPoint) -> str:
    width = frame.slot * 0.7
    top = frame.y_count(point.events)
    types = ", ".join(f"{t} {n}" for t, n in point.by_type.items())
    score = "" if point.mean_goldstein is None else f"; mean Goldstein {point.mean_goldstein:+.2f}"
    tip = f"{point.month}: {point.events} events" + (f" ({types})" if types else "") + score
    return (f'<rect class="bar" data-month="{point.month}" data-events="{point.events}" '
            f'x="{frame.x(index) - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{_TOP + _HEIGHT - top:.1f}" fill="{_BAR_COLOR}">'
            f"<title>{escape(tip)}</title></rect>")


def _goldstein_line(frame: _Frame, months: tuple[MonthPoint, ...]) -> list[str]:
    """The mean score as a line broken at every month without a scored event: a line drawn
    across an empty month would claim a score nobody gave."""
    runs: list[list[tuple[float, float, MonthPoint]]] = [[]]
    for i, m in enumerate(months):
        if m.mean_goldstein is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((frame.x(i), frame.y_score(m.mean_goldstein), m))
    out = []
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
            out.append(f'<polyline class="goldstein" points="{path}" fill="none" '
                       f'stroke="{_LINE_COLOR}" stroke-width="2"/>')
    for x, y, m in (point for run in runs for point in run):
        out.append(f'<circle class="score" data-month="{m.month}" cx="{x:.1f}" cy="{y:.1f}" '
                   f'r="3" fill="{_LINE_COLOR}"><title>{m.month}: mean Goldstein '
                   f"{m.mean_goldstein:+.2f}</title></circle>")
    return out


def _legend(frame: _Frame) -> list[str]:
    y = 40
    x = _LEFT
    return [
        f'<rect x="{x}" y="{y - 9}" width="12" height="10" fill="{_BAR_COLOR}"/>',
        _text(x + 16, y, "events"),
        _line(x + 70, y - 4, x + 90, y - 4, _LINE_COLOR, width=2),
        _text(x + 94, y, "mean Goldstein score (-10 conflict … +10 cooperation)"),
    ]


def _line(x1: float, y1: float, x2: float, y2: float, color: str, *, width: float = 1,
          dash: str | None = None, opacity: float = 1.0) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    extra += f' stroke-opacity="{opacity}"' if opacity != 1.0 else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{color}" stroke-width="{width}"{extra}/>')


def _text(x: float, y: float, content: str, *, size: int = 11, anchor: str = "start",
          weight: str = "normal", color: str = "#222222", rotate: int = 0,
          at: tuple[float, float] | None = None) -> str:
    transform = ""
    if rotate:
        cx, cy = at or (x, y)
        transform = f' transform="rotate({rotate} {cx:.1f} {cy:.1f})"'
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor={quoteattr(anchor)}'
            f' font-weight="{weight}" fill="{color}"{transform}>{escape(content)}</text>')
