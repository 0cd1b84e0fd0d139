"""The App's bar for long work, driven with a pilot: the phase and counts in Vietnamese, and
Esc stopping the work at a boundary (the report screen's file, a big F9 sync round)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from central.faults import Hold
from desk_app.desk import Desk
from desk_app.reports import api
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.sync_state import read_state
from desk_app.sync import RetryPolicy
from screens.app import DeskApp
from screens.reports import ReportScreen
from screens.widgets.progress import ProgressDialog, WorkProgress
from tests.conftest import FIXED_NOW, signed_in
from tests.sync.conftest import TOKEN_ENV, Central, for_central, outbox_size, receive, start_central

QUICK = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)


def line_of(bar: WorkProgress) -> str:
    return str(bar.query_one("#work-line", Static).render())


def notices(app: DeskApp) -> str:
    return " ".join(n.message for n in app.notices)


async def until(pilot: Pilot[None], ready: threading.Event | asyncio.Event) -> None:
    if isinstance(ready, asyncio.Event):
        await asyncio.wait_for(ready.wait(), timeout=20)
    else:
        assert await asyncio.to_thread(ready.wait, 20)
    await pilot.pause()


async def test_a_report_file_shows_its_bar_and_esc_stops_it_before_writing(
    supervisor_desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendering, go_on = threading.Event(), threading.Event()
    real = api.summary_xlsx

    def slow_render(summary):  # type: ignore[no-untyped-def]
        rendering.set()
        assert go_on.wait(20)
        return real(summary)

    monkeypatch.setattr(api, "summary_xlsx", slow_render)
    app = DeskApp.for_desk(supervisor_desk)
    app.sync_policy = QUICK
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):  # the desk opens in a worker; its first sync round, another
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("f3")
        await until(pilot, rendering)
        bar = app.screen.query_one(WorkProgress)
        await pilot.pause()
        assert line_of(bar).startswith("Dựng tệp báo cáo: 1/3")
        assert bar.query_one(ProgressBar).total == 3
        await pilot.press("escape")  # stops the file, does not leave the screen
        assert "Đang dừng" in str(bar.query_one("#work-hint", Static).render())
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen) and not app.screen.query(WorkProgress)
        assert "Đã dừng theo yêu cầu: chưa ghi tệp báo cáo nào." in notices(app)
        folder = supervisor_desk.settings.paths.receipts
        assert not folder.exists() or not any(folder.glob("bao-cao-thang-*"))
        await pilot.press("escape")  # nothing running now: back home
        assert not isinstance(app.screen, ReportScreen)


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Central, Hold]]:
    """Central holding back its answer to the first batch until the test releases it."""
    hold = Hold("POST", "/v1/batches")
    running = start_central(tmp_path, hold=hold)
    yield running, hold
    hold.release.set()
    running.stop()


async def test_a_big_f9_round_shows_its_bar_and_esc_stops_it_between_batches(
    settings: Settings, held: tuple[Central, Hold], monkeypatch: pytest.MonkeyPatch
) -> None:
    central, hold = held
    monkeypatch.setenv(TOKEN_ENV, central.token)
    desk = signed_in(Desk.open(for_central(settings, central.url), clock=lambda: FIXED_NOW))
    other = Store.open(desk.settings.paths.database)
    ended = asyncio.Event()

    def hook(message: Message) -> None:
        if isinstance(message, DeskApp.SyncFinished):
            ended.set()

    app = DeskApp.for_desk(desk)
    app.sync_policy = QUICK
    try:
        async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
            await until(pilot, ended)  # the round on opening: nothing to send
            codes = set(receive(other, 150))
            app.post_message(DeskApp.SyncStateRead(read_state(other)))  # the status timer's news
            await pilot.pause()
            ended.clear()
            await pilot.press("f9")
            await until(pilot, hold.reached)  # the first batch is at central, its answer held
            assert isinstance(app.screen, ProgressDialog)
            bar = app.screen.query_one(WorkProgress)
            assert line_of(bar) == "Gửi hồ sơ lên trung tâm: 0/150"
            await pilot.press("escape")
            hold.release.set()
            await until(pilot, ended)
            assert not isinstance(app.screen, ProgressDialog)
            assert "Đã dừng đồng bộ theo yêu cầu: còn 100 hồ sơ chờ gửi" in notices(app)
            assert outbox_size(other) == 100  # the first batch applied; the rest waits

            ended.clear()
            app.post_message(DeskApp.SyncStateRead(read_state(other)))
            await pilot.press("f9")  # the rest goes, nothing twice
            await until(pilot, ended)
            assert outbox_size(other) == 0 and set(central.dossiers()) == codes
            assert central.rows("SELECT count(*) FROM dossiers") == [(150,)]
    finally:
        other.close()
        desk.close()
