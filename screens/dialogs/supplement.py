"""Supplementary documents for a dossier whose agency asked for them: back to "sent".

The reason central gave is shown; each checklist item can take a number of paper copies and
a tick for the original seen. What was received goes into the event's audit detail.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Static

from screens.dialogs.base import ActionDialog, Job

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import SupplementItem
    from desk_app.store import DossierRow

TEXT = {
    "title": "Nhận giấy tờ bổ sung",
    "asked": "Yêu cầu bổ sung: {reason}",
    "items": "Số bản đã nhận của từng giấy tờ",
    "sighted": "đã xem bản chính",
    "note": "Ghi chú (không bắt buộc)",
}


def _receive(code: str, items: list[SupplementItem], note: str, desk: Desk) -> DossierRow:
    from desk_app.lookup import receive_supplement

    return receive_supplement(desk, code, items, note)


class SupplementDialog(ActionDialog):
    """Record what the citizen brought."""

    TITLE_TEXT = TEXT["title"]

    def fields(self) -> ComposeResult:
        """The agency's request, then copies and originals per checklist item, then a note."""
        from desk_app.lookup.detail import item_labels

        row = self.detail.row
        if row.status_reason:
            yield Static(TEXT["asked"].format(reason=row.status_reason), classes="dialog-warning")
        yield Label(TEXT["items"])
        with Vertical(id="field-items", classes="checks"):
            for item, label in item_labels(row.procedure_group).items():
                with Horizontal(classes="supplement-item"):
                    yield Input(
                        placeholder="0",
                        restrict=r"\d{0,2}",
                        id=f"copies-{item}",
                        classes="copies",
                    )
                    yield Checkbox(TEXT["sighted"], id=f"sighted-{item}")
                    yield Label(label, classes="item-label")
        yield Label(TEXT["note"])
        yield Input(id="field-note")

    def job(self) -> Job:
        """Receive what was entered."""
        from desk_app.lookup import SupplementItem
        from desk_app.lookup.detail import item_labels

        items = []
        for item in item_labels(self.detail.row.procedure_group):
            copies = self.query_one(f"#copies-{item}", Input).value
            sighted = self.query_one(f"#sighted-{item}", Checkbox).value
            items.append(SupplementItem(item, copies=int(copies or 0), original_sighted=sighted))
        note = self.query_one("#field-note", Input).value
        return partial(_receive, self.detail.row.code, items, note)
