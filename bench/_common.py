"""What every benchmark shares: where the corpora are, the machine facts, timing, tables.

Benchmarks run as scripts (``python bench/stages.py``), so this module is imported as
``_common`` from the script's own directory. The source tree next to ``bench/`` is put first
on ``sys.path`` so that a benchmark always measures the code it ships with.
"""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = SHARED / "corpus" / "seeds"
FMPRC = SHARED / "corpus" / "fmprc-en"


def relative(path: Path) -> str:
    """A corpus path as the README names it (``../shared/...``), whatever the cwd."""
    try:
        return os.path.relpath(path, ROOT)
    except ValueError:
        return str(path)


def absent(path: Path) -> bool:
    """True (after saying so, on one line) when a corpus is not on this machine."""
    if path.is_dir():
        return False
    print(f"skipped: {relative(path)} is absent (clone ../shared next to the project to run it)")
    return True


def html_pages(directory: Path) -> list[Path]:
    """The corpus's pages, without its README and MANIFEST."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".html", ".htm"))


def spread_sample(items: Sequence[Any], n: int | None) -> list[Any]:
    """``n`` items evenly spaced over ``items`` (all of them when ``n`` is None or larger).

    Evenly spaced rather than the first ``n``: the file names sort listing pages together,
    so the first pages alone would not be a fair sample of the corpus.
    """
    if n is None or n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


# -- machine facts ------------------------------------------------------------------------


def machine_facts() -> list[tuple[str, str]]:
    """Cores, load, Python, spaCy and the models: what a figure depends on."""
    from porteparole import nlp

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    facts = [
        ("cores", f"{os.cpu_count()} (usable by this process: {usable})"),
        ("load average 1/5/15 min", f"{load}  (other work on the machine makes figures noisy)"),
        ("platform", platform.platform()),
        ("Python", sys.version.split()[0]),
        ("SQLite", sqlite3.sqlite_version),
        ("spaCy", _version("spacy")),
    ]
    for language in sorted(nlp.language_table()):
        model = nlp.model_name(language) or "(none: blank tokenizer)"
        facts.append((f"model {language}", f"{model} {_version(model)}"))
    return facts


def print_facts() -> None:
    print_table("machine", ["fact", "value"], machine_facts(), align="ll")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "(not installed)"


# -- timing -------------------------------------------------------------------------------


class Timer:
    """Seconds accumulated per named part; ``wrap`` times a function wherever it is called."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
            self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.part(name):
                return function(*args, **kwargs)

        return timed

    def wrap_iterator(self, name: str, function: Callable[..., Iterator[Any]]
                      ) -> Callable[..., Iterator[Any]]:
        """Time only the work of producing each item, not what the consumer does with it."""

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            iterator = iter(function(*args, **kwargs))
            while True:
                with self.part(name):
                    item = next(iterator, _END)
                if item is _END:
                    return
                yield item

        return timed

    def get(self, name: str) -> float:
        return self.seconds.get(name, 0.0)


_END = object()


@contextmanager
def patched(target: Any, name: str, replacement: Any) -> Iterator[None]:
    """Replace ``target.name`` for the duration of a measurement, then restore it."""
    original = getattr(target, name)
    setattr(target, name, replacement)
    try:
        yield
    finally:
        setattr(target, name, original)


def stopwatch(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Best, median and worst of repeated timings."""
    return min(values), statistics.median(values), max(values)


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, or since ``reset_peak_rss``
    (Linux ``VmHWM``; elsewhere ``ru_maxrss``, KiB on Linux, bytes on macOS)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def reset_peak_rss() -> bool:
    """Start the peak RSS afresh from the current RSS (Linux: ``clear_refs`` 5), so that a
    measurement's peak is its own and not that of loading the models before it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def current_rss_mb() -> float:
    """The resident set size now (Linux ``/proc``; the peak elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return peak_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def file_size_mb(path: Path) -> float:
    """A SQLite store's size on disk, its WAL and shared-memory files included."""
    parts = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    return sum(p.stat().st_size for p in parts if p.exists()) / 1_000_000


# -- output -------------------------------------------------------------------------------


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                *, align: str | None = None) -> None:
    """Rows as aligned plain text; ``align`` is one ``l``/``r`` per column (numbers right)."""
    cells = [[_cell(v) for v in row] for row in rows]
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        columns = zip(values, widths, align, strict=True)
        padded = (v.ljust(w) if a == "l" else v.rjust(w) for v, w, a in columns)
        return "  ".join(padded).rstrip()

    print(f"\n{title}")
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


@contextmanager
def captured(lines: list[str]) -> Iterator[None]:
    """Print as usual, and keep a copy of every line printed (to write figures to a file)."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield
    text = buffer.getvalue()
    sys.stdout.write(text)
    lines.extend(text.splitlines())


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
