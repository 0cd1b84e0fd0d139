"""A correction that makes a saved dossier about the same person as another is caught at its
F10, as a second reception is: side by side, saved only with a supervisor's confirmation,
audited with the correction. A correction that leaves the person as it was is not checked.

Driven by keys from the dossier view (S), at one desk with no central, and at counter 2 of an
office whose other counter's dossier only the real central on loopback knows of.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from textual.widgets import Input, Static

from desk_app.corrections import ACTION as CORRECT
from desk_app.desk import Desk
from desk_app.duplicates import LOCAL_ONLY, central
from desk_app.store import DossierRow
from screens.app import DeskApp
from screens.dialogs.duplicate import DuplicateDialog
from screens.dialogs.reason import CorrectionReason
from screens.dossier_view import DossierScreen
from screens.wizard.correcting import CorrectionScreen
from screens.wizard.form import FieldRow
from tests.duplicates.conftest import (
    ACTION,
    OFFICER,
    SUPERVISOR,
    birth,
    dialog_text,
    settle,
    without_ui,
)
from tests.hostile.screen_text import plain
from tests.lookup.test_screens import Counter
from tests.notices import Notices
from tests.office.conftest import FAST, TOKEN_ENV, Office

LOCAL_LINE = "Chưa kiểm tra trùng ở hệ thống trung tâm"


@pytest.fixture
async def at_counter(desk: Desk) -> AsyncIterator[Counter]:
    """The demo desk (its officer signed in, no central token) with the app open."""
    app = DeskApp.for_desk(desk)
    app.sync_policy = FAST
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices.hook) as pilot:
        c = Counter(app, pilot, desk, notices)
        await settle(app, pilot)
        yield c


async def open_correction(c: Counter, code: str) -> CorrectionScreen:
    """The dossier's view, then S: the wizard on its saved declarations."""
    await c.app.push_screen(DossierScreen(code))
    await settle(c.app, c.pilot)
    await c.pilot.press("s")
    await settle(c.app, c.pilot)
    screen = c.app.screen
    assert isinstance(screen, CorrectionScreen), screen
    return screen


async def retype(c: Counter, path: tuple[str, ...], text: str) -> None:
    """On the child's page (PageDown twice), the field at ``path`` cleared and typed again."""
    await c.pilot.press("pagedown", "pagedown")
    await settle(c.app, c.pilot)
    [row] = [r for r in c.app.screen.query(FieldRow) if r.spec.path == path]
    editor = row.editor
    assert isinstance(editor, Input)
    editor.focus()
    await c.pilot.press("end", "ctrl+u")
    await c.type(text)
    await settle(c.app, c.pilot)


async def give_reason(c: Counter, reason: str) -> None:
    assert isinstance(c.app.screen, CorrectionReason), c.app.screen
    await c.type(reason)
    await c.pilot.press("enter")
    await settle(c.app, c.pilot)


def actions(desk: Desk, code: str) -> list[str]:
    return [e.action for e in desk.store.audit_events(code)]


def two_children(desk: Desk) -> tuple[DossierRow, DossierRow]:
    """Trần Minh An, and his mother's other dossier, for a Trần Minh Khoa born the same day."""
    an, _ = desk.receive_dossier(without_ui(birth()))
    khoa, _ = desk.receive_dossier(without_ui(birth(full_name="Trần Minh Khoa")))
    return an, khoa


async def test_renaming_the_child_into_another_dossiers_child_is_caught_and_confirmed(
    at_counter: Counter,
) -> None:
    c = at_counter
    an, khoa = two_children(c.desk)
    screen = await open_correction(c, khoa.code)
    await retype(c, ("child", "full_name"), "tran minh an")  # typed without accents
    await c.pilot.press("f10")
    await settle(c.app, c.pilot)

    text = dialog_text(c.app)
    for expected in (
        "Có thể trùng hồ sơ đã tiếp nhận",
        "Sau khi sửa, hồ sơ nói về cùng người với 1 hồ sơ khác",
        "Hồ sơ đang sửa",
        khoa.code,
        "Bản sửa, chưa lưu",
        an.code,
        "tran minh an",
        "Trần Minh An",
        "15/11/2026",
        "001194012345",
        "vẫn lưu bản sửa",
    ):
        assert expected in text, (expected, text)
    assert "(cấp khi lưu)" not in text, "the dossier being corrected has its code"
    await c.pilot.press("escape")  # not confirmed: nothing saved, and said
    await settle(c.app, c.pilot)
    assert c.app.screen is screen
    status = plain(screen.query_one("#status", Static).content)
    assert status == f"Chưa lưu bản sửa: sau khi sửa, hồ sơ có thể trùng hồ sơ {an.code}."
    assert c.desk.store.require(khoa.code).content_version == 1
    assert CORRECT not in actions(c.desk, khoa.code)

    await c.pilot.press("f10")  # again: the officer's supervisor signs in on the dialog
    await settle(c.app, c.pilot)
    assert isinstance(c.app.screen, DuplicateDialog)
    await c.pilot.press(*SUPERVISOR[0], "enter", *SUPERVISOR[1], "enter")
    await settle(c.app, c.pilot)
    await give_reason(c, "Ghi nham ten tre")

    assert isinstance(c.app.screen, DossierScreen)
    fixed = c.desk.store.require(khoa.code)
    assert (fixed.content_version, fixed.subject_name) == (2, "tran minh an")
    events = c.desk.store.audit_events(khoa.code)
    at = [e.action for e in events].index(CORRECT)
    confirmed = events[at + 1]
    assert confirmed.action == ACTION, "audited with the correction, right after it"
    assert confirmed.detail["duplicate_of"] == [an.code]
    assert confirmed.detail["supervisor"] == SUPERVISOR[2]
    assert confirmed.officer == OFFICER[2], "the officer who corrected it"
    assert confirmed.at == events[at].at
    # This desk has no central token: the check looked here only, the save says so.
    assert events[at + 2].action == LOCAL_ONLY
    assert events[at + 2].detail["duplicates_central"] is False
    [saved] = [n for n in c.notes() if "đã lưu nội dung phiên bản 2" in n]
    assert f"{LOCAL_LINE} (mất kết nối): chỉ kiểm tra trên bàn này." in saved


