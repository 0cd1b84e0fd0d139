"""Foundation figures: cold start vs bare Textual, saving a dossier, lookup by code at 1M."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, median_ms
from bench.sample import complete_dossier, fill
from desk_app.clock import now
from desk_app.demo import make_demo
from desk_app.store import Store

AGENCY = "000.00.01.H26"
STARTS = 5
SAVES = 200
LOOKUPS = 2_000
BIG = 1_000_000


def _start_seconds(*args: str) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.startup_probe", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ready = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("READY"))
    return ready - start


def cold_start(tmp: Path) -> list[Figure]:
    """Whole-process time to the first painted home screen, against a bare Textual app."""
    config = make_demo(tmp / "demo")
    Store.open(tmp / "demo" / "desk.sqlite3").close()  # the file exists, as at a real desk
    bare, desk = [], []
    _start_seconds("bare")  # warm the OS file cache for both
    _start_seconds("desk", str(config))
    for _ in range(STARTS):
        bare.append(_start_seconds("bare"))
        desk.append(_start_seconds("desk", str(config)))
    b, d = statistics.median(bare), statistics.median(desk)
    return [
        Figure(
            "cold start to first screen ÷ bare Textual app",
            d / b,
            "×",
            1.5,
            note=f"desk {d * 1000:.0f} ms, bare {b * 1000:.0f} ms",
        )
    ]


def save(tmp: Path) -> Figure:
    """Median time to receive one complete dossier (one fsynced transaction)."""
    store = Store.open(tmp / "save.sqlite3")
    rng = random.Random(1)
    dossiers = iter([complete_dossier(rng) for _ in range(SAVES + 10)])

    def one() -> None:
        store.save_dossier(
            next(dossiers), agency_code=AGENCY, desk_number=1, officer="A", received_at=now()
        )

    try:
        return Figure("save a complete dossier (median)", median_ms(one, repeat=SAVES), "ms", 5)
    finally:
        store.close()


def lookup(tmp: Path) -> Figure:
    """Median lookup of a dossier by its full code among a million."""
    store = Store.open(tmp / "big.sqlite3")
    try:
        codes = fill(store.conn, BIG, AGENCY)
        rng = random.Random(3)
        picks = iter([rng.choice(codes) for _ in range(LOOKUPS + 10)])

        def one() -> None:
            assert store.get(next(picks)) is not None

        return Figure(
            "lookup by code, 1,000,000 dossiers (median)",
            median_ms(one, repeat=LOOKUPS),
            "ms",
            1,
        )
    finally:
        store.close()


def run() -> list[Figure]:
    """All foundation figures."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        path = Path(tmp)
        return [*cold_start(path), save(path), lookup(path)]
