"""The lookup screen: one search field, results as you type, newest first.

The field takes whatever the officer has: a scanned receipt QR, a whole or partial dossier
code, an ID number, or a name typed without diacritics (see :mod:`desk_app.lookup.query`).
Each change starts a thread worker (exclusive: a newer keystroke supersedes an older query)
that posts its results back; the table is only touched here, on the screen. Opened from a home
work list, the screen shows that list until the officer types. Overdue and due-today rows stand
out in colour and in words (for a monochrome terminal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from desk_app.safe_text import filled, plain_cells
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import LookupResult
    from desk_app.store.queries import Hit, WorkList

TEXT = {
    "placeholder": "Quét mã QR giấy hẹn, hoặc gõ mã hồ sơ, số định danh, tên (không cần dấu)",
    "title": "Tra cứu hồ sơ",
    "list_title": "Danh sách: {name}",
    "searching": "Đang tìm…",
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
}
URGENCY_STYLE = {"overdue": "bold red", "due_today": "bold yellow"}


class LookupScreen(Screen[None]):
    """Search the desk's dossiers, or browse one work list."""

    CSS_PATH = "lookup.tcss"

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding(
            "escape",
            "app.pop_screen",
            "Quay lại",
            id="lookup.back",
            tooltip="Trở về màn hình trước",
        ),
        Binding(
            "down",
            "focus_results",
            "Xuống kết quả",
            id="lookup.results",
            tooltip="Chuyển xuống danh sách kết quả để chọn hồ sơ",
        ),
        Binding(
            "ctrl+f",
            "focus_search",
            "Ô tìm kiếm",
            id="lookup.search",
            tooltip="Về ô tìm kiếm để gõ hoặc quét lại",
        ),
        Binding(
            "enter",
            "open_selected",
            "Mở hồ sơ",
            id="lookup.open",
            tooltip="Mở hồ sơ đang chọn: tiến độ, giấy tờ, trả kết quả",
        ),
    ]

    @dataclass
    class ResultsReady(Message):
        """A worker's answer to the query numbered ``seq``."""

        seq: int
        result: LookupResult | None
        hits: list[Hit]
        on: date

    def __init__(self, text: str = "", work_list: WorkList | None = None) -> None:
        super().__init__()
        self._initial = text
        self.work_list = work_list
        """The home work list this screen was opened for (shown while the field is empty)."""
        self._seq = 0
        self.hits: list[Hit] = []
        """The rows shown, in order."""

    def compose(self) -> ComposeResult:
        """The field, what it is understood as, the results, and the keys."""
        yield Header()
        with Vertical(id="lookup"):
            yield Input(self._initial, placeholder=TEXT["placeholder"], id="lookup-query")
            yield Static("", id="lookup-kind")
            yield DataTable(id="lookup-results", cursor_type="row", zebra_stripes=True)
            yield Static("", id="lookup-summary")
        yield Footer()

    def on_mount(self) -> None:
        """Columns, then the first query (the work list or the text passed in)."""
        from desk_app.lookup import texts

        self.title = TEXT["title"]
        if self.work_list is not None:
            self.sub_title = TEXT["list_title"].format(name=texts.WORK_LISTS[self.work_list])
        table = self.query_one(DataTable)
        for label in texts.COLUMNS:
            table.add_column(label)
        self.query_one(Input).focus()
        self._refresh_query(self._initial)

    def on_screen_resume(self) -> None:
        """Back from a dossier: it may have changed (handed over, cancelled)."""
        if self.is_mounted:
            self._refresh_query(self.query_one(Input).value)

    @on(Input.Changed, "#lookup-query")
    def _changed(self, event: Input.Changed) -> None:
        self._refresh_query(event.value)

    @on(Input.Submitted, "#lookup-query")
    def _submitted(self) -> None:
        if len(self.hits) == 1:
            self._open(self.hits[0].code)
        elif self.hits:
            self.action_focus_results()

    @on(DataTable.RowSelected, "#lookup-results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _refresh_query(self, text: str) -> None:
        desk = getattr(self.app, "desk", None)
        if desk is None:
            self.query_one("#lookup-kind", Static).update(TEXT["not_open"])
            return
        self._seq += 1
        self._search(desk, self._seq, text, self.work_list)

    @work(thread=True, exit_on_error=False, exclusive=True, group="lookup")
    def _search(self, desk: Desk, seq: int, text: str, work_list: WorkList | None) -> None:
        from desk_app.lookup import lookup, today
        from desk_app.lookup import work_list as read_list

        on = today(desk)
        if not text.strip() and work_list is not None:
            result, hits = None, read_list(desk, work_list)
        else:
            result = lookup(desk, text)
            hits = result.hits
        if not get_current_worker().is_cancelled:
            self.post_message(self.ResultsReady(seq, result, hits, on))

    def on_lookup_screen_results_ready(self, message: ResultsReady) -> None:
        """Show a worker's results, unless a newer query has been typed since."""
        from desk_app.lookup import cells, texts

        if message.seq != self._seq:
            return
        self.hits = message.hits
        table = self.query_one(DataTable)
        table.clear()
        for hit in message.hits:
            row = cells(hit, message.on)
            urgency = hit.urgency(message.on)
            style = URGENCY_STYLE.get(urgency.value, "") if urgency else ""
            table.add_row(*plain_cells(*row, style=style), key=hit.code)
        kind = self.query_one("#lookup-kind", Static)
        if message.result is None:
            kind.update(texts.WORK_LISTS[self.work_list] if self.work_list else "")
        else:
            query = message.result.query
            kind.update(filled(texts.QUERY_KINDS[query.kind], value=query.value))
        summary = texts.FOUND.format(count=len(message.hits)) if message.hits else texts.NO_RESULTS
        if message.result is not None and message.result.truncated:
            summary = texts.MORE.format(shown=len(message.hits))
        self.query_one("#lookup-summary", Static).update(summary)

    def action_focus_results(self) -> None:
        """Move to the results table."""
        if self.hits:
            self.query_one(DataTable).focus()

    def action_focus_search(self) -> None:
        """Back to the field, text selected so a new scan replaces it."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    def action_open_selected(self) -> None:
        """Open the dossier under the cursor (or the only one found)."""
        table = self.query_one(DataTable)
        if table.has_focus and self.hits:
            self._open(self.hits[table.cursor_row].code)
        elif len(self.hits) == 1:
            self._open(self.hits[0].code)

    def _open(self, code: str) -> None:
        from screens.dossier_view import DossierScreen

        self.app.push_screen(DossierScreen(code))
