"""Supplementary documents for a dossier whose agency asked for them: back to "sent".

The reason central gave is shown; each checklist item can take a number of paper copies, a
tick for the original seen, and scanned files picked from the scanner's inbox folder (F4 on
the item's row; the file is checked, hashed and kept in the attachment store by a worker).
What was received goes into the event's audit detail and the files are linked to the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from desk_app.safe_text import filled, plain
from screens.desk_access import current_desk
from screens.dialogs.base import ActionDialog, Job
from screens.dialogs.tickbox import TickBox

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import DossierDetail, SupplementItem
    from desk_app.store import DossierRow

TEXT = {
    "title": "Nhận giấy tờ bổ sung",
    "asked": "Yêu cầu bổ sung: {reason}",
    "items": "Số bản đã nhận của từng giấy tờ",
    "sighted": "đã xem bản chính",
    "note": "Ghi chú (không bắt buộc)",
    "files": "{count} tệp quét",
    "pick_row": "Hãy chọn dòng giấy tờ (ô số bản) trước khi đính kèm tệp quét.",
}


def _receive(code: str, items: list[SupplementItem], note: str, desk: Desk) -> DossierRow:
    from desk_app.lookup import receive_supplement

    return receive_supplement(desk, code, items, note)


class SupplementDialog(ActionDialog):
    """Record what the citizen brought."""

    TITLE_TEXT = TEXT["title"]
    BINDINGS = [
        *ActionDialog.BINDINGS,
        Binding(
            "f4",
            "attach_file",
            "Đính kèm tệp quét",
            id="supplement.attach",
            tooltip="Chọn tệp trong thư mục máy quét cho giấy tờ của dòng đang chọn",
        ),
    ]

    @dataclass
    class FileStored(Message):
        """A scanned file is in the attachment store, for one checklist item."""

        item: str
        sha256: str

    def __init__(self, detail: DossierDetail) -> None:
        super().__init__(detail)
        self.files: dict[str, list[str]] = {}
        """Checklist item → SHA-256 of the scanned files attached to it in this dialog."""

    def fields(self) -> ComposeResult:
        """The agency's request, then copies and originals per checklist item, then a note."""
        from desk_app.lookup.detail import item_labels

        row = self.detail.row
        if row.status_reason:
            yield Static(filled(TEXT["asked"], reason=row.status_reason), classes="dialog-warning")
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
                    yield TickBox(TEXT["sighted"], id=f"sighted-{item}")
                    yield Label("", id=f"files-{item}", classes="item-files")
                    yield Label(plain(label), classes="item-label")
        yield Label(TEXT["note"])
        yield Input(id="field-note")

    def job(self) -> Job:
        """Receive what was entered."""
        from desk_app.lookup import SupplementItem
        from desk_app.lookup.detail import item_labels

        items = []
        for item in item_labels(self.detail.row.procedure_group):
            copies = self.query_one(f"#copies-{item}", Input).value
            sighted = self.query_one(f"#sighted-{item}", TickBox).value
            items.append(
                SupplementItem(
                    item,
                    copies=int(copies or 0),
                    files=tuple(self.files.get(item, ())),
                    original_sighted=sighted,
                )
            )
        note = self.query_one("#field-note", Input).value
        return partial(_receive, self.detail.row.code, items, note)

    # --- scanned files ------------------------------------------------------------------------

    def _focused_item(self) -> str | None:
        focused = self.focused
        for prefix in ("copies-", "sighted-"):
            if focused is not None and focused.id and focused.id.startswith(prefix):
                return focused.id.removeprefix(prefix)
        return None

    def action_attach_file(self) -> None:
        """Pick a file from the scanner's inbox for the item of the focused row."""
        from screens.wizard.inbox import InboxDialog

        desk = current_desk(self.app)
        item = self._focused_item()
        if desk is None or item is None:
            self._show_error(TEXT["pick_row"], "items")
            return
        self.app.push_screen(
            InboxDialog(desk.settings.paths.scanner_inbox),
            lambda path: self._picked(desk, item, path),
        )

    def _picked(self, desk: Desk, item: str, path: Path | None) -> None:
        if path is not None:
            self._store(desk, item, path)

    @work(thread=True, exit_on_error=False, group="supplement-file")
    def _store(self, desk: Desk, item: str, path: Path) -> None:
        from desk_app.attachfiles import AttachmentRefused, store_file

        try:
            stored = store_file(path, desk.settings.paths.attachments, desk.store, at=desk.clock())
        except AttachmentRefused as exc:
            self.post_message(self.Refused(exc.message, "items"))
        else:
            self.post_message(self.FileStored(item, stored.sha256))

    def on_supplement_dialog_file_stored(self, message: FileStored) -> None:
        """Count the file on its row."""
        files = self.files.setdefault(message.item, [])
        if message.sha256 not in files:
            files.append(message.sha256)
        label = self.query_one(f"#files-{message.item}", Label)
        label.update(filled(TEXT["files"], count=len(files)))
        self.query_one(f"#copies-{message.item}", Input).focus()
