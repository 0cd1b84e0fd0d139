"""The same person already declared: the two dossiers side by side, and a supervisor's word.

Shown by the wizard when saving found a dossier of the office about the same person
(:func:`desk_app.duplicates.before_save`). The officer and the citizen read the new dossier
beside each match (code, counter, day received, status, who it is about and the facts that
make it the same person) and either go back to the wizard (Esc: nothing saved) or have a
supervisor confirm that it is saved anyway (Ctrl+S): a supervisor signed in confirms with the
key; an officer's supervisor types their username and password here, checked as signing in
checks them. The dialog closes with the :class:`~desk_app.duplicates.Confirmation`, which the
save audits. A correction that made a saved dossier the same person as another shows the same
dialog, its first column the dossier being corrected (its code, counter, day received).
Every value shown is data (names, codes, central's words) and reaches the screen as ``Text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from desk_app.clock import VN_TZ
from desk_app.safe_text import filled, plain, plain_cells

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.duplicates import Check, Confirmation, Found

TEXT = {
    "title": "Có thể trùng hồ sơ đã tiếp nhận",
    "intro": (
        "Bộ phận đã tiếp nhận {count} hồ sơ về cùng người này. Hãy đối chiếu với công dân: "
        "muốn vẫn lưu hồ sơ mới thì cần lãnh đạo bộ phận xác nhận."
    ),
    "new": "Hồ sơ đang lưu",
    "corrected": "Hồ sơ đang sửa",
    "corrected_status": "Bản sửa, chưa lưu",
    "intro_corrected": (
        "Sau khi sửa, hồ sơ nói về cùng người với {count} hồ sơ khác bộ phận đã tiếp nhận. "
        "Hãy đối chiếu với công dân: muốn vẫn lưu bản sửa thì cần lãnh đạo bộ phận xác nhận."
    ),
    "old": "Hồ sơ đã có",
    "old_n": "Hồ sơ đã có ({n})",
    "code": "Mã hồ sơ",
    "new_code": "(cấp khi lưu)",
    "desk": "Quầy tiếp nhận",
    "desk_n": "quầy {n}",
    "received": "Ngày tiếp nhận",
    "status": "Trạng thái",
    "new_status": "Chưa lưu",
    "where": "Tìm thấy",
    "here": "trên bàn này",
    "central": "ở hệ thống trung tâm",
    "subject": "Người được nói đến",
    "more": "Còn {count} hồ sơ khác trùng: {codes}",
    "is_supervisor": "Bạn là lãnh đạo bộ phận: Ctrl+S để xác nhận vẫn lưu {what}.",
    "sign": "Lãnh đạo bộ phận đăng nhập tại đây để xác nhận vẫn lưu {what}:",
    "what_new": "hồ sơ mới",
    "what_corrected": "bản sửa",
    "username": "Tên đăng nhập của lãnh đạo",
    "password": "Mật khẩu",
    "checking": "Đang kiểm tra…",
    "keys": "Ctrl+S: lãnh đạo xác nhận, vẫn lưu · Esc: không lưu, quay lại sửa",
}
SHOWN = 3
"""Matches shown side by side; the others are listed by code under the table."""


def _at(found: Found) -> str:
    return f"{found.received_at.astimezone(VN_TZ):%d/%m/%Y %H:%M}"


def comparison(check: Check, desk_number: int, now: str, subject_label: str) -> Table:
    """The new dossier beside each match (at most :data:`SHOWN`), every cell as ``Text``."""
    shown = check.found[:SHOWN]
    table = Table(show_header=True, box=None, expand=True, header_style="bold")
    table.add_column(plain(""), width=24, no_wrap=False)
    corrected = check.corrected
    table.add_column(plain(TEXT["corrected" if corrected else "new"]), ratio=1)
    for n, _ in enumerate(shown, start=1):
        heading = TEXT["old"] if len(shown) == 1 else TEXT["old_n"].format(n=n)
        table.add_column(plain(heading), ratio=1)

    def row(label: str, new: Text, olds: list[Text], bold: bool = False) -> None:
        style = "bold" if bold else ""
        table.add_row(*plain_cells(plain(label, "dim"), new, *olds), style=style)

    def desk_of(n: int | None) -> Text:
        return filled(TEXT["desk_n"], n="?" if n is None else n)

    code = plain(corrected.code if corrected else TEXT["new_code"])
    row(TEXT["code"], code, [plain(f.code) for f in shown], bold=True)
    desk = desk_of(corrected.desk if corrected else desk_number)
    row(TEXT["desk"], desk, [desk_of(f.desk) for f in shown])
    row(
        TEXT["received"],
        plain(_at(corrected) if corrected else now),
        [plain(_at(f)) for f in shown],
    )
    status = plain(TEXT["corrected_status" if corrected else "new_status"])
    row(TEXT["status"], status, [plain(f.status_label) for f in shown])
    where = [plain(TEXT["central"] if f.at_central else TEXT["here"]) for f in shown]
    row(TEXT["where"], plain(""), where)
    if not check.subject_is_key:  # a death is matched by ID: the names are read side by side
        names = [plain(f.subject_name) for f in shown]
        row(subject_label or TEXT["subject"], plain(check.subject_name), names)
    for i, label in enumerate(check.labels):
        row(label, plain(check.values[i]), [plain(f.values[i]) for f in shown], bold=True)
    return table


class DuplicateDialog(ModalScreen["Confirmation | None"]):
    """The matches side by side; a supervisor's confirmation (Ctrl+S) or back (Esc)."""

    DEFAULT_CSS = """
    DuplicateDialog {
        align: center middle;
    }
    #duplicate-box {
        width: 110;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    #duplicate-title {
        text-style: bold;
    }
    #duplicate-table {
        height: auto;
        max-height: 16;
        margin: 1 0;
    }
    .duplicate-note, #duplicate-error {
        color: $warning;
    }
    #duplicate-box Input {
        width: 40;
    }
    #duplicate-keys {
        color: $text-muted;
    }
    """

    AUTO_FOCUS = "Input"

    BINDINGS = [
        Binding(
            "ctrl+s",
            "confirm",
            "Lãnh đạo xác nhận, vẫn lưu",
            id="duplicate.confirm",
            tooltip="Lãnh đạo bộ phận xác nhận vẫn lưu hồ sơ mới (được ghi vào nhật ký)",
        ),
        Binding(
            "escape",
            "back",
            "Không lưu, quay lại",
            id="duplicate.back",
            tooltip="Không lưu hồ sơ, quay lại trang đang sửa",
        ),
    ]

    @dataclass
    class Approved(Message):
        """The supervisor confirmed."""

        confirmation: Confirmation

    @dataclass
    class NotApproved(Message):
        """The confirmation was refused; ``field`` names the input at fault."""

        message: str
        field: str | None

    def __init__(self, check: Check, desk: Desk) -> None:
        super().__init__(id="duplicate-dialog")
        self.check = check
        self.desk = desk
        self.busy = False
        officer = desk.signed_in
        self.supervisor_here = officer is not None and officer.is_supervisor

    def compose(self) -> ComposeResult:
        """Title, the comparison, central's note, the supervisor's part, the keys."""
        from desk_app import groups

        group = groups.find(self.check.group)
        now = f"{self.desk.clock().astimezone(VN_TZ):%d/%m/%Y %H:%M}"
        found = self.check.found
        with Vertical(id="duplicate-box"):
            yield Static(plain(TEXT["title"]), id="duplicate-title")
            intro = TEXT["intro_corrected" if self.check.corrected else "intro"]
            yield Static(filled(intro, count=len(found)), id="duplicate-intro")
            table = comparison(
                self.check,
                self.desk.settings.desk.number,
                now,
                group.subject_label if group else "",
            )
            with VerticalScroll(id="duplicate-table"):
                yield Static(table)
            if len(found) > SHOWN:
                rest = ", ".join(f.code for f in found[SHOWN:])
                more = filled(TEXT["more"], count=len(found) - SHOWN, codes=rest)
                yield Static(more, classes="duplicate-note")
            if self.check.central_note:
                yield Static(plain(self.check.central_note), classes="duplicate-note")
            what = TEXT["what_corrected" if self.check.corrected else "what_new"]
            if self.supervisor_here:
                yield Static(filled(TEXT["is_supervisor"], what=what), id="duplicate-sign")
            else:
                yield Static(filled(TEXT["sign"], what=what), id="duplicate-sign")
                yield Label(plain(TEXT["username"]))
                yield Input(id="duplicate-username")
                yield Label(plain(TEXT["password"]))
                yield Input(id="duplicate-password", password=True)
            yield Static("", id="duplicate-error")
            yield Static(plain(TEXT["keys"]), id="duplicate-keys")

    @on(Input.Submitted, "#duplicate-username")
    def _to_password(self) -> None:
        """Enter after the username moves to the password."""
        self.query_one("#duplicate-password", Input).focus()

    @on(Input.Submitted, "#duplicate-password")
    def _submitted(self) -> None:
        """Enter after the password confirms, as at the sign-in screen."""
        self.action_confirm()

    def action_back(self) -> None:
        """Back to the wizard: nothing is saved."""
        self.dismiss(None)

    def action_confirm(self) -> None:
        """Check the supervisor (in a worker: the password hash takes a moment)."""
        if self.busy:
            return
        username = password = ""
        if not self.supervisor_here:
            username = self.query_one("#duplicate-username", Input).value
            password = self.query_one("#duplicate-password", Input).value
        self.busy = True
        self.query_one("#duplicate-error", Static).update(plain(TEXT["checking"]))
        self._approve(username, password)

    @work(thread=True, exit_on_error=False, group="duplicate-approve")
    def _approve(self, username: str, password: str) -> None:
        from desk_app.duplicates import ApprovalRefused, approve

        try:
            confirmation = approve(self.desk, self.check, username, password)
        except ApprovalRefused as exc:
            self.post_message(self.NotApproved(exc.message, exc.field))
        else:
            self.post_message(self.Approved(confirmation))

    def on_duplicate_dialog_approved(self, message: Approved) -> None:
        """Confirmed: close with it; the wizard saves."""
        self.busy = False
        self.dismiss(message.confirmation)

    def on_duplicate_dialog_not_approved(self, message: NotApproved) -> None:
        """Say why next to the fields; the password is typed again."""
        self.busy = False
        self.query_one("#duplicate-error", Static).update(plain(message.message))
        if self.supervisor_here:
            return
        password = self.query_one("#duplicate-password", Input)
        password.value = ""
        target = message.field or "password"
        self.query_one(f"#duplicate-{target}", Input).focus()
