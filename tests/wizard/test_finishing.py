"""The end of the wizard: the delivery page, the papers, the confirmation, saving, the scans."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from desk_app import attachfiles
from desk_app.attachfiles import file_away, inbox, processed_folder
from desk_app.clock import VN_TZ
from desk_app.dossier import Dossier
from forms.errors import describe
from screens.wizard.confirm import ConfirmSave
from screens.wizard.form import FormPane
from screens.wizard.inbox import InboxDialog
from screens.wizard.screen import WizardScreen
from tests.hostile.screen_text import shown
from tests.scans import pdf
from tests.wizard.conftest import Counter, open_counter
from tests.wizard.test_snapshots import reference

EVENING = datetime(2026, 11, 25, 20, 7, tzinfo=VN_TZ)  # a Wednesday, after closing time


async def on_page(c: Counter, step: str, data: dict | None = None) -> WizardScreen:
    """The reference dossier (every page valid, papers received) opened on ``step``."""
    wizard = WizardScreen(c.desk, data=data or reference(), step=step)
    await c.app.push_screen(wizard)
    await c.settle()
    return wizard


@pytest.fixture
async def evening(tmp_path: Path) -> AsyncIterator[Counter]:
    async for opened in open_counter(tmp_path, now=EVENING, notifications=True):
        yield opened


# -- the delivery page ---------------------------------------------------------------------


async def test_each_delivery_method_says_which_procedure_it_is_for(counter: Counter) -> None:
    wizard = await on_page(counter, "delivery")
    pane = wizard.query_one("#page-delivery", FormPane)
    headings = [h for h in pane.query(".field-heading") if isinstance(h, Static)]
    titles = [
        describe(Dossier, ("declarations", "delivery", procedure))[0]
        for procedure in ("birth", "residence", "insurance")
    ]
    assert [str(h.render()) for h in headings] == titles
    for heading, procedure in zip(headings, ("birth", "residence", "insurance"), strict=True):
        method = pane.rows[("delivery", procedure, "method")]
        assert heading.region.bottom == method.region.y, "the heading sits right above its row"


# -- saving takes F10 ----------------------------------------------------------------------


async def test_enter_on_the_last_page_shows_what_will_be_saved_and_only_f10_saves(
    counter: Counter,
) -> None:
    c = counter
    wizard = await on_page(c, "delivery")
    await c.officer.press("enter")  # every delivery choice defaulted: past the last field
    dialog = c.app.screen
    assert isinstance(dialog, ConfirmSave)
    text = shown(dialog)
    for expected in ("TRẦN MINH AN", "NGUYỄN THỊ LAN", "Đăng ký khai sinh", "Cấp thẻ BHYT"):
        assert expected in text, text
    assert "Hẹn trả kết quả" in text and "F10" in text
    assert c.desk.store.search("tran minh an") == []
    await c.officer.press("enter")  # a second Enter in the rhythm of the page: no save
    assert c.app.screen is dialog and "Enter không lưu" in shown(dialog)
    await c.officer.press("escape")
    assert c.app.screen is wizard and wizard.current == "delivery"
    await c.settle()
    assert c.desk.store.search("tran minh an") == []
    await c.officer.press("enter", "f10")
    await c.settle()
    assert wizard.current == "finish"
    assert len(c.desk.store.search("tran minh an")) == 1


async def test_f10_saves_from_the_page_as_the_readme_says(counter: Counter) -> None:
    c = counter
    wizard = await on_page(c, "delivery")
    await c.officer.press("f10")
    await c.settle()
    assert wizard.current == "finish"
    assert len(c.desk.store.search("tran minh an")) == 1


# -- the papers, on their own page -----------------------------------------------------------


async def test_missing_papers_are_said_on_the_attachments_page(counter: Counter) -> None:
    c = counter
    data = reference()
    data["declarations"]["attachments"]["items"] = []
    data["declarations"]["requester"]["verified"] = False
    wizard = await on_page(c, "attachments", data)
    missing = str(wizard.query_one("#attach-missing", Static).render())
    assert missing.startswith("Còn thiếu 4 giấy tờ bắt buộc") and "Giấy chứng sinh" in missing
    await c.officer.press("enter")
    assert wizard.current == "attachments", "the papers are fixed here, not after delivery"
    said = str(wizard.query_one("#attach-message", Static).render())
    assert "Chưa sang bước sau được" in said and "Giấy chứng sinh" in said
    await c.officer.press("space", "space", "space", "space")  # Space moves to the next one
    assert str(wizard.query_one("#attach-missing", Static).render()) == (
        "Đã nhận đủ giấy tờ bắt buộc."
    )
    await c.officer.press("enter")
    assert wizard.current == "delivery"


# -- scans leave the scanner's folder once saved ---------------------------------------------


async def test_scans_of_a_saved_dossier_leave_the_inbox(counter: Counter) -> None:
    c = counter
    folder = c.desk.settings.paths.scanner_inbox
    (folder / "khac.pdf").write_bytes(pdf("next citizen"))
    scan = folder / "giay-chung-sinh.pdf"
    scan.write_bytes(pdf("birth certificate"))
    os.utime(folder / "khac.pdf", (1, 1))  # the one just scanned is on top
    committed: list[int] = []
    real_move = attachfiles._move

    def move(source: Path, target: Path) -> None:
        # The dossier is committed before any scan moves: another connection sees it.
        with sqlite3.connect(c.desk.settings.paths.database) as other:
            committed.append(other.execute("SELECT count(*) FROM dossiers").fetchone()[0])
        real_move(source, target)

    wizard = await on_page(c, "attachments")
    await c.officer.press("down", "f")  # the birth certificate's row: attach the scan
    assert isinstance(c.app.screen, InboxDialog)
    await c.officer.press("enter")
    await c.settle()
    assert scan.exists(), "attaching alone leaves the scan where it is"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attachfiles, "_move", move)
        await c.officer.press("enter", "enter", "f10")
        await c.settle()
    assert wizard.current == "finish"
    assert committed == [1]
    assert not scan.exists()
    assert [f.name for f in inbox(folder)] == ["khac.pdf"], "only the other scan is offered"
    moved = processed_folder(c.desk.settings.paths.attachments) / "giay-chung-sinh.pdf"
    assert moved.read_bytes() == pdf("birth certificate")
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600
    assert stat.S_IMODE(moved.parent.stat().st_mode) == 0o700
    [saved] = c.desk.store.search("tran minh an")
    files = [
        sha
        for item in saved.declarations["declarations"]["attachments"]["items"]
        for sha in item["files"]
    ]
    assert len(files) == 1


def test_a_scan_replaced_since_it_was_stored_stays_in_the_inbox(tmp_path: Path) -> None:
    import hashlib

    inbox_folder = tmp_path / "scans"
    inbox_folder.mkdir()
    kept = inbox_folder / "scan.pdf"
    kept.write_bytes(pdf("a new scan under the old name"))
    stored = hashlib.sha256(pdf("the scan that was stored")).hexdigest()
    moved, left = file_away({stored: kept}, tmp_path / "processed")
    assert moved == [] and left == ["scan.pdf"]
    assert kept.read_bytes() == pdf("a new scan under the old name")


# -- outside office hours --------------------------------------------------------------------


async def test_a_dossier_received_after_hours_is_warned_and_counted_from_the_next_opening(
    evening: Counter,
) -> None:
    c = evening
    wizard = await on_page(c, "delivery")
    await c.officer.press("enter")
    dialog = c.app.screen
    assert isinstance(dialog, ConfirmSave)
    warning = shown(dialog)
    assert "ngoài giờ làm việc" in warning and "20:07" in warning
    assert "07:30 thứ Năm 26/11/2026" in warning
    await c.officer.press("f10")
    await c.settle()
    assert wizard.current == "finish"
    assert "ngoài giờ làm việc" in shown(wizard)  # on the finish page, and notified
    [row] = c.desk.store.search("tran minh an")
    # Three working days from Thursday 26: Friday 27, Monday 30, Tuesday 1 December.
    assert row.appointment_at is not None
    assert row.appointment_at.astimezone(VN_TZ).date().isoformat() == "2026-12-01"
