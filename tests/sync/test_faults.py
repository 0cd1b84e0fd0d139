"""1,000 dossiers through a network that resets, times out, fails, loses answers, repeats and
damages bodies.

The real central server runs behind the fault-injecting layer; its agencies move dossiers on
in the background meanwhile, so status updates travel through the same faults. At the end
every dossier is on central exactly once, with the content the desk hashed, the outbox is
empty, none was turned away because its body was damaged on the way (that is retried, never a
verdict), and each dossier's status on the desk is central's.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from central.agencies import Simulation
from central.faults import KINDS, FaultPlan
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import CentralClient, RetryPolicy, run_round
from tests.conftest import FIXED_NOW
from tests.sync.conftest import for_central, outbox_size, receive, start_central

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""

DOSSIERS = 1000
MAX_ROUNDS = 40
BATCH = 10


def test_a_thousand_dossiers_through_faults_arrive_exactly_once(
    tmp_path: Path, settings: Settings, central_target: str
) -> None:
    plan = FaultPlan(
        rates={
            "reset": 0.07,
            "error": 0.05,
            "unavailable": 0.05,
            "lost": 0.10,
            "slow": 0.04,
            "duplicate": 0.07,
            "corrupt": 0.05,
        },
        seed=2026,
        retry_after="1",
        slow_seconds=0.6,
    )
    central = start_central(
        tmp_path,
        target=central_target,
        simulation=Simulation(seed=9, step_seconds=0.3, supplement_rate=0.1, refuse_rate=0.05),
        background=True,
        faults=plan,
    )
    store = Store.open(settings.paths.database)
    waits: list[float] = []

    def wait(seconds: float) -> None:
        # Record what the client asked for; wait a token time so the run stays short.
        waits.append(seconds)
        time.sleep(min(seconds, 0.02))

    try:
        # A desk block holds 999 codes a day: two days of counter work.
        codes = receive(store, 500) + receive(
            store, DOSSIERS - 500, start=500, day=FIXED_NOW + timedelta(days=1)
        )
        settings = for_central(settings, central.url, batch_size=BATCH, timeout=0.3)
        policy = RetryPolicy(attempts=6, base=0.01, cap=0.05)
        errors: Counter[str] = Counter()
        for _ in range(MAX_ROUNDS):
            with CentralClient(settings.central, central.token, policy=policy, sleep=wait) as c:
                report = run_round(store, c, settings)
            if report.error:
                errors[report.error.split(":")[0]] += 1
            if report.ok and outbox_size(store) == 0:
                break
        assert outbox_size(store) == 0, errors
        rejected = store.conn.execute(
            "SELECT count(*) FROM audit WHERE action IN ('reject', 'sync.held')"
        ).fetchone()[0]
        assert rejected == 0  # damaged bodies were sent again, not refused

        held = central.dossiers()
        assert len(held) == DOSSIERS and set(held) == set(codes)
        assert all(held[c][0] == store.require(c).content_hash for c in codes)
        [(batches,)] = central.rows("SELECT count(*) FROM batches")
        assert batches == DOSSIERS // BATCH  # every batch stored once, whatever was redelivered
        sends = Counter(
            code
            for (code,) in store.conn.execute("SELECT dossier_code FROM audit WHERE action='send'")
        )
        assert set(sends.values()) == {1} and len(sends) == DOSSIERS

        # Every kind of fault really happened, and 503s were waited out as asked.
        assert central.faults is not None
        assert all(central.faults.injected[k] > 0 for k in KINDS), central.faults.injected
        assert any(w >= 1.0 for w in waits)

        # Status updates went through the same faults: once the agencies are done and the
        # network is healthy again, every dossier stands where central says.
        central.faults.enabled = False
        central.finish_everything()
        with CentralClient(settings.central, central.token, policy=policy, sleep=wait) as c:
            assert run_round(store, c, settings).ok
        held = central.dossiers()
        mismatched = [
            c
            for c in codes
            if (store.require(c).status.value, store.require(c).done)
            != (held[c][1], set(held[c][2]))
        ]
        assert mismatched == []
    finally:
        central.server.stop()
        central.store.close()
        store.close()
