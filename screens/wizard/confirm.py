"""Before saving: what will be recorded and when it is due, and F10 to save it.

Enter on the last page used to save at once and hand out a code: one Enter too many in the
rhythm of a page was a dossier saved. The dialog shows who asks, for whom, how each result is
received, the papers, the appointment and any warning (received outside office hours), and
only F10, the wizard's save key everywhere, saves. Enter here saves nothing and says so.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from desk_app.safe_text import plain

TEXT = {
    "title": "Lưu hồ sơ và cấp mã hồ sơ?",
    "due": "Hẹn trả kết quả (dự kiến)",
    "hint": "F10: lưu và cấp mã hồ sơ · Esc: quay lại sửa",
    "enter": "Enter không lưu hồ sơ: nhấn F10 để lưu, Esc để quay lại.",
}


class ConfirmSave(ModalScreen[bool]):
    """What saving will record; True when the officer presses F10."""

    BINDINGS = [
        Binding(
            "f10",
            "dismiss(True)",
            "Lưu, cấp mã",
            id="confirm.save",
            tooltip="Lưu hồ sơ và cấp mã hồ sơ",
        ),
        Binding(
            "escape",
            "dismiss(False)",
            "Quay lại",
            id="confirm.back",
            tooltip="Không lưu, quay lại trang đang sửa",
        ),
        Binding(
            "enter",
            "remind",
            "Enter",
            show=False,
            id="confirm.enter",
            tooltip="Enter không lưu: nhấn F10 để lưu",
        ),
    ]

    def __init__(self, lines: list[tuple[str, str]], due: str, warnings: list[str]) -> None:
        super().__init__()
        self.lines = lines
        self.due = due
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        """The summary, the warnings, the keys."""
        table = Table(show_header=False, box=None, expand=True)
        table.add_column(width=26, no_wrap=False)
        table.add_column(ratio=1)
        for label, value in [*self.lines, (TEXT["due"], self.due)]:
            table.add_row(plain(label, "dim"), plain(value))  # what was typed: never markup
        with Vertical(id="confirm-box"):
            yield Label(TEXT["title"], id="confirm-title")
            yield Static(table, id="confirm-summary")
            for warning in self.warnings:
                yield Static(plain(warning), classes="confirm-warning")
            yield Static(plain(TEXT["hint"]), id="confirm-hint")

    def action_remind(self) -> None:
        """Enter: say that it does not save."""
        self.query_one("#confirm-hint", Static).update(plain(TEXT["enter"], "bold"))
