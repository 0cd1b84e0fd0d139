"""A dossier past its appointment proposes form 04 in its view; L records the new date (an
event for central), prints the letter and says where it went; a closed dossier says why not."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from desk_app.desk import Desk
from desk_app.lifecycle import Event
from desk_app.settings import Settings
from screens.dialogs.apology import ApologyDialog
from screens.dossier_view import DossierScreen
from tests.conftest import signed_in
from tests.hostile.screen_text import shown
from tests.lookup.conftest import Clock, answered, make_ready, receive
from tests.lookup.test_dossier_actions import open_dossier
from tests.screens.counter import home

REASON = "Cơ quan đăng ký cư trú cần xác minh thêm nơi thường trú"


@pytest.fixture
def spooled(tmp_path: Path) -> Path:
    return tmp_path / "spooled.pdf"


@pytest.fixture
def printing(settings: Settings, clock: Clock, spooled: Path) -> Iterator[Desk]:
    """The demo desk printing by copying the PDF to ``spooled`` (a real print process)."""
    command = (
        f"{shlex.quote(sys.executable)} -c 'import shutil, sys; "
        f"shutil.copy(sys.argv[1], sys.argv[2])' {{file}} {shlex.quote(str(spooled))}"
    )
    changed = settings.model_copy(
        update={"printing": settings.printing.model_copy(update={"command": command})}
    )
    opened = signed_in(Desk.open(changed, clock=clock))
    yield opened
    opened.close()


async def test_an_overdue_dossier_gets_its_new_date_and_letter_by_keys(
    printing: Desk, clock: Clock, spooled: Path
) -> None:
    counter = printing
    code = receive(counter).code
    answered(counter, code, Event.ACCEPT)
    clock.at += timedelta(days=30)  # well past the appointment
    async with home(counter) as h:
        view = await open_dossier(h, code)
        assert "phím L in thư xin lỗi và hẹn lại ngày trả (mẫu 04)" in shown(view)
        await h.pilot.press("l")
        await h.settle()
        dialog = h.app.screen
        assert isinstance(dialog, ApologyDialog)
        await h.type("31/02/2027")
        await h.pilot.press("enter")
        await h.type(REASON)
        await h.pilot.press("ctrl+s")
        await h.settle()
        assert h.app.screen is dialog  # refused beside the date, what was typed kept
        error = str(dialog.query_one("#dialog-error", Static).render())
        assert "Ngày hẹn trả mới" in error and "31/02/2027" in error
        assert dialog.query_one("#field-reason", Input).value == REASON
        assert counter.store.require(code).due_on is None
        date_field = dialog.query_one("#field-new_date", Input)
        date_field.value = ""
        date_field.focus()
        await h.type("05/01/2027")
        await h.pilot.press("ctrl+s")
        await h.settle()
        assert h.app.screen is view, (h.app.screen_stack, h.notices.messages)
        assert "hẹn lại: 05/01/2027 (thư xin lỗi, mẫu 04)" in shown(view)
        assert any("mẫu 04" in n and "máy in" in n for n in h.notices.messages), h.notices
    row = counter.store.require(code)
    assert row.due_on is not None and row.due_on.isoformat() == "2027-01-05"
    actions = [e.action for e in counter.store.audit_events(code)]
    assert "form04.print" in actions and "dossier.new_appointment" in actions
    [(_kind, data)] = counter.store.rows(
        "SELECT kind, data FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id "
        "WHERE d.code = ? AND kind = 'new_appointment'",
        (code,),
    )
    assert json.loads(data)["due"] == "2027-01-05" and json.loads(data)["reason"] == REASON
    kept = counter.settings.paths.receipts / f"{code}-mau04.pdf"
    assert spooled.read_bytes() == kept.read_bytes()


async def test_a_dossier_with_its_result_is_not_offered_form_04(counter: Desk) -> None:
    code = receive(counter).code
    make_ready(counter, code)
    async with home(counter) as h:
        view = await open_dossier(h, code)
        assert "mẫu 04" not in shown(view)
        await h.pilot.press("l")
        await h.settle()
        assert isinstance(h.app.screen, DossierScreen)  # no dialog
        assert any("Mẫu 04 dùng cho hồ sơ" in n for n in h.notices.messages), h.notices
