"""Status updates delivered twice, late or early still leave each dossier in the right state."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from central.agencies import Simulation
from desk_app.clock import VN_TZ
from desk_app.lifecycle import Event, Status
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.sync_state import read_cursor
from desk_app.store.sync_updates import StatusUpdate, apply_updates, plan
from desk_app.sync import RetryPolicy, sync_once
from desk_app.sync.wire import parse_updates
from tests.sync.conftest import TOKEN_ENV, Central, for_central, receive, start_central

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)
DOSSIERS = 12


@pytest.fixture
def finished(tmp_path: Path, central_target: str) -> Iterator[Central]:
    """Central whose agencies refuse or ask for supplements often, so every path occurs."""
    central = start_central(
        tmp_path,
        target=central_target,
        simulation=Simulation(seed=8, supplement_rate=0.25, refuse_rate=0.25),
    )
    yield central
    central.server.stop()
    central.store.close()


def desk_with_accepted_dossiers(path: Path, settings: Settings, central: Central) -> Store:
    """A desk whose dossiers central has accepted; their updates are not pulled yet."""
    store = Store.open(path)
    receive(store, DOSSIERS)
    report = sync_once(
        store, for_central(settings, central.url), env={TOKEN_ENV: central.token}, policy=FAST
    )
    assert report.ok and report.accepted == DOSSIERS and report.updates == 0
    return store


def the_feed(central: Central) -> list[StatusUpdate]:
    central.finish_everything()
    with central.http(central.token) as http:
        body = http.get("/v1/updates", params={"limit": 1000}).json()
    updates, _, more = parse_updates(body, 0)
    assert not more
    return updates


def twice(updates: list[StatusUpdate]) -> list[StatusUpdate]:
    return [u for u in updates for _ in range(2)]


def reversed_per_dossier(updates: list[StatusUpdate]) -> list[StatusUpdate]:
    return list(reversed(updates))


def shuffled(updates: list[StatusUpdate]) -> list[StatusUpdate]:
    mixed = updates + updates[::3]
    random.Random(4).shuffle(mixed)
    return mixed


@pytest.mark.parametrize("reorder", [twice, reversed_per_dossier, shuffled])
def test_updates_twice_or_out_of_order_end_in_centrals_state(
    tmp_path: Path,
    settings: Settings,
    finished: Central,
    reorder: Callable[[list[StatusUpdate]], list[StatusUpdate]],
) -> None:
    store = desk_with_accepted_dossiers(tmp_path / "desk.sqlite3", settings, finished)
    try:
        updates = the_feed(finished)
        # Delivered one by one, each in its own transaction, in the disturbed order.
        for update in reorder(updates):
            apply_updates(store, [update], update.seq)
        held = finished.dossiers()
        statuses = set()
        for code, (_, status, progress) in held.items():
            row = store.require(code)
            statuses.add(status)
            assert (row.status.value, row.done) == (status, set(progress)), code
            refs = dict(
                store.conn.execute(
                    "SELECT procedure, reference FROM procedure_progress WHERE dossier_id = ?",
                    (row.id,),
                ).fetchall()
            )
            assert refs == progress
            # Each procedure was recorded once, however often its update came.
            progress_events = [e for e in store.audit_events(code) if e.action == "progress"]
            assert sorted(e.detail["procedure"] for e in progress_events) == sorted(progress)
        assert {"ready", "refused"} <= statuses
        assert read_cursor(store) == max(u.seq for u in updates)
    finally:
        store.close()


def test_a_late_page_never_moves_the_cursor_back(
    tmp_path: Path, settings: Settings, finished: Central
) -> None:
    store = desk_with_accepted_dossiers(tmp_path / "desk.sqlite3", settings, finished)
    try:
        updates = the_feed(finished)
        half = len(updates) // 2
        apply_updates(store, updates[half:], updates[-1].seq)
        apply_updates(store, updates[:half], updates[half - 1].seq)
        assert read_cursor(store) == updates[-1].seq
    finally:
        store.close()


def test_an_update_for_a_dossier_handed_over_here_waits_for_central_s_answer(
    tmp_path: Path, settings: Settings, finished: Central
) -> None:
    """The counter's own hand-over is still on its way to central: central's answer to it
    decides (protocol v2), so a conflicting update is noted, not forced over it. (Once no
    action of the counter waits, central's state is taken: tests/sync_events/test_converge.)"""
    from desk_app.lookup.actions import HandOver, hand_over

    store = desk_with_accepted_dossiers(tmp_path / "desk.sqlite3", settings, finished)
    try:
        updates = the_feed(finished)
        ready = next(u for u in updates if u.status is Status.READY)
        apply_updates(store, [ready], ready.seq)
        row = store.require(ready.code)
        from desk_app.lookup.detail import originals_at_pickup

        taken = [i.id for i in originals_at_pickup(row)]
        hand_over(
            store,
            ready.code,
            HandOver("Trần Văn Ba", "001099000123", taken),
            officer="A",
            at=ready.at,
        )
        late = StatusUpdate(
            seq=ready.seq + 10_000,
            code=ready.code,
            version=ready.version + 1,
            event="refuse",
            at=ready.at,
            status=Status.REFUSED,
            progress=ready.progress,
            reason="x",
        )
        tally = apply_updates(store, [late], late.seq)
        assert tally.deferred == 1
        assert store.require(ready.code).status is Status.HANDED_OVER
        assert store.audit_events(ready.code)[-1].action == "sync.update_deferred"
    finally:
        store.close()


def test_the_planner_walks_the_lifecycle() -> None:
    three = ["birth", "residence", "insurance"]
    assert plan(Status.ACCEPTED, [], Status.READY, three) == [
        (Event.PROGRESS, "birth"),
        (Event.PROGRESS, "residence"),
        (Event.PROGRESS, "insurance"),
        (Event.READY, None),
    ]
    assert plan(Status.IN_PROGRESS, ["birth"], Status.IN_PROGRESS, ["birth"]) == []
    assert plan(Status.ACCEPTED, [], Status.SUPPLEMENT_REQUESTED, ["birth"]) == [
        (Event.PROGRESS, "birth"),
        (Event.REQUEST_SUPPLEMENT, None),
    ]
    # Backwards is impossible: a newer state never returns to an older one.
    assert plan(Status.READY, three, Status.IN_PROGRESS, ["birth"]) is None


def test_a_civil_status_number_is_in_the_book_of_the_year_it_is_issued() -> None:
    """A birth registered in 2026 is entered in the 2026 register: "2445/2026", never "/2025"."""
    for year in (2026, 2027):
        now = datetime(year, 1, 2, 9, tzinfo=VN_TZ)
        for n in range(40):
            steps, _ = Simulation(seed=n, refuse_rate=0, supplement_rate=0).plan(f"C{n}", now)
            (birth,) = [s for s in steps if s.get("procedure") == "birth"]
            assert str(birth["reference"]).endswith(f"/{year}"), birth
