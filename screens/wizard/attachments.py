"""The attachments page: the checklist of this dossier, received on paper or scanned.

The page holds its own copy of the checklist's entries: the wizard hands them down with the
checklist (:meth:`AttachmentsPane.show`), every change the officer makes is posted up as
:class:`~screens.wizard.messages.AttachmentsChanged`, and the wizard alone writes the draft.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from desk_app.attachfiles import AttachmentRefused
from desk_app.checklist import ChecklistItem
from desk_app.reception import missing_papers
from desk_app.safe_text import filled, plain, plain_cells
from forms.errors import FieldMessage
from screens.wizard.inbox import InboxDialog
from screens.wizard.messages import AttachmentsChanged, FileRefused, FileStored, NextPage
from screens.wizard.texts_pages import TEXT

Entry = dict[str, Any]
StoreFile = Callable[[Path], str]
"""Copies a picked scan into the attachment store and gives its hash (raises
:class:`~desk_app.attachfiles.AttachmentRefused`); slow, so it runs in a worker."""


def short_label(label: str) -> str:
    """A checklist item's name without its parenthesised alternatives, for a one-line list."""
    return label.split(" (")[0]


class AttachmentsPane(Vertical, can_focus=False):
    """The checklist of this dossier: what was received, on paper or scanned."""

    BINDINGS = [
        Binding(
            "space",
            "toggle_received",
            "Đã nhận",
            id="attach.toggle",
            tooltip="Đánh dấu đã nhận / chưa nhận giấy tờ này",
        ),
        Binding(
            "plus,equals_sign",
            "copies(1)",
            "+ bản",
            show=False,
            id="attach.more",
            tooltip="Thêm một bản",
        ),
        Binding(
            "minus", "copies(-1)", "− bản", show=False, id="attach.fewer", tooltip="Bớt một bản"
        ),
        Binding(
            "o",
            "sighted",
            "Bản chính",
            show=False,
            id="attach.sighted",
            tooltip="Đã xem bản chính để đối chiếu",
        ),
        Binding(
            "f",
            "attach_file",
            "Tệp quét",
            id="attach.file",
            tooltip="Đính kèm tệp từ thư mục máy quét",
        ),
        Binding(
            "enter",
            "next",
            "Trang sau",
            show=False,
            id="attach.next",
            tooltip="Sang bước chọn hình thức nhận kết quả",
        ),
    ]

    def __init__(self, scanner_inbox: Path, store_file: StoreFile, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scanner_inbox = scanner_inbox
        """Where F picks scanned files from."""
        self.store_file = store_file
        self.items: list[ChecklistItem] = []
        self.entries: list[Entry] = []
        """What was received of each item, as the draft keeps it (this page's own copy)."""
        self.label_width = 20

    def compose(self) -> ComposeResult:
        """The checklist table, the keys, the message line."""
        yield DataTable(id="checklist", cursor_type="row", zebra_stripes=True)
        yield Static("", id="attach-missing")
        yield Static("", id="attach-message")
        yield Static("", id="attach-why")
        yield Static(TEXT["attach_help"], classes="hint")

    # Fixed columns beside the document's name, which takes the rest of the width and is
    # cut with an ellipsis (the whole name shows in the help line of the selected row).
    COLUMNS = (("", 1), ("Bắt buộc", 8), ("Bản", 3), ("Đã xem", 6), ("Tệp", 3))

    def on_mount(self) -> None:
        """Columns of the checklist, sized to the terminal."""
        table = self.query_one(DataTable)
        fixed = sum(width for _, width in self.COLUMNS) + 2 * (len(self.COLUMNS) + 1) + 4
        self.label_width = max(20, self.app.size.width - fixed)
        mark, *rest = self.COLUMNS
        table.add_column(mark[0], width=mark[1])
        table.add_column("Giấy tờ", width=self.label_width)
        for title, width in rest:
            table.add_column(title, width=width)

    def focus(self, scroll_visible: bool = True) -> AttachmentsPane:
        """Focus goes to the checklist."""
        self.query_one(DataTable).focus(scroll_visible)
        return self

    def _entry(self, item_id: str) -> Entry:
        for entry in self.entries:
            if entry.get("item") == item_id:
                return entry
        entry = {"item": item_id, "copies": 0, "files": [], "original_sighted": False}
        self.entries.append(entry)
        return entry

    def show(self, items: list[ChecklistItem], entries: list[Entry]) -> None:
        """The checklist for the dossier as it now stands (authorisation, verification), and
        what the draft says was received of it."""
        self.items = list(items)
        self.entries = copy.deepcopy(entries)
        self._redraw()
        self._to_missing(0)  # where the officer has something to do

    def _redraw(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.items:
            entry = next((e for e in self.entries if e.get("item") == item.id), {})
            copies = int(entry.get("copies") or 0)
            files = entry.get("files") or []
            received = copies > 0 or bool(files)
            mark = "✔" if received else ("✘" if item.required else "·")
            table.add_row(
                *plain_cells(
                    mark,
                    Text(item.label, overflow="ellipsis", no_wrap=True),
                    TEXT["required"] if item.required else TEXT["optional"],
                    copies,
                    "có" if entry.get("original_sighted") else "—",
                    len(files),
                ),
                key=item.id,
            )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        missing = self.missing()
        line = self.query_one("#attach-missing", Static)
        if missing:
            names = "; ".join(short_label(i.label) for i in missing)
            line.update(filled(TEXT["missing"], count=len(missing), items=names, style="red"))
        else:
            line.update(plain(TEXT["complete"], "green"))

    def missing(self) -> list[ChecklistItem]:
        """The required papers not received yet."""
        entries: list[Mapping[str, Any]] = list(self.entries)
        return missing_papers(self.items, entries)

    def _to_missing(self, start: int) -> None:
        """Put the cursor on the first required paper not received, from row ``start`` on."""
        missing = {i.id for i in self.missing()}
        order = list(range(start, len(self.items))) + list(range(start))
        row = next((r for r in order if self.items[r].id in missing), None)
        if row is not None:
            self.query_one(DataTable).move_cursor(row=row)

    def ready_to_leave(self) -> bool:
        """Whether the officer may go on: every required paper received, else it is said."""
        missing = self.missing()
        if missing:
            names = "; ".join(short_label(i.label) for i in missing)
            self._say(TEXT["cannot_leave"].format(items=names))
            self._to_missing(0)
        return not missing

    def _current(self) -> ChecklistItem | None:
        table = self.query_one(DataTable)
        return self.items[table.cursor_row] if self.items else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The selected document's full name and why it is (not) required."""
        item = self._current()
        if item is not None:
            self.query_one("#attach-why", Static).update(
                filled(TEXT["why"], label=item.label, why=item.why)
            )

    def _changed(self, scans: dict[str, str] | None = None) -> None:
        """Show the change and tell the wizard, which writes it into the draft."""
        self._redraw()
        self.query_one("#attach-message", Static).update("")
        self.post_message(AttachmentsChanged(copy.deepcopy(self.entries), dict(scans or {})))

    def action_toggle_received(self) -> None:
        """Received or not (one paper copy by default); received, on to the next one missing."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["copies"] = 0 if entry.get("copies") else max(item.copies, 1)
            self._changed()
            if entry["copies"]:
                self._to_missing(self.items.index(item) + 1)

    def action_copies(self, step: int) -> None:
        """One copy more or less."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["copies"] = max(0, min(20, int(entry.get("copies") or 0) + step))
            self._changed()

    def action_sighted(self) -> None:
        """The officer has seen the original."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["original_sighted"] = not entry.get("original_sighted")
            self._changed()

    def action_attach_file(self) -> None:
        """Pick a scanned file from the scanner's folder for the current item."""
        item = self._current()
        if item is not None:
            self.app.push_screen(
                InboxDialog(self.scanner_inbox), lambda path: self._import(item.id, path)
            )

    def _import(self, item_id: str, path: Path | None) -> None:
        if path is not None:
            self._store(item_id, path)

    @work(thread=True, exit_on_error=False, group="attach")
    def _store(self, item_id: str, path: Path) -> None:
        try:
            sha = self.store_file(path)
        except AttachmentRefused as exc:
            self.post_message(FileRefused(exc.message))
            return
        self.post_message(FileStored(item_id, sha, path))

    @on(FileRefused)
    def _refused(self, message: FileRefused) -> None:
        message.stop()
        self._say(message.message)

    @on(FileStored)
    def _attached(self, message: FileStored) -> None:
        message.stop()
        entry = self._entry(message.item_id)
        if message.sha256 not in entry.setdefault("files", []):
            entry["files"].append(message.sha256)
        # Where it was picked: once the dossier is saved the scan leaves the scanner's folder.
        self._changed({message.sha256: str(message.source)})
        done = next((i for i, item in enumerate(self.items) if item.id == message.item_id), None)
        if done is not None and self.query_one(DataTable).cursor_row == done:
            self._to_missing(done + 1)  # as Space does: on to the next paper missing

    def _say(self, message: str) -> None:
        self.query_one("#attach-message", Static).update(plain(message, "bold red"))

    def show_errors(self, errors: list[FieldMessage]) -> None:
        """Say what is missing (e.g. the required items not received)."""
        self._say("\n".join(e.hint for e in errors))

    def action_next(self) -> None:
        """On to the delivery choices (the wizard checks the papers first)."""
        self.post_message(NextPage())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on the checklist (the table takes Enter first): on to the next page."""
        event.stop()
        self.action_next()
