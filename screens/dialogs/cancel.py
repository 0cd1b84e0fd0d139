"""Cancelling a dossier at the citizen's request: the reason is required and kept."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from screens.dialogs.base import ActionDialog, Job

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.store import DossierRow

TEXT = {
    "title": "Hủy hồ sơ theo yêu cầu của công dân",
    "warning": "Hồ sơ đã hủy không thể khôi phục; công dân nộp lại thì tiếp nhận hồ sơ mới.",
    "reason": "Lý do công dân yêu cầu hủy",
}


def _cancel(code: str, reason: str, desk: Desk) -> DossierRow:
    from desk_app.lookup import cancel

    return cancel(desk, code, reason)


class CancelDialog(ActionDialog):
    """Record the cancellation and its reason."""

    TITLE_TEXT = TEXT["title"]

    def fields(self) -> ComposeResult:
        """The warning and the reason."""
        yield Static(TEXT["warning"], classes="dialog-warning")
        yield Label(TEXT["reason"])
        yield Input(id="field-reason")

    def job(self) -> Job:
        """Cancel with the reason typed."""
        return partial(_cancel, self.detail.row.code, self.query_one("#field-reason", Input).value)
