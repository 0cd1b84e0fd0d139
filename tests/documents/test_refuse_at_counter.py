"""Refusing a dossier at the counter while it is being entered: F6 in the wizard asks why,
prints form 03 from the draft (no dossier code), records the refusal and discards the draft;
Esc changes nothing; what the officer types is printed and shown as typed, never as markup;
``[keys]`` moves the key like any other.

The app runs on a demo desk whose print command copies the PDF aside (a real process), and the
form is read back from that copy as a person reads paper (the receipt tests' readers).
"""

from __future__ import annotations

import shlex
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from desk_app import groups
from desk_app.audit_register import action_name, detail_lines
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.documents import texts
from desk_app.documents.at_counter import ACTION, OTHER, counter_reason, refuse_at_counter
from desk_app.documents.content import FormRefused
from screens.app import DeskApp
from screens.dialogs.refuse_at_counter import RefuseAtCounterDialog
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.hostile.screen_text import shown
from tests.receipt.conftest import flat, pdf_text
from tests.wizard.conftest import BIRTH, NEW_DOSSIER, Counter, child, listening, scan_requester
from tests.wizard.driver import Officer, burst

REASON_DETAIL = "Giấy chứng sinh bị tẩy xóa ngày sinh"
HOSTILE = "[bold red]GIẢ[/] [@click=app.quit]bấm[/] [link=http://x]y[/link] \\[b]"
"""Markup, an action link and an escaped bracket: printed and shown exactly as typed."""
CHILD = "An [/] [@click=app.quit]x[/]"
"""A child's name with a stray closing tag: read as markup, it would stop the screen."""


@asynccontextmanager
async def counter_at(
    tmp_path: Path, keys: str = "", size: tuple[int, int] = (100, 32)
) -> AsyncIterator[tuple[Counter, Path]]:
    """The app on a demo desk (desk.toml ending with ``keys``) whose print command copies the
    PDF to the returned path, on home."""
    config = make_demo(tmp_path / "demo")
    if keys:
        with config.open("a", encoding="utf-8") as handle:
            handle.write(keys)
    settings = load_config(config, env={}).settings
    spooled = tmp_path / "spooled.pdf"
    command = (
        f"{shlex.quote(sys.executable)} -c 'import shutil, sys; "
        f"shutil.copy(sys.argv[1], sys.argv[2])' {{file}} {shlex.quote(str(spooled))}"
    )
    settings = settings.model_copy(
        update={"printing": settings.printing.model_copy(update={"command": command})}
    )
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    notices, edits = listening()
    try:
        async with app.run_test(size=size, notifications=True, message_hook=notices.hook) as p:
            counter = Counter(app, p, desk, Officer(p), notices, edits)
            await counter.settle()
            yield counter, spooled
    finally:
        desk.close()


async def two_pages(c: Counter) -> None:
    """A new birth dossier: the agencies as defaulted, the requester scanned, the child typed;
    the wizard is on the mother's page."""
    await c.officer.press(NEW_DOSSIER, BIRTH)
    await c.officer.press("enter")  # agencies: the office's own
    await scan_requester(c, "me")
    await child(c)
    await c.settle()
    assert c.wizard.current == "mother", c.wizard.current


async def open_dialog(c: Counter, key: str = "f6") -> RefuseAtCounterDialog:
    await c.officer.press(key)
    await c.settle()
    dialog = c.app.screen
    assert isinstance(dialog, RefuseAtCounterDialog), c.app.screen_stack
    return dialog


async def type_in(c: Counter, text: str) -> None:
    """Characters into the dialog's focused field, as a typist's burst."""
    await burst(c.pilot, text)


def refusals(desk: Desk) -> list[dict[str, object]]:
    return [e.detail for e in desk.store.audit_events() if e.action == ACTION]


def counter_forms(desk: Desk) -> list[Path]:
    return sorted(desk.settings.paths.receipts.glob("tuchoi-*-mau03.pdf"))


