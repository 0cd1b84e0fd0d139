"""The apology and new appointment (form 04) for a dossier that will be late.

Decree 61/2018 asks the office to apologise in writing and give a new date when a result will
not be ready on the appointment. The officer types the new date and why; the desk records the
new due date (shipped to central as a ``new_appointment`` event), prints form 04 through the
same print command as the receipt, and keeps the PDF beside it. A refusal (a date before the
old one or not a working day, no reason) is shown next to its field, keeping what was typed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from screens.dialogs.base import ActionDialog, Job

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.documents.api import FormOutcome
    from desk_app.lookup import DossierDetail
    from desk_app.store import DossierRow

TEXT = {
    "title": "Thư xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)",
    "note": "Ngày hẹn mới được ghi vào hồ sơ và gửi lên hệ thống; phiếu được in ngay.",
    "new_date": "Ngày hẹn trả mới (ngày/tháng/năm)",
    "reason": "Lý do chậm trả kết quả",
    "no_date": "Ngày hẹn trả mới: chưa nhập (ngày/tháng/năm).",
    "bad_date": "Ngày hẹn trả mới: “{value}” không phải ngày/tháng/năm hợp lệ.",
}


def apology_refusal(row: DossierRow) -> str | None:
    """Why form 04 does not apply to ``row`` (it has its result, or is closed); None if it does."""
    from desk_app.documents import texts
    from desk_app.documents.content import NOT_DONE

    return None if row.status in NOT_DONE else texts.WHEN["04"]


def _issue(
    code: str, raw_date: str, reason: str, holder: list[FormOutcome], desk: Desk
) -> DossierRow:
    """Record the new date and print form 04 (one call, as ``desk form 04`` makes it)."""
    from desk_app.documents.api import make_form
    from desk_app.documents.content import FormRefused
    from desk_app.lookup import ActionRefused
    from forms.fields import parse_date

    typed = raw_date.strip()
    if not typed:
        raise ActionRefused(TEXT["no_date"], "new_date")
    try:
        new_date = parse_date(typed)
    except ValueError:  # pydantic's own errors are ValueErrors: its words never reach here
        raise ActionRefused(TEXT["bad_date"].format(value=typed), "new_date") from None
    try:
        holder.append(make_form(desk, "04", code, reason=reason, new_date=new_date, send=True))
    except FormRefused as exc:
        raise ActionRefused(exc.message, exc.field) from None
    return desk.store.require(code)


class ApologyDialog(ActionDialog):
    """Ask the new date and the reason, then record and print form 04."""

    TITLE_TEXT = TEXT["title"]

    def __init__(self, detail: DossierDetail) -> None:
        super().__init__(detail)
        self.outcomes: list[FormOutcome] = []
        """Where the worker leaves the printing's outcome for the Done handler to tell."""

    def fields(self) -> ComposeResult:
        """The note, the new date, the reason."""
        yield Static(TEXT["note"], classes="dialog-warning")
        yield Label(TEXT["new_date"])
        yield Input(id="field-new_date", placeholder="dd/mm/yyyy")
        yield Label(TEXT["reason"])
        yield Input(id="field-reason")

    def job(self) -> Job:
        """Issue form 04 with what was typed."""
        return partial(
            _issue,
            self.detail.row.code,
            self.query_one("#field-new_date", Input).value,
            self.query_one("#field-reason", Input).value,
            self.outcomes,
        )

    def on_action_dialog_done(self, message: ActionDialog.Done) -> None:
        """Say where the letter went (printed, kept, or why printing failed); the base class's
        own handler, which Textual calls next, closes the dialog."""
        for outcome in self.outcomes:
            self.app.notify(
                outcome.message,
                severity="information" if outcome.ok else "warning",
                timeout=10,
                markup=False,
            )
