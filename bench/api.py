"""REST API latency on a store of the Foreign Ministry pages: p50 / p95 per request kind.

Requests go through the whole application (routing, validation, the query, JSON
serialisation, middleware) in-process with FastAPI's test client, so the figures are the
server's own time without a network in between. Kinds: search (several queries, with facet
counts, one page of 20), search paging (offset 40), a document with all its records, an
actor profile, a dyad timeline, and a rendered document page.

The store is built once from ``../shared/corpus/fmprc-en`` (``--limit N`` pages, evenly
spread; all by default) and kept at ``--store`` (default ``out/api-bench-fmprc-en.db``) for
the next run.

    python bench/api.py [--limit 120] [--repeat 30] [--store out/api.db] [--workers 2]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import _common as common

SEARCHES = ("China", "United States", '"South China Sea"', "Taiwan OR Xizang",
            "cooperat*", "sanctions -Taiwan")


def build(store_path: Path, limit: int | None, workers: int) -> None:
    from porteparole.ingest import ingest
    from porteparole.store import Store

    pages = common.spread_sample(common.html_pages(common.FMPRC), limit)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Store(store_path) as store:
        result = ingest([str(p) for p in pages], store, workers=workers)
    print(f"built {store_path} from {len(pages)} pages in {time.perf_counter() - started:.0f} s "
          f"({result.new} documents, {result.rejected_count} rejected)")


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    call()  # untimed warm-up
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages of fmprc-en to ingest")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--store", type=Path, default=common.ROOT / "out" /
                        "api-bench-fmprc-en.db")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if common.absent(common.FMPRC):
        return
    common.print_facts()
    if not args.store.exists():
        build(args.store, args.limit, args.workers)

    import warnings

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from porteparole.api import ServerConfig, create_app
    from porteparole.store import Store

    with Store(args.store) as store:
        documents = [r[0] for r in store.rows(
            "SELECT id FROM documents ORDER BY length(text) DESC")]
        dyad = store.rows("SELECT source_actor, target_actor FROM events WHERE source_actor "
                          "IS NOT NULL AND target_actor IS NOT NULL GROUP BY 1, 2 "
                          "ORDER BY count(*) DESC LIMIT 1")
    print(f"store: {args.store} ({len(documents)} documents)")
    client = TestClient(create_app(ServerConfig(args.store)))
    sample = common.spread_sample(documents, 20)
    kinds: list[tuple[str, list[str]]] = [
        ("search (facets, 20 hits)", [f"/api/v1/search?q={q}" for q in SEARCHES]),
        ("search page 3 (cursor)", [third_page(client, q) for q in SEARCHES]),
        ("document with records", [f"/api/v1/documents/{d}" for d in sample]),
        ("document page (HTML)", [f"/documents/{d}" for d in sample[:10]]),
        ("actor profile", ["/api/v1/actors/CHN", "/api/v1/actors/USA",
                           "/api/v1/actors/wang-yi"]),
    ]
    if dyad:
        kinds.append(("dyad timeline", [f"/api/v1/dyads/{dyad[0][0]}/{dyad[0][1]}/timeline"]))
    print(f"{'request':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, urls in kinds:
        values: list[float] = []
        for url in urls:
            def call(url: str = url) -> None:
                response = client.get(url)
                assert response.status_code == 200, (url, response.text[:200])

            values += timed(call, max(1, args.repeat // len(urls) + 1))
        print(f"{label:28} {len(values):5d} {percentile(values, 0.5):8.1f} "
              f"{percentile(values, 0.95):8.1f} {max(values):8.1f}"
              f"   (mean {statistics.fmean(values):.1f})")


def third_page(client: Any, q: str) -> str:
    """The URL of the third page of 20 hits of ``q`` (its cursor from the first two), or
    of the last page when there are fewer."""
    url = f"/api/v1/search?q={q}&facets=false"
    for _ in range(2):
        cursor = client.get(url).json()["next_cursor"]
        if cursor is None:
            break
        url = f"/api/v1/search?q={q}&facets=false&cursor={quote(cursor)}"
    return url


if __name__ == "__main__":
    main()
