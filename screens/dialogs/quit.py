"""Ctrl+Q with dossiers not yet in central's hands: say how many, then quit or stay.

Nothing is lost by quitting (the outbox is on disk and the next start, or a scheduled
``desk sync``, sends it), but an officer closing the desk for the day should know that some
dossiers have not reached central, and may prefer F9 first. Ctrl+Q again quits (the App's
own key, so it works the same everywhere); Esc stays. Only counts are shown: the dialog may
open over the lock screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from desk_app.safe_text import filled

TEXT = {
    "title": "Thoát chương trình?",
    "waiting": "Còn {count} hồ sơ chưa gửi lên hệ thống trung tâm.",
    "held": "Trong đó {held} hồ sơ đang bị tạm giữ, cần mở ra xem lý do và xử lý.",
    "safe": (
        "Các hồ sơ này vẫn được lưu an toàn trên máy và sẽ được gửi khi mở lại bàn "
        "(hoặc khi chạy lệnh desk sync)."
    ),
    "keys": "Ctrl+Q: vẫn thoát · Esc: ở lại (F9 để gửi ngay)",
}


class QuitDialog(ModalScreen[None]):
    """How many dossiers wait; Ctrl+Q (the App's key) quits, Esc stays."""

    DEFAULT_CSS = """
    QuitDialog {
        align: center middle;
    }
    #quit-box {
        width: 70;
        max-width: 95%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    #quit-title {
        text-style: bold;
    }
    #quit-waiting {
        text-style: bold;
        color: $warning;
    }
    #quit-keys {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "stay", "Ở lại", id="quit.stay", tooltip="Không thoát, làm tiếp"),
    ]

    def __init__(self, waiting: int, held: int) -> None:
        super().__init__(id="quit-dialog")
        self.waiting = waiting
        self.held = held

    def compose(self) -> ComposeResult:
        """The count, what happens to those dossiers, the keys."""
        with Vertical(id="quit-box"):
            yield Static(TEXT["title"], id="quit-title")
            yield Static(filled(TEXT["waiting"], count=self.waiting + self.held), id="quit-waiting")
            if self.held:
                yield Static(filled(TEXT["held"], held=self.held), id="quit-held")
            yield Static(TEXT["safe"])
            yield Static(TEXT["keys"], id="quit-keys")

    def action_stay(self) -> None:
        """Back to work."""
        self.dismiss(None)
