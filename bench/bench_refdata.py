"""Reference-data figures: gazetteer ready in a cold process, search per keystroke.

The pickers filter on every keystroke, so the query set is what an officer types letter by
letter ("l", "la", "lan", … "lang thuong"), plus a few whole names and spread queries, run
over all 10,035 legacy communes with no province chosen (the worst case).

Floors: a cold process that reads and splits the same TSV bytes (the least any loader of the
index does), and a plain substring scan over the same pre-folded keys (the least any search
over them does), each interleaved with what it is the floor of.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure, Pairs, paired_ms

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
# The floor: the same bytes read and split into rows and fields, in a fresh interpreter.
_FLOOR = (
    "import sys, time\n"
    "t = time.perf_counter()\n"
    "with open(sys.argv[1], 'rb') as f: text = f.read().decode('utf-8')\n"
    "rows = [line.split('\\t') for line in text.splitlines()]\n"
    "print((time.perf_counter() - t) * 1000)"
)
_TYPED = ["lang thuong", "nguyen trai", "hoa binh", "phuong 1", "tan thanh", "dong da", "ea hleo"]
_WHOLE = ["Phường Láng Thượng", "XÃ VĂN LĂNG", "thuong lang", "lang thuong dong da", "hcm"]


def index_path() -> Path:
    """The committed gazetteer index the desk loads."""
    from importlib.resources import files

    from desk_app.gazetteer.index import INDEX_NAME

    return Path(str(files("desk_app.data") / INDEX_NAME))


def folded_keys(section: str, parent: str | None = None) -> list[str]:
    """The padded, folded search keys of one index section (optionally of one parent code).

    Read from the TSV directly, so the floor does not lean on the code it is the floor of.
    """
    from desk_app.gazetteer.search import pad

    text = index_path().read_text(encoding="utf-8")
    body = text.split(f"\n@{section}\t", 1)[1]
    head, _, body = body.partition("\n")
    columns = head.split("\t")
    key_at = columns.index("key")
    parent_at = columns.index("province") if parent is not None else -1
    keys = []
    for line in body.split("\n@", 1)[0].splitlines():
        cells = line.split("\t")
        if parent is None or cells[parent_at] == parent:
            keys.append(pad(cells[key_at]))
    return keys


def substring_scan(keys: list[str], folded_query: str) -> list[int]:
    """The floor of a search: rows whose key holds the query, in one pass."""
    return [n for n, k in enumerate(keys) if folded_query in k]


def _cold_ms(args: list[str]) -> tuple[float, float]:
    """In-process milliseconds a probe reports, and the whole process's wall time."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", *args], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip()), (time.perf_counter() - start) * 1000


def _cold(preload: str) -> tuple[Pairs, float]:
    """Gazetteer ready and its floor, pair by pair; and the probe process's median wall time."""
    pairs, wall = Pairs(), []
    tsv = str(index_path())
    _cold_ms([_PROBE, preload])  # warm the OS file cache for both
    _cold_ms([_FLOOR, tsv])
    for _ in range(COLD_RUNS):
        floor = _cold_ms([_FLOOR, tsv])[0]
        own, whole = _cold_ms([_PROBE, preload])
        pairs.add(own, floor)
        wall.append(whole)
    return pairs, statistics.median(wall)


def _queries() -> list[str]:
    prefixes = [typed[:n] for typed in _TYPED for n in range(1, len(typed) + 1)]
    return prefixes + _WHOLE


def run() -> list[Figure]:
    """Cold-process readiness and per-query search time over all legacy communes."""
    from desk_app.gazetteer import load
    from desk_app.gazetteer.names import search_words

    ready, wall = _cold("")
    own, _ = _cold("forms")
    gz = load()
    queries = _queries()
    gz.search_legacy_communes("warm up the tables")
    legacy, province = folded_keys("legacy_commune"), folded_keys("commune", parent="01")
    folded = {q: search_words(q) for q in queries}
    pairs = [
        paired_ms(
            lambda q=q: gz.search_legacy_communes(q),
            lambda q=q: substring_scan(legacy, folded[q]),
            repeat=15,
            warmup=2,
        )
        for q in queries
    ]
    slowest = max(zip((p.value for p in pairs), queries, strict=True))
    legacy_all, province_all = Pairs(), Pairs()
    in_province = [
        paired_ms(
            lambda q=q: gz.search_communes(q, province_code="01"),
            lambda q=q: substring_scan(province, folded[q]),
            repeat=15,
            warmup=2,
        )
        for q in queries
    ]
    for q, p in zip(queries, pairs, strict=True):
        legacy_all.extend(p, group=q)
    for q, p in zip(queries, in_province, strict=True):
        province_all.extend(p, group=q)
    tsv = "read and split the same TSV in a cold process"
    scan = "plain substring scan over the same folded keys"
    return [
        Figure(
            "gazetteer ready in a cold process",
            ready.value,
            "ms",
            pair_ratio=ready.ratio,
            floor=ready.floor,
            floor_name=tsv,
            ratio_budget=5,
            note=f"import, load, first search; forms included; whole python process {wall:.0f} ms",
        ),
        Figure(
            "gazetteer ready in a cold process, forms already imported",
            own.value,
            "ms",
            pair_ratio=own.ratio,
            floor=own.floor,
            floor_name=tsv,
            ratio_budget=5,
            note="the gazetteer's own cost: index read and parsed, first search answered",
        ),
        Figure(
            "search all legacy communes, median",
            legacy_all.value,
            "ms",
            pair_ratio=legacy_all.ratio,
            floor=legacy_all.floor,
            floor_name=scan,
            ratio_budget=1.6,
            note=f"{len(queries)} queries; slowest {slowest[1]!r} {slowest[0]:.2f} ms",
        ),
        Figure(
            "search current communes of one province, median",
            province_all.value,
            "ms",
            pair_ratio=province_all.ratio,
            floor=province_all.floor,
            floor_name=scan,
            ratio_budget=6,
            note="microseconds: the ratio is the stable figure here",
        ),
    ]
