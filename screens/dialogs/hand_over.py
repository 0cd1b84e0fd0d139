"""Handing the results over: who received them, the document they showed, the originals taken.

The receiver is the requester by default (name and ID number filled in from the dossier);
every original the checklist asks for at pick-up is a box to tick, and the action is refused
until each is ticked (the birth certificate's original is handed in for the birth certificate).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from desk_app.safe_text import plain
from screens.dialogs.base import ActionDialog, Job
from screens.dialogs.tickbox import TickBox

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import HandOver
    from desk_app.store import DossierRow

TEXT = {
    "title": "Trả kết quả",
    "name": "Họ tên người nhận kết quả",
    "id": "Số giấy tờ người nhận xuất trình (căn cước, CMND, hộ chiếu)",
    "originals": "Bản chính đã thu / đã đối chiếu (Space: đánh dấu hoặc bỏ)",
    "note": "Ghi chú (không bắt buộc)",
}


def requester_id(detail_declarations: dict[str, Any]) -> str:
    """The requester's ID number as declared: the receiver is usually the requester."""
    requester = detail_declarations.get("requester")
    if isinstance(requester, dict):
        document = requester.get("id_document")
        number = document.get("number") if isinstance(document, dict) else None
        if isinstance(number, str):
            return number
    return ""


def _hand_over(code: str, data: HandOver, desk: Desk) -> DossierRow:
    from desk_app.lookup import hand_over

    return hand_over(desk, code, data)


class HandOverDialog(ActionDialog):
    """Record that the results were handed over."""

    TITLE_TEXT = TEXT["title"]

    def fields(self) -> ComposeResult:
        """Receiver, their document, the originals, a note."""
        from desk_app.lookup.detail import declarations_of

        row = self.detail.row
        yield Label(TEXT["name"])
        yield Input(row.requester_name, id="field-receiver_name")
        yield Label(TEXT["id"])
        yield Input(requester_id(dict(declarations_of(row))), id="field-receiver_id")
        yield Label(TEXT["originals"])
        with Vertical(id="field-originals", classes="checks"):
            for item in self.detail.originals:
                yield TickBox(plain(item.label), id=f"original-{item.id}")
        yield Label(TEXT["note"])
        yield Input(id="field-note")

    def job(self) -> Job:
        """Hand over with what was entered."""
        from desk_app.lookup import HandOver

        ticked = {
            item.id
            for item in self.detail.originals
            if self.query_one(f"#original-{item.id}", TickBox).value
        }
        data = HandOver(
            receiver_name=self.query_one("#field-receiver_name", Input).value,
            receiver_id=self.query_one("#field-receiver_id", Input).value,
            originals=ticked,
            note=self.query_one("#field-note", Input).value,
        )
        return partial(_hand_over, self.detail.row.code, data)
