"""The App's sync worker and the sync line every screen shows, driven with a pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from desk_app.desk import Desk
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import RetryPolicy
from screens.app import DeskApp
from screens.widgets.sync_status import SyncStatusBar
from tests.conftest import FIXED_NOW, signed_in
from tests.sync.conftest import TOKEN_ENV, Central, for_central, outbox_size, receive

QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


@pytest.fixture
def desk(settings: Settings, central: Central, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setenv(TOKEN_ENV, central.token)
    opened = signed_in(Desk.open(for_central(settings, central.url), clock=lambda: FIXED_NOW))
    yield opened
    opened.close()


def app_for(desk: Desk) -> DeskApp:
    app = DeskApp.for_desk(desk)
    app.sync_policy = QUICK
    return app


def line(app: DeskApp) -> str:
    return str(app.screen.query_one(SyncStatusBar).render())


class Rounds:
    """Counts sync rounds ended (finished or failed), as the App receives the news."""

    def __init__(self) -> None:
        self.ended = 0
        self.changed = asyncio.Event()

    def hook(self, message: Message) -> None:
        failed = (
            isinstance(message, Worker.StateChanged)
            and message.worker.group == "sync"
            and message.state is WorkerState.ERROR
        )
        if isinstance(message, DeskApp.SyncFinished) or failed:
            self.ended += 1
            self.changed.set()

    async def wait(self, count: int, pilot) -> None:  # type: ignore[no-untyped-def]
        """Until ``count`` rounds have ended and the App has shown the outcome."""
        while self.ended < count:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), timeout=20)
        await pilot.pause()


async def test_the_desk_syncs_when_it_opens_and_on_f9(desk: Desk, central: Central) -> None:
    other = Store.open(desk.settings.paths.database)  # the wizard, in effect
    first = receive(other, 3)
    app, rounds = app_for(desk), Rounds()
    try:
        async with app.run_test(size=(120, 30), message_hook=rounds.hook) as pilot:
            await rounds.wait(1, pilot)
            assert set(central.dossiers()) == set(first)
            assert line(app).startswith("● Trực tuyến · Chờ gửi: 0 · Đồng bộ thành công lần cuối:")

            more = receive(other, 2, start=3)
            await pilot.press("f9")
            await rounds.wait(2, pilot)
            assert set(central.dossiers()) == set(first + more)
            assert outbox_size(other) == 0
            messages = [n.message for n in app._notifications]
            assert any("Đã đồng bộ: gửi 2 hồ sơ" in m for m in messages)

            shown = {b.id: b for _, b, *_ in app.active_bindings.values() if b.show}
            assert shown["app.sync"].tooltip and shown["app.sync"].description == "Đồng bộ"
    finally:
        other.close()


async def test_offline_shows_in_the_line_on_every_screen(desk: Desk, central: Central) -> None:
    other = Store.open(desk.settings.paths.database)
    app, rounds = app_for(desk), Rounds()
    try:
        async with app.run_test(size=(120, 30), message_hook=rounds.hook) as pilot:
            await rounds.wait(1, pilot)
            central.server.stop()  # the network goes away
            receive(other, 1)
            await pilot.press("f9")
            await rounds.wait(2, pilot)
            assert line(app).startswith("○ Mất kết nối · Chờ gửi: 1")
            assert any("Không liên lạc được" in n.message for n in app._notifications)

            class Elsewhere(Screen[None]):
                def compose(self):  # type: ignore[no-untyped-def]
                    yield Footer()

            await app.push_screen(Elsewhere())
            await pilot.pause()
            assert line(app).startswith("○ Mất kết nối · Chờ gửi: 1")
            # The line sits on its own row above the keys, not on top of them.
            bar = app.screen.query_one(SyncStatusBar).region
            keys = app.screen.query_one(Footer).region
            assert bar.height == 1 and not bar.overlaps(keys)
    finally:
        other.close()


async def test_a_failing_round_is_reported_once_and_the_next_can_run(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def broken(*args: object, **kwargs: object) -> None:
        calls.append(1)
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr("desk_app.sync.sync_once", broken)
    app, rounds = app_for(desk), Rounds()
    async with app.run_test(size=(120, 30), message_hook=rounds.hook) as pilot:
        await rounds.wait(1, pilot)
        assert not app.sync_running
        assert [n.message for n in app._notifications if "RuntimeError" in n.message]
        await pilot.press("f9")
        await rounds.wait(2, pilot)
        assert len(calls) == 2
