"""Refusing the dossier being entered, at the counter: the reason, then form 03 and no draft.

The officer sees while typing that the dossier cannot be received (another office decides it,
a paper looks forged, papers are missing and the citizen cannot bring them now). This dialog
asks why (one of the usual reasons, ↑↓, with details typed below, or another reason typed in
full) and confirms the requester's name printed on the paper; F10 (or Ctrl+S) then refuses:
form 03 is printed from the draft, the refusal is audited and the draft is discarded, all
through :func:`desk_app.documents.at_counter.refuse_at_counter` in a worker. A refusal of what
was entered (no reason, no name) is shown next to its field, keeping what was typed. Esc, or
anything short of F10, changes nothing: the draft stays where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.worker import Worker, WorkerState

from desk_app.documents import texts as form_texts
from desk_app.safe_text import filled, plain
from screens.dialogs.base import show_error
from screens.help import HELP_BINDING

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.documents.api import FormOutcome

TEXT = {
    "title": "Từ chối tiếp nhận hồ sơ tại quầy (mẫu 03)",
    "draft": "Bản nháp số {draft} · {about}",
    "warning": "Không lưu hồ sơ, không cấp mã: in phiếu từ chối và bỏ bản nháp.",
    "reason": "Lý do từ chối (↑↓ chọn)",
    "detail": "Ghi rõ lý do (bắt buộc khi chọn lý do khác)",
    "name": "Họ tên người yêu cầu (in trên phiếu)",
    "keys": "F10: từ chối và in phiếu · Esc: đóng, không thay đổi gì",
    "working": "Đang in phiếu và ghi nhận…",
}


class RefuseAtCounterDialog(ModalScreen["FormOutcome | None"]):
    """Ask why the dossier of draft ``draft_id`` is refused, then refuse it; the outcome of
    printing form 03, or None when the officer closed the dialog (nothing changed)."""

    CSS_PATH = "../lookup.tcss"
    AUTO_FOCUS = "#field-reason"

    DEFAULT_CSS = """
    RefuseAtCounterDialog {
        align: center middle;
    }
    RefuseAtCounterDialog #field-reason {
        height: auto;
        max-height: 7;
        border: none;
        padding: 0;
        background: $boost;
    }
    """

    BINDINGS = [
        HELP_BINDING,
        Binding(
            "f10",
            "refuse",
            "Từ chối, in phiếu",
            id="refuse.confirm",
            tooltip="Từ chối tiếp nhận: in phiếu mẫu 03, ghi nhận và bỏ bản nháp",
        ),
        Binding(
            "ctrl+s",
            "refuse",
            "Từ chối, in phiếu",
            show=False,
            id="refuse.confirm_save",
            tooltip="Từ chối tiếp nhận: in phiếu mẫu 03, ghi nhận và bỏ bản nháp",
        ),
        Binding(
            "escape",
            "close",
            "Đóng",
            id="refuse.close",
            tooltip="Đóng, không thay đổi gì: bản nháp vẫn còn",
        ),
    ]

    @dataclass
    class Done(Message):
        """Refused: the form was kept (and sent to the printer, or why not)."""

        outcome: FormOutcome

    @dataclass
    class Refused(Message):
        """Not refused: what is wrong, and the field (``name``, ``reason``, ``detail``)."""

        message: str
        field: str | None

    def __init__(self, desk: Desk, draft_id: int, about: str, name: str) -> None:
        super().__init__()
        self.desk = desk
        self.draft_id = draft_id
        self.about = about
        """Who the dossier is about, as the drafts list says it ("Trẻ: TRẦN MINH AN — …")."""
        self.requester = name
        self.busy = False

    def compose(self) -> ComposeResult:
        """Heading, the draft, the warning, the reasons, the details, the name, the keys."""
        reasons = [*form_texts.COUNTER_REASONS, form_texts.COUNTER_OTHER]
        with Vertical(classes="action-dialog"):
            yield Static(TEXT["title"], classes="dialog-title")
            yield Static(
                filled(TEXT["draft"], draft=self.draft_id, about=self.about),
                classes="dialog-dossier",
            )
            yield Static(TEXT["warning"], classes="dialog-warning")
            yield Label(TEXT["reason"])
            yield OptionList(*(plain(r) for r in reasons), id="field-reason")
            yield Label(TEXT["detail"])
            yield Input(id="field-detail")
            yield Label(TEXT["name"])
            yield Input(self.requester, id="field-name")  # the draft's name: data, never markup
            yield Static("", id="dialog-error")
            yield Static(TEXT["keys"], classes="dialog-keys")

    def on_mount(self) -> None:
        """No reason chosen until the officer chooses one (an OptionList starts on its first:
        F10 at once must not refuse for a reason nobody picked)."""
        self.query_one("#field-reason", OptionList).highlighted = None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a reason: on to its details."""
        event.stop()
        self.query_one("#field-detail", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves on, as in the wizard; only F10 refuses (it discards the draft)."""
        event.stop()
        self.focus_next()

    def action_close(self) -> None:
        """Close without changing anything (not while the refusal is being recorded)."""
        if not self.busy:
            self.dismiss(None)

    def action_refuse(self) -> None:
        """Check what was entered and refuse in a worker (once at a time)."""
        from desk_app.documents.at_counter import counter_reason
        from desk_app.documents.content import FormRefused

        if self.busy:
            return
        choice = self.query_one("#field-reason", OptionList).highlighted
        try:
            reason = counter_reason(choice, self.query_one("#field-detail", Input).value)
        except FormRefused as refused:
            self._show_error(refused.message, refused.field)
            return
        self.busy = True
        self.query_one("#dialog-error", Static).update(TEXT["working"])
        self._refuse(reason, self.query_one("#field-name", Input).value)

    @work(thread=True, exit_on_error=False, group="refuse-at-counter")
    def _refuse(self, reason: str, name: str) -> None:
        from desk_app.documents.at_counter import refuse_at_counter
        from desk_app.errors import DeskError

        try:
            outcome = refuse_at_counter(self.desk, self.draft_id, reason, name=name)
        except DeskError as exc:
            field = getattr(exc, "field", None)
            self.post_message(self.Refused(exc.message, field if isinstance(field, str) else None))
        else:
            self.post_message(self.Done(outcome))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure (told by the App's one worker handler, where the event goes
        on to) leaves the dialog usable: the officer may try again or close it."""
        if event.worker.group == "refuse-at-counter" and event.state is WorkerState.ERROR:
            self.busy = False
            self.query_one("#dialog-error", Static).update("")

    def on_refuse_at_counter_dialog_done(self, message: Done) -> None:
        """Refused and recorded: close with the outcome."""
        self.busy = False
        self.dismiss(message.outcome)

    def on_refuse_at_counter_dialog_refused(self, message: Refused) -> None:
        """Not refused: say why beside the field, keeping everything typed."""
        self.busy = False
        self._show_error(message.message, message.field)

    def _show_error(self, text: str, field: str | None) -> None:
        show_error(self, text, field)
