"""Events figures: 5,000 counter actions shipped to the reference central server, against a floor.

A busy counter that was offline for a while comes back with a day's actions to tell central:
1,000 dossiers central already holds, each with four receipt reprints and then a
cancellation (in that order, as recorded at the counter), 5,000 events in all. Central runs as
its own process (`python -m central`, agencies paused) on a copy of a database that already
holds the dossiers, and the desk's database is a copy of one whose outbox holds the events;
one sync round (`sync_once`, as `desk sync` runs it) then ships them in batches of 50 (the
sample desk.toml's) and of 500, and reads the office's feed back — each applied action comes
back as an update of its dossier, so the round ends with the desk agreeing with central.

The floor is the same number of bare HTTP POSTs of the very same request bodies to a bare
Starlette endpoint that stores each body's events in one transaction
(:mod:`bench.floor_server`): what moving those bytes and storing them durably costs on this
machine. Floor and round alternate, twice each per batch size; the budget is on the ratio of
their times (see :class:`bench.figures.Pairs`); events per second are kept for the record,
with the share of the round spent shipping (the rest is the feed read back).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from bench.bench_sync import _central, _fill_outbox, _ready, _server
from bench.figures import Figure, Pairs
from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.lookup.actions import cancel
from desk_app.store import Store, dossier_events
from desk_app.store.event_outbox import EventBatch, OutgoingEvent
from desk_app.sync import RetryPolicy, sync_once
from desk_app.sync.wire import events_body

DOSSIERS = 1_000
REPRINTS = 4
"""Reprints per dossier before its cancellation: 5 events a dossier, 5,000 in all."""
EVENTS = DOSSIERS * (REPRINTS + 1)
BATCH_SIZES = (50, 500)
REPEAT = 2
RATIO_BUDGETS = {50: 10.0, 500: 18.0}
"""Per batch size, how many times the bare HTTP floor a round may cost. Set from measurement
(7× and 14× on the 2-core reference machine), with room for its noise: per event central
checks the id was not seen, locks and checks the dossier, keeps the event, rewrites the
dossier's row and writes a feed entry (~200 µs of Python and SQLite), and the desk reads each
entry back in the same round — where the bare endpoint inserts one row. Large batches make
the floor cheaper per event (one request for 500), not central's work: hence the higher
ratio at 500."""
OFFICER = "Nguyễn Thị Minh Thư"
SUFFIXES = ("", "-wal", "-shm")


def _env(url: str, token: str, size: int) -> dict[str, str]:
    return {
        "DESK_CENTRAL__URL": url,
        "DESK_CENTRAL_TOKEN": token,
        "DESK_CENTRAL__BATCH_SIZE": str(size),
    }


def _copy_db(source: Path, target: Path) -> None:
    """A SQLite database with its WAL files (those that exist)."""
    for suffix in SUFFIXES:
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def _templates(tmp: Path) -> tuple[Path, Path, str]:
    """(desk database with 5,000 events waiting, central database holding the dossiers, token).

    The dossiers are shipped to a fresh central by a real round first, so both sides hold them
    as they would after a day at the counter; then the actions are recorded as the counter
    records them (:func:`desk_app.store.dossier_events.record`, the cancellation through
    :func:`desk_app.lookup.actions.cancel` with its lifecycle event and audit entry).
    """
    folder = tmp / "template"
    folder.mkdir()
    command, token = _central(folder)
    desk_db = folder / "desk.sqlite3"
    store = Store.open(desk_db)
    try:
        _fill_outbox(store, DOSSIERS)
        with _server(command, " tại ") as (url, _):
            _ready(url)
            env = _env(url, token, 500)
            settings = load_config(make_demo(folder / "desk"), env=env).settings
            report = sync_once(store, settings, env=env, policy=RetryPolicy(attempts=3))
            if not report.ok or report.accepted != DOSSIERS:
                raise RuntimeError(f"the dossiers did not reach central: {report.error}")
        codes = [c for (c,) in store.rows("SELECT code FROM dossiers ORDER BY id")]
        at = datetime(2026, 11, 26, 8, tzinfo=VN_TZ)
        with store.transaction() as db:
            for n, code in enumerate(codes):
                for copy in range(REPRINTS):
                    when = at + timedelta(seconds=n * 10 + copy)
                    data = {"content_version": 1}
                    dossier_events.record(db, code, "reprint", data, officer=OFFICER, at=when)
        for n, code in enumerate(codes):
            when = at + timedelta(seconds=n * 10 + REPRINTS)
            cancel(store, code, "Công dân rút hồ sơ", officer=OFFICER, at=when)
        (waiting,) = store.rows("SELECT count(*) FROM outbox WHERE kind = 'event'")[0]
        if waiting != EVENTS:
            raise RuntimeError(f"{waiting} events waiting instead of {EVENTS}")
    finally:
        store.close()
    return desk_db, folder / "central.sqlite3", token


def _bodies(desk_db: Path, size: int) -> list[bytes]:
    """The request bodies a round sends for these events in batches of ``size``."""
    store = Store.open(desk_db)
    try:
        rows = store.rows(
            "SELECT o.id, e.id, d.id, d.code, e.kind, e.at, e.officer, e.data FROM outbox o "
            "JOIN dossier_events e ON e.id = o.event_id JOIN dossiers d ON d.id = o.dossier_id "
            "WHERE o.kind = 'event' ORDER BY o.id"
        )
    finally:
        store.close()
    events = [OutgoingEvent(*r) for r in rows]
    return [
        events_body(EventBatch(f"floor-{n}", tuple(events[n : n + size])))
        for n in range(0, len(events), size)
    ]


def _floor_seconds(url: str, bodies: list[bytes]) -> float:
    """Time to POST every body to the bare endpoint, one after the other."""
    with httpx.Client(base_url=url, timeout=60) as client:
        start = time.perf_counter()
        for body in bodies:
            client.post(
                "/events", content=body, headers={"Content-Type": "application/json"}
            ).raise_for_status()
        return time.perf_counter() - start


def _round_seconds(tmp: Path, templates: tuple[Path, Path, str], size: int) -> tuple[float, float]:
    """One round shipping a fresh copy of the events to a fresh copy of central: (round
    seconds, of which shipping the events)."""
    desk_db, central_db, token = templates
    folder = Path(tempfile.mkdtemp(dir=tmp))
    _copy_db(central_db, folder / "central.sqlite3")
    command = [sys.executable, "-m", "central", "--db", str(folder / "central.sqlite3")]
    command += ["--port", "0", "--no-simulation"]
    stamps: dict[str, float] = {}

    def seen(stage: str) -> None:
        stamps.setdefault(stage, time.perf_counter())
        if stage == "events-applied":
            stamps["shipped"] = time.perf_counter()

    with _server(command, " tại ") as (url, _):
        _ready(url)
        env = _env(url, token, size)
        settings = load_config(make_demo(folder / "desk"), env=env).settings
        _copy_db(desk_db, settings.paths.database)
        store = Store.open(settings.paths.database)
        try:
            started = time.perf_counter()
            report = sync_once(
                store, settings, env=env, policy=RetryPolicy(attempts=3), observe=seen
            )
            elapsed = time.perf_counter() - started
            (left,) = store.rows("SELECT count(*) FROM outbox")[0]
            (cancelled,) = store.rows("SELECT count(*) FROM dossiers WHERE status = 'cancelled'")[0]
        finally:
            store.close()
    shutil.rmtree(folder, ignore_errors=True)
    if not report.ok or report.events != EVENTS or left or report.refused_events:
        raise RuntimeError(f"events not all applied: {report.error} ({left} left)")
    if cancelled != DOSSIERS:
        raise RuntimeError(f"{cancelled} dossiers cancelled at the desk after the round")
    return elapsed, stamps["shipped"] - stamps.get("events-prepared", started)


def run() -> list[Figure]:
    """Per batch size: round ÷ bare HTTP floor, events per second."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-events-") as name:
        tmp = Path(name)
        templates = _templates(tmp)
        bodies = {size: _bodies(templates[0], size) for size in BATCH_SIZES}
        with _server(
            [sys.executable, "-m", "bench.floor_server", str(tmp / "floor.sqlite3")], "FLOOR "
        ) as (floor_url, _):
            _floor_seconds(floor_url, bodies[BATCH_SIZES[0]][:5])  # warm the endpoint
            for size in BATCH_SIZES:
                pairs, shipping = Pairs(), []
                for _ in range(REPEAT):
                    floor = _floor_seconds(floor_url, bodies[size])
                    elapsed, shipped = _round_seconds(tmp, templates, size)
                    pairs.add(elapsed, floor)
                    shipping.append(shipped)
                elapsed, floor = pairs.value, pairs.floor
                figures.append(
                    Figure(
                        f"ship {EVENTS:,} counter actions to the local central server, "
                        f"batches of {size}",
                        EVENTS / elapsed,
                        "events/s",
                        better="higher",
                        floor=EVENTS / floor,
                        floor_name="bare POSTs of the same bodies to a bare Starlette endpoint",
                        ratio_budget=RATIO_BUDGETS[size],
                        pair_ratio=pairs.ratio,
                        note=f"{elapsed:.1f} s against {floor:.1f} s, of which shipping "
                        f"{min(shipping):.1f} s and the feed read back the rest; "
                        "central in its own process",
                    )
                )
    return figures
