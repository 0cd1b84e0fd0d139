"""An office of several counters and a real reference central on loopback (tests/sync).

Counter 1 and counter 2 belong to the demo office; counter 3 to another office. Each counter
is a whole desk (its own folder, database and settings) that talks to central only through
HTTP with its own token, as real counters do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from central.app import now_vn
from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo
from desk_app.desk import Desk
from desk_app.lookup import HandOver
from desk_app.lookup.detail import originals_at_pickup
from desk_app.store import DossierRow
from desk_app.sync import RetryPolicy, SyncReport, sync_once
from tests.conftest import FIXED_NOW, signed_in
from tests.lookup.conftest import receive
from tests.sync.conftest import OFFICE, OTHER_OFFICE, TOKEN_ENV, Central, for_central, start_central

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)


class Clock:
    """A counter's clock, moved by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@dataclass
class Counter:
    """One counter: its folder, settings, token and (while it is switched on) its desk."""

    folder: Path
    number: int
    token: str
    url: str
    username: str
    clock: Clock = field(default_factory=lambda: Clock(FIXED_NOW))
    desk: Desk | None = None

    @property
    def env(self) -> dict[str, str]:
        return {TOKEN_ENV: self.token}

    def on(self) -> Desk:
        """Switch the counter on (open its database), its officer signed in."""
        if self.desk is None:
            settings = load_config(self.folder / "desk.toml", env={}).settings
            settings = for_central(settings, self.url)
            settings = settings.model_copy(
                update={"desk": settings.desk.model_copy(update={"number": self.number})}
            )
            self.desk = signed_in(Desk.open(settings, clock=self.clock), self.username)
        return self.desk

    def off(self) -> None:
        """Switch the counter off: its store is closed, nothing of it answers."""
        if self.desk is not None:
            self.desk.close()
            self.desk = None

    def sync(self) -> SyncReport:
        """One round, as the App's worker runs it."""
        desk = self.on()
        return sync_once(desk.store, desk.settings, clock=self.clock, env=self.env, policy=FAST)


@dataclass
class Office:
    central: Central
    one: Counter
    two: Counter
    other: Counter
    """Counter 1 of another office."""

    def counters(self) -> list[Counter]:
        return [self.one, self.two, self.other]


def _counter(tmp_path: Path, name: str, number: int, token: str, url: str, user: str) -> Counter:
    folder = tmp_path / name
    make_demo(folder)
    return Counter(folder, number, token, url, user)


@pytest.fixture
def office(tmp_path: Path, central_target: str) -> Iterator[Office]:
    """Central, counters 1 and 2 of the demo office, counter 1 of another office."""
    central = start_central(tmp_path, target=central_target)
    two = central.store.issue_token(OFFICE, 2, now_vn().isoformat())
    built = Office(
        central,
        _counter(tmp_path, "desk1", 1, central.token, central.url, DEMO_OFFICER[0]),
        _counter(tmp_path, "desk2", 2, two, central.url, DEMO_SUPERVISOR[0]),
        _counter(tmp_path, "desk3", 1, central.other_token, central.url, DEMO_OFFICER[0]),
    )
    assert OTHER_OFFICE != OFFICE
    yield built
    for counter in built.counters():
        counter.off()
    central.stop()


def received_and_ready(office: Office, **names: Any) -> DossierRow:
    """A dossier received at counter 1, accepted by central, finished by the agencies, and
    counter 1 told so by a round: ready for the citizen to collect."""
    one = office.one
    saved = receive(one.on(), **names)
    assert one.sync().ok
    office.central.finish_everything()
    assert one.sync().ok
    return one.on().store.require(saved.code)


def hand_over_data(row: DossierRow, receiver: str = "Nguyễn Thị Lan") -> HandOver:
    """What the officer enters when the citizen collects: every original the law asks for."""
    return HandOver(
        receiver_name=receiver,
        receiver_id="001194012345",
        originals=[i.id for i in originals_at_pickup(row)],
    )


def later(counter: Counter, minutes: int) -> None:
    counter.clock.at = FIXED_NOW + timedelta(minutes=minutes)
