"""F1 on every screen lists its keys in Vietnamese from the bindings themselves; the palette
names each action once; the footer starts with F1 and fits 80 columns; messages take rows of
their own instead of covering the screen; the lock asks only a password and says only that;
quitting says how many dossiers have not reached central."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input, Static

from desk_app.demo import DEMO_OFFICER
from desk_app.desk import Desk
from desk_app.officers.texts import WRONG_PASSWORD
from screens.app import DeskApp
from screens.dialogs.hand_over import HandOverDialog
from screens.dialogs.quit import QuitDialog
from screens.help import HelpScreen, key_label
from screens.home import HomeScreen
from screens.notices import NoticeArea
from screens.sign_in import SignInScreen
from screens.widgets.sync_status import SyncStatusBar
from screens.wizard.screen import WizardScreen
from tests.conftest import signed_in
from tests.hostile.screen_text import shown
from tests.lookup.conftest import make_ready, receive
from tests.screens.counter import Home, home

THU_PASSWORD = DEMO_OFFICER[1]
ENGLISH = re.compile(r"\b(Focus|Next|Previous|Move|cursor|Select|Quit|Keys|Theme|Copy)\b")


def bound(screen: Screen[object], app: DeskApp) -> list[Binding]:
    """The desk's own keys that work on ``screen`` now (those with an id)."""
    return [
        active.binding
        for active in screen.active_bindings.values()
        if active.binding.id and active.enabled
    ]


async def help_of(h: Home) -> str:
    """Press F1 on the screen in front; the help's text, on one line."""
    under = h.app.screen
    expected = bound(under, h.app)
    await h.pilot.press("f1")
    await h.settle()
    assert isinstance(h.app.screen, HelpScreen)
    listed = " ".join(shown(h.app.screen).split())
    for binding in expected:  # every key that works there, built from the bindings
        assert key_label(binding.key) in listed, binding
        assert binding.description in listed, binding
    assert not ENGLISH.search(listed), ENGLISH.search(listed)
    return listed


async def test_f1_on_home_lists_every_key_in_vietnamese_and_closes(desk: Desk) -> None:
    async with home(desk) as h:
        listed = await help_of(h)
        for words in (
            "Ctrl+N Hồ sơ mới",
            "Ctrl+B Bản nháp",
            "Ctrl+F Tra cứu",
            "F8 Chờ trả công dân",
            "F9 Đồng bộ",
            "F12 Khóa",
            "Ctrl+Q Thoát",
            "Ctrl+P Lệnh",
            "Tab Ô kế tiếp",
        ):
            assert words in listed, words
        await h.pilot.press("f1")  # F1 again closes it
        await h.settle()
        assert isinstance(h.app.screen, HomeScreen)


async def test_f1_in_the_wizard_and_in_a_dialog_lists_their_own_keys(desk: Desk) -> None:
    ready = make_ready(desk, receive(desk).code)
    async with home(desk) as h:
        await h.pilot.press("ctrl+n", "1")  # the birth interlink, from the chooser
        await h.settle()
        assert isinstance(h.app.screen, WizardScreen)
        listed = await help_of(h)
        assert "F10" in listed and "Esc Quay lại" in listed
        await h.pilot.press("escape")
        await h.settle()
        assert isinstance(h.app.screen, WizardScreen)
        await h.pilot.press("escape")  # back home, the draft kept
        await h.settle()
        await h.type(ready.code)
        await h.pilot.press("enter")
        await h.settle()
        await h.pilot.press("t")
        await h.settle()
        assert isinstance(h.app.screen, HandOverDialog)
        listed = await help_of(h)
        assert "Ctrl+S Ghi nhận" in listed and "Esc Đóng" in listed


