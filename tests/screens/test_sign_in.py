"""Signing in at the start, and the lock that hides citizen data and gives the dossier back."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

import screens.app
from desk_app.demo import DEMO_OFFICER, DEMO_SIGN_IN_HINT, DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.officers import Action, get, set_active
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.home import HomeScreen
from screens.sign_in import SignInScreen
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW
from tests.notices import Notices
from tests.wizard.test_snapshots import reference

THU, THU_PASSWORD, THU_NAME = DEMO_OFFICER


@dataclass
class Door:
    """The app on the demo desk, started by someone who has not signed in."""

    app: DeskApp
    pilot: Pilot
    desk: Desk
    now: list[float]
    """The idle clock the app reads: tests move it forward."""
    notices: Notices
    """What the app told the officer."""

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def type(self, text: str, into: str) -> None:
        self.app.screen.query_one(into, Input).focus()
        await self.pilot.pause()
        for char in text:
            await self.pilot.press("space" if char == " " else char)

    async def sign_in(self, username: str, password: str) -> None:
        if username:
            await self.type(username, "#username")
        await self.type(password, "#password")
        await self.pilot.press("enter")
        await self.settle()
        await self.settle()

    def message(self) -> str:
        return str(self.app.screen.query_one("#sign-in-message", Static).render())

    def visible_text(self) -> str:
        """Everything on the terminal now, as plain text."""
        svg = self.app.export_screenshot()
        return html.unescape(svg).replace("\xa0", " ")

    async def idle(self, minutes: float) -> None:
        self.now[0] += minutes * 60
        await self.pilot.pause(0.2)
        await self.settle()


@pytest.fixture
async def door(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Door]:
    monkeypatch.setattr(screens.app, "IDLE_CHECK_SECONDS", 0.05)
    desk.signed_in = None
    app = DeskApp.for_desk(desk, sign_in_hint=DEMO_SIGN_IN_HINT)
    app.sync_policy = RetryPolicy(attempts=1)
    now = [1000.0]
    app.idle_clock = lambda: now[0]
    notices = Notices()
    async with app.run_test(size=(100, 32), notifications=True, message_hook=notices.hook) as pilot:
        opened = Door(app, pilot, desk, now, notices)
        await opened.settle()
        yield opened


async def test_the_app_starts_on_sign_in_showing_the_demo_accounts(door: Door) -> None:
    assert isinstance(door.app.screen, SignInScreen)
    assert door.app.focused is door.app.screen.query_one("#username")
    assert "thu / motcua2026" in door.visible_text()
    await door.pilot.press("ctrl+p")  # nothing to reach before signing in
    await door.pilot.pause()
    assert isinstance(door.app.screen, SignInScreen)


async def test_a_wrong_password_is_said_on_the_screen_and_the_right_one_opens_home(
    door: Door,
) -> None:
    await door.sign_in(THU, "motcua2025")
    assert isinstance(door.app.screen, SignInScreen)
    assert "không đúng" in door.message()
    assert door.app.screen.query_one("#password", Input).value == ""  # ready to try again
    assert door.desk.signed_in is None
    await door.type(THU_PASSWORD, "#password")
    await door.pilot.press("enter")
    await door.settle()
    await door.settle()
    assert isinstance(door.app.screen, HomeScreen)
    assert door.desk.signed_in is not None and door.desk.signed_in.username == THU
    assert THU_NAME in door.visible_text()


async def test_typing_ahead_without_waiting_for_the_screen_signs_in(door: Door) -> None:
    """A burst "thu⏎motcua2026⏎" (a fast typist, or keys sent by a terminal at once)."""
    for key in [*THU, "enter", *THU_PASSWORD, "enter"]:
        door.app.post_message(events.Key(key, "\r" if key == "enter" else key))
    await door.settle()
    await door.settle()
    assert isinstance(door.app.screen, HomeScreen), door.message()


async def test_five_wrong_passwords_lock_the_account_on_screen(door: Door) -> None:
    await door.type(THU, "#username")
    for attempt in range(5):
        await door.type(f"sai-mat-khau-{attempt}", "#password")
        await door.pilot.press("enter")
        await door.settle()
    assert "bị khóa đến" in door.message()
    await door.type(THU_PASSWORD, "#password")
    await door.pilot.press("enter")
    await door.settle()
    assert "tạm khóa" in door.message()
    assert isinstance(door.app.screen, SignInScreen)


async def test_a_disabled_officer_cannot_sign_in_on_screen(door: Door) -> None:
    set_active(
        door.desk.store, THU, False, by=get(door.desk.store, DEMO_SUPERVISOR[0]), at=FIXED_NOW
    )
    await door.sign_in(THU, THU_PASSWORD)
    assert isinstance(door.app.screen, SignInScreen)
    assert "ngừng sử dụng" in door.message()


async def test_an_empty_field_is_named(door: Door) -> None:
    await door.pilot.press("enter")  # on the username field: on to the password
    await door.pilot.press("enter")
    await door.pilot.pause()
    assert door.message() == "Tên đăng nhập: chưa nhập."


async def in_the_middle_of_a_dossier(door: Door) -> tuple[WizardScreen, Input]:
    """Signed in, the child page of a dossier open, a name half typed into a field."""
    await door.sign_in(THU, THU_PASSWORD)
    wizard = WizardScreen(door.desk, data=reference(), step="child")
    await door.app.push_screen(wizard)
    await door.settle()
    field = door.app.focused
    assert isinstance(field, Input)
    field.value = ""
    for char in "Tran Minh Kh":
        await door.pilot.press("space" if char == " " else char)
    await door.pilot.pause()
    return wizard, field


async def test_idle_time_locks_the_screen_and_hides_citizen_data(door: Door) -> None:
    wizard, _ = await in_the_middle_of_a_dossier(door)
    assert "Tran Minh Kh" in door.visible_text()
    await door.idle(4.9)
    assert door.app.screen is wizard  # not yet: five minutes by default
    door.app.notify("Hồ sơ 000.00.01.H26-261124-1001: Nguyễn Thị Lan")  # arrives while away
    await door.idle(0.2)
    assert isinstance(door.app.screen, SignInScreen)
    shown = door.visible_text()
    for private in ("Tran Minh Kh", "Nguyễn Thị Lan", "001194012345", "Trần Minh An"):
        assert private not in shown
    assert THU_NAME in shown  # whose password unlocks it
    events = [e for e in door.desk.store.audit_events() if e.action == Action.SCREEN_LOCKED]
    assert [e.detail["reason"] for e in events] == ["idle"]


async def test_unlocking_resumes_the_same_dossier_at_the_same_field(door: Door) -> None:
    wizard, field = await in_the_middle_of_a_dossier(door)
    door.app.notify("Đồng bộ xong", title="Đồng bộ")
    await door.pilot.pause()
    assert "Đồng bộ xong" in door.visible_text()
    await door.pilot.press("f12")
    await door.settle()
    assert isinstance(door.app.screen, SignInScreen)
    assert "Đồng bộ xong" not in door.visible_text()  # what was shown goes with the lock
    door.notices.forget()  # from the lock on
    assert not door.app.screen.query("#username")  # only the same officer's password
    await door.pilot.press("ctrl+p")  # the palette (new dossier, drafts…) stays shut
    await door.pilot.pause()
    assert isinstance(door.app.screen, SignInScreen)
    door.app.notify("Hồ sơ bị trả lại", title="Đồng bộ")
    await door.pilot.pause()
    assert door.notices.messages == []  # held, not shown
    assert "Hồ sơ bị trả lại" not in door.visible_text()
    await door.sign_in("", "sai-mat-khau")
    assert isinstance(door.app.screen, SignInScreen) and "không đúng" in door.message()
    await door.sign_in("", THU_PASSWORD)
    assert door.app.screen is wizard
    assert door.app.focused is field and field.value == "Tran Minh Kh"
    assert wizard.current == "child"
    assert door.notices.messages == ["Hồ sơ bị trả lại"]
    assert "Hồ sơ bị trả lại" in door.visible_text()
    await door.pilot.press("n")  # and typing goes on where it stopped
    assert field.value == "Tran Minh Khn"


# --- what the screen looks like -------------------------------------------------------------


def test_sign_in_snapshot(snap_compare: Any, desk: Desk) -> None:
    """The first screen of the demo desk, at the smallest terminal supported."""
    desk.signed_in = None
    app = DeskApp.for_desk(desk, sign_in_hint=DEMO_SIGN_IN_HINT)
    app.sync_policy = RetryPolicy(attempts=1)

    async def before(pilot: Pilot) -> None:
        await app.workers.wait_for_complete()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_lock_snapshot_hides_the_dossier_in_progress(snap_compare: Any, desk: Desk) -> None:
    """Locked over a half-typed child page: the officer's name, no citizen data at all."""
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1)

    async def before(pilot: Pilot) -> None:
        await app.workers.wait_for_complete()
        await app.push_screen(WizardScreen(desk, data=reference(), step="child"))
        await app.workers.wait_for_complete()
        await pilot.press("K", "h", "a", "n", "h")
        await pilot.press("f12")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 32), run_before=before)


