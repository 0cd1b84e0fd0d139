"""Reception wizard: keys for the reference dossier, picker filtering, page changes."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_refdata import folded_keys, substring_scan
from bench.figures import Figure, Pairs
from desk_app.gazetteer.names import search_words
from desk_app.groups.birth_interlink import PAGES as BIRTH_INTERLINK
from tests.wizard.conftest import BIRTH, NEW_DOSSIER, open_counter
from tests.wizard.scenario import reference_dossier

# What an officer types into the old-commune picker, key by key, over all legacy communes.
TYPED = [
    "l",
    "la",
    "lan",
    "lang",
    "lang ",
    "lang t",
    "lang th",
    "lang thu",
    "lang thuong",
    "d",
    "do",
    "don",
    "dong",
    "dong h",
    "dong ho",
    "dong hoi",
    "x",
    "xa",
    "xa t",
    "xa ta",
]


async def _measure(tmp: Path) -> list[Figure]:
    figures: list[Figure] = []
    async for c in open_counter(tmp / "keys"):
        keys = await reference_dossier(c)
        figures.append(
            Figure(
                "keys for the reference dossier (names and free text excluded)",
                keys,
                "keys",
                budget=40,  # issue 14: the confirmation before saving included
                note="a count: the machine's speed does not move it",
            )
        )

    async for c in open_counter(tmp / "pages"):
        await c.officer.press(NEW_DOSSIER, BIRTH)
        wizard = c.wizard
        order = [s.id for s in BIRTH_INTERLINK if s.id not in ("agencies", "finish")]
        # As at the counter: the officer spends seconds on each page, during which the next
        # one is built; the figure is how long Enter on the last field takes to show it.
        moves = []
        for step in order:
            await c.pilot.pause()
            await c.app.workers.wait_for_complete()
            start = time.perf_counter()
            await wizard.show_step(step)
            moves.append((time.perf_counter() - start) * 1000)
        figures.append(
            Figure(
                "page change, slowest of the nine pages",
                max(moves),
                "ms",
                note=f"median {statistics.median(moves):.1f} ms; for the record, no floor yet",
            )
        )

        # The legacy picker: filter over all legacy communes as each key is typed.
        from screens.wizard.legacy import LegacyDialog

        await c.app.push_screen(LegacyDialog(wizard.sources.gz))
        await c.pilot.pause()
        picker = c.app.screen.query_one("#legacy-commune")
        picker.focus()
        await c.pilot.pause()
        # Its floor, key by key in between: a plain substring scan over the same folded keys.
        keys = folded_keys("legacy_commune")
        pairs = Pairs()
        for _ in range(5):
            for query in TYPED:
                with picker.prevent(picker.Changed):
                    picker.value = query
                folded = search_words(query)
                start = time.perf_counter()
                picker.refresh_suggestions()
                middle = time.perf_counter()
                substring_scan(keys, folded)
                pairs.add((middle - start) * 1000, (time.perf_counter() - middle) * 1000, query)
        figures.append(
            Figure(
                "picker filtering per key, all legacy communes (search + list), median",
                pairs.value,
                "ms",
                pair_ratio=pairs.ratio,
                floor=pairs.floor,
                floor_name="plain substring scan over the same folded keys",
                ratio_budget=8,
                note=f"{wizard.sources.gz.legacy_commune_count} communes, "
                f"slowest {max(pairs.ours):.1f} ms",
            )
        )
    return figures


def run() -> list[Figure]:
    """The wizard's figures, measured in a headless app on a demo desk."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-wizard-") as tmp:
        return asyncio.run(_measure(Path(tmp)))
