"""Lookup at the counter with a million dossiers: by code, by name, the home counts, memory.

The store is filled by :func:`bench.sample.fill` (a busy office's three years: statuses by
age, appointments, three names and two ID numbers a dossier) through the real migrations, so
the indexes are the ones a desk has. Queries go through the same functions the screens and
``desk lookup`` call: :func:`desk_app.lookup.lookup` (classify, then answer) and
:func:`desk_app.lookup.work_counts`. Memory is the peak RSS of the real app, headless, in
its own process, driven through the lookup screen over that database.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from bench.figures import Figure, median_ms
from bench.sample import GIVEN, LAST_DAY, MIDDLE, SURNAMES, fill
from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.lookup import lookup, work_counts
from desk_app.store import Store
from forms.text import fold

AGENCY = "000.00.01.H26"
"""The demo desk's receiving agency: the codes the filled store holds are its own."""
BIG = 1_000_000
CODE_LOOKUPS = 2_000
NAME_QUERIES = 400
COUNTS = 200
FIRST = 50
"""What the screen shows first of a name search."""


def name_queries(rng: random.Random, count: int) -> list[str]:
    """Names as officers type them: folded, whole or cut short, one to three words."""
    out = []
    for _ in range(count):
        words = [fold(rng.choice(SURNAMES)), fold(rng.choice(MIDDLE)), fold(rng.choice(GIVEN))]
        shape = rng.randrange(4)
        if shape == 0:  # the whole name
            typed = words
        elif shape == 1:  # still typing the given name
            typed = [*words[:2], words[2][: rng.randint(1, len(words[2]))]]
        elif shape == 2:  # surname and given name
            typed = [words[0], words[2]]
        else:  # a surname being typed
            typed = [words[0][: rng.randint(2, len(words[0]))]]
        out.append(" ".join(typed))
    return out


def _per_query_ms(desk: Desk, queries: list[str]) -> list[float]:
    for q in queries[:20]:
        lookup(desk, q, FIRST)
    samples = []
    for q in queries:
        start = time.perf_counter()
        lookup(desk, q, FIRST)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def memory(config: Path) -> Figure:
    """Peak RSS of the real app, headless, over the big database."""
    probe = subprocess.run(
        [sys.executable, "-m", "bench.lookup_probe", str(config), "nguyen van an"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if probe.returncode != 0:
        raise RuntimeError(f"lookup probe failed:\n{probe.stderr[-3000:]}")
    out = probe.stdout
    rss = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("RSS"))
    return Figure(
        "desk app with 1,000,000 dossiers open: peak RSS",
        rss,
        "MiB",
        150,
        note="VmHWM; headless: name search, ready list, one dossier",
    )


def run() -> list[Figure]:
    """The four lookup figures."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-lookup-") as tmp:
        config = make_demo(Path(tmp) / "demo")
        settings = load_config(config, env={}).settings
        store = Store.open(settings.paths.database)
        try:
            codes = fill(store.conn, BIG, AGENCY)
        finally:
            store.close()
        at = datetime.combine(LAST_DAY, clock_time(10), tzinfo=VN_TZ)
        desk = Desk.open(settings, clock=lambda: at)
        rng = random.Random(5)
        try:
            picks = iter([rng.choice(codes) for _ in range(CODE_LOOKUPS + 10)])

            def by_code() -> None:
                assert len(lookup(desk, next(picks)).hits) == 1

            code_ms = median_ms(by_code, repeat=CODE_LOOKUPS)
            names = _per_query_ms(desk, name_queries(rng, NAME_QUERIES))
            counts = work_counts(desk)
            counts_ms = median_ms(lambda: work_counts(desk), repeat=COUNTS)
        finally:
            desk.close()
        names_sorted = sorted(names)
        p95 = names_sorted[int(len(names_sorted) * 0.95)]
        return [
            Figure("lookup by full code, 1,000,000 dossiers (median)", code_ms, "ms", 1),
            Figure(
                "name without diacritics, first 50, 1,000,000 dossiers (median)",
                statistics.median(names),
                "ms",
                20,
                note=f"p95 {p95:.1f} ms, max {names_sorted[-1]:.1f} ms, {NAME_QUERIES} queries",
            ),
            Figure(
                "home work-list counts, 1,000,000 dossiers (median)",
                counts_ms,
                "ms",
                50,
                note=f"ready {counts.ready:,}, overdue {counts.overdue:,}, today {counts.today:,}",
            ),
            memory(config),
        ]
