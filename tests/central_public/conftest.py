"""The public status page's tests: a real central on loopback whose clock the test moves, and
dossiers a real desk received and synced to it.

Central runs on SQLite and, in modules with ``BOTH_BACKENDS = True``, on PostgreSQL too
(tests/sync/conftest.py; skipped with the reason where there is no PostgreSQL).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.sample import complete_dossier
from central.agencies import Simulation
from central.app import create_app, now_vn
from central.server import start_in_thread
from central.store import CentralStore
from desk_app.settings import Settings
from desk_app.store import DossierRow, Store
from desk_app.sync import RetryPolicy, sync_once
from tests.conftest import FIXED_NOW
from tests.sync.conftest import OFFICE, POPULATION, POPULATION_SEED, TOKEN_ENV, for_central
from tests.sync.conftest import central as central
from tests.sync.conftest import pytest_generate_tests as pytest_generate_tests

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)
PAGE = "/tra-cuu"


@dataclass
class Clock:
    """Central's clock, moved on by the test (the page's rate limits read it)."""

    at: datetime = field(default_factory=now_vn)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@dataclass
class PublicCentral:
    """A running central with a movable clock, and the token of desk 1 of OFFICE."""

    url: str
    store: CentralStore
    token: str
    clock: Clock

    def get(self, params: dict[str, str] | None = None, *, client: str = "127.0.0.1") -> Any:
        """GET the page as a browser at the loopback address ``client`` would."""
        transport = httpx.HTTPTransport(local_address=client)
        with httpx.Client(base_url=self.url, transport=transport, timeout=10) as http:
            return http.get(PAGE, params=params)

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        with self.store.db.read() as tx:
            return tx.all(sql)


@pytest.fixture
def public(tmp_path: Path, central_target: str) -> Iterator[PublicCentral]:
    """Central (agencies paused) on a free loopback port, its clock in the test's hands."""
    store = CentralStore(central_target, files=tmp_path / "central-files")
    store.ensure_population(POPULATION_SEED, POPULATION)
    token = store.issue_token(OFFICE, 1, now_vn().isoformat())
    clock = Clock()
    app = create_app(store, Simulation(seed=3), clock=clock, background=False)
    server = start_in_thread(app)
    try:
        yield PublicCentral(server.url, store, token, clock)
    finally:
        server.stop()
        store.close()


@pytest.fixture
def desk_store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "desk.sqlite3")
    yield opened
    opened.close()


def received(store: Store, count: int = 1, seed: int = 7) -> list[DossierRow]:
    """``count`` complete dossiers received at the counter (the real save path)."""
    rng = random.Random(seed)
    return [
        store.save_dossier(
            complete_dossier(rng),
            agency_code=OFFICE,
            desk_number=1,
            officer="Nguyễn Thị Minh Thư",
            received_at=FIXED_NOW,
        )
        for _ in range(count)
    ]


def synced(store: Store, settings: Settings, url: str, token: str) -> None:
    """One real sync round of the desk with central at ``url``; it must succeed."""
    report = sync_once(store, for_central(settings, url), env={TOKEN_ENV: token}, policy=FAST)
    assert report.ok, report


def personal_strings(value: object) -> set[str]:
    """Every name, ID number, phone, e-mail and address a dossier's declarations hold: each
    string value of the declarations except option ids and agency codes (which are not about
    a person): what the public page must never show."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and _personal(item):
            found.add(item)
    return found


def _personal(text: str) -> bool:
    if text.startswith("000.") or (text.isdigit() and len(text) < 9):
        return False  # an agency's code, a province or commune code
    return " " in text or "@" in text or any(c.isdigit() for c in text)
