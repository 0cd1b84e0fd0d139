"""Shipping the counter's actions through a faulty network: each on central once, in order.

A real central on loopback behind the fault-injecting layer (30 % of requests reset, lost,
answered twice, refused as unavailable, slowed or damaged): dossiers received at the counter
go through their lives (papers handed over, handed back, supplements, cancellations,
reprints), and rounds run until nothing is left to send. Then every action is on central
exactly once, in the order it was taken per dossier, and every dossier's status and progress
at the counter are central's.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from central import agencies
from central.agencies import Simulation
from central.app import now_vn
from central.faults import FaultPlan
from desk_app.desk import Desk
from desk_app.lifecycle import Status
from desk_app.lookup import record_reprint
from desk_app.lookup.actions import (
    HandOver,
    PapersReturned,
    SupplementItem,
    cancel,
    hand_over,
    receive_supplement,
    return_papers,
)
from desk_app.lookup.detail import item_labels, originals_at_pickup
from desk_app.settings import Settings
from desk_app.sync import CentralClient, RetryPolicy, run_round
from tests.conftest import signed_in
from tests.lookup.conftest import Clock, receive
from tests.sync.conftest import Central, for_central, outbox_size, start_central

FAULTS = FaultPlan(
    rates={
        "reset": 0.05,
        "error": 0.05,
        "unavailable": 0.04,
        "lost": 0.07,
        "slow": 0.02,
        "duplicate": 0.05,
        "corrupt": 0.02,
    },
    seed=16,
    retry_after="1",
    slow_seconds=0.4,
)
"""30 % of requests meet a fault."""
DOSSIERS = 36
MAX_ROUNDS = 60


@pytest.fixture
def faulty(tmp_path: Path, central_target: str) -> Iterator[Central]:
    simulation = Simulation(
        seed=4, step_seconds=1000.0, supplement_rate=0.3, refuse_rate=0.2, supplement_wait=1e7
    )
    running = start_central(tmp_path, target=central_target, simulation=simulation, faults=FAULTS)
    yield running
    running.stop()


def rounds_until_done(desk: Desk, central: Central, clock: Clock) -> None:
    """Rounds (through the faults) until one succeeds with nothing left to send."""
    settings = for_central(desk.settings, central.url, batch_size=3, timeout=0.3)
    policy = RetryPolicy(attempts=4, base=0.01, cap=0.03)
    for _ in range(MAX_ROUNDS):
        with CentralClient(
            settings.central, central.token, policy=policy, sleep=lambda s: time.sleep(0.01)
        ) as client:
            report = run_round(desk.store, client, settings, clock=clock)
        if report.ok and outbox_size(desk.store) == 0:
            return
    raise AssertionError(f"still waiting after {MAX_ROUNDS} rounds: {report.error}")


def advance_agencies(central: Central, days: int) -> None:
    agencies.advance(central.store, now_vn() + timedelta(days=days), limit=1_000_000)


def live(desk: Desk, rng: random.Random) -> None:
    """Each dossier's next action, as the counter would take it for the citizen."""
    store = desk.store
    at = desk.clock()
    for (code,) in store.rows("SELECT code FROM dossiers ORDER BY id"):
        row = store.require(code)
        if rng.random() < 0.3:
            record_reprint(desk, code)
        if row.status is Status.READY:
            taken = [i.id for i in originals_at_pickup(row)]
            hand_over(
                store,
                code,
                HandOver("Nguyễn Thị Lan", "001194012345", taken),
                officer=desk.officer,
                at=at,
            )
        elif row.status is Status.REFUSED:
            return_papers(
                store,
                code,
                PapersReturned("Nguyễn Thị Lan", "001194012345"),
                officer=desk.officer,
                at=at,
            )
        elif row.status is Status.SUPPLEMENT_REQUESTED:
            item = next(iter(item_labels(row.procedure_group)))
            receive_supplement(
                store, code, [SupplementItem(item, copies=1)], officer=desk.officer, at=at
            )
        elif row.status in (Status.ACCEPTED, Status.IN_PROGRESS) and rng.random() < 0.2:
            cancel(store, code, "Công dân rút hồ sơ", officer=desk.officer, at=at)
        if rng.random() < 0.3:  # a copy of the receipt after the action too
            record_reprint(desk, code)


def test_every_action_reaches_central_once_in_order_through_faults(
    faulty: Central, settings: Settings
) -> None:
    clock = Clock(now_vn())
    desk = signed_in(Desk.open(for_central(settings, faulty.url), clock=clock))
    rng = random.Random(16)
    try:
        for _ in range(DOSSIERS):
            receive(desk)
        rounds_until_done(desk, faulty, clock)
        for days in (0, 1, 30, 60):  # agencies decide; the counter acts on what it learns
            advance_agencies(faulty, days)
            rounds_until_done(desk, faulty, clock)
            live(desk, rng)
            rounds_until_done(desk, faulty, clock)
        rounds_until_done(desk, faulty, clock)  # the last actions' own updates come back

        local = desk.store.rows(
            "SELECT d.code, e.id, e.seq, e.central_outcome FROM dossier_events e "
            "JOIN dossiers d ON d.id = e.dossier_id WHERE e.origin_desk IS NULL "
            "ORDER BY d.code, e.seq"
        )
        assert len(local) > DOSSIERS  # many lives: every kind of action was taken
        kinds = {k for (k,) in desk.store.rows("SELECT DISTINCT kind FROM dossier_events")}
        assert {"hand_over", "return_papers", "cancel", "reprint", "supplement_received"} <= kinds
        assert {outcome for *_, outcome in local} == {"applied"}
        # In the order central applied them (a reprint keeps the version: rowid, not version).
        on_central = faulty.rows("SELECT id, code, outcome FROM events ORDER BY rowid")
        ids = [i for i, _, _ in on_central]
        assert len(ids) == len(set(ids))  # none twice
        assert sorted(ids) == sorted(i for _, i, _, _ in local)  # none lost
        for code in {c for c, *_ in local}:  # in the order the counter took them
            mine = [i for c, i, _, _ in local if c == code]
            theirs = [i for i, c, _ in on_central if c == code]
            assert theirs == mine, code

        held = faulty.dossiers()
        for (code,) in desk.store.rows("SELECT code FROM dossiers"):
            row = desk.store.require(code)
            _, status, progress = held[code]
            assert (row.status.value, row.done) == (status, frozenset(progress)), code
        statuses = {status for _, status, _ in held.values()}
        assert {"handed_over", "papers_returned", "cancelled"} <= statuses
    finally:
        desk.close()
