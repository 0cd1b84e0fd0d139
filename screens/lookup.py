"""The lookup screen: one search field, results as you type, newest first.

The field takes whatever the officer has: a scanned receipt QR, a whole or partial dossier
code, an ID number, or a name typed without diacritics (see :mod:`desk_app.lookup.query`).
Each change starts a thread worker (exclusive: a newer keystroke supersedes an older query)
that posts its results back; the table is only touched here, on the screen. Opened from a home
work list, the screen shows that list until the officer types. Overdue and due-today rows stand
out in colour and in words (for a monochrome terminal).

The columns follow the screen's width (:mod:`desk_app.lookup.columns`): at 80 columns the code,
the child, the due date and the status are whole, and a name too long ends in "…"; the table
is laid out again when the terminal is resized. Back from a dossier, the field is focused with
its text selected: a new scan or name replaces the last one instead of being appended to it.
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

from desk_app.safe_text import filled, plain, plain_cells
from screens.desk_access import current_desk
from screens.help import HELP_BINDING
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import LookupResult, Query
    from desk_app.lookup.central import CentralResult
    from desk_app.store import DossierRow
    from desk_app.store.queries import Hit, WorkList
    from desk_app.sync.remote import RemoteHit

TEXT = {
    "placeholder": "Quét mã QR giấy hẹn, hoặc gõ mã hồ sơ, số định danh, tên (không cần dấu)",
    "title": "Tra cứu hồ sơ",
    "list_title": "Danh sách: {name}",
    "searching": "Đang tìm…",
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "fetch_failed": "Không lấy được hồ sơ từ hệ thống trung tâm",
    "ask_central": " · Enter: tìm cả ở quầy khác",
}
URGENCY_STYLE = {"overdue": "bold red", "due_today": "bold yellow"}


class LookupScreen(Screen[None]):
    """Search the desk's dossiers, or browse one work list."""

    CSS_PATH = "lookup.tcss"

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        HELP_BINDING,
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
            show=False,
        ),
        Binding(
            "ctrl+f",
            "focus_search",
            "Ô tìm kiếm",
            id="lookup.search",
            tooltip="Về ô tìm kiếm để gõ hoặc quét lại",
            show=False,
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

    @dataclass
    class CentralReady(Message):
        """Central's answer to the query numbered ``seq`` (other counters' dossiers)."""

        seq: int
        answer: CentralResult

    @dataclass
    class Fetched(Message):
        """A dossier of another counter taken from central (``row``), or why not (``error``)."""

        code: str
        row: DossierRow | None
        error: str | None

    def __init__(self, text: str = "", work_list: WorkList | None = None) -> None:
        super().__init__()
        self._initial = text
        self._entered = bool(text.strip())
        """Whether the text passed in was already entered (home's Enter): central is asked for it
        without a second Enter, once; typing anything else drops this."""
        self.work_list = work_list
        """The home work list this screen was opened for (shown while the field is empty)."""
        self._seq = 0
        self.hits: list[Hit] = []
        """The rows of this desk shown, in order."""
        self.remote: list[RemoteHit] = []
        """Central's matches from other counters, shown under :attr:`hits` ("ở quầy N")."""
        self._query: Query | None = None
        """The query the rows answer (None for a work list)."""
        self._asked: int = 0
        """The query number central was last asked for (0: not asked)."""
        self._central_note = ""
        """What the summary says of central (asking, found, offline)."""
        self._truncated = False
        """Whether more local dossiers match than are shown."""
        self._on: date | None = None
        """The day the rows' urgency was judged on (the desk's today when they were read)."""
        self._laid_out_for = -1
        """The table width the columns were last chosen for."""

    def compose(self) -> ComposeResult:
        """The field, what it is understood as, the results, and the keys."""
        yield Header()
        with Vertical(id="lookup"):
            yield Input(self._initial, placeholder=TEXT["placeholder"], id="lookup-query")
            yield Static("", id="lookup-kind")
            yield DataTable(id="lookup-results", cursor_type="row", zebra_stripes=True)
            yield Static("", id="lookup-summary")
        yield Footer(show_command_palette=False)  # Ctrl+P is in F1's list

    def on_mount(self) -> None:
        """Columns, then the first query (the work list or the text passed in)."""
        self.title = TEXT["title"]
        self.sub_title = ""  # what is listed, once known; never the office's name again
        self.query_one(Input).focus()
        self._refresh_query(self._initial)

    def on_screen_resume(self) -> None:
        """Back from a dossier: it may have changed (handed over, cancelled); the next scan or
        name typed replaces the query rather than being appended to it."""
        if self.is_mounted:
            self._refresh_query(self.query_one(Input).value)
            self.action_focus_search()

    def on_resize(self) -> None:
        """A wider or narrower terminal: choose the columns again, once the table has its size."""
        self.call_after_refresh(self._show_rows)

    @on(Input.Changed, "#lookup-query")
    def _changed(self, event: Input.Changed) -> None:
        if event.value != self._initial:
            self._entered = False
        self._refresh_query(event.value)

    @on(Input.Submitted, "#lookup-query")
    def _submitted(self) -> None:
        codes = self.codes()
        if len(codes) == 1:
            self._open(codes[0])
            return
        self._ask_central_now()
        if codes:
            self.action_focus_results()

    def codes(self) -> list[str]:
        """The codes of every row shown, in order: this desk's, then central's."""
        return [h.code for h in self.hits] + [r.code for r in self.remote]

    @on(DataTable.RowSelected, "#lookup-results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def _refresh_query(self, text: str) -> None:
        desk = current_desk(self.app)
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
        from desk_app.lookup import QueryKind, texts

        if message.seq != self._seq:
            return
        self.hits = message.hits
        self.remote = []
        self._central_note = ""
        self._query = message.result.query if message.result is not None else None
        self._truncated = message.result is not None and message.result.truncated
        self._on = message.on
        self._laid_out_for = -1
        self._show_rows()
        kind = self.query_one("#lookup-kind", Static)
        listing = message.result is None and self.work_list is not None
        self.sub_title = (
            TEXT["list_title"].format(name=texts.WORK_LISTS[self.work_list])
            if listing and self.work_list is not None
            else ""
        )
        if message.result is None:
            which = self.work_list
            kind.update(texts.WORK_LIST_NOTES.get(which, texts.WORK_LISTS[which]) if which else "")
        else:
            query = message.result.query
            kind.update(filled(texts.QUERY_KINDS[query.kind], value=query.value))
        self._show_summary()
        if message.result is not None and message.result.query.kind is not QueryKind.NAME:
            self._ask_central_now()  # a whole code or ID number: one request, asked at once
        elif message.result is not None and self._entered:
            self._entered = False  # a name typed on home and submitted there: asked once
            self._ask_central_now()

    def _show_summary(self) -> None:
        from desk_app.lookup import QueryKind, texts

        summary = texts.FOUND.format(count=len(self.hits)) if self.hits else texts.NO_RESULTS
        if self._truncated:
            summary = texts.MORE.format(shown=len(self.hits))
        if self._central_note:
            summary += f" · {self._central_note}"
        elif (
            self._query is not None
            and self._query.kind is QueryKind.NAME
            and self._asked != self._seq
        ):
            summary += TEXT["ask_central"]
        self.query_one("#lookup-summary", Static).update(plain(summary))

    def _ask_central_now(self) -> None:
        """Ask central for the current query, once (nothing when the query is not for it)."""
        from desk_app.lookup import texts
        from desk_app.lookup.central import asks_central

        desk = current_desk(self.app)
        query = self._query
        if desk is None or query is None or not asks_central(query) or self._asked == self._seq:
            return
        if query.single and self.hits:
            return  # the code is here
        self._asked = self._seq
        self._central_note = texts.ASKING_CENTRAL
        self._show_summary()
        self._ask_central(desk, self._seq, query, {h.code for h in self.hits})

    @work(thread=True, exit_on_error=False, exclusive=True, group="lookup-central")
    def _ask_central(self, desk: Desk, seq: int, query: Query, local: set[str]) -> None:
        from desk_app.lookup.central import ask_central

        answer = ask_central(desk, query, local)
        if not get_current_worker().is_cancelled:
            self.post_message(self.CentralReady(seq, answer))

    def on_lookup_screen_central_ready(self, message: CentralReady) -> None:
        """Central's matches under this desk's; a scanned code found there opens at once."""
        from desk_app.lookup import texts

        if message.seq != self._seq:
            return
        answer = message.answer
        if answer.opened is not None:
            row = answer.opened
            self._central_note = ""
            self.notify(
                texts.FETCHED.format(code=row.code, desk=row.origin_desk or "?"), markup=False
            )
            self._push_dossier(row.code)
            return
        self.remote = answer.hits
        if answer.offline:
            self._central_note = answer.offline
        elif answer.hits:
            self._central_note = texts.FOUND_AT_CENTRAL.format(count=len(answer.hits))
        else:
            self._central_note = ""
        self._laid_out_for = -1
        self._show_rows()
        self._show_summary()

    def _show_rows(self) -> None:
        """Fill the table with :attr:`hits`, in the columns that fit its width."""
        from desk_app.lookup.columns import fitted, layout, row_cells

        table = self.query_one(DataTable)
        width = table.size.width or self.app.size.width - 2
        if self._on is None or width == self._laid_out_for:
            return
        self._laid_out_for = width
        from desk_app.lookup.central import remote_cells

        rows = [row_cells(hit, self._on) for hit in self.hits]
        rows += [remote_cells(hit) for hit in self.remote]
        # Each column is padded by one cell on either side; two cells stay for the scrollbar.
        columns = layout(rows, width, per_column=2 * table.cell_padding, fixed=2)
        cursor = table.cursor_row
        table.clear(columns=True)
        for column in columns:
            table.add_column(column.label, width=column.width, key=column.key)
        for hit, cells in zip(self.hits, rows[: len(self.hits)], strict=True):
            urgency = hit.urgency(self._on)
            style = URGENCY_STYLE.get(urgency.value, "") if urgency else ""
            shown = [fitted(cells[c.key]) for c in columns]
            for cell in shown:
                cell.stylize(style)
            table.add_row(*plain_cells(*shown), key=hit.code)
        for cells in rows[len(self.hits) :]:
            shown = [fitted(cells[c.key]) for c in columns]
            for cell in shown:
                cell.stylize("italic")  # another counter's: taken from central when opened
            table.add_row(*plain_cells(*shown), key=cells["code"])
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def action_focus_results(self) -> None:
        """Move to the results table."""
        if self.codes():
            self.query_one(DataTable).focus()

    def action_focus_search(self) -> None:
        """Back to the field, text selected so a new scan replaces it."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    def action_open_selected(self) -> None:
        """Open the dossier under the cursor (or the only one found)."""
        table = self.query_one(DataTable)
        codes = self.codes()
        if table.has_focus and codes:
            self._open(codes[table.cursor_row])
        elif len(codes) == 1:
            self._open(codes[0])

    def _open(self, code: str) -> None:
        """Open ``code``: another counter's dossier is first taken from central (a worker)."""
        desk = current_desk(self.app)
        if desk is not None and code in {r.code for r in self.remote}:
            self._fetch(desk, code)
            return
        self._push_dossier(code)

    def _push_dossier(self, code: str) -> None:
        from screens.dossier_view import DossierScreen

        self.app.push_screen(DossierScreen(code))

    @work(thread=True, exit_on_error=False, exclusive=True, group="lookup-fetch")
    def _fetch(self, desk: Desk, code: str) -> None:
        from desk_app.errors import DeskError
        from desk_app.lookup.central import take_from_central

        try:
            row = take_from_central(desk, code)
        except DeskError as exc:
            self.post_message(self.Fetched(code, None, exc.message))
        else:
            self.post_message(self.Fetched(code, row, None))

    def on_lookup_screen_fetched(self, message: Fetched) -> None:
        """Open the dossier just taken from central, or say why it could not be taken."""
        from desk_app.lookup import texts

        if message.row is None:
            self.notify(
                message.error or "", title=TEXT["fetch_failed"], severity="error", markup=False
            )
            return
        row = message.row
        self.remote = [r for r in self.remote if r.code != row.code]
        self.notify(texts.FETCHED.format(code=row.code, desk=row.origin_desk or "?"), markup=False)
        self._push_dossier(row.code)
