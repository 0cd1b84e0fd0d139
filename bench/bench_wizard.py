"""Reception wizard: keys for the reference dossier, picker filtering, page changes."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from screens.wizard.spec import BIRTH_INTERLINK
from tests.wizard.conftest import open_counter
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
                "keys for the reference dossier (names and free text excluded)", keys, "keys", 60
            )
        )

    async for c in open_counter(tmp / "pages"):
        await c.officer.press("n")
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
                100,
                note=f"median {statistics.median(moves):.1f} ms",
            )
        )

        # The legacy picker: filter over all legacy communes as each key is typed.
        from screens.wizard.legacy import LegacyDialog

        await c.app.push_screen(LegacyDialog(wizard.sources.gz))
        await c.pilot.pause()
        picker = c.app.screen.query_one("#legacy-commune")
        picker.focus()
        await c.pilot.pause()
        timings = []
        for _ in range(5):
            for query in TYPED:
                with picker.prevent(picker.Changed):
                    picker.value = query
                start = time.perf_counter()
                picker.refresh_suggestions()
                timings.append((time.perf_counter() - start) * 1000)
        figures.append(
            Figure(
                "picker filtering per key, all legacy communes (search + list), median",
                statistics.median(timings),
                "ms",
                5,
                note=f"{wizard.sources.gz.legacy_commune_count} communes, "
                f"slowest {max(timings):.1f} ms",
            )
        )
    return figures


def run() -> list[Figure]:
    """The wizard's figures, measured in a headless app on a demo desk."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-wizard-") as tmp:
        return asyncio.run(_measure(Path(tmp)))
