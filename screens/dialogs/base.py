"""What every counter-action dialog shares: keys, the worker that acts, refusals by field.

A dialog collects what the officer enters and hands the action to a thread worker; the
store's refusal (a field left empty, an original not collected, a move the lifecycle forbids)
comes back as a message and is shown in the dialog, next to the field named, without losing
what was typed. On success the dialog closes with the dossier as saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from desk_app.safe_text import filled, plain
from screens.desk_access import current_desk
from screens.help import HELP_BINDING
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import DossierDetail
    from desk_app.store import DossierRow

Job = Callable[["Desk"], "DossierRow"]
"""The action to run in the worker, with everything the officer entered bound in."""

TEXT = {
    "keys": "Ctrl+S: ghi nhận · Esc: đóng, không ghi gì",
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "saving": "Đang ghi nhận…",
    "dossier": "{code} · {subject}",
}


class ActionDialog(ModalScreen["DossierRow | None"]):
    """A modal form that performs one audited action on the dossier it was opened for."""

    CSS_PATH = "../lookup.tcss"
    AUTO_FOCUS = ""  # on_mount focuses the first field (Textual's own would, and then one on)

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        HELP_BINDING,
        Binding("ctrl+s", "submit", "Ghi nhận", id="dialog.submit", tooltip="Ghi nhận và đóng"),
        Binding("escape", "close", "Đóng", id="dialog.close", tooltip="Đóng, không ghi gì"),
    ]
    TITLE_TEXT = ""
    """The dialog's heading."""

    @dataclass
    class Done(Message):
        """The action was recorded."""

        row: DossierRow

    @dataclass
    class Refused(Message):
        """The action was refused; ``field`` names where the problem is, if anywhere."""

        message: str
        field: str | None

    def __init__(self, detail: DossierDetail) -> None:
        super().__init__()
        self.detail = detail
        self.busy = False

    def compose(self) -> ComposeResult:
        """Heading, the dossier, the subclass's fields, the error line, the keys."""
        row = self.detail.row
        with Vertical(classes="action-dialog"):
            yield Static(self.TITLE_TEXT, classes="dialog-title")
            yield Static(
                filled(TEXT["dossier"], code=row.code, subject=row.subject_name),
                classes="dialog-dossier",
            )
            yield from self.fields()
            yield Static("", id="dialog-error")
            yield Static(TEXT["keys"], classes="dialog-keys")

    def fields(self) -> ComposeResult:
        """The subclass's widgets."""
        yield from ()

    def job(self) -> Job:
        """The action with what was entered; raise ActionRefused for what is wrong already."""
        raise NotImplementedError

    def on_mount(self) -> None:
        """Start in the first field."""
        self.focus_next()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        """Enter moves on, as in the wizard; Ctrl+S records."""
        self.focus_next()

    def action_close(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)

    def action_submit(self) -> None:
        """Run the action in a worker (once at a time)."""
        desk = current_desk(self.app)
        if desk is None:
            self._show_error(TEXT["not_open"], None)
            return
        if self.busy:
            return
        self.busy = True
        self.query_one("#dialog-error", Static).update(TEXT["saving"])
        self._act(desk, self.job())

    @work(thread=True, exit_on_error=False, group="dossier-action")
    def _act(self, desk: Desk, job: Job) -> None:
        from desk_app.errors import DeskError
        from desk_app.lookup import ActionRefused

        try:
            row = job(desk)
        except ActionRefused as exc:
            self.post_message(self.Refused(exc.message, exc.field))
        except DeskError as exc:
            self.post_message(self.Refused(exc.message, None))
        else:
            self.post_message(self.Done(row))

    def on_action_dialog_done(self, message: Done) -> None:
        """Recorded: close with the saved dossier."""
        self.busy = False
        self.dismiss(message.row)

    def on_action_dialog_refused(self, message: Refused) -> None:
        """Show why, next to the field, keeping everything typed."""
        self.busy = False
        self._show_error(message.message, message.field)

    def _show_error(self, text: str, field: str | None) -> None:
        show_error(self, text, field)


def show_error(dialog: Screen[Any], text: str, field: str | None) -> None:
    """``text`` (data, never markup) in the dialog's ``#dialog-error`` line, and the focus on
    the field it is about (``#field-<field>``, or the first focusable widget inside it)."""
    dialog.query_one("#dialog-error", Static).update(plain(text))
    if field is None:
        return
    try:
        target = dialog.query_one(f"#field-{field}")
    except NoMatches:
        return
    if target.focusable:
        target.focus()
    else:
        dialog.focus_next(f"#field-{field} *")
