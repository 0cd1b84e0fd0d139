"""When central cannot be asked, the duplicate check at save is this desk's alone: the saved
page says so in one quiet line (no notification), and the dossier's audit keeps
``duplicates_central: false`` beside its reception, for a supervisor to find later.
Counter 1 of an office, the real central on loopback, stopped half-way."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from desk_app.desk import Desk
from desk_app.duplicates import LOCAL_ONLY, central
from screens.app import DeskApp
from screens.wizard.screen import WizardScreen
from tests.duplicates.conftest import (
    ACTION,
    SUPERVISOR,
    birth,
    dialog_text,
    dossiers,
    save_in_wizard,
    settle,
)
from tests.hostile.screen_text import plain
from tests.notices import Notices
from tests.office.conftest import FAST, TOKEN_ENV, Office

LINE = "Chưa kiểm tra trùng ở hệ thống trung tâm (mất kết nối): chỉ kiểm tra trên bàn này."


def saved_page(wizard: WizardScreen) -> str:
    """What the finish page (code, appointment, QR) says beside the QR."""
    assert wizard.current == "finish", wizard.current
    return plain(wizard.query_one("#finish-body", Static).content)


def audit_of(desk: Desk, code: str) -> list[tuple[str, dict]]:
    return [(e.action, e.detail) for e in desk.store.audit_events(code)]


async def test_only_a_save_central_could_not_check_says_so_quietly_and_is_audited(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(central, "TIMEOUT", 30.0)  # a loaded test machine is not a slow central
    monkeypatch.setattr(central, "BUDGET", 60.0)
    one = office.one.on()
    monkeypatch.setenv(TOKEN_ENV, office.one.token)
    app = DeskApp.for_desk(one)
    app.sync_policy = FAST
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices.hook) as pilot:
        await settle(app, pilot)
        # Central answers: nothing to say, nothing audited but the reception.
        wizard = await save_in_wizard(app, pilot, one, birth())
        page = saved_page(wizard)
        assert "ĐÃ TIẾP NHẬN HỒ SƠ" in page and "Chưa kiểm tra trùng" not in page
        [first] = dossiers(one)
        assert [a for a, _ in audit_of(one, first.code)] == ["receive"]
        app.pop_screen()
        await settle(app, pilot)

        office.central.server.stop()  # central goes down: another child is saved
        wizard = await save_in_wizard(app, pilot, one, birth(full_name="Trần Minh Khoa"))
        assert LINE in saved_page(wizard)
        assert not any("Chưa kiểm tra trùng" in n for n in notices.messages), "no notification"
        second = dossiers(one)[-1]
        assert audit_of(one, second.code) == [
            ("receive", audit_of(one, second.code)[0][1]),
            (LOCAL_ONLY, {"duplicates_central": False, "reason": "mất kết nối"}),
        ], "audited in the save, right after the reception"
        app.pop_screen()
        await settle(app, pilot)

        # Down still, and An matched here: the supervisor confirms; the same line, and both.
        wizard = await save_in_wizard(app, pilot, one, birth())
        assert "Chưa hỏi được hệ thống trung tâm" in dialog_text(app)
        await pilot.press(*SUPERVISOR[0], "enter", *SUPERVISOR[1], "enter")
        await settle(app, pilot)
        assert app.screen is wizard and LINE in saved_page(wizard)
        third = dossiers(one)[-1]
        actions = audit_of(one, third.code)
        assert [a for a, _ in actions] == ["receive", ACTION, LOCAL_ONLY]
        assert actions[1][1]["central_checked"] is False
        assert actions[1][1]["duplicate_of"] == [first.code]
        assert not any("Chưa kiểm tra trùng" in n for n in notices.messages)
