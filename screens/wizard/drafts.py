"""Drafts: the dossiers being typed, to resume exactly where they were left or to discard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from desk_app import presentation as show
from desk_app.clock import VN_TZ
from desk_app.safe_text import filled, plain_cells

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.store import Draft

TEXT = {
    "title": "Hồ sơ đang nhập dở (bản nháp)",
    "empty": "Không có bản nháp nào.",
    "discarded": "Đã bỏ bản nháp số {id}.",
    "confirm": "Nhấn Delete lần nữa để bỏ bản nháp số {id} (không lấy lại được).",
}

STEP_TITLES = {
    "agencies": "Cơ quan",
    "requester": "Người yêu cầu",
    "child": "Trẻ",
    "mother": "Mẹ",
    "father": "Cha",
    "residence": "CT01",
    "insurance": "BHYT",
    "review": "Xem lại",
    "attachments": "Giấy tờ",
    "delivery": "Nhận kết quả",
    "finish": "Hoàn tất",
}


class DraftsScreen(Screen[int | None]):
    """The list of drafts; Enter resumes, Delete (twice) discards."""

    BINDINGS = [
        Binding(
            "enter",
            "resume",
            "Tiếp tục",
            id="drafts.resume",
            tooltip="Mở lại bản nháp đúng chỗ đang nhập",
        ),
        Binding(
            "delete",
            "discard",
            "Bỏ nháp",
            id="drafts.discard",
            tooltip="Bỏ bản nháp (hỏi lại trước khi bỏ)",
        ),
        Binding(
            "escape", "dismiss(None)", "Quay lại", id="drafts.back", tooltip="Về màn hình chính"
        ),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.drafts: list[Draft] = []
        self._armed: int | None = None

    def compose(self) -> ComposeResult:
        """Title, the table, a message line, the keys."""
        yield Static(TEXT["title"], classes="screen-title")
        yield DataTable(id="drafts", cursor_type="row")
        yield Static("", id="drafts-message")
        yield Footer()

    def on_mount(self) -> None:
        """Read the drafts."""
        self.query_one(DataTable).add_columns("Số", "Sửa lúc", "Trẻ", "Người yêu cầu", "Đang ở")
        self.reload()

    def reload(self) -> None:
        """Show the drafts, most recently touched first."""
        self.drafts = self.desk.store.drafts.list()
        table = self.query_one(DataTable)
        table.clear()
        for draft in self.drafts:
            table.add_row(
                *plain_cells(
                    draft.id,
                    f"{draft.updated_at.astimezone(VN_TZ):%d/%m %H:%M}",
                    show.person_line(draft.data, ("child",)),
                    show.person_line(draft.data, ("requester",)),
                    STEP_TITLES.get(draft.step, draft.step),
                ),
                key=str(draft.id),
            )
        if not self.drafts:
            self.query_one("#drafts-message", Static).update(TEXT["empty"])
        table.focus()

    def _current(self) -> Draft | None:
        table = self.query_one(DataTable)
        return self.drafts[table.cursor_row] if self.drafts else None

    def action_resume(self) -> None:
        """Hand the chosen draft back to whoever opened this list."""
        draft = self._current()
        if draft is not None:
            self.dismiss(draft.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on the list (the table takes Enter first): resume that draft."""
        event.stop()
        self.action_resume()

    def action_discard(self) -> None:
        """Discard the chosen draft, after a second press of Delete."""
        draft = self._current()
        if draft is None:
            return
        message = self.query_one("#drafts-message", Static)
        if self._armed != draft.id:
            self._armed = draft.id
            message.update(filled(TEXT["confirm"], id=draft.id))
            return
        self._armed = None
        self.desk.store.drafts.discard(draft.id, officer=self.desk.officer, at=self.desk.clock())
        self.reload()
        message.update(filled(TEXT["discarded"], id=draft.id))
