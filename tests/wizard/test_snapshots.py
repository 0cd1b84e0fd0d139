"""Every page of the wizard at 100×32 and at 80×24, the smallest terminal supported.

The snapshots catch a page that changes by accident; the layout test checks what a picture
cannot be trusted to: at 80×24 no label is cut, nothing is wider than the terminal, and no
two rows overlap.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.drafting import blank_dossier
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.wizard.form import FieldRow, FormPane
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW, signed_in

GOOD = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "good_dossiers.json").read_text("utf-8")
)
PAGES = [
    "agencies",
    "requester",
    "child",
    "mother",
    "father",
    "residence",
    "insurance",
    "review",
    "attachments",
    "delivery",
    "finish",
]
SIZES = [(100, 32), (80, 24)]


def reference() -> dict[str, Any]:
    data = copy.deepcopy(GOOD[0]["dossier"])
    data["ui"] = {"birth_province": "01", "residence_province": "01"}
    return data


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    monkeypatch.setattr("desk_app.store.store.new_lookup_code", lambda: "ABC234")
    opened = signed_in(
        Desk.open(
            load_config(make_demo(tmp_path / "demo"), env={}).settings, clock=lambda: FIXED_NOW
        )
    )
    yield opened
    opened.close()


def app_for(desk: Desk) -> DeskApp:
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)
    return app


async def open_page(pilot: Pilot, desk: Desk, page: str) -> WizardScreen:
    app = pilot.app
    await app.workers.wait_for_complete()
    data = reference() if page != "agencies" else blank_dossier(desk.settings)
    wizard = WizardScreen(desk, data=data, step="delivery" if page == "finish" else page)
    await app.push_screen(wizard)
    await pilot.pause()
    if page == "finish":
        wizard.action_finish()
    await app.workers.wait_for_complete()
    await pilot.pause()
    for field in app.screen.query(Input):
        field.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()
    return wizard


@pytest.mark.parametrize("size", SIZES, ids=["100x32", "80x24"])
@pytest.mark.parametrize("page", PAGES)
def test_page_snapshot(snap_compare: Any, desk: Desk, page: str, size: tuple[int, int]) -> None:
    async def before(pilot: Pilot) -> None:
        wizard = await open_page(pilot, desk, page)
        assert wizard.current == page

    assert snap_compare(app_for(desk), terminal_size=size, run_before=before)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "review"])
async def test_nothing_is_cut_or_overlapping_at_80x24(desk: Desk, page: str) -> None:
    app = app_for(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_page(pilot, desk, page)
        screen_width = app.screen.size.width
        for widget in wizard.query("*"):
            if widget.display and widget.region.width:
                assert widget.region.right <= screen_width, widget
        pane = wizard.query_one(f"#page-{page}")
        assert pane.max_scroll_x == 0
        if page == "finish":
            assert pane.max_scroll_y == 0, "the code, appointment and QR fit without scrolling"
        for table in wizard.query(DataTable):
            assert table.max_scroll_x == 0, "a column runs off the right edge"
        if isinstance(pane, FormPane):
            rows = [r for r in pane.query(FieldRow) if r.display]
            for upper, lower in pairwise(rows):
                assert upper.virtual_region.bottom <= lower.virtual_region.y, (
                    upper.spec,
                    lower.spec,
                )
            for label in (lbl for row in rows for lbl in row.query(Label)):
                text = str(label.render())
                lines = label.size.height
                assert cell_len(text) <= label.size.width * lines, f"label cut: {text!r}"


@pytest.mark.parametrize("size", SIZES, ids=["100x32", "80x24"])
def test_confirmation_snapshot(snap_compare: Any, desk: Desk, size: tuple[int, int]) -> None:
    """What Enter past the last page shows before anything is saved (F10 saves)."""

    async def before(pilot: Pilot) -> None:
        wizard = await open_page(pilot, desk, "delivery")
        wizard.confirm_save()
        await pilot.pause()
        box = pilot.app.screen.query_one("#confirm-box")
        assert box.region.bottom <= size[1] and box.region.right <= size[0]
        assert box.max_scroll_y == 0, "the whole summary fits"

    assert snap_compare(app_for(desk), terminal_size=size, run_before=before)


@pytest.mark.parametrize("page", PAGES)
def test_page_snapshot_high_contrast(snap_compare: Any, desk: Desk, page: str) -> None:
    """Every page in the high-contrast theme, the officer's stored choice."""
    from screens.themes import HIGH_CONTRAST_THEME

    desk.remember_theme(HIGH_CONTRAST_THEME)
    test_page_snapshot(snap_compare, desk, page, (100, 32))


def test_confirmation_snapshot_high_contrast(snap_compare: Any, desk: Desk) -> None:
    from screens.themes import HIGH_CONTRAST_THEME

    desk.remember_theme(HIGH_CONTRAST_THEME)
    test_confirmation_snapshot(snap_compare, desk, (100, 32))
