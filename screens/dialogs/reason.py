"""The reason for a correction, asked after the corrected dossier has passed every check.

A correction is kept for good with who made it and why (the audit log, the dossier's versions,
central), so the reason is required and checked here as the store will check it (1–500
characters, one line): the officer hears at once what is wrong, next to the field, and what
was typed stays. Enter, Ctrl+S or F10 saves; Esc goes back to the corrected pages unsaved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from desk_app.safe_text import filled, plain
from screens.help import HELP_BINDING

TEXT = {
    "title": "Lưu bản sửa hồ sơ",
    "dossier": "{code} · nội dung phiên bản {version} (đang là phiên bản {current})",
    "reason": "Lý do sửa (bắt buộc, tối đa 500 ký tự)",
    "keys": "Enter / F10: lưu bản sửa · Esc: quay lại sửa, chưa lưu",
    "resend": "Hồ sơ bị hệ thống trả lại: lưu xong sẽ được gửi lại ở lần đồng bộ tới.",
}


class CorrectionReason(ModalScreen[str | None]):
    """Ask why the dossier is corrected; the reason as cleaned, or None when the officer goes
    back."""

    CSS_PATH = "../lookup.tcss"

    BINDINGS = [
        HELP_BINDING,
        Binding("f10", "submit", "Lưu bản sửa", id="reason.submit", tooltip="Lưu bản sửa"),
        Binding("ctrl+s", "submit", "Lưu", show=False, id="reason.save", tooltip="Lưu bản sửa"),
        Binding(
            "escape",
            "back",
            "Quay lại",
            id="reason.back",
            tooltip="Quay lại các trang đang sửa, chưa lưu gì",
        ),
    ]

    def __init__(self, code: str, current: int, *, resend: bool = False) -> None:
        super().__init__()
        self.code = code
        self.current = current
        self.resend = resend

    def compose(self) -> ComposeResult:
        """Heading, the dossier and version, the reason field, the error line, the keys."""
        with Vertical(classes="action-dialog"):
            yield Static(TEXT["title"], classes="dialog-title")
            yield Static(
                filled(
                    TEXT["dossier"], code=self.code, version=self.current + 1, current=self.current
                ),
                classes="dialog-dossier",
            )
            if self.resend:
                yield Static(TEXT["resend"], classes="dialog-warning")
            yield Label(TEXT["reason"])
            yield Input(id="field-reason")
            yield Static("", id="dialog-error")
            yield Static(TEXT["keys"], classes="dialog-keys")

    def on_mount(self) -> None:
        """Start in the reason."""
        self.query_one("#field-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the reason saves (one field: nothing to move on to)."""
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Close with the reason when it is one the store takes; else say why, beside it."""
        from desk_app.corrections import CorrectionRefused, clean_reason

        try:
            reason = clean_reason(self.query_one("#field-reason", Input).value)
        except CorrectionRefused as refused:
            self.query_one("#dialog-error", Static).update(plain(refused.errors[0].hint))
            return
        self.dismiss(reason)

    def action_back(self) -> None:
        """Back to the pages, nothing saved."""
        self.dismiss(None)
