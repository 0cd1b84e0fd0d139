"""Home, the lookup list, a dossier, the hand-over dialog, the keys (F1) and the quit dialog,
at 100×32 and at 80×24, the smallest terminal supported.

The snapshots catch a screen that changes by accident; what a picture cannot be trusted to
(nothing cut, every column there) is asserted by the pilot tests beside them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.lifecycle import Event
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from tests.conftest import FIXED_NOW, signed_in
from tests.lookup.conftest import CENTRAL, answered, make_ready, receive

SIZES = [(100, 32), (80, 24)]
Steps = Callable[[Pilot, dict[str, str]], Awaitable[None]]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    """The demo desk on FIXED_NOW with four dossiers: received, ready, refused, overdue."""
    monkeypatch.setattr("desk_app.store.store.new_lookup_code", lambda: "ABC234")
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    clock = [FIXED_NOW - timedelta(days=20)]
    opened = signed_in(Desk.open(settings, clock=lambda: clock[0]))
    late = receive(
        opened,
        child__full_name="Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương",
        child__date_of_birth="2026-10-20",
    )
    answered(opened, late.code, Event.ACCEPT)
    clock[0] = FIXED_NOW
    make_ready(opened, receive(opened, child__full_name="Trần Minh An").code)
    code = receive(opened, child__full_name="Đặng Thu Hà").code
    answered(opened, code, Event.ACCEPT)
    opened.store.apply_event(
        code,
        Event.REFUSE,
        officer=CENTRAL,
        at=FIXED_NOW + timedelta(hours=1),
        reason="Giấy chứng sinh không hợp lệ: không xác định được nơi sinh của trẻ",
    )
    receive(opened, child__full_name="Nguyễn Minh Khôi")
    yield opened
    opened.close()


def codes(desk: Desk) -> dict[str, str]:
    """The dossiers by child's first name word: "ton", "tran", "dang", "nguyen"."""
    rows = desk.store.conn.execute("SELECT code, subject_name FROM dossiers").fetchall()
    from forms.text import fold

    return {fold(name).split()[0]: code for code, name in rows}


async def settle(pilot: Pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def on_home(pilot: Pilot, _: dict[str, str]) -> None:
    pass


async def ready_list(pilot: Pilot, _: dict[str, str]) -> None:
    await pilot.press("f8")


async def overdue_search(pilot: Pilot, _: dict[str, str]) -> None:
    await pilot.press("ctrl+f", *"minh")


async def _open(pilot: Pilot, code: str) -> None:
    field = pilot.app.screen.query_one("#scan", Input)
    field.value = code
    await pilot.press("enter")
    await settle(pilot)


async def refused_view(pilot: Pilot, by: dict[str, str]) -> None:
    await _open(pilot, by["dang"])


async def hand_over(pilot: Pilot, by: dict[str, str]) -> None:
    await _open(pilot, by["tran"])
    await pilot.press("t")


async def help_on_home(pilot: Pilot, _: dict[str, str]) -> None:
    await pilot.press("f1")


async def quit_with_waiting(pilot: Pilot, _: dict[str, str]) -> None:
    await pilot.press("ctrl+q")


SCREENS: dict[str, Steps] = {
    "home": on_home,
    "ready_list": ready_list,
    "search_with_overdue": overdue_search,
    "refused_dossier": refused_view,
    "hand_over_dialog": hand_over,
    "help_on_home": help_on_home,
    "quit_with_waiting": quit_with_waiting,
}


@pytest.mark.parametrize("size", SIZES, ids=["100x32", "80x24"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_counter_snapshot(snap_compare: Any, desk: Desk, name: str, size: tuple[int, int]) -> None:
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)

    async def before(pilot: Pilot) -> None:
        await settle(pilot)
        await SCREENS[name](pilot, codes(desk))
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("name", list(SCREENS))
def test_counter_snapshot_high_contrast(snap_compare: Any, desk: Desk, name: str) -> None:
    """The same screens in the high-contrast theme, the officer's stored choice."""
    from screens.themes import HIGH_CONTRAST_THEME

    desk.remember_theme(HIGH_CONTRAST_THEME)
    test_counter_snapshot(snap_compare, desk, name, (100, 32))
