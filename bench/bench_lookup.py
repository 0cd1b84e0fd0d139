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
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from bench.figures import Figure, Pairs, paired_ms
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


class BareQueries:
    """The floors of the lookup figures: the same questions as bare SQL on a plain connection.

    By code: one row by its unique code. By name: the same full-text prefix query over the
    same index, row ids only. Counts: one index range count (the ready list's).
    """

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def by_code(self, code: str) -> None:
        """The dossier row with this code."""
        assert self.conn.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()

    def by_name(self, folded: str) -> None:
        """The newest :data:`FIRST` row ids whose names start with every word typed."""
        match = " AND ".join(f'"{t}"*' for t in folded.split())
        self.conn.execute(
            "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? "
            "ORDER BY rowid DESC LIMIT ?",
            (match, FIRST),
        ).fetchall()

    def count(self) -> None:
        """How many dossiers wait to be picked up."""
        self.conn.execute("SELECT count(*) FROM dossiers WHERE status = 'ready'").fetchone()


def _per_query_ms(desk: Desk, bare: BareQueries, queries: list[str]) -> Pairs:
    """Milliseconds of each name query and of its floor, the two run one after the other."""
    for q in queries[:20]:
        lookup(desk, q, FIRST)
        bare.by_name(q)
    pairs = Pairs()
    for q in queries:
        start = time.perf_counter()
        lookup(desk, q, FIRST)
        middle = time.perf_counter()
        bare.by_name(q)
        pairs.add((middle - start) * 1000, (time.perf_counter() - middle) * 1000, q)
    return pairs


def memory(config: Path) -> list[Figure]:
    """The real app's memory, headless, over the big database: work screens, sign-in, kept.

    Memory is not moved by the machine's speed: these figures keep budgets on their values.
    """
    probe = subprocess.run(
        [sys.executable, "-m", "bench.lookup_probe", str(config), "nguyen van an"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if probe.returncode != 0:
        raise RuntimeError(f"lookup probe failed:\n{probe.stderr[-3000:]}")
    marks = {}
    for line in probe.stdout.splitlines():
        word, _, value = line.partition(" ")
        if word in ("RSS", "SIGNIN", "KEPT", "RESET"):
            marks[word] = float(value)
    scope = "after sign-in" if marks.get("RESET") else "whole process: the mark could not be reset"
    return [
        Figure(
            "desk app with 1,000,000 dossiers open: peak RSS of the work screens",
            marks["RSS"],
            "MiB",
            budget=110,
            note=f"VmHWM {scope}; headless: name search, ready list, one dossier",
        ),
        Figure(
            "the same app through sign-in: peak RSS (Argon2id's 46 MiB working set)",
            marks["SIGNIN"],
            "MiB",
            budget=110,
            note="for one hash, given back at once (next figure); the process's overall peak",
        ),
        Figure(
            "memory sign-in leaves behind (RSS after − before)",
            marks["KEPT"],
            "MiB",
            budget=4,
            note="the hash's 46 MiB must not stay mapped",
        ),
    ]


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
        bare = BareQueries(settings.paths.database)
        rng = random.Random(5)
        try:
            picks = [rng.choice(codes) for _ in range(CODE_LOOKUPS + 10)]
            ours, floors = iter(picks), iter(picks)

            def by_code() -> None:
                assert len(lookup(desk, next(ours)).hits) == 1

            code = paired_ms(by_code, lambda: bare.by_code(next(floors)), repeat=CODE_LOOKUPS)
            names = _per_query_ms(desk, bare, name_queries(rng, NAME_QUERIES))
            counts = work_counts(desk)
            count_pairs = paired_ms(lambda: work_counts(desk), bare.count, repeat=COUNTS)
        finally:
            desk.close()
            bare.conn.close()
        names_sorted = sorted(names.ours)
        p95 = names_sorted[int(len(names_sorted) * 0.95)]
        return [
            Figure(
                "lookup by full code, 1,000,000 dossiers (median)",
                code.value,
                "ms",
                pair_ratio=code.ratio,
                floor=code.floor,
                floor_name="bare SELECT of the row by its code",
                ratio_budget=2.5,
            ),
            Figure(
                "name without diacritics, first 50, 1,000,000 dossiers (median)",
                names.value,
                "ms",
                pair_ratio=names.ratio,
                floor=names.floor,
                floor_name="bare full-text prefix query, row ids only",
                ratio_budget=3,
                note=f"p95 {p95:.1f} ms, max {names_sorted[-1]:.1f} ms, {NAME_QUERIES} queries",
            ),
            Figure(
                "home work-list counts, 1,000,000 dossiers (median)",
                count_pairs.value,
                "ms",
                pair_ratio=count_pairs.ratio,
                floor=count_pairs.floor,
                floor_name="one bare index range count (ready)",
                ratio_budget=4,  # six lists against one; the ready list's count dominates
                note=f"ready {counts.ready:,}, overdue {counts.overdue:,}, today {counts.today:,}",
            ),
            *memory(config),
        ]
