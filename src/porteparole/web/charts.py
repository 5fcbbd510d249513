"""Mechanism status histories as one SVG timeline (dyad charts: ``porteparole.timeline``).

One row per mechanism on a shared date axis: each dated update is a dot coloured by its
status, and the stretch until the next update (or the last date shown) a bar of the same
colour, so a reader sees at once when a channel was suspended and when it resumed. Plain
SVG, no script; every dot has a ``<title>`` with the date, status and evidence.
"""

from __future__ import annotations

from datetime import date as Date
from xml.sax.saxutils import escape

from porteparole.query import MechanismHistory

STATUS_COLORS = {  # one per records.MECHANISM_STATUSES
    "proposed": "#b8860b", "agreed": "#1565c0", "held": "#2e7d32",
    "suspended": "#c62828", "resumed": "#00897b", "adopted": "#6a1b9a",
}
_OTHER = "#757575"
_LABEL, _ROW, _TOP, _WIDTH = 330, 34, 40, 560


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def mechanisms_svg(histories: list[MechanismHistory]) -> str:
    """The histories' dated updates on one time axis, as an inline SVG element."""
    dated = [(h, [(d, v) for v in h.history if (d := _day(v.date))]) for h in histories]
    days = [d for _, points in dated for d, _ in points]
    height = _TOP + _ROW * max(len(dated), 1) + 30
    width = _LABEL + _WIDTH + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'font-family="sans-serif" font-size="12">',
             "<title>Status history of the tracked mechanisms</title>"]
    if not days:
        parts.append(f'<text x="10" y="{_TOP}">no dated status update</text></svg>')
        return "\n".join(parts)
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x(day: Date) -> float:
        return _LABEL + _WIDTH * (day - first).days / span

    parts.append(f'<text x="{_LABEL}" y="20">{first.isoformat()}</text>')
    parts.append(f'<text x="{_LABEL + _WIDTH}" y="20" text-anchor="end">'
                 f"{last.isoformat()}</text>")
    for row, (history, points) in enumerate(dated):
        y = _TOP + row * _ROW + _ROW / 2
        parts.append(f'<text x="{_LABEL - 8}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{escape(_short(history.mechanism.name))}</text>")
        parts.append(f'<line x1="{_LABEL}" y1="{y:.1f}" x2="{_LABEL + _WIDTH}" y2="{y:.1f}" '
                     'stroke="#cccccc"/>')
        for i, (day, view) in enumerate(points):
            color = STATUS_COLORS.get(view.update.status, _OTHER)
            end = points[i + 1][0] if i + 1 < len(points) else last
            parts.append(f'<rect x="{x(day):.1f}" y="{y - 5:.1f}" '
                         f'width="{max(x(end) - x(day), 0):.1f}" height="10" fill="{color}" '
                         'fill-opacity="0.35"/>')
            tip = f"{day.isoformat()}: {view.update.status} — {' '.join(view.evidence.split())}"
            parts.append(f'<circle class="status" cx="{x(day):.1f}" cy="{y:.1f}" r="6" '
                         f'fill="{color}"><title>{escape(tip[:300])}</title></circle>')
    legend_y = _TOP + _ROW * len(dated) + 18
    lx = _LABEL
    for status, color in STATUS_COLORS.items():
        parts.append(f'<circle cx="{lx}" cy="{legend_y - 4}" r="5" fill="{color}"/>'
                     f'<text x="{lx + 9}" y="{legend_y}">{status}</text>')
        lx += 88
    parts.append("</svg>")
    return "\n".join(parts)


def _short(name: str, width: int = 50) -> str:
    """A row label that fits the label column (the full name is in the table below)."""
    return name if len(name) <= width else name[: width - 1] + "…"
