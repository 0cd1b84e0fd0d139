"""The App's sync worker and the sync line every screen shows, driven with a pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

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
from tests.notices import Notices
from tests.sync.conftest import OFFICE, TOKEN_ENV, Central, for_central, outbox_size, receive

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
    """Counts sync rounds ended (finished or failed), as the App receives the news, and
    keeps what the App told the officer (:attr:`notices`; ``hook`` is both)."""

    def __init__(self) -> None:
        self.ended = 0
        self.changed = asyncio.Event()
        self.notices = Notices(then=self._count)

    def hook(self, message: Message) -> None:
        """For ``run_test(message_hook=...)``."""
        self.notices.hook(message)

    def _count(self, message: Message) -> None:
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
            assert any("Đã đồng bộ: gửi 2 hồ sơ" in m for m in rounds.notices.messages)

            # F9 is the App's on every screen; home's footer shows it (as "home.sync").
            shown = {b.action: b for _, b, *_ in app.active_bindings.values() if b.show}
            f9 = shown["app.sync_now"]
            assert f9.key == "f9" and f9.tooltip and f9.description == "Đồng bộ"
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
            assert any("Không liên lạc được" in m for m in rounds.notices.messages)

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
        assert len([m for m in rounds.notices.messages if "RuntimeError" in m]) == 1
        await pilot.press("f9")
        await rounds.wait(2, pilot)
        assert len(calls) == 2


async def settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the workers started so far have finished and their messages are handled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_dossier_set_aside_is_told_shown_with_its_reason_and_sent_again_with_g(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    from dataclasses import replace

    from desk_app.attachfiles import store_file
    from desk_app.store.sync_held import held_of
    from screens.dossier_view import DossierScreen
    from tests.conftest import sample_dossier
    from tests.scans import pdf

    other = Store.open(desk.settings.paths.database)
    source = tmp_path / "scan.pdf"
    source.write_bytes(pdf("poison"))
    sha = store_file(source, desk.settings.paths.attachments, other, at=FIXED_NOW).sha256
    new = replace(sample_dossier(child="[b]Bé[/b] Lỗi"), files=[("x" * 101, sha, False)])
    poison = other.save_dossier(
        new, agency_code=OFFICE, desk_number=1, officer="Nguyễn Thị Minh Thư", received_at=FIXED_NOW
    ).code
    fine = receive(other, 2)
    app, rounds = app_for(desk), Rounds()
    try:
        async with app.run_test(size=(120, 40), notifications=True, message_hook=rounds.hook) as p:
            await rounds.wait(1, p)
            assert set(central.dossiers()) == set(fine)
            told = rounds.notices.messages
            assert any("1 hồ sơ bị tạm giữ" in m and poison in m for m in told), told
            assert "Tạm giữ: 1" in line(app)

            screen = DossierScreen(poison)
            await app.push_screen(screen)
            await settle(app, p)
            assert screen.detail is not None
            head = str(screen.query_one("#dossier-head").render())
            assert "Tạm giữ, chưa gửi lên hệ thống: Hệ thống trung tâm từ chối nhận hồ sơ" in head
            shown = {b.id for _, b, *_ in app.active_bindings.values() if b.show}
            assert "dossier.retry_sync" in shown

            await p.press("g")
            await settle(app, p)  # the release, then the dossier read again
            await settle(app, p)
            assert held_of(other, poison) is None and screen.held is None
            events = [e.action for e in other.audit_events(poison)]
            assert events[-1] == "sync.released"
            assert other.audit_events(poison)[-1].officer == desk.officer
            shown = {b.id for _, b, *_ in app.active_bindings.values() if b.show}
            assert "dossier.retry_sync" not in shown
    finally:
        other.close()
