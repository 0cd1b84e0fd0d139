"""Themes: chosen from the palette, remembered per officer across sign-out, and a
high-contrast theme in which every piece of text is at least 7:1 against what is behind it."""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import Color as RichColor
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input

from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.themes import DEFAULT_THEME, HIGH_CONTRAST_THEME, MIN_CONTRAST, contrast
from tests.wizard.test_snapshots import reference

THU, THU_PASSWORD, _ = DEMO_OFFICER


def app_for(desk: Desk) -> DeskApp:
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)
    return app


async def settle(pilot: Pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def sign_in(pilot: Pilot, username: str, password: str) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#username", Input).focus()
    await pilot.press(*username, "enter", *password, "enter")
    await settle(pilot)
    await settle(pilot)


async def test_the_theme_survives_sign_out_and_sign_in(desk: Desk) -> None:
    desk.signed_in = None
    app = app_for(desk)
    async with app.run_test(size=(100, 32)) as pilot:
        await sign_in(pilot, THU, THU_PASSWORD)
        assert app.theme == DEFAULT_THEME
        await pilot.press("ctrl+p", *"cao")  # "Giao diện: Tương phản cao"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST_THEME
        await pilot.press("ctrl+q")
        await settle(pilot)
    desk.sign_out()  # what `desk` does once the app has quit

    again = app_for(desk)
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert again.theme == DEFAULT_THEME, "nobody signed in yet: the desk's default"
        await sign_in(pilot, THU, THU_PASSWORD)
        assert again.theme == HIGH_CONTRAST_THEME
        await pilot.press("f12")  # the lock screen keeps the officer's theme
        await settle(pilot)
        assert again.theme == HIGH_CONTRAST_THEME
    desk.sign_out()

    other = app_for(desk)
    async with other.run_test(size=(100, 32)) as pilot:
        await sign_in(pilot, DEMO_SUPERVISOR[0], DEMO_SUPERVISOR[1])
        assert other.theme == DEFAULT_THEME, "each officer has their own"


async def test_a_stored_theme_this_desk_does_not_know_falls_back(desk: Desk) -> None:
    desk.remember_theme("a-theme-from-a-newer-desk")
    app = app_for(desk)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME


def faint_text(app: DeskApp) -> list[tuple[str, float]]:
    """Every visible piece of text on the screen below 7:1, with its ratio."""
    faint = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.region.area:
            continue
        for strip in widget.render_lines(Region(0, 0, *widget.size)):
            for segment in strip:
                style = segment.style
                if not segment.text.strip() or style is None or segment.control:
                    continue
                color = style.color or RichColor.parse("#ffffff")
                if style.bgcolor is None or color.triplet is None or style.bgcolor.triplet is None:
                    continue
                ratio = contrast(color, style.bgcolor)
                if ratio < MIN_CONTRAST or style.dim:
                    faint.append((segment.text, round(ratio, 2)))
    return faint


async def to_home(pilot: Pilot, desk: Desk) -> None:
    pass


async def to_help(pilot: Pilot, desk: Desk) -> None:
    await pilot.press("f1")


async def to_wizard(pilot: Pilot, desk: Desk) -> None:
    from screens.wizard.screen import WizardScreen

    await pilot.app.push_screen(WizardScreen(desk, data=reference(), step="review"))


async def to_palette(pilot: Pilot, desk: Desk) -> None:
    await pilot.press("ctrl+p")


@pytest.mark.parametrize("go", [to_home, to_help, to_wizard, to_palette], ids=lambda f: f.__name__)
async def test_high_contrast_text_is_at_least_7_to_1(desk: Desk, go: Any) -> None:
    desk.remember_theme(HIGH_CONTRAST_THEME)
    app = app_for(desk)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await go(pilot, desk)
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST_THEME
        assert faint_text(app) == []