async def test_refused_at_the_counter_prints_form_03_from_the_draft_and_discards_it(
    tmp_path: Path,
) -> None:
    async with counter_at(tmp_path) as (c, spooled):
        await two_pages(c)
        [draft] = c.desk.store.drafts.list()
        dialog = await open_dialog(c)
        await c.officer.press("f10")  # no reason chosen yet: refused beside the list
        await c.settle()
        assert c.app.screen is dialog
        error = str(dialog.query_one("#dialog-error", Static).render())
        assert error.startswith(texts.COUNTER_REASON_FIELD), error
        await c.officer.press("down", "down", "enter")  # the forged-papers reason, Enter: details
        assert dialog.query_one("#field-reason", OptionList).highlighted == 1
        assert c.app.focused is dialog.query_one("#field-detail", Input)
        await type_in(c, REASON_DETAIL)
        assert dialog.query_one("#field-name", Input).value == "Nguyễn Thị Lan"
        await c.officer.press("f10")
        await c.settle()
        assert isinstance(c.app.screen, HomeScreen), c.app.screen_stack
        [notice] = [n for n in c.notices.shown if n.title == "Đã từ chối tiếp nhận"]
        assert "hồ sơ của NGUYỄN THỊ LAN" in notice.message and "máy in" in notice.message
        reason = f"{texts.COUNTER_REASONS[1]} {REASON_DETAIL}"
        desk = c.desk
        assert desk.store.drafts.list() == []  # the citizen left with the form
        assert desk.store.rows("SELECT count(*) FROM dossiers") == [(0,)]  # nothing received
        [kept] = counter_forms(desk)
        assert spooled.read_bytes() == kept.read_bytes()  # what the printer got is what is kept
        text = flat(pdf_text(kept.read_bytes()))
        for words in (
            "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
            "Ông/Bà: NGUYỄN THỊ LAN",
            "0912345678",
            "Liên thông",  # the group's title: what was asked for
            "TRẦN MINH AN",
            "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
            reason,
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            desk.officer.upper(),
            "Từ chối tại quầy, không cấp mã hồ sơ · mẫu 03 · trang 1/1",
        ):
            assert words in text, (words, text)
        assert "Mã hồ sơ" not in text  # no code was issued
        [detail] = refusals(desk)
        assert detail["draft"] == draft.id and detail["group"] == draft.procedure_group
        assert detail["reason"] == reason and detail["requester"] == "Nguyễn Thị Lan"
        assert detail["file"] == kept.name
        [event] = [e for e in desk.store.audit_events() if e.action == ACTION]
        assert event.dossier_code is None and event.officer == desk.officer
        # The supervisor's register reads it in words.
        assert action_name(ACTION) == "Từ chối tiếp nhận hồ sơ tại quầy (mẫu 03)"
        lines = list(detail_lines(event.detail))
        assert "Người yêu cầu: Nguyễn Thị Lan" in lines and f"Lý do: {reason}" in lines
        assert any(line.startswith("Nhóm thủ tục: Liên thông") for line in lines), lines


async def test_esc_in_the_dialog_keeps_the_draft_and_records_nothing(tmp_path: Path) -> None:
    async with counter_at(tmp_path) as (c, spooled):
        await two_pages(c)
        [before] = c.desk.store.drafts.list()
        focused = c.app.focused
        dialog = await open_dialog(c)
        await c.officer.press("down", "enter")
        await type_in(c, REASON_DETAIL)
        await c.officer.press("escape")
        await c.settle()
        assert c.app.screen is c.wizard and c.wizard.current == "mother"
        assert c.app.focused is focused  # back on the field the officer left
        assert not dialog.is_attached
        [after] = c.desk.store.drafts.list()
        assert after.id == before.id and after.data == before.data
        assert refusals(c.desk) == [] and counter_forms(c.desk) == []
        assert not spooled.exists()
        await c.officer.press("f6")  # and the draft can still be refused later
        await c.settle()
        assert isinstance(c.app.screen, RefuseAtCounterDialog)


async def test_hostile_text_in_the_reason_and_names_is_printed_and_shown_as_typed(
    tmp_path: Path,
) -> None:
    async with counter_at(tmp_path) as (c, _spooled):
        await c.officer.press(NEW_DOSSIER, BIRTH)
        await c.officer.press("enter")  # agencies
        await scan_requester(c, "me")  # the requester's page; the child's page opens
        await type_in(c, CHILD)  # refused before the page is checked: any name may be there
        await c.officer.press("enter")
        dialog = await open_dialog(c)
        assert f"Trẻ: {CHILD.upper()} — —" in shown(dialog)  # the draft's child, as typed
        for _ in range(OTHER + 1):  # "another reason": the details are the reason
            await c.officer.press("down")
        await c.officer.press("enter")
        await type_in(c, HOSTILE)
        name = dialog.query_one("#field-name", Input)
        name.value = "[b]Lan[/b]"
        await c.officer.press("f10")
        await c.settle()
        assert isinstance(c.app.screen, HomeScreen), c.app.screen_stack
        on_screen = shown(c.app.screen)  # the toast, read as Textual reads it
        assert HOSTILE in on_screen and "[B]LAN[/B]" in on_screen, on_screen
        assert c.app.is_running  # the [@click=app.quit] did nothing
        [kept] = counter_forms(c.desk)
        text = flat(pdf_text(kept.read_bytes()))
        assert HOSTILE in text and "Ông/Bà: [B]LAN[/B]" in text, text
        assert f"Người được khai sinh: {CHILD.upper()}" in text, text
        [detail] = refusals(c.desk)
        assert detail["reason"] == HOSTILE and detail["requester"] == "[b]Lan[/b]"


