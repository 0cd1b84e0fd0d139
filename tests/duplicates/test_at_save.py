"""At one counter: the same child saved twice is caught at the second F10, side by side, and
saved only with a supervisor's confirmation, which the audit keeps; declining saves nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from screens.dialogs.duplicate import DuplicateDialog
from screens.wizard.screen import WizardScreen
from tests.conftest import signed_in
from tests.duplicates.conftest import (
    ACTION,
    OFFICER,
    SUPERVISOR,
    birth,
    death,
    dialog_text,
    dossiers,
    save_in_wizard,
    settle,
)
from tests.hostile.screen_text import plain
from tests.wizard.conftest import Counter, open_counter


async def _first(c: Counter, data: dict) -> str:
    wizard = await save_in_wizard(c.app, c.pilot, c.desk, data)
    assert wizard.current == "finish", "nothing to match: saved at once"
    [row] = dossiers(c.desk)
    c.app.pop_screen()
    await settle(c.app, c.pilot)
    return row.code


async def test_the_same_child_is_caught_at_the_second_save_and_esc_saves_nothing(
    counter: Counter,
) -> None:
    c = counter
    first = await _first(c, birth())
    # The same child, the name typed in capitals without accents: folding narrows to it,
    # the date and the mother's ID number (exact) make it the same child.
    wizard = await save_in_wizard(c.app, c.pilot, c.desk, birth(full_name="TRAN MINH AN"))
    text = dialog_text(c.app)
    for expected in (
        "Có thể trùng hồ sơ đã tiếp nhận",
        first,
        "(cấp khi lưu)",
        "quầy 1",
        "Đã tiếp nhận",
        "TRAN MINH AN",
        "Trần Minh An",
        "15/11/2026",
        "Người mẹ – Số giấy tờ",
        "001194012345",
    ):
        assert expected in text, (expected, text)
    await c.pilot.press("escape")
    await settle(c.app, c.pilot)
    assert c.app.screen is wizard and wizard.current == "delivery"
    assert [r.code for r in dossiers(c.desk)] == [first], "declining saved nothing"
    status = plain(wizard.query_one("#status", Static).content)
    assert f"Chưa lưu hồ sơ: có thể trùng hồ sơ {first}." == status
    assert not any(e.action == ACTION for e in c.desk.store.audit_events())


async def test_another_child_of_the_same_name_and_mother_is_not_caught(counter: Counter) -> None:
    c = counter
    await _first(c, birth())
    wizard = await save_in_wizard(c.app, c.pilot, c.desk, birth(date_of_birth="2026-11-16"))
    assert not isinstance(c.app.screen, DuplicateDialog)
    assert wizard.current == "finish"
    assert len(dossiers(c.desk)) == 2


async def test_an_officer_cannot_confirm_but_a_supervisor_signing_in_here_can(
    counter: Counter,
) -> None:
    c = counter
    first = await _first(c, birth())
    wizard = await save_in_wizard(c.app, c.pilot, c.desk, birth())
    dialog = c.app.screen
    assert isinstance(dialog, DuplicateDialog)
    # The officer at the desk types their own account: right password, wrong role.
    await c.pilot.press(*OFFICER[0], "enter", *OFFICER[1], "enter")
    await settle(c.app, c.pilot)
    assert c.app.screen is dialog
    assert "lãnh đạo" in plain(dialog.query_one("#duplicate-error", Static).content)
    # The supervisor, with a wrong password first.
    username = dialog.query_one("#duplicate-username")
    username.value = ""  # type: ignore[attr-defined]
    username.focus()
    await c.pilot.press(*SUPERVISOR[0], "enter", *"sai-mat-khau", "ctrl+s")
    await settle(c.app, c.pilot)
    assert c.app.screen is dialog
    assert "mật khẩu" in plain(dialog.query_one("#duplicate-error", Static).content).lower()
    assert len(dossiers(c.desk)) == 1
    await c.pilot.press(*SUPERVISOR[1], "enter")
    await settle(c.app, c.pilot)
    assert isinstance(c.app.screen, WizardScreen) and wizard.current == "finish"
    rows = dossiers(c.desk)
    assert [r.code for r in rows][:1] == [first] and len(rows) == 2
    [event] = [e for e in c.desk.store.audit_events() if e.action == ACTION]
    assert event.dossier_code == rows[1].code
    assert event.detail["duplicate_of"] == [first]
    assert event.detail["supervisor"] == SUPERVISOR[2]
    assert event.officer == OFFICER[2], "the officer who received it saved it"
    received = [e for e in c.desk.store.audit_events(rows[1].code) if e.action == "receive"]
    assert received and received[0].id < event.id, "audited with the save, after it"


async def test_a_death_declared_twice_is_caught_by_the_deceased_id(tmp_path: Path) -> None:
    async for c in open_counter(tmp_path):
        signed_in(c.desk, SUPERVISOR[0])  # a supervisor at the desk this time
        first = await _first(c, death())
        # Another name typed (a mistake, an alias): the ID number decides.
        await save_in_wizard(c.app, c.pilot, c.desk, death(name="Nguyễn Văn Thanh"))
        text = dialog_text(c.app)
        assert first in text and "Người chết – Số giấy tờ" in text and "001048003456" in text
        assert "Nguyễn Văn Thành" in text and "Nguyễn Văn Thanh" in text, "names side by side"
        assert "Ctrl+S để xác nhận" in text, "the supervisor at the desk confirms with the key"
        await c.pilot.press("ctrl+s")
        await settle(c.app, c.pilot)
        assert len(dossiers(c.desk)) == 2
        [event] = [e for e in c.desk.store.audit_events() if e.action == ACTION]
        assert event.detail["duplicate_of"] == [first]
        assert event.detail["supervisor"] == SUPERVISOR[2]
        c.app.pop_screen()
        await settle(c.app, c.pilot)
        # Another deceased (another ID), same name: not caught.
        wizard = await save_in_wizard(c.app, c.pilot, c.desk, death(number="001048003457"))
        assert wizard.current == "finish" and len(dossiers(c.desk)) == 3