def test_sign_in_snapshot_high_contrast(snap_compare: Any, desk: Desk) -> None:
    """The sign-in screen in the high-contrast theme (set on the app: nobody is signed in)."""
    from screens.themes import HIGH_CONTRAST_THEME

    desk.signed_in = None
    app = DeskApp.for_desk(desk, sign_in_hint=DEMO_SIGN_IN_HINT)
    app.sync_policy = RetryPolicy(attempts=1)

    async def before(pilot: Pilot) -> None:
        app.theme = HIGH_CONTRAST_THEME
        await app.workers.wait_for_complete()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_lock_snapshot_high_contrast(snap_compare: Any, desk: Desk) -> None:
    """The lock screen keeps the officer's high-contrast theme."""
    from screens.themes import HIGH_CONTRAST_THEME

    desk.remember_theme(HIGH_CONTRAST_THEME)
    test_lock_snapshot_hides_the_dossier_in_progress(snap_compare, desk)


async def test_a_desk_opened_with_an_officer_signed_in_skips_the_sign_in(desk: Desk) -> None:
    """``DeskApp(open_desk)`` whose desk comes back signed in (embedding, the benchmarks)."""
    app = DeskApp(lambda: desk)
    app.sync_policy = RetryPolicy(attempts=1)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+n", "1")  # the birth interlink, from the chooser
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