async def test_other_reason_needs_its_details_and_the_draft_stays_until_they_are_given(
    tmp_path: Path,
) -> None:
    async with counter_at(tmp_path) as (c, _spooled):
        await two_pages(c)
        dialog = await open_dialog(c)
        for _ in range(OTHER + 1):
            await c.officer.press("down")
        await c.officer.press("f10")
        await c.settle()
        assert c.app.screen is dialog
        error = str(dialog.query_one("#dialog-error", Static).render())
        assert error.startswith(texts.COUNTER_DETAIL_FIELD) and "Lý do khác" in error
        assert c.app.focused is dialog.query_one("#field-detail", Input)
        dialog.query_one("#field-name", Input).value = "  "
        await type_in(c, "Hồ sơ thuộc thẩm quyền UBND xã nơi cư trú của mẹ")
        await c.officer.press("f10")
        await c.settle()
        assert c.app.screen is dialog  # a name is needed on the paper
        error = str(dialog.query_one("#dialog-error", Static).render())
        assert error.startswith(texts.COUNTER_NAME_FIELD), error
        assert c.app.focused is dialog.query_one("#field-name", Input)
        assert len(c.desk.store.drafts.list()) == 1
        assert refusals(c.desk) == [] and counter_forms(c.desk) == []


MOVED = """
[keys]
"wizard.refuse" = "ctrl+r"
"""


async def test_the_refuse_key_moves_with_keys_and_f1_lists_it(tmp_path: Path) -> None:
    async with counter_at(tmp_path, MOVED) as (c, _spooled):
        await two_pages(c)
        await c.officer.press("f1")
        await c.settle()
        assert isinstance(c.app.screen, HelpScreen)
        listed = " ".join(shown(c.app.screen).split())
        assert "Ctrl+R Từ chối tiếp nhận" in listed and "F6 Từ chối" not in listed, listed
        await c.officer.press("escape")
        await c.settle()
        await c.officer.press("f6")  # the old key does nothing any more
        await c.settle()
        assert isinstance(c.app.screen, WizardScreen)
        await open_dialog(c, "ctrl+r")


async def test_f1_lists_the_refuse_key_on_every_page_of_a_new_dossier(tmp_path: Path) -> None:
    async with counter_at(tmp_path) as (c, _spooled):
        await c.officer.press(NEW_DOSSIER, BIRTH)
        await c.settle()
        await c.officer.press("f1")
        await c.settle()
        listed = " ".join(shown(c.app.screen).split())
        assert "F6 Từ chối tiếp nhận" in listed, listed


@pytest.mark.parametrize(
    ("choice", "detail", "field"),
    [(None, "", "reason"), (OTHER, "   ", "detail"), (0, "x\x1b[31m", "detail")],
)
def test_a_reason_that_cannot_be_printed_names_its_field(
    choice: int | None, detail: str, field: str
) -> None:
    with pytest.raises(FormRefused) as refused:
        counter_reason(choice, detail)
    assert refused.value.field == field


def test_a_listed_reason_takes_the_details_after_it() -> None:
    assert counter_reason(2, "") == texts.COUNTER_REASONS[2]
    assert counter_reason(0, "  Thuộc  UBND xã  ") == f"{texts.COUNTER_REASONS[0]} Thuộc UBND xã"
    assert counter_reason(OTHER, "Lý do riêng") == "Lý do riêng"


def a_draft(desk: Desk, kind: str = "death_interlink") -> int:
    """A draft of ``kind`` whose requester has a name and nothing else typed."""
    data = groups.get(kind).blank(desk.settings)
    data["declarations"]["requester"]["full_name"] = "Lê Văn Tư"
    return desk.store.drafts.save(
        None, data=data, step="requester", procedure_group=kind, officer=desk.officer, at=FIXED_NOW
    )


def test_a_refusal_that_cannot_be_recorded_leaves_the_draft_and_no_paper(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft_id = a_draft(desk)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(desk.store, "record_within", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        refuse_at_counter(desk, draft_id, counter_reason(0), send=False)
    assert [d.id for d in desk.store.drafts.list()] == [draft_id]
    assert counter_forms(desk) == [] and refusals(desk) == []


def test_a_draft_with_only_a_name_still_makes_a_whole_form(desk: Desk) -> None:
    """Refused on the first pages of the death group: no deceased yet, the group's title as
    the request, dashes where nothing was typed; the form says it was given no code."""
    outcome = refuse_at_counter(desk, a_draft(desk), counter_reason(0), send=False)
    assert outcome.status == "written" and desk.store.drafts.list() == []
    text = flat(pdf_text(outcome.path.read_bytes()))
    assert "Ông/Bà: LÊ VĂN TƯ" in text and "Số điện thoại: —" in text, text
    assert "Liên thông đăng ký khai tử" in text and "Người chết:" not in text, text
    assert "Mã hồ sơ" not in text and "không cấp mã hồ sơ" in text
    assert "Đã từ chối tiếp nhận hồ sơ của LÊ VĂN TƯ" in outcome.message
