"""Monthly aggregation of a dyad's events, and the SVG chart drawn from it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from porteparole.records import Event
from porteparole.timeline import build_timeline, render_svg, write_svg

SVG = "{http://www.w3.org/2000/svg}"


def event(date: str | None, kind: str = "REJECT", goldstein: float | None = -4.0) -> Event:
    return Event("d" * 16, 0, 1, "CHN", kind, "USA", goldstein=goldstein, date=date)


def test_months_are_counted_by_type_with_mean_goldstein() -> None:
    t = build_timeline([
        event("2024-01-03"), event("2024-01-20", "AGREE", 3.0), event("2024-01-21", "AGREE", None),
        event("2024-03-01", "THREATEN", -6.0), event(None),
    ], source="CHN", target="USA", source_name="China")
    assert [m.month for m in t.months] == ["2024-01", "2024-02", "2024-03"]
    january, february, march = t.months
    assert january.events == 3 and january.by_type == {"AGREE": 2, "REJECT": 1}
    assert list(january.by_type) == ["AGREE", "REJECT"]  # busiest type first
    assert january.mean_goldstein == -0.5  # the unscored event does not count
    assert (february.events, february.by_type, february.mean_goldstein) == (0, {}, None)
    assert march.mean_goldstein == -6.0
    assert t.undated == 1 and t.total == 5
    assert t.title == "China → USA: events per month"


def test_month_range_crosses_years() -> None:
    t = build_timeline([event("2023-11-30"), event("2024-02-01")], source="A", target="B",
                       both_directions=True)
    assert [m.month for m in t.months] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert "↔" in t.title


def test_no_event_gives_no_month() -> None:
    t = build_timeline([], source="A", target="B")
    assert t.months == () and t.total == 0


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def test_chart_has_one_bar_per_month_a_score_per_scored_month_and_labels(tmp_path: Path) -> None:
    t = build_timeline([event("2024-01-03"), event("2024-03-09", "AGREE", 3.0),
                        event("2024-03-10", "AGREE", 5.0)],
                       source="CHN", target="USA", source_name="China & co",
                       target_name="United <States>")
    path = write_svg(t, tmp_path / "chart.svg")
    root = parse(path.read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert [b.get("data-month") for b in bars] == ["2024-01", "2024-02", "2024-03"]
    assert [int(b.get("data-events")) for b in bars] == [1, 0, 2]
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] == 0 and heights[2] == 2 * heights[0] > 0
    scores = [c.get("data-month") for c in root.iter(f"{SVG}circle")]
    assert scores == ["2024-01", "2024-03"]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "China & co → United <States>: events per month" in texts  # escaped, then parsed
    assert "events per month" in texts and "mean Goldstein score" in texts
    assert "2024-02" in texts


def test_an_empty_chart_is_still_valid_svg() -> None:
    root = parse(render_svg(build_timeline([], source="A", target="B")))
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert any("no event" in (t.text or "") for t in root.iter(f"{SVG}text"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(2015, 2026), st.integers(1, 12),
                          st.one_of(st.none(), st.floats(-10, 10))), max_size=30))
def test_any_events_give_well_formed_svg_with_every_month(items) -> None:
    events = [event(f"{y:04d}-{m:02d}-15", goldstein=g) for y, m, g in items]
    t = build_timeline(events, source="A", target="B")
    assert sum(m.events for m in t.months) == len(events)
    bars = [r for r in parse(render_svg(t)).iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == len(t.months)
    for bar in bars:
        assert float(bar.get("height")) >= 0
