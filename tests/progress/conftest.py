"""Long work watched and stopped: a real central on loopback for the sync cases, a store of
the demo desk, and a recorder of what the work reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desk_app.settings import Settings
from desk_app.store import Store
from tests.sync.conftest import Central, start_central


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    """The reference central on a loopback port (SQLite), agencies paused."""
    running = start_central(tmp_path)
    yield running
    running.stop()


@pytest.fixture
def desk_store(settings: Settings) -> Iterator[Store]:
    """The demo desk's own database (the one `desk sync` and `desk backup` use)."""
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


@dataclass
class Recorder:
    """Every progress call, in order; ``stop_at`` raises KeyboardInterrupt at that call."""

    calls: list[tuple[str, int, int | None]] = field(default_factory=list)
    stop_at: int | None = None

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        self.calls.append((phase, done, total))
        if self.stop_at is not None and len(self.calls) == self.stop_at:
            raise KeyboardInterrupt

    def of(self, phase: str) -> list[tuple[int, int | None]]:
        """(done, total) of one phase, in order."""
        return [(d, t) for p, d, t in self.calls if p == phase]


def monotonic_to_the_end(counts: list[tuple[int, int | None]]) -> bool:
    """Counts never go down and the last one is the (known) total."""
    done = [d for d, _ in counts]
    last_done, last_total = counts[-1]
    return done == sorted(done) and last_total is not None and last_done == last_total
