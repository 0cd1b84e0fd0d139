"""At the counter, by keys: scan a receipt on home, find by name, hand over, be refused."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Digits, Input, Static

from desk_app.demo import DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.lifecycle import Event, Status
from desk_app.lookup import VIEW_ACTION
from desk_app.store import DossierRow
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.dialogs.cancel import CancelDialog
from screens.dialogs.hand_over import HandOverDialog
from screens.dialogs.quit import QuitDialog
from screens.dialogs.return_papers import ReturnPapersDialog
from screens.dialogs.supplement import SupplementDialog
from screens.dossier_view import DossierScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.lookup import LookupScreen
from tests import scans
from tests.conftest import signed_in
from tests.hostile.screen_text import shown
from tests.lookup.conftest import answered, make_ready, receive
from tests.notices import Notices

KEY_NAMES = {
    ".": "full_stop",
    "-": "minus",
    "/": "slash",
    ":": "colon",
    "?": "question_mark",
    "=": "equals_sign",
    "&": "ampersand",
    " ": "space",
}
URL = "https://tracuu.example.vn/ho-so?ma={code}&xn={lookup_code}"


@dataclass
class Counter:
    app: DeskApp
    pilot: Pilot
    desk: Desk
    notices: Notices = field(default_factory=Notices)

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        """Keys as a keyboard (or a keyboard-wedge scanner) sends them."""
        for char in text:
            await self.pilot.press(KEY_NAMES.get(char, char))

    async def scan(self, payload: str) -> None:
        await self.type(payload)
        await self.pilot.press("enter")
        await self.settle()

    def table_codes(self) -> list[str]:
        table = self.app.screen.query_one(DataTable)
        return [str(key.value) for key in table.rows]

    def shown(self, selector: str) -> str:
        """The text a Static on the current screen shows, as the officer reads it."""
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(self.app.screen.query_one(selector, Static).content)
        return console.export_text()

    def notes(self) -> list[str]:
        """What the officer has been told (notifications), oldest first."""
        return self.notices.messages


@pytest.fixture
async def counter_app(counter: Desk) -> AsyncIterator[Counter]:
    counter.settings = counter.settings.model_copy(
        update={"receipt": counter.settings.receipt.model_copy(update={"qr_template": URL})}
    )
    app = DeskApp.for_desk(counter)
    app.sync_policy = RetryPolicy(attempts=1)  # no central here: the first round gives up
    notices = Notices()
    async with app.run_test(size=(100, 32), notifications=True, message_hook=notices.hook) as pilot:
        c = Counter(app, pilot, counter, notices)
        await c.settle()
        yield c


@pytest.mark.parametrize("as_url", [False, True], ids=["bare code", "lookup url"])
async def test_scanning_a_receipt_on_home_opens_that_dossier(
    counter_app: Counter, as_url: bool
) -> None:
    c = counter_app
    wanted = receive(c.desk)
    receive(c.desk)  # another dossier of the same family: the scan must pick the right one
    assert isinstance(c.app.screen, HomeScreen)
    payload = (
        URL.format(code=wanted.code, lookup_code=wanted.lookup_code) if as_url else wanted.code
    )
    await c.scan(payload)
    screen = c.app.screen
    assert isinstance(screen, DossierScreen) and screen.detail is not None
    assert screen.detail.row.code == wanted.code
    assert wanted.code in c.shown("#dossier-head")


async def test_unknown_code_scanned_on_home_says_so_and_asks_central(counter_app: Counter) -> None:
    c = counter_app
    await c.scan("000.00.01.H26-261124-1999")
    assert "Không có hồ sơ mã 000.00.01.H26-261124-1999 trên bàn này." in c.notes()
    # Another counter may have it: the lookup screen asks central (no central here: it says so).
    assert isinstance(c.app.screen, LookupScreen) and c.table_codes() == []
    assert "Chưa hỏi được hệ thống trung tâm" in c.shown("#lookup-summary")


async def test_a_name_typed_without_diacritics_finds_the_dossier(counter_app: Counter) -> None:
    c = counter_app
    wanted = receive(c.desk, child__full_name="Trần Minh Ánh")
    other = receive(c.desk, child__full_name="Lê Thị Hoa", requester__full_name="Lê Văn Tâm")
    await c.scan("tran minh anh")  # typed on home: Enter opens lookup with it
    assert isinstance(c.app.screen, LookupScreen)
    assert c.table_codes() == [wanted.code]
    # Refine in the lookup field: results follow the keystrokes.
    field = c.app.screen.query_one(Input)
    field.value = ""
    await c.type("le thi h")
    await c.settle()
    assert c.table_codes() == [other.code]
    await c.pilot.press("enter")  # the only result opens
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen) and c.app.screen.code == other.code


async def test_handing_over_records_the_event_and_leaves_the_ready_list(
    counter_app: Counter,
) -> None:
    c = counter_app
    ready = make_ready(c.desk, receive(c.desk).code)
    await c.pilot.press("f5")
    await c.settle()
    assert c.app.screen.query_one("#count-ready Digits", Digits).value == "1"

    await c.pilot.press("f8")  # the "ready for pick-up" list
    await c.settle()
    assert isinstance(c.app.screen, LookupScreen) and c.table_codes() == [ready.code]
    await c.pilot.press("down", "enter")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)

    await c.pilot.press("t")
    await c.pilot.pause()
    dialog = c.app.screen
    assert isinstance(dialog, HandOverDialog)
    # The requester collects: her name and ID number are filled in from the dossier.
    assert dialog.query_one("#field-receiver_name", Input).value == "Nguyễn Thị Lan"
    assert dialog.query_one("#field-receiver_id", Input).value == "001194012345"
    await c.pilot.press("ctrl+s")  # the birth certificate's original is not ticked yet
    await c.settle()
    assert c.app.screen is dialog
    assert "bản chính Giấy chứng sinh" in c.shown("#dialog-error")
    assert dialog.focused is dialog.query_one("#original-birth_certificate", Checkbox)
    await c.pilot.press("space", "ctrl+s")
    await c.settle()

    assert isinstance(c.app.screen, DossierScreen)
    event = c.desk.store.audit_events(ready.code)[-1]
    assert event.action == Event.HAND_OVER
    assert event.detail["receiver"] == "Nguyễn Thị Lan"
    assert event.detail["originals_handed_in"][0].startswith("Giấy chứng sinh")
    assert c.desk.store.require(ready.code).status is Status.HANDED_OVER
    assert "Đã trả kết quả" in c.shown("#dossier-timeline")

    await c.pilot.press("escape")  # back to the ready list, read again
    await c.settle()
    assert isinstance(c.app.screen, LookupScreen) and c.table_codes() == []
    await c.pilot.press("escape")
    await c.settle()
    assert c.app.screen.query_one("#count-ready Digits", Digits).value == "0"


async def test_handing_over_a_dossier_that_is_not_ready_is_refused(
    counter_app: Counter,
) -> None:
    c = counter_app
    saved: DossierRow = receive(c.desk)
    await c.scan(saved.code)
    assert isinstance(c.app.screen, DossierScreen)
    await c.pilot.press("t")
    await c.pilot.pause()
    assert isinstance(c.app.screen, DossierScreen)  # no dialog opened
    assert "Không thể trả kết quả hồ sơ đang ở trạng thái “Đã tiếp nhận”." in c.notes()
    assert [e.action for e in c.desk.store.audit_events(saved.code)] == [
        Event.RECEIVE,
        VIEW_ACTION,  # who opened whose dossier is on record
    ]


async def test_an_officer_is_told_cancelling_is_for_a_supervisor(counter_app: Counter) -> None:
    c = counter_app
    saved = receive(c.desk)
    await c.scan(saved.code)
    await c.pilot.press("h")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)  # no dialog opened
    assert any("Chỉ lãnh đạo bộ phận được hủy hồ sơ" in note for note in c.notes())
    assert c.desk.store.require(saved.code).status is Status.RECEIVED


async def test_cancel_needs_a_reason_then_is_recorded(counter_app: Counter) -> None:
    c = counter_app
    signed_in(c.desk, DEMO_SUPERVISOR[0])
    saved = receive(c.desk)
    await c.scan(saved.code)
    await c.pilot.press("h")
    await c.pilot.pause()
    assert isinstance(c.app.screen, CancelDialog)
    await c.pilot.press("ctrl+s")
    await c.settle()
    assert "Lý do hủy" in c.shown("#dialog-error")
    await c.type("Gia dinh xin rut ho so")
    await c.pilot.press("ctrl+s")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    row = c.desk.store.require(saved.code)
    assert (row.status, row.status_reason) == (Status.CANCELLED, "Gia dinh xin rut ho so")


async def test_reprint_is_audited_and_printed_through_the_app(counter_app: Counter) -> None:
    c = counter_app
    saved = receive(c.desk)
    await c.scan(saved.code)
    await c.pilot.press("i")
    await c.settle()
    assert c.desk.store.audit_events(saved.code)[-1].action == "receipt.reprint"
    assert (c.desk.settings.paths.receipts / f"{saved.code}.pdf").exists()


async def test_every_key_has_an_id_a_description_and_a_tooltip(counter_app: Counter) -> None:
    c = counter_app
    screens = (
        HomeScreen,
        LookupScreen,
        DossierScreen,
        HandOverDialog,
        ReturnPapersDialog,
        CancelDialog,
        SupplementDialog,
        HelpScreen,
        QuitDialog,
    )
    for screen in screens:
        for binding in screen.BINDINGS:
            assert binding.id and binding.description and binding.tooltip, (screen, binding)  # type: ignore[union-attr]
    # Home's footer: help first, reception, sync, lock, quit; the lists are on their tiles.
    shown = [b.id for _, b, *_ in c.app.active_bindings.values() if b.show]
    assert shown[0] in ("help.open", "app.help")  # F1 first
    assert {"home.new_dossier", "home.drafts", "home.sync", "home.lock", "app.quit"} <= set(shown)


async def test_supplement_with_a_scanned_file_goes_back_to_sent(counter_app: Counter) -> None:
    c = counter_app
    saved = receive(c.desk)
    answered(c.desk, saved.code, Event.ACCEPT)
    c.desk.store.apply_event(
        saved.code,
        Event.REQUEST_SUPPLEMENT,
        officer="central",
        at=c.desk.clock(),
        reason="Bổ sung giấy tờ chứng minh nơi cư trú",
    )
    scan = c.desk.settings.paths.scanner_inbox / "noi-cu-tru.pdf"
    scan.parent.mkdir(parents=True, exist_ok=True)
    scan.write_bytes(scans.pdf("residence proof"))
    await c.scan(saved.code)
    await c.pilot.press("b")
    await c.pilot.pause()
    dialog = c.app.screen
    assert isinstance(dialog, SupplementDialog)
    dialog.query_one("#copies-residence_proof", Input).focus()
    await c.pilot.press("f4")
    await c.pilot.pause()
    await c.pilot.press("enter")  # the one file in the scanner's folder
    await c.settle()
    assert c.app.screen is dialog
    await c.type("1")
    await c.pilot.press("ctrl+s")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    row = c.desk.store.require(saved.code)
    assert row.status is Status.SENT
    event = c.desk.store.audit_events(saved.code)[-1]
    assert event.action == Event.SUPPLEMENT_RECEIVED
    [part] = event.detail["attachments"]
    assert (part["item"], part["copies"], len(part["files"])) == ("residence_proof", 1, 1)
    assert "bổ sung" in c.shown("#dossier-attachments")


async def test_the_command_palette_offers_the_screen_actions_that_apply(
    counter_app: Counter,
) -> None:
    c = counter_app
    saved = make_ready(c.desk, receive(c.desk).code)
    await c.pilot.press("ctrl+f")  # from home, the lookup screen
    assert isinstance(c.app.screen, LookupScreen)
    await c.type(saved.code)
    await c.pilot.press("enter")
    await c.settle()
    assert isinstance(c.app.screen, DossierScreen)
    await c.pilot.press("ctrl+p")
    await c.settle()
    listed = shown(c.app.screen)
    assert "Trả kết quả" in listed and "In giấy hẹn" in listed
    # Nothing the officer may not do here: no supplement, no cancelling, no handing back.
    for held_back in ("Nhận bổ sung", "Hủy hồ sơ", "Trả lại hồ sơ", "Gửi lại"):
        assert held_back not in listed, held_back
    await c.type("Trả kết quả")
    await c.settle()
    await c.pilot.press("enter")
    await c.settle()
    assert isinstance(c.app.screen, HandOverDialog)  # the palette ran the screen's action
