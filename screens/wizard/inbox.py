"""Choosing a scanned file from the scanner's inbox folder, newest first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from desk_app.attachfiles import inbox
from desk_app.clock import VN_TZ
from desk_app.safe_text import filled

TEXT = {
    "title": "Chọn tệp quét trong thư mục {folder}",
    "empty": "Thư mục máy quét chưa có tệp nào.",
    "file": "{name}  ·  {size:,.0f} KB  ·  {when}",
    "hint": "↑↓ chọn tệp · Enter: đính kèm vào giấy tờ đang chọn · Esc: đóng",
}


def _when(timestamp: float) -> str:
    return f"{datetime.fromtimestamp(timestamp, VN_TZ):%d/%m %H:%M}"


class InboxDialog(ModalScreen[Path | None]):
    """The files waiting in the scanner's folder; Enter attaches, Esc closes."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Đóng", id="inbox.close", tooltip="Không đính kèm")
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.files = inbox(folder)

    def compose(self) -> ComposeResult:
        """The file list."""
        with Vertical(id="inbox-box"):
            yield Label(filled(TEXT["title"], folder=self.folder))
            # A file is named by whoever scanned it: "scan [a=\"].pdf" is a name, not markup.
            options = [
                Option(
                    filled(TEXT["file"], name=f.name, size=f.size / 1024, when=_when(f.modified)),
                    id=str(i),
                )
                for i, f in enumerate(self.files)
            ]
            yield OptionList(*options) if options else Label(TEXT["empty"])
            yield Static(TEXT["hint"], classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Attach the chosen file."""
        self.dismiss(self.files[int(event.option.id or 0)].path)
