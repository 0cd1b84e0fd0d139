"""The tail every group's end-to-end test shares: to the real central and back.

A dossier saved at the counter (the demo desk of :func:`tests.wizard.conftest.open_counter`) is
synced to a real reference central on loopback, accepted, moved on by central's simulated
agencies to the end, and synced back: the test then reads what the counter shows, with the
desk still open. One helper, so the toy group's guard and the death group's tests check the
same way back and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from central.agencies import Simulation
from desk_app.config import load_config
from desk_app.desk import Desk
from desk_app.store.records import DossierRow
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.round import sync_once
from tests.conftest import FIXED_NOW, signed_in
from tests.sync.conftest import TOKEN_ENV, for_central, start_central

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)


@dataclass(frozen=True)
class Back:
    """The dossier after the way back: central's view of it and the counter's."""

    desk: Desk
    """The counter's desk, open (the lookup view reads it)."""
    status: str
    """Central's status of the dossier."""
    progress: dict[str, str | None]
    """Central's finished procedures → their references."""
    row: DossierRow
    """The dossier as the counter's store holds it after the second sync."""


@contextmanager
def to_central_and_back(
    tmp_path: Path, code: str, *, simulation: Simulation | None = None
) -> Iterator[Back]:
    """Sync the counter's dossier ``code`` to a fresh central (accepted there), let its agencies
    finish everything, sync again; the desk stays open inside the ``with`` block."""
    config = tmp_path / "demo" / "desk.toml"
    central = start_central(tmp_path, simulation=simulation)
    try:
        desk = signed_in(Desk.open(load_config(config, env={}).settings, clock=lambda: FIXED_NOW))
        try:
            synced = for_central(desk.settings, central.url)
            env = {TOKEN_ENV: central.token}
            assert sync_once(desk.store, synced, env=env, policy=FAST).ok
            assert central.dossiers()[code][1] == "accepted"
            central.finish_everything()
            report = sync_once(desk.store, synced, env=env, policy=FAST)
            assert report.ok and report.updates >= 1
            _, status, progress = central.dossiers()[code]
            yield Back(desk, status, progress, desk.store.require(code))
        finally:
            desk.close()
    finally:
        central.stop()
