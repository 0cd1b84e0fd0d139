"""Handing the papers of a refused dossier back to the citizen, with the refusal's reason.

A refused dossier's papers stay at the counter until the citizen comes back for them. The
receiver is the requester by default (name and ID number filled in from the dossier); the
refusal's reason is shown, as the officer tells it to the citizen. Recording it takes the
dossier off the counter's lists.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from desk_app.safe_text import filled
from screens.dialogs.base import ActionDialog, Job
from screens.dialogs.hand_over import requester_id

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import PapersReturned
    from desk_app.store import DossierRow

TEXT = {
    "title": "Trả lại hồ sơ bị từ chối cho công dân",
    "reason": "Lý do từ chối (nói rõ cho công dân): {reason}",
    "no_reason": "Hệ thống không ghi lý do từ chối; hãy hỏi cơ quan giải quyết trước khi trả.",
    "name": "Họ tên người nhận lại hồ sơ",
    "id": "Số giấy tờ người nhận xuất trình (căn cước, CMND, hộ chiếu)",
    "note": "Ghi chú (không bắt buộc)",
}


def _return(code: str, data: PapersReturned, desk: Desk) -> DossierRow:
    from desk_app.lookup import return_papers

    return return_papers(desk, code, data)


class ReturnPapersDialog(ActionDialog):
    """Record that the papers of a refused dossier were handed back."""

    TITLE_TEXT = TEXT["title"]

    def fields(self) -> ComposeResult:
        """The refusal's reason, the receiver, their document, a note."""
        from desk_app.lookup.detail import declarations_of

        row = self.detail.row
        if row.status_reason:
            yield Static(filled(TEXT["reason"], reason=row.status_reason), classes="dialog-warning")
        else:
            yield Static(TEXT["no_reason"], classes="dialog-warning")
        yield Label(TEXT["name"])
        yield Input(row.requester_name, id="field-receiver_name")
        yield Label(TEXT["id"])
        yield Input(requester_id(dict(declarations_of(row))), id="field-receiver_id")
        yield Label(TEXT["note"])
        yield Input(id="field-note")

    def job(self) -> Job:
        """Hand back with what was entered."""
        from desk_app.lookup import PapersReturned

        data = PapersReturned(
            receiver_name=self.query_one("#field-receiver_name", Input).value,
            receiver_id=self.query_one("#field-receiver_id", Input).value,
            note=self.query_one("#field-note", Input).value,
        )
        return partial(_return, self.detail.row.code, data)
