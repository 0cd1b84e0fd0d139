"""Two counters of one office and the real central on loopback: a child declared at counter 1
is caught when counter 2, which has never held that dossier, saves the same child; with central
down, a counter still catches what its own store holds, and says central was not asked."""

from __future__ import annotations

import pytest

from desk_app.duplicates import central
from desk_app.lifecycle import Status
from screens.app import DeskApp
from screens.dialogs.duplicate import DuplicateDialog
from tests.duplicates.conftest import (
    ACTION,
    SUPERVISOR,
    birth,
    dialog_text,
    dossiers,
    save_in_wizard,
    settle,
    without_ui,
)
from tests.office.conftest import FAST, TOKEN_ENV, Office


async def test_counter_2_finds_counter_1s_child_at_central_and_its_supervisor_confirms(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(central, "TIMEOUT", 30.0)  # a loaded test machine is not a slow central
    monkeypatch.setattr(central, "BUDGET", 60.0)
    two = office.two.on()  # counter 2's officer is the office's supervisor
    monkeypatch.setenv(TOKEN_ENV, office.two.token)
    app = DeskApp.for_desk(two)
    app.sync_policy = FAST
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)  # counter 2's first round has run: it holds nothing yet
        one = office.one.on()
        first, _ = one.receive_dossier(without_ui(birth()))
        assert office.one.sync().ok
        assert two.store.get(first.code) is None, "counter 2 has never seen it"

        await save_in_wizard(app, pilot, two, birth(full_name="Trần  minh   AN"))
        text = dialog_text(app)
        assert first.code in text and "ở hệ thống trung tâm" in text and "quầy 1" in text
        assert "Đã gửi lên hệ thống" in text or "Hệ thống đã nhận" in text
        assert "Chưa hỏi được" not in text, "central answered"
        assert len(app.screen.check.found) == 1  # type: ignore[attr-defined]
        assert dossiers(two) == []
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [saved] = dossiers(two)
        [event] = [e for e in two.store.audit_events() if e.action == ACTION]
        assert event.dossier_code == saved.code
        assert event.detail["duplicate_of"] == [first.code]
        assert event.detail["supervisor"] == SUPERVISOR[2]
        assert event.detail["central_checked"] is True
        app.pop_screen()
        await settle(app, pilot)

        # A namesake of the same mother born another day: another child, not caught.
        await save_in_wizard(app, pilot, two, birth(date_of_birth="2026-11-13"))
        assert not isinstance(app.screen, DuplicateDialog)
        assert len(dossiers(two)) == 2


async def test_with_central_down_the_counters_own_store_still_catches_it(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(central, "TIMEOUT", 30.0)  # a loaded test machine is not a slow central
    monkeypatch.setattr(central, "BUDGET", 60.0)
    one = office.one.on()
    monkeypatch.setenv(TOKEN_ENV, office.one.token)
    app = DeskApp.for_desk(one)
    app.sync_policy = FAST
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first, _ = one.receive_dossier(without_ui(birth()))
        assert office.one.sync().ok and one.store.require(first.code).status is not Status.RECEIVED

        # Central up: held here and there, shown once, and central was asked.
        await save_in_wizard(app, pilot, one, birth())
        text = dialog_text(app)
        assert text.count(first.code) == 1 and "trên bàn này" in text
        assert "Chưa hỏi được" not in text
        await pilot.press("escape")
        await settle(app, pilot)
        app.pop_screen()
        await settle(app, pilot)

        office.central.server.stop()  # central goes down
        await save_in_wizard(app, pilot, one, birth())
        text = dialog_text(app)
        assert first.code in text and "trên bàn này" in text
        assert "Chưa hỏi được hệ thống trung tâm" in text
        assert "chỉ kiểm tra được hồ sơ trên bàn này" in text
        await pilot.press("escape")
        await settle(app, pilot)
        assert [r.code for r in dossiers(one)] == [first.code]
