"""Drafts: the dossiers being typed, to resume exactly where they were left or to discard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from desk_app import groups
from desk_app import presentation as show
from desk_app.clock import VN_TZ
from desk_app.drafting import get_in
from desk_app.groups import GroupDefinition
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


def _group(data: Mapping[str, Any]) -> GroupDefinition:
    """The group a draft belongs to (its declarations name it)."""
    kind = get_in(data, ("declarations", "kind"))
    return groups.find(kind if isinstance(kind, str) else "") or groups.registered()[0]


def _page_title(data: Mapping[str, Any], step: str) -> str:
    """Where the draft was left, in the page's short title (its group's data)."""
    try:
        page = _group(data).page(step)
    except KeyError:
        return step
    return page.short or page.title


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
        subjects = " / ".join(dict.fromkeys(g.subject_short for g in groups.registered()))
        self.query_one(DataTable).add_columns("Số", "Sửa lúc", subjects, "Người yêu cầu", "Đang ở")
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
                    show.person_line(draft.data, _group(draft.data).subject_path),
                    show.person_line(draft.data, ("requester",)),
                    _page_title(draft.data, draft.step),
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
