"""The command palette speaks Vietnamese and cannot copy citizens' data out of the desk.

Textual's own palette commands were "Theme", "Quit", "Keys", "Maximize" and "Screenshot"; the
last wrote an SVG picture of the screen (a citizen's dossier) to the Downloads folder, with no
audit. The palette now offers the desk's commands and Quit/Maximize in Vietnamese only, the
screenshot action does nothing whoever asks for it, and Ctrl+C says in Vietnamese how to quit.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from desk_app.desk import Desk
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.home import HomeScreen
from screens.palette import PALETTE_TEXT
from tests.hostile.screen_text import shown

ENGLISH = {"Theme", "Quit", "Keys", "Maximize", "Minimize", "Screenshot", "palette"}


@pytest.fixture
async def home(desk: Desk) -> AsyncIterator[tuple[DeskApp, Pilot]]:
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        yield app, pilot


async def _palette(app: DeskApp, pilot: Pilot, query: str = "") -> str:
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    if query:
        palette.query_one(Input).value = query
        await pilot.pause()
        await app.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
    return shown(palette)


async def test_the_palette_lists_vietnamese_commands_only(home: tuple[DeskApp, Pilot]) -> None:
    app, pilot = home
    screen = html.unescape(re.sub(r"<[^>]+>", " ", app.export_screenshot()))
    assert "palette" not in screen
    await pilot.press("f1")  # the keys of home name Ctrl+P in Vietnamese
    await pilot.pause()
    assert f"Ctrl+P {PALETTE_TEXT['palette']}" in " ".join(shown(app.screen).split())
    await pilot.press("escape")
    await pilot.pause()
    listed = await _palette(app, pilot)
    assert PALETTE_TEXT["quit"] in listed and "Đồng bộ ngay" in listed and "Hồ sơ mới" in listed
    words = set(listed.replace("\n", " ").split())
    assert not words & ENGLISH, words & ENGLISH
    assert PALETTE_TEXT["placeholder"] in {i.placeholder for i in app.screen.query(Input)}
    titles = [command.title for command in app.get_system_commands(app.screen)]
    assert not set(titles) & ENGLISH


async def test_no_screenshot_can_be_taken(
    home: tuple[DeskApp, Pilot], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, pilot = home
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Downloads"))
    listed = await _palette(app, pilot, "screenshot")
    assert "Screenshot" not in listed
    await pilot.press("escape")
    await app.run_action("screenshot")  # as a keymap or a click on "[@click=app.screenshot]"
    await app.run_action(f"screenshot('x.svg', '{tmp_path}')")
    await pilot.pause()
    assert not list(tmp_path.rglob("*.svg"))


async def test_ctrl_c_says_how_to_quit_in_vietnamese(home: tuple[DeskApp, Pilot]) -> None:
    app, pilot = home
    await pilot.press("ctrl+c")
    await pilot.pause()
    assert PALETTE_TEXT["how_to_quit"] in shown(app.screen)
    assert app.is_running
