"""Reference-data figures: gazetteer ready in a cold process, search per keystroke.

The pickers filter on every keystroke, so the query set is what an officer types letter by
letter ("l", "la", "lan", … "lang thuong"), plus a few whole names and spread queries, run
over all 10,035 legacy communes with no province chosen (the worst case).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.figures import Figure, median_ms

COLD_RUNS = 7
# Time from the first import to a loaded gazetteer, in a fresh interpreter. PRELOAD is
# imported before the clock starts: nothing, or the forms package every desk process
# imports anyway (its ``__init__`` pulls in all pydantic models, ~90 ms at the time of
# writing), so the gazetteer's own cost can be told apart from its dependency's.
_PROBE = (
    "import sys, time\n"
    "if sys.argv[1]: __import__(sys.argv[1])\n"
    "t = time.perf_counter()\n"
    "import desk_app.gazetteer as g\n"
    "g.load().search_legacy_communes('lang')\n"
    "print((time.perf_counter() - t) * 1000)"
)
_TYPED = ["lang thuong", "nguyen trai", "hoa binh", "phuong 1", "tan thanh", "dong da", "ea hleo"]
_WHOLE = ["Phường Láng Thượng", "XÃ VĂN LĂNG", "thuong lang", "lang thuong dong da", "hcm"]


def _cold_ready_ms(preload: str) -> tuple[float, float]:
    """Median in-process time from the first import to a loaded gazetteer, and process wall."""
    ready, wall = [], []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, preload], check=True, capture_output=True, text=True
        ).stdout
        wall.append((time.perf_counter() - start) * 1000)
        ready.append(float(out.strip()))
    return statistics.median(ready), statistics.median(wall)


def _queries() -> list[str]:
    prefixes = [typed[:n] for typed in _TYPED for n in range(1, len(typed) + 1)]
    return prefixes + _WHOLE


def run() -> list[Figure]:
    """Cold-process readiness and per-query search time over all legacy communes."""
    from desk_app.gazetteer import load

    ready, wall = _cold_ready_ms("")
    own, _ = _cold_ready_ms("forms")
    gz = load()
    queries = _queries()
    gz.search_legacy_communes("warm up the tables")
    per_query = [
        median_ms(lambda q=q: gz.search_legacy_communes(q), repeat=15, warmup=2) for q in queries
    ]
    slowest = max(zip(per_query, queries, strict=True))
    in_province = [
        median_ms(lambda q=q: gz.search_communes(q, province_code="01"), repeat=15, warmup=2)
        for q in queries
    ]
    return [
        Figure(
            "gazetteer ready in a cold process",
            ready,
            "ms",
            50,
            note=f"import, load, first search; forms included; whole python process {wall:.0f} ms",
        ),
        Figure(
            "gazetteer ready in a cold process, forms already imported",
            own,
            "ms",
            50,
            note="the gazetteer's own cost: index read and parsed, first search answered",
        ),
        Figure(
            "search all legacy communes, median per query",
            statistics.median(per_query),
            "ms",
            2,
            note=f"{len(queries)} queries; slowest {slowest[1]!r} {slowest[0]:.2f} ms",
        ),
        Figure(
            "search current communes of one province, median per query",
            statistics.median(in_province),
            "ms",
            2,
        ),
    ]