async def test_a_correction_that_leaves_the_child_as_it_was_asks_no_supervisor(
    at_counter: Counter,
) -> None:
    c = at_counter
    c.desk.receive_dossier(without_ui(birth()))
    twice, _ = c.desk.receive_dossier(without_ui(birth()))  # the same child, saved here twice
    await open_correction(c, twice.code)
    await retype(c, ("child", "home_town"), "Xã Đông Hội, huyện Đông Anh, Hà Nội mới")
    await c.pilot.press("f10")
    await settle(c.app, c.pilot)
    await give_reason(c, "Ghi nham que quan")  # no dialog came first
    assert isinstance(c.app.screen, DossierScreen)
    assert c.desk.store.require(twice.code).content_version == 2
    assert ACTION not in actions(c.desk, twice.code)
    assert LOCAL_ONLY not in actions(c.desk, twice.code), "no check, so none that was local"
    assert not any(LOCAL_LINE in n for n in c.notes())


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Central's duplicate question, still asked of the real central, each call noted."""
    asked: list[str] = []
    real: Callable[..., Any] = central.ask

    def ask(*args: Any, **kwargs: Any) -> Any:
        asked.append("ask")
        return real(*args, **kwargs)

    monkeypatch.setattr(central, "ask", ask)
    return asked


async def test_at_counter_2_a_correction_into_counter_1s_child_is_found_at_central(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(central, "TIMEOUT", 30.0)  # a loaded test machine is not a slow central
    monkeypatch.setattr(central, "BUDGET", 60.0)
    two = office.two.on()  # counter 2's officer is the office's supervisor
    khoa, _ = two.receive_dossier(without_ui(birth(full_name="Trần Minh Khoa")))
    assert office.two.sync().ok  # central holds Khoa too: it must not be its own duplicate
    monkeypatch.setenv(TOKEN_ENV, office.two.token)
    asked = counting(monkeypatch)

    app = DeskApp.for_desk(two)
    app.sync_policy = FAST
    notices = Notices()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=notices.hook) as pilot:
        c = Counter(app, pilot, two, notices)
        await settle(app, pilot)  # counter 2's first round has run
        one = office.one.on()
        an, _ = one.receive_dossier(without_ui(birth()))
        assert office.one.sync().ok
        assert two.store.get(an.code) is None, "counter 2 has never seen An's dossier"
        await open_correction(c, khoa.code)
        await retype(c, ("child", "full_name"), "Trần Minh An")
        await pilot.press("f10")
        await settle(app, pilot)
        text = dialog_text(app)
        assert an.code in text and "ở hệ thống trung tâm" in text and "quầy 1" in text
        assert "Chưa hỏi được" not in text, "central answered"
        assert [f.code for f in app.screen.check.found] == [an.code]  # type: ignore[attr-defined]
        assert "Ctrl+S để xác nhận vẫn lưu bản sửa" in text
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await give_reason(c, "Sua ten tre theo giay chung sinh")
        assert isinstance(app.screen, DossierScreen)
        assert two.store.require(khoa.code).subject_name == "Trần Minh An"
        [event] = [e for e in two.store.audit_events(khoa.code) if e.action == ACTION]
        assert event.detail["duplicate_of"] == [an.code]
        assert event.detail["central_checked"] is True
        assert LOCAL_ONLY not in actions(two, khoa.code)
        assert not any(LOCAL_LINE in n for n in c.notes())
        assert asked == ["ask"]

        # Corrected again, the child left as he now is: no check, no question to central.
        await open_correction(c, khoa.code)
        await retype(c, ("child", "home_town"), "Xã Đông Hội, Hà Nội")
        await pilot.press("f10")
        await settle(app, pilot)
        await give_reason(c, "Ghi lai que quan")
        assert isinstance(app.screen, DossierScreen)
        assert two.store.require(khoa.code).content_version == 3
        assert asked == ["ask"], "central was not asked again"
        assert len([a for a in actions(two, khoa.code) if a == ACTION]) == 1
