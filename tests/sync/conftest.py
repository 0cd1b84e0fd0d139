"""A real reference central server on a loopback port, and desks that sync with it.

Central runs on SQLite unless a test module says ``BOTH_BACKENDS = True`` (or a test is marked
``@both_backends``): then each of its tests that runs central runs once on SQLite and once on a
fresh PostgreSQL database (skipped, with the reason, where there is no PostgreSQL; tests/pg.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from central import agencies
from central.agencies import Simulation
from central.app import create_app, now_vn
from central.faults import FaultInjector, FaultPlan, Hold
from central.guards import RateLimit, body_digest
from central.server import ThreadServer, start_in_thread
from central.store import CentralStore
from desk_app.settings import Settings
from desk_app.store import Store
from tests.conftest import FIXED_NOW, sample_dossier
from tests.pg import BACKENDS

OFFICE = "000.00.01.H26"
"""The demo desk's receiving agency: the office of the desk under test."""
OTHER_OFFICE = "000.00.09.H26"
TOKEN_ENV = "DESK_CENTRAL_TOKEN"
POPULATION_SEED = 11
POPULATION = 500


@dataclass
class Central:
    """A running central server and what tests need to talk to it."""

    url: str
    store: CentralStore
    token: str
    """Desk 1 of OFFICE."""
    other_token: str
    """Desk 1 of OTHER_OFFICE."""
    server: ThreadServer
    faults: FaultInjector | None = None

    def http(self, token: str | None = None) -> httpx.Client:
        """A bare HTTP client, authenticated as ``token`` (None: no Authorization header)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=10)

    def finish_everything(self) -> int:
        """Let the agencies perform every planned step, as if months went by.

        With the agencies also running in the server's background, a dossier they have claimed
        is skipped here (PostgreSQL's SKIP LOCKED) and finished by them a moment later: wait
        until no dossier has a step left, so that what the desk reads next is the end state.
        """
        written = 0
        for _ in range(1000):
            written += agencies.advance(
                self.store, now_vn() + timedelta(days=3650), limit=1_000_000
            )
            [(left,)] = self.rows("SELECT count(*) FROM dossiers WHERE next_step_at IS NOT NULL")
            if not left:
                return written
            time.sleep(0.01)
        raise AssertionError(f"{left} dossiers still have steps to perform")

    def dossiers(self) -> dict[str, tuple[str, str, dict[str, str | None]]]:
        """code → (content hash, status, progress) as central holds them."""
        held = self.store.all_dossiers().items()
        return {code: (h, status, json.loads(p)) for code, (h, status, p) in held}

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        """Rows of a query on central's database (tests only: central itself never does this)."""
        with self.store.db.read() as tx:
            return tx.all(sql)

    def stop(self) -> None:
        """Stop the server and close the store."""
        self.server.stop()
        self.store.close()


both_backends = pytest.mark.parametrize("central_backend", BACKENDS, indirect=True)
"""``@both_backends``: this test runs on SQLite and on PostgreSQL."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module with ``BOTH_BACKENDS = True``: each test that runs central runs on both."""
    chosen = any(
        "central_backend" in str(mark.args[0])
        for mark in metafunc.definition.iter_markers("parametrize")
    )
    if (
        getattr(metafunc.module, "BOTH_BACKENDS", False)
        and not chosen
        and ("central_backend" in metafunc.fixturenames)
    ):
        metafunc.parametrize("central_backend", BACKENDS, indirect=True)


def start_central(
    tmp_path: Path,
    *,
    target: str | None = None,
    simulation: Simulation | None = None,
    background: bool = False,
    faults: FaultPlan | None = None,
    hold: Hold | None = None,
    verify_limit: RateLimit | None = None,
) -> Central:
    """Start central on 127.0.0.1:<free port> in this process.

    ``faults`` and ``hold`` put the fault-injecting layer in front (``hold`` alone: no random
    faults, only the held answers). ``target`` is the store (default: a SQLite file).
    """
    store = CentralStore(
        target or tmp_path / "central" / "central.sqlite3",
        files=tmp_path / "central" / "central-files",
    )
    store.ensure_population(POPULATION_SEED, POPULATION)
    at = now_vn().isoformat()
    token = store.issue_token(OFFICE, 1, at)
    other = store.issue_token(OTHER_OFFICE, 1, at)
    app = create_app(
        store, simulation or Simulation(seed=3), background=background, verify_limit=verify_limit
    )
    injector = (
        FaultInjector(app, faults or FaultPlan(rates={}), hold=hold) if faults or hold else None
    )
    server = start_in_thread(injector or app)
    return Central(server.url, store, token, other, server, injector)


@pytest.fixture
def central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    """Central with the agencies paused (tests move time on with finish_everything)."""
    running = start_central(tmp_path, target=central_target)
    yield running
    running.stop()


def post_batch(
    http: httpx.Client,
    body: object,
    *,
    key: str | None,
    digest: bool = True,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST /v1/batches as a desk does: JSON bytes, the Idempotency-Key, the Content-Digest.

    ``body`` may be bytes (sent as they are) or anything JSON; ``key`` None sends no key.
    """
    content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    sent = {"Content-Type": "application/json"}
    if key is not None:
        sent["Idempotency-Key"] = key
    if digest:
        sent["Content-Digest"] = body_digest(content)
    return http.post("/v1/batches", content=content, headers=sent | (headers or {}))


def for_central(settings: Settings, url: str, **central: object) -> Settings:
    """``settings`` pointed at ``url``, with other [central] keys overridden."""
    return settings.model_copy(
        update={"central": settings.central.model_copy(update={"url": url, **central})}
    )


def receive(store: Store, count: int, *, start: int = 0, day: datetime = FIXED_NOW) -> list[str]:
    """Receive ``count`` dossiers at the counter (through the real save path); their codes."""
    codes = []
    for i in range(start, start + count):
        row = store.save_dossier(
            sample_dossier(child=f"Trần Thị Bé {i}"),
            agency_code=OFFICE,
            desk_number=1,
            officer="Nguyễn Thị Minh Thư",
            received_at=day,
        )
        codes.append(row.code)
    return codes


def outbox_size(store: Store) -> int:
    """Rows still waiting in the outbox."""
    return store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
