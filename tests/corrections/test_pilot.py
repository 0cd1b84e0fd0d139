"""At the counter, by keys only: open a dossier, correct a field, give the reason, saved; a
part a decided procedure rests on is refused beside its field; a rejected dossier is reached
from its work-list tile and corrected and resent."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from textual.widgets import Input

from desk_app.corrections import ACTION
from desk_app.desk import Desk
from desk_app.lifecycle import Event, Status
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.dialogs.reason import CorrectionReason
from screens.dossier_view import DossierScreen
from screens.help import key_lines
from screens.lookup import LookupScreen
from screens.wizard.correcting import CorrectionScreen
from tests.corrections.conftest import answered, receive
from tests.corrections.test_core import decided
from tests.hostile.screen_text import shown
from tests.lookup.test_screens import Counter
from tests.notices import Notices


@pytest.fixture
async def counter_app(counter: Desk) -> AsyncIterator[Counter]:
    app = DeskApp.for_desk(counter)
    app.sync_policy = RetryPolicy(attempts=1)  # no central here: the first round gives up
    notices = Notices()
    async with app.run_test(size=(100, 32), notifications=True, message_hook=notices.hook) as pilot:
        c = Counter(app, pilot, counter, notices)
        await c.settle()
        yield c


def footer(c: Counter) -> dict[str, str]:
    """The keys the footer shows now: id → what it says."""
    shown_keys = [b for _, b, *_ in c.app.active_bindings.values() if b.show and b.id]
    return {b.id: b.description for b in shown_keys}


async def open_correction(c: Counter, code: str) -> CorrectionScreen:
    await c.scan(code)
    view = c.app.screen
    assert isinstance(view, DossierScreen)
    assert footer(c)["dossier.correct"] == "Sửa hồ sơ"  # in the footer, and in F1's list
    assert "Sửa hồ sơ" in [line.name for line in key_lines(view)]
    await c.pilot.press("s")
    await c.settle()
    screen = c.app.screen
    assert isinstance(screen, CorrectionScreen)
    return screen


async def retype_child_name(c: Counter, name: str) -> None:
    """To the child's page (its name is focused first), clear the name, type the new one."""
    await c.pilot.press("pagedown", "pagedown")
    await c.settle()
    focused = c.app.focused
    assert isinstance(focused, Input) and focused.value == "Trần Minh An"
    await c.pilot.press("end", "ctrl+u")
    await c.type(name)
    await c.settle()


async def test_a_field_is_corrected_with_a_reason_and_saved_as_version_2(
    counter_app: Counter,
) -> None:
    c = counter_app
    row = receive(c.desk)
    await open_correction(c, row.code)
    assert f"Sửa hồ sơ {row.code}" in shown(c.app.screen)
    await retype_child_name(c, "Trần Minh Khoa")
    await c.pilot.press("f10")
    await c.settle()
    assert isinstance(c.app.screen, CorrectionReason)
    await c.pilot.press("enter")  # no reason yet: said beside the field, nothing saved
    await c.settle()
    assert "chưa ghi lý do" in shown(c.app.screen)
    assert c.desk.store.require(row.code).content_version == 1
    await c.type("Ghi nham ten tre")
    await c.pilot.press("enter")
    await c.settle()

    assert isinstance(c.app.screen, DossierScreen)
    fixed = c.desk.store.require(row.code)
    assert (fixed.content_version, fixed.subject_name) == (2, "Trần Minh Khoa")
    assert [e for e in c.desk.store.audit_events(row.code) if e.action == ACTION]
    assert any("đã lưu nội dung phiên bản 2" in n for n in c.notes())
    assert any("nhấn I để in lại" in n for n in c.notes())  # the receipt names the child
    assert "Trần Minh Khoa" in c.shown("#dossier-head")
    history = c.shown("#dossier-timeline")
    assert (
        "Sửa nội dung hồ sơ" in history and "thành phiên bản 2; lý do: Ghi nham ten tre" in history
    )
    versions = c.shown("#dossier-versions")
    assert "Phiên bản 1" in versions and "Ghi nham ten tre" in versions

    await c.pilot.press("v")  # the first version, read-only
    await c.settle()
    old = c.shown("#dossier-declarations")
    assert "Đang xem phiên bản 1 (cũ, chỉ đọc)" in old and "Trần Minh An" in old
    await c.pilot.press("v")  # back to the current one
    await c.settle()
    assert "Trần Minh Khoa" in c.shown("#dossier-declarations")


async def test_a_part_a_decided_procedure_rests_on_is_refused_beside_the_field(
    counter_app: Counter,
) -> None:
    c = counter_app
    row = decided(c.desk, receive(c.desk).code, "birth")
    screen = await open_correction(c, row.code)
    await retype_child_name(c, "Trần Minh Khoa")
    await c.pilot.press("f10")
    await c.settle()
    assert c.app.screen is screen  # no reason asked: it cannot be saved
    said = shown(screen)
    assert "“Đăng ký khai sinh” đã có kết quả" in said and "cải chính hộ tịch" in said
    assert c.desk.store.require(row.code).content_version == 1

    await c.pilot.press("escape", "escape", "escape")  # back page by page, then out: unchanged
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    assert c.desk.store.require(row.code).subject_name == "Trần Minh An"


async def test_the_rejected_tile_leads_to_sua_va_gui_lai(counter_app: Counter) -> None:
    c = counter_app
    row = receive(c.desk)
    answered(c.desk, row.code, Event.REJECT, reason="Sai tên trẻ")
    await c.pilot.press("f5")
    await c.settle()
    await c.pilot.press("f4")  # "Trả lại, cần sửa"
    await c.settle()
    assert isinstance(c.app.screen, LookupScreen) and c.table_codes() == [row.code]
    await c.pilot.press("down", "enter")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    assert footer(c)["dossier.correct_resend"] == "Sửa và gửi lại"  # the footer offers it
    assert "dossier.correct" not in footer(c)
    await c.pilot.press("s")
    await c.settle()
    assert isinstance(c.app.screen, CorrectionScreen)
    await retype_child_name(c, "Trần Minh Khoa")
    await c.pilot.press("f10")
    await c.settle()
    assert isinstance(c.app.screen, CorrectionReason)
    await c.type("Sua ten tre theo giay chung sinh")
    await c.pilot.press("enter")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    assert c.desk.store.require(row.code).status is Status.RECEIVED
    assert any("sẽ được gửi lại" in n for n in c.notes())