async def test_f1_works_before_signing_in_and_names_only_keys(desk: Desk) -> None:
    desk.signed_in = None
    app = DeskApp.for_desk(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = " ".join(shown(app.screen).split())
        assert "Ctrl+Q Thoát" in listed and "Ctrl+N" not in listed  # nothing signed-in only


@pytest.mark.parametrize("size", [(80, 24), (100, 32)], ids=["80x24", "100x32"])
async def test_the_footer_starts_with_f1_and_is_whole(desk: Desk, size: tuple[int, int]) -> None:
    async with home(desk, size=size) as h:
        last = h.visible().rstrip().splitlines()[-1].strip()
        assert last.startswith("f1 Trợ giúp")
        for key in ("^n Hồ sơ mới", "^b Bản nháp", "f9 Đồng bộ", "f12 Khóa", "^q Thoát"):
            assert key in last, (key, last)


async def test_the_palette_names_each_action_once_in_vietnamese(desk: Desk) -> None:
    async with home(desk) as h:
        await h.pilot.press("ctrl+p")
        await h.settle()
        palette = h.app.screen
        assert isinstance(palette, CommandPalette)
        listed = shown(palette)
        assert listed.count("Hồ sơ mới") == 1 and listed.count("Bản nháp") == 1
        assert "Đồng bộ ngay" in listed and "Quá hạn" in listed  # a tile's list is offered too
        assert not ENGLISH.search(listed)


async def test_a_notice_takes_its_own_rows_and_covers_nothing(desk: Desk) -> None:
    async with home(desk, size=(80, 24)) as h:
        screen = h.app.screen
        bar = screen.query_one(SyncStatusBar)
        sync_line = str(bar.render()).strip()
        hint = str(screen.query_one("#scan-hint", Static).render()).strip()
        message = "Hệ thống trung tâm trả lại 2 hồ sơ, cần xử lý: 000.00.01.H26-261124-1001"
        h.app.notify(message, title="Đồng bộ", severity="warning", timeout=60)
        await h.settle()
        area = screen.query_one(NoticeArea)
        assert area.display and area.region.height >= 2
        visible = h.visible()
        flat = " ".join(visible.split())
        assert message in flat and sync_line in visible and hint in visible
        for widget in screen.query("*"):
            if widget is area or not widget.display or widget in area.ancestors_with_self:
                continue
            if isinstance(widget, Screen) or widget.region.area == 0:
                continue
            if area in widget.ancestors_with_self or widget.parent is None:
                continue
            assert not widget.region.overlaps(area.region), widget


async def test_the_lock_says_only_that_the_password_is_wrong(desk: Desk) -> None:
    async with home(desk) as h:
        await h.pilot.press("f12")
        await h.settle()
        lock = h.app.screen
        assert isinstance(lock, SignInScreen) and not lock.query("#username")
        lock.query_one("#password", Input).focus()
        await h.type("sai-mat-khau")
        await h.pilot.press("enter")
        await h.settle()
        said = str(lock.query_one("#sign-in-message", Static).render())
        assert said == WRONG_PASSWORD.format(username=desk.signed_in.username)  # type: ignore[union-attr]
        assert "Tên đăng nhập" not in said and "tên" not in said.lower().split(":")[0]


async def test_quitting_says_how_many_dossiers_have_not_reached_central(desk: Desk) -> None:
    receive(desk)
    receive(desk)  # two in the outbox: no central here, nothing is sent
    async with home(desk) as h:
        await h.pilot.press("ctrl+q")
        await h.settle()
        dialog = h.app.screen
        assert isinstance(dialog, QuitDialog) and h.app.is_running
        assert "Còn 2 hồ sơ chưa gửi lên hệ thống trung tâm." in shown(dialog)
        await h.pilot.press("escape")  # stay
        await h.settle()
        assert isinstance(h.app.screen, HomeScreen) and h.app.is_running
        await h.pilot.press("ctrl+q", "ctrl+q")  # quit anyway
        await h.settle()
        assert h.app.return_code == 0


async def test_quitting_with_nothing_waiting_asks_nothing(desk: Desk) -> None:
    signed_in(desk)
    async with home(desk) as h:
        await h.pilot.press("ctrl+q")
        await h.settle()
        assert not isinstance(h.app.screen, QuitDialog)
        assert h.app.return_code == 0


async def test_f12_locks_over_a_dialog_and_gives_it_back(desk: Desk) -> None:
    ready = make_ready(desk, receive(desk).code)
    async with home(desk) as h:
        await h.type(ready.code)
        await h.pilot.press("enter")
        await h.settle()
        await h.pilot.press("t")
        await h.settle()
        dialog = h.app.screen
        assert isinstance(dialog, HandOverDialog)
        assert dialog.focused is dialog.query_one("#field-receiver_name", Input)  # the first
        await h.pilot.press("f12")  # the citizen's data is on screen: the lock must cover it
        await h.settle()
        lock = h.app.screen
        assert isinstance(lock, SignInScreen)
        lock.query_one("#password", Input).focus()
        await h.type(THU_PASSWORD)
        await h.pilot.press("enter")
        await h.settle()
        assert h.app.screen is dialog
