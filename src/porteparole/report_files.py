"""``porteparole report --format md|html --out DIR``: the corpus summary as files to read.

The page (``report.md`` or ``report.html``) gives the figures of ``query.summary``, a chart
of each of the most active dyads (SVG files drawn by ``timeline.render_svg``, linked from
Markdown, embedded as images in HTML), the mechanism table, and the mechanisms' status
history as one SVG. The HTML page is standalone: no script, no external resource.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from porteparole import query
from porteparole.export_tables import prepare_directory
from porteparole.store import Store
from porteparole.timeline import render_svg
from porteparole.web.charts import mechanisms_svg

REPORT_FORMATS = ("md", "html")
CHARTED_DYADS = 6


def write_report(store: Store, directory: str | Path, fmt: str) -> list[Path]:
    """Write the report page and its charts into ``directory``; return the files."""
    from porteparole.errors import InputError

    if fmt not in REPORT_FORMATS:
        raise InputError(f"unknown report format {fmt!r}; choose md or html")
    target = prepare_directory(directory)
    s = query.summary(store)
    charts: list[tuple[query.DyadCount, str]] = []
    written: list[Path] = []
    for i, dyad in enumerate(s.dyads[:CHARTED_DYADS], 1):
        timeline = query.dyad_timeline(store, dyad.source, dyad.target)
        name = f"dyad-{i}-{_slug(dyad.source)}-{_slug(dyad.target)}.svg"
        written.append(_write(target / name, render_svg(timeline)))
        charts.append((dyad, name))
    histories = query.mechanisms(store)
    mechanism_chart = None
    if histories:
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + mechanisms_svg(histories) + "\n"
        mechanism_chart = "mechanisms.svg"
        written.append(_write(target / mechanism_chart, svg))
    page = _markdown(s, charts, mechanism_chart) if fmt == "md" else \
        _html(s, charts, mechanism_chart)
    written.insert(0, _write(target / f"report.{fmt}", page))
    return written


def _slug(actor_id: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in actor_id)[:40]


def _write(path: Path, text: str) -> Path:
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _table(head: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _sections(s: query.Summary) -> list[tuple[str, tuple[str, ...], list[tuple[object, ...]]]]:
    c = s.conferences
    return [
        ("Documents by language and kind", ("language", "kind", "documents"),
         [(x.language, x.kind, x.documents) for x in s.by_language_kind]),
        ("Records", ("record", "rows"), [(k, v) for k, v in s.records.items()]),
        (f"Press conferences: {c.count}, {c.first or '?'} to {c.last or '?'}, "
         f"{c.questions} questions", ("spokesperson", "conferences"),
         [(x.spokesperson, x.conferences) for x in c.by_spokesperson]),
        ("Outlets that asked most", ("outlet", "questions"),
         [(o.outlet, o.questions) for o in s.outlets]),
        ("Most active dyads", ("source", "target", "events", "mean Goldstein"),
         [(d.source_name, d.target_name, d.events,
           "" if d.mean_goldstein is None else f"{d.mean_goldstein:+.2f}") for d in s.dyads]),
        ("Mechanisms", ("mechanism", "current status", "since", "updates"),
         [(m.name, m.status or "none", m.since or "", m.updates) for m in s.mechanisms]),
        ("Rejected inputs by reason", ("reason", "inputs"),
         [(r.reason, r.inputs) for r in s.rejected_by_reason]),
    ]


def _intro(s: query.Summary) -> str:
    return (f"{s.documents} documents dated {s.first_date or '?'} to {s.last_date or '?'}, "
            f"{s.turns} press-conference turns, {s.rejected} rejected inputs, "
            f"{s.unresolved_mentions} mentions of no known actor.")


def _markdown(s: query.Summary, charts: list[tuple[query.DyadCount, str]],
              mechanism_chart: str | None) -> str:
    lines = ["# porteparole report", "", _intro(s), ""]
    for title, head, rows in _sections(s):
        if rows:
            lines += [f"## {title}", "", *_table(head, rows)]
    if charts:
        lines += ["## Charts of the most active dyads", ""]
        for dyad, name in charts:
            lines += [f"![{dyad.source_name} → {dyad.target_name}]({name})", ""]
    if mechanism_chart:
        lines += ["## Mechanism status history", "", f"![mechanisms]({mechanism_chart})", ""]
    return "\n".join(lines)


_STYLE = ("body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
          "padding:0 1rem;color:#1d2228}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
          "th,td{border-bottom:1px solid #d8dde3;padding:.25rem .6rem;text-align:left}"
          "img{max-width:100%;border:1px solid #d8dde3;margin:.5rem 0}")


def _html(s: query.Summary, charts: list[tuple[query.DyadCount, str]],
          mechanism_chart: str | None) -> str:
    out = ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8">',
           "<title>porteparole report</title>", f"<style>{_STYLE}</style></head><body>",
           "<h1>porteparole report</h1>", f"<p>{escape(_intro(s))}</p>"]
    for title, head, rows in _sections(s):
        if not rows:
            continue
        out.append(f"<h2>{escape(title)}</h2><table><thead><tr>"
                   + "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
                   + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{escape(_cell(v))}</td>" for v in row) + "</tr>"
                for row in rows]
        out.append("</tbody></table>")
    if charts:
        out.append("<h2>Charts of the most active dyads</h2>")
        out += [f'<figure><img src="{escape(name)}" alt="{escape(d.source_name)} → '
                f'{escape(d.target_name)}: events per month"></figure>' for d, name in charts]
    if mechanism_chart:
        out.append(f'<h2>Mechanism status history</h2><img src="{mechanism_chart}" '
                   'alt="status history of the mechanisms">')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
