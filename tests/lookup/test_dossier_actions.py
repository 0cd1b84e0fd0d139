"""A dossier's view offers what applies to it and to the officer, says why the rest does not,
and lets the papers of a refused dossier be handed back; the hand-over's boxes say ticked or
not in their shape, with their whole labels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Digits, Input

from desk_app.demo import DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.lifecycle import Event, Status
from desk_app.lookup import PapersReturned, return_papers
from desk_app.store import DossierRow
from screens.dialogs.hand_over import HandOverDialog
from screens.dialogs.return_papers import ReturnPapersDialog
from screens.dialogs.tickbox import TickBox
from screens.dossier_view import DossierScreen
from screens.help import HelpScreen
from screens.lookup import LookupScreen
from tests.conftest import signed_in
from tests.hostile.screen_text import shown
from tests.lookup.conftest import CENTRAL, answered, make_ready, receive
from tests.screens.counter import Home, home

REASON = "Giấy chứng sinh không hợp lệ: không xác định được nơi sinh của trẻ"


def refused(desk: Desk) -> DossierRow:
    """A received dossier central accepted, then refused with :data:`REASON`."""
    code = receive(desk).code
    answered(desk, code, Event.ACCEPT)
    at = desk.clock() + timedelta(hours=2)
    return desk.store.apply_event(code, Event.REFUSE, officer=CENTRAL, at=at, reason=REASON)


def footer(h: Home) -> set[str]:
    """The ids of the keys the footer shows now."""
    return {b.id for _, b, *_ in h.app.active_bindings.values() if b.show and b.id}


async def open_dossier(h: Home, code: str) -> DossierScreen:
    await h.type(code)
    await h.pilot.press("enter")
    await h.settle()
    screen = h.app.screen
    assert isinstance(screen, DossierScreen) and screen.detail is not None
    return screen


ACTIONS = {
    "dossier.hand_over",
    "dossier.return_papers",
    "dossier.supplement",
    "dossier.cancel",
    "dossier.retry_sync",
}


@pytest.mark.parametrize(
    ("state", "supervisor", "offered"),
    [
        ("received", False, set()),
        ("received", True, {"dossier.cancel"}),
        ("supplement", False, {"dossier.supplement"}),
        ("ready", False, {"dossier.hand_over"}),
        ("refused", False, {"dossier.return_papers"}),
    ],
)
async def test_only_the_actions_that_apply_are_offered(
    counter: Desk, state: str, supervisor: bool, offered: set[str]
) -> None:
    if supervisor:
        signed_in(counter, DEMO_SUPERVISOR[0])
    code = receive(counter).code
    if state == "supplement":
        answered(counter, code, Event.ACCEPT)
        at = counter.clock() + timedelta(hours=1)
        counter.store.apply_event(code, Event.REQUEST_SUPPLEMENT, officer=CENTRAL, at=at)
    elif state == "ready":
        make_ready(counter, code)
    elif state == "refused":
        code = refused(counter).code
    async with home(counter) as h:
        await open_dossier(h, code)
        assert footer(h) & ACTIONS == offered
        assert "dossier.reprint" in footer(h)


async def test_the_key_of_an_action_held_back_says_why(counter: Desk) -> None:
    code = receive(counter).code
    async with home(counter) as h:
        await open_dossier(h, code)
        await h.pilot.press("h")
        await h.settle()
        assert isinstance(h.app.screen, DossierScreen)  # no dialog opened
        await h.pilot.press("b")
        await h.settle()
        notes = h.notices.messages
        assert any("Chỉ lãnh đạo bộ phận được hủy hồ sơ" in n for n in notes), notes
        assert any("Không thể nhận giấy tờ bổ sung" in n for n in notes), notes
        await h.pilot.press("f1")  # and F1 lists every action held back, with its reason
        await h.settle()
        assert isinstance(h.app.screen, HelpScreen)
        listed = " ".join(shown(h.app.screen).split())
        assert "Không dùng được ở đây" in listed
        for name in ("Hủy hồ sơ", "Nhận bổ sung", "Trả kết quả", "Trả lại hồ sơ", "Gửi lại"):
            assert name in listed, name
        assert "Chỉ lãnh đạo bộ phận được hủy hồ sơ" in listed
        assert "Không thể trả kết quả hồ sơ đang ở trạng thái “Đã tiếp nhận”" in listed


async def test_a_refused_dossiers_papers_are_handed_back_and_it_leaves_the_lists(
    counter: Desk,
) -> None:
    saved = refused(counter)
    async with home(counter) as h:
        assert h.app.screen.query_one("#count-ready Digits", Digits).value == "1"
        await h.pilot.press("f8")  # waiting for the citizen: results, or papers to hand back
        await h.settle()
        assert isinstance(h.app.screen, LookupScreen) and h.table_codes() == [saved.code]
        await h.pilot.press("down", "enter")
        await h.settle()
        view = h.app.screen
        assert isinstance(view, DossierScreen)
        await h.pilot.press("t")
        await h.settle()
        dialog = h.app.screen
        assert isinstance(dialog, ReturnPapersDialog)
        assert REASON in shown(dialog)  # what the officer tells the citizen
        assert dialog.query_one("#field-receiver_name", Input).value == "Nguyễn Thị Lan"
        await h.pilot.press("ctrl+s")
        await h.settle()
        assert h.app.screen is view
        event = counter.store.audit_events(saved.code)[-1]
        assert event.action == Event.RETURN_PAPERS and event.officer == counter.officer
        assert event.detail["receiver"] == "Nguyễn Thị Lan"
        assert event.detail["receiver_id"] == "001194012345"
        assert event.detail["reason"] == REASON
        row = counter.store.require(saved.code)
        assert row.status is Status.PAPERS_RETURNED and row.status_reason == REASON
        assert "Đã trả lại hồ sơ cho công dân" in shown(view)
        assert not footer(h) & ACTIONS  # nothing left to do
        await h.pilot.press("escape")
        await h.settle()
        assert h.table_codes() == []  # off the list
        await h.pilot.press("escape")
        await h.settle()
        assert h.app.screen.query_one("#count-ready Digits", Digits).value == "0"


def test_papers_are_handed_back_only_for_a_refused_dossier(counter: Desk) -> None:
    from desk_app.lookup import ActionRefused

    saved = receive(counter)
    data = PapersReturned("Nguyễn Thị Lan", "001194012345")
    with pytest.raises(Exception, match="Không thể trả lại hồ sơ đang ở trạng thái"):
        return_papers(counter, saved.code, data)
    code = refused(counter).code
    with pytest.raises(ActionRefused) as empty:
        return_papers(counter, code, PapersReturned("", "001194012345"))
    assert empty.value.field == "receiver_name"
    assert counter.store.require(code).status is Status.REFUSED  # nothing written
    assert return_papers(counter, code, data).status is Status.PAPERS_RETURNED


@pytest.mark.parametrize("size", [(80, 24), (100, 32)], ids=["80x24", "100x32"])
async def test_hand_over_boxes_say_ticked_in_their_shape_and_keep_their_whole_label(
    counter: Desk, size: tuple[int, int]
) -> None:
    ready = make_ready(counter, receive(counter).code)
    async with home(counter, size=size) as h:
        await open_dossier(h, ready.code)
        await h.pilot.press("t")
        await h.settle()
        dialog = h.app.screen
        assert isinstance(dialog, HandOverDialog)
        box = dialog.query_one("#original-birth_certificate", TickBox)
        label = next(i.label for i in dialog.detail.originals if i.id == "birth_certificate")
        assert len(label) > 70  # longer than a line of the dialog: it must wrap, not be cut
        assert box.render().plain == f"[ ] {label}"
        assert box.size.height == box.render().get_height(box.styles, box.size.width) > 1
        assert box.region.right <= dialog.query_one(".action-dialog").region.right
        assert "[ ] Giấy chứng sinh" in h.visible()
        box.focus()
        await h.pilot.press("space")
        await h.settle()
        assert box.value and "[✔] Giấy chứng sinh" in h.visible()
