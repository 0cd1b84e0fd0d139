"""A desk's sync round against the real central server: what the officer sees afterwards."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from central.protocol import content_hash
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import CentralClient, RetryPolicy, footer_line, read_state, run_round, sync_once
from desk_app.sync.retry import parse_retry_after
from tests.conftest import FIXED_NOW
from tests.sync.conftest import (
    TOKEN_ENV,
    Central,
    for_central,
    outbox_size,
    post_batch,
    receive,
    start_central,
)

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


def env(central: Central) -> dict[str, str]:
    return {TOKEN_ENV: central.token}


def test_round_ships_the_outbox_and_flags_what_central_rejects(
    central: Central, settings: Settings, store: Store
) -> None:
    codes = receive(store, 7)
    # Central already holds the third code with other content: it must refuse to overwrite it.
    with central.http(central.token) as http:
        other = {"child": {"full_name": "LÊ VĂN KHÁC"}}
        post_batch(
            http,
            {
                "dossiers": [
                    {
                        "code": codes[2],
                        "content_hash": content_hash(other),
                        "received_at": FIXED_NOW.isoformat(),
                        "declarations": other,
                    }
                ]
            },
            key="prefilled-1",
        ).raise_for_status()
    settings = for_central(settings, central.url, batch_size=3)

    report = sync_once(store, settings, env=env(central), policy=FAST)

    assert report.ok and report.batches == 3 and report.accepted == 6
    assert [code for code, _ in report.rejected] == [codes[2]]
    assert outbox_size(store) == 0
    flagged = store.require(codes[2])
    assert flagged.status is Status.REJECTED
    assert "đã được gửi lên với nội dung khác" in (flagged.status_reason or "")
    for code in codes[:2] + codes[3:]:
        row = store.require(code)
        assert row.status is Status.ACCEPTED and row.central_id
        assert [e.action for e in store.audit_events(code)] == ["receive", "send", "accept"]
    held = central.dossiers()
    assert all(held[c][0] == store.require(c).content_hash for c in codes if c != codes[2])
    state = read_state(store)
    assert (state.online, state.waiting, state.rejected) == (True, 0, 1)
    assert state.last_success_at is not None


def test_status_updates_bring_references_and_reasons_to_the_desk(
    tmp_path, settings: Settings, store: Store, central_target: str
) -> None:
    from central.agencies import Simulation

    central = start_central(
        tmp_path,
        target=central_target,
        simulation=Simulation(seed=5, supplement_rate=0.2, refuse_rate=0.2),
    )
    try:
        settings = for_central(settings, central.url, batch_size=50)
        codes = receive(store, 40)
        assert sync_once(store, settings, env=env(central), policy=FAST).ok
        central.finish_everything()
        report = sync_once(store, settings, env=env(central), policy=FAST)
        assert report.ok and report.updates > 40
        held = central.dossiers()
        outcomes = set()
        for code in codes:
            row = store.require(code)
            _, status, progress = held[code]
            outcomes.add(status)
            assert row.status.value == status
            assert row.done == set(progress)
            if status in ("refused", "supplement_requested"):
                assert row.status_reason
                assert (code, status, row.status_reason) in report.attention
            refs = dict(
                store.conn.execute(
                    "SELECT procedure, reference FROM procedure_progress WHERE dossier_id = ?",
                    (row.id,),
                ).fetchall()
            )
            assert refs == progress
        assert {"ready", "refused"} <= outcomes
        ready = next(c for c in codes if held[c][1] == "ready")
        assert held[ready][2]["insurance"].startswith("TE1")
        # Nothing new: a further round applies nothing and moves nothing.
        again = sync_once(store, settings, env=env(central), policy=FAST)
        assert again.ok and again.updates == 0
    finally:
        central.server.stop()
        central.store.close()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_offline_round_keeps_everything_and_says_so(
    central: Central, settings: Settings, store: Store
) -> None:
    codes = receive(store, 3)
    offline = for_central(settings, closed_port_url(), timeout=0.5)
    report = sync_once(store, offline, env=env(central), policy=FAST)
    assert not report.ok and "không kết nối được" in (report.error or "")
    assert report.waiting == 3 and outbox_size(store) == 3
    assert all(store.require(c).status is Status.RECEIVED for c in codes)
    state = read_state(store)
    line = footer_line(state, running=False, now=datetime.now(UTC))
    assert line.startswith("○ Mất kết nối") and "Chờ gửi: 3" in line
    assert store.conn.execute("SELECT min(attempts) FROM outbox").fetchone() == (1,)
    # Back online: the same dossiers go, under the key of the batch that failed.
    (key,) = {k for (k,) in store.conn.execute("SELECT batch_key FROM outbox")}
    online = sync_once(store, for_central(settings, central.url), env=env(central), policy=FAST)
    assert online.ok and online.accepted == 3 and outbox_size(store) == 0
    assert central.rows("SELECT key FROM batches") == [(key,)]
    assert footer_line(read_state(store), running=False, now=datetime.now(UTC)).startswith(
        "● Trực tuyến · Chờ gửi: 0"
    )


def test_missing_or_wrong_token_ends_the_round_with_a_message(
    central: Central, settings: Settings, store: Store
) -> None:
    receive(store, 1)
    settings = for_central(settings, central.url)
    wrong = sync_once(store, settings, env={TOKEN_ENV: "wrong-token-value"}, policy=FAST)
    none = sync_once(store, settings, env={}, policy=FAST)
    assert "không chấp nhận token" in (wrong.error or "")
    assert TOKEN_ENV in (none.error or "") and "trống" in (none.error or "")
    assert outbox_size(store) == 1 and central.dossiers() == {}


def test_plain_http_to_another_machine_is_refused_before_connecting(
    settings: Settings, store: Store
) -> None:
    receive(store, 1)
    remote = for_central(settings, "http://tw.example.invalid:8765")
    report = sync_once(store, remote, env={TOKEN_ENV: "t" * 20}, policy=FAST)
    assert "phải dùng https://" in (report.error or "")
    assert outbox_size(store) == 1


def test_the_token_is_never_logged_stored_or_shown(
    central: Central, settings: Settings, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    receive(store, 4)
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    settings = for_central(settings, central.url)
    sync_once(store, settings, env=env(central), policy=FAST)
    sync_once(store, for_central(settings, closed_port_url()), env=env(central), policy=FAST)
    with CentralClient(settings.central, central.token) as client:
        shown = repr(client) + str(vars(client))
    assert caplog.records  # the logs were really captured
    assert central.token not in caplog.text
    assert central.token not in shown
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert central.token.encode() not in settings.paths.database.read_bytes()


def test_retry_after_is_honoured(tmp_path, settings: Settings, store: Store) -> None:
    from central.faults import FaultPlan

    central = start_central(tmp_path, faults=FaultPlan(rates={"unavailable": 1.0}, retry_after="2"))
    assert central.faults is not None
    waits: list[float] = []

    def wait(seconds: float) -> None:  # the desk asks to wait; central is back afterwards
        waits.append(seconds)
        central.faults.enabled = False  # type: ignore[union-attr]

    try:
        receive(store, 2)
        settings = for_central(settings, central.url)
        with CentralClient(settings.central, central.token, policy=FAST, sleep=wait) as client:
            report = run_round(store, client, settings)
        assert report.ok and report.accepted == 2
        assert len(waits) == 1 and 2.0 <= waits[0] <= 2.2
        # A server asking for more than a round should block ends the round at once.
        central.faults.enabled = True
        central.faults.plan.retry_after = "3600"
        receive(store, 1, start=10)
        with CentralClient(settings.central, central.token, policy=FAST, sleep=wait) as client:
            later = run_round(store, client, settings)
        assert "hẹn thử lại sau 3600 giây" in (later.error or "") and len(waits) == 1
    finally:
        central.server.stop()
        central.store.close()


def test_transport_failures_are_retried_with_growing_jittered_backoff(
    tmp_path, settings: Settings, store: Store
) -> None:
    from central.faults import FaultPlan

    central = start_central(tmp_path, faults=FaultPlan(rates={"reset": 1.0}))
    waits: list[float] = []
    policy = RetryPolicy(attempts=5, base=0.1, cap=0.3)
    try:
        receive(store, 1)
        settings = for_central(settings, central.url)
        with CentralClient(settings.central, central.token, policy=policy, sleep=waits.append) as c:
            report = run_round(store, c, settings)
        assert "sau 5 lần thử" in (report.error or "")
        assert central.faults is not None and central.faults.injected["reset"] == 5
        assert len(waits) == 4
        assert all(0 <= w <= min(0.3, 0.1 * 2**i) for i, w in enumerate(waits))
    finally:
        central.server.stop()
        central.store.close()


def test_retry_after_as_seconds_or_http_date() -> None:
    now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Tue, 24 Nov 2026 02:00:30 GMT", now) == 30
    assert parse_retry_after("Tue, 24 Nov 2026 01:00:00 GMT", now) == 0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def test_backoff_bound_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base=1, cap=8)
    for retry, bound in enumerate([1, 2, 4, 8, 8]):
        draws = [policy.backoff(retry) for _ in range(200)]
        assert min(draws) >= 0 and max(draws) <= bound
        assert max(draws) > bound / 2  # jitter spreads over the whole range
    assert all(10 <= policy.after(10) <= 11 for _ in range(100))
