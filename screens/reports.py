"""The supervisor's report screen: one month's figures, its files, and the end of the day.

The figures are the monthly summary's own (:func:`desk_app.reports.api.summary_of`, what
`desk report summary` prints), read in a thread worker that posts them back: a month of a
busy office is thousands of dossiers, and the screen only lays out what it is handed. ← → (or
PgUp/PgDn) move a month; the month is in the title. The table is narrow enough for 80 columns,
so a long procedure or officer name may end in "…": the line under the table says the
highlighted row in full, every figure named.

F2 and F3 write the month's PDF or spreadsheet (the same files as `desk report summary
--out`) into the desk's papers folder; F10 closes the day as `desk close-day` does (a sync
round first, the slip printed through ``[printing] command``) and shows what the slip says.
All of it is a supervisor's: an officer pressing the home key is told so and stays home, and
closing the day checks again (a keymap or the palette may reach it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

from desk_app.safe_text import filled, plain, plain_cells
from screens.desk_access import current_desk
from screens.help import HELP_BINDING
from screens.screen_commands import ScreenCommands
from screens.widgets.progress import Advanced, Relay, WorkProgress

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.reports.api import ClosingOutcome
    from desk_app.reports.summary import Figures, Summary

TEXT = {
    "title": "Báo cáo tháng {month:02d}/{year}",
    "loading": "Đang đọc số liệu tháng {month:02d}/{year}…",
    "rate": "Tỷ lệ giải quyết đúng hạn: {rate} ({on_time}/{resolved} hồ sơ đã giải quyết)",
    "empty": "Không có hồ sơ nào tiếp nhận trong tháng này.",
    "row": "{label}: {figures}",
    "figure": "{name} {value}",
    "future": "Tháng {month:02d}/{year} chưa đến: chưa có số liệu.",
    "too_old": "Không xem được báo cáo trước năm 1900.",
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "notice_title": "Báo cáo",
    "saving": "Đang ghi báo cáo tháng {month:02d}/{year} ra tệp {kind}…",
    "saved": "Đã ghi báo cáo tháng {month:02d}/{year} ({count} hồ sơ) vào {path}",
    "save_failed": "Không ghi được báo cáo",
    "close_title": "Kết thúc ngày",
    "closing": "Đang đồng bộ với hệ thống trung tâm rồi lập phiếu kết thúc ngày…",
    "close_busy": "Đang lập phiếu kết thúc ngày, chờ xong đã.",
    "stopped": "Đã dừng theo yêu cầu: chưa ghi tệp báo cáo nào.",
}
"""What the report screen says (the figures' names are :mod:`desk_app.reports.texts`')."""

FIGURE_NAMES = ("tiếp nhận", "đúng hạn", "quá hạn", "đang giải quyết trong hạn",
                "đang giải quyết quá hạn", "từ chối", "đã hủy", "tỷ lệ đúng hạn")  # fmt: skip
"""Each figure named in the line under the table (:data:`HEADS`' order)."""
HEADS = ("Tiếp\nnhận", "Đúng\nhạn", "Quá\nhạn", "Đang\nxử lý", "Xử lý\nquá hạn", "Từ\nchối",
         "Đã\nhủy", "Đúng\nhạn %")  # fmt: skip
"""The columns' short headings (in :data:`desk_app.reports.texts.COLUMNS`' order), two lines
each, so nine columns fit 80; the line under the table names each figure in full."""
LABEL_WIDTH = 22
"""Cells of the row-name column at 80 columns; a longer name ends in "…"."""

Kind = Literal["pdf", "xlsx"]
FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


def supervisor_refusal(desk: Desk, what: str) -> str | None:
    """Why the signed-in officer may not do ``what`` (a supervisor's task), or None."""
    from desk_app.officers import NotAllowed, NotSignedIn

    try:
        desk.require_supervisor(what)
    except (NotAllowed, NotSignedIn) as refused:
        return refused.message
    return None


def open_reports(screen: Screen[Any]) -> None:
    """Open the report screen over ``screen`` for a supervisor; tell anyone else why not."""
    from desk_app.reports import texts

    desk = current_desk(screen.app)
    if desk is None:
        screen.notify(TEXT["not_open"], title=TEXT["notice_title"], markup=False)
        return
    why = supervisor_refusal(desk, texts.WHAT_REPORTS)
    if why is not None:
        screen.notify(why, title=TEXT["notice_title"], severity="error", markup=False)
        return
    screen.app.push_screen(ReportScreen())


def row_sentence(figures: Figures) -> Text:
    """One row in full: its whole name and each figure with its name."""
    values = (*figures.values(), figures.rate_text())
    named = [
        TEXT["figure"].format(name=n, value=v) for n, v in zip(FIGURE_NAMES, values, strict=True)
    ]
    return filled(TEXT["row"], label=figures.label, figures=" · ".join(named))


def row_cells(figures: Figures) -> list[Text]:
    """A row of the table: its name (cut with "…" past its column), the figures, the rate."""
    label = plain(figures.label)
    label.overflow = "ellipsis"
    label.no_wrap = True
    values = (*figures.values(), figures.rate_text())
    return [label, *(Text(str(v), justify="right") for v in values)]


class ReportScreen(Screen[None]):
    """One month's figures, a key from the files and from the end of the day."""

    COMMANDS = {ScreenCommands}
    DEFAULT_CSS = """
    ReportScreen #report-period, ReportScreen #report-rate {
        padding: 0 1;
    }
    ReportScreen #report-rate {
        text-style: bold;
    }
    ReportScreen #report-table {
        height: 1fr;
    }
    ReportScreen #report-row {
        padding: 0 1;
        height: auto;
        max-height: 4;
        color: $text-muted;
    }
    """
    BINDINGS = [
        HELP_BINDING,
        # Priority: the table would take ← → PgUp PgDn for its own scrolling.
        Binding("left,pageup", "month(-1)", "Tháng trước", id="reports.previous_month",
                tooltip="Xem báo cáo của tháng trước", priority=True),
        Binding("right,pagedown", "month(1)", "Tháng sau", id="reports.next_month",
                tooltip="Xem báo cáo của tháng sau (đến tháng hiện tại)", priority=True),
        Binding("f2", "save('pdf')", "Ghi PDF", id="reports.pdf",
                tooltip="Ghi báo cáo tháng này ra tệp PDF (in được) trong thư mục giấy tờ"),
        Binding("f3", "save('xlsx')", "Ghi XLSX", id="reports.xlsx",
                tooltip="Ghi báo cáo tháng này ra bảng tính XLSX trong thư mục giấy tờ"),
        Binding("f5", "reload", "Làm mới", id="reports.refresh", show=False,
                tooltip="Đọc lại số liệu của tháng đang xem"),
        Binding("f10", "close_day", "Kết thúc ngày", id="reports.close_day",
                tooltip="Đồng bộ, rồi in phiếu kết thúc ngày làm việc của bàn (lãnh đạo bộ phận)"),
        Binding("escape", "back", "Quay lại", id="reports.back", tooltip="Về màn hình chính"),
    ]  # fmt: skip

    @dataclass
    class Loaded(Message):
        """The month's figures, read by the worker."""

        summary: Summary

    @dataclass
    class Saved(Message):
        """A file of the month was written (``path``), or not (``error``)."""

        path: Path | None
        count: int = 0
        error: str = ""

    @dataclass
    class DayClosed(Message):
        """The closing slip was made (and printed, or kept: ``outcome`` says)."""

        outcome: ClosingOutcome

    def __init__(self, year: int | None = None, month: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.month = month
        self.summary: Summary | None = None
        self.rows: list[Figures | None] = []
        """The figures of each row of the table (None: a section's heading)."""
        self.closing = False
        self.relay: Relay | None = None
        """The report file being written (its bar is shown; Esc stops it), if any."""

    def compose(self) -> ComposeResult:
        """The period, the on-time rate, the table, the highlighted row in full, the keys."""
        yield Header()
        yield Static("", id="report-period")
        yield Static("", id="report-rate")
        table: DataTable[Text] = DataTable(id="report-table", cursor_type="row", header_height=2)
        table.add_column(Text(""), width=LABEL_WIDTH, key="label")
        for i, head in enumerate(HEADS):
            table.add_column(Text(head, justify="right"), key=f"c{i}")
        yield table
        yield Static("", id="report-row")
        yield Footer()

    def on_mount(self) -> None:
        """Start at the month of today (the desk's clock), unless a month was asked for."""
        desk = current_desk(self.app)
        if desk is None:
            return
        if self.year is None or self.month is None:
            from desk_app.clock import local_date

            today = local_date(desk.clock())
            self.year, self.month = today.year, today.month
        self.query_one(DataTable).focus()
        self.action_reload()

    def _this_month(self) -> tuple[int, int]:
        desk = current_desk(self.app)
        from desk_app.clock import local_date

        today = local_date(desk.clock()) if desk is not None else date.today()
        return today.year, today.month

    # --- the month ----------------------------------------------------------------------------

    def action_month(self, step: int) -> None:
        """Move ``step`` months (not past the current month, not before 1900)."""
        if self.year is None or self.month is None:
            return
        index = self.year * 12 + self.month - 1 + step
        year, month = divmod(index, 12)
        month += 1
        if (year, month) > self._this_month():
            self.notify(
                TEXT["future"].format(month=month, year=year),
                title=TEXT["notice_title"],
                markup=False,
            )
            return
        if year < 1900:
            self.notify(TEXT["too_old"], title=TEXT["notice_title"], markup=False)
            return
        self.year, self.month = year, month
        self.action_reload()

    def action_reload(self) -> None:
        """Read the month's figures again, in the background."""
        desk = current_desk(self.app)
        if desk is None or self.year is None or self.month is None:
            return
        self.title = TEXT["title"].format(month=self.month, year=self.year)
        self.query_one("#report-period", Static).update(
            filled(TEXT["loading"], month=self.month, year=self.year)
        )
        self._load(desk, self.year, self.month)

    @work(thread=True, exit_on_error=False, exclusive=True, group="reports-summary")
    def _load(self, desk: Desk, year: int, month: int) -> None:
        from desk_app.reports.api import summary_of

        self.post_message(self.Loaded(summary_of(desk, year, month)))

    def on_report_screen_loaded(self, message: Loaded) -> None:
        """Lay out the figures the worker read (a late answer for another month is dropped)."""
        from desk_app.reports import texts

        summary = message.summary
        if (summary.year, summary.month) != (self.year, self.month):
            return
        self.summary = summary
        as_of = summary.as_of.strftime("%H:%M %d/%m/%Y")
        period = texts.SUMMARY_PERIOD.format(month=summary.month, year=summary.year, as_of=as_of)
        self.query_one("#report-period", Static).update(plain(period))
        total = summary.total
        rate = self.query_one("#report-rate", Static)
        if total.received:
            rate.update(
                filled(
                    TEXT["rate"],
                    rate=total.rate_text(),
                    on_time=total.on_time,
                    resolved=total.resolved,
                )
            )
        else:
            rate.update(plain(TEXT["empty"]))
        self._fill(summary)

    def _fill(self, summary: Summary) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        self.rows = []
        for heading, rows in summary.sections():
            table.add_row(plain(heading, style="bold"), *plain_cells(*[""] * len(HEADS)))
            self.rows.append(None)
            for figures in rows:
                table.add_row(*row_cells(figures))
                self.rows.append(figures)
        table.move_cursor(row=1)
        self._show_row(1)

    @on(DataTable.RowHighlighted, "#report-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_row(event.cursor_row)

    def _show_row(self, index: int) -> None:
        figures = self.rows[index] if 0 <= index < len(self.rows) else None
        line = self.query_one("#report-row", Static)
        line.update(row_sentence(figures) if figures is not None else Text(""))

    # --- files --------------------------------------------------------------------------------

    def action_save(self, kind: Kind) -> None:
        """Write the month's report as ``kind`` into the papers folder, in the background."""
        desk = current_desk(self.app)
        if desk is None or self.year is None or self.month is None:
            return
        self.notify(
            TEXT["saving"].format(month=self.month, year=self.year, kind=kind.upper()),
            title=TEXT["notice_title"],
            markup=False,
        )
        if self.relay is None:
            self.relay = Relay("report", self.post_message)
            self.mount(WorkProgress("report", id="report-work"), before=self.query_one(Footer))
        self._save(desk, self.year, self.month, kind, self.relay)

    @work(thread=True, exit_on_error=False, group="reports-file")
    def _save(self, desk: Desk, year: int, month: int, kind: Kind, relay: Relay) -> None:
        from desk_app.errors import DeskError
        from desk_app.progress import Stopped
        from desk_app.reports.api import save_summary

        try:
            path, count = save_summary(desk, year, month, kind, progress=relay)
        except DeskError as exc:
            self.post_message(self.Saved(None, error=exc.message))
        except Stopped:  # between two stages: no file was written
            self.post_message(self.Saved(None, error=TEXT["stopped"]))
        else:
            self.post_message(self.Saved(path, count))

    def on_advanced(self, message: Advanced) -> None:
        """The file's progress, on its bar."""
        for bar in self.query(WorkProgress):
            bar.advance(message.phase, message.done, message.total)

    def on_report_screen_saved(self, message: Saved) -> None:
        """Say where the file is (or why there is none)."""
        self.relay = None
        self.query(WorkProgress).remove()
        if message.path is None:
            self.notify(message.error, title=TEXT["save_failed"], severity="error", markup=False)
            return
        self.notify(
            TEXT["saved"].format(
                month=self.month, year=self.year, count=message.count, path=message.path
            ),
            title=TEXT["notice_title"],
            timeout=20,
            markup=False,
        )

    # --- the end of the day -------------------------------------------------------------------

    def action_close_day(self) -> None:
        """Close the day (a supervisor's action): a sync round, the slip, its summary."""
        from desk_app.reports import texts

        desk = current_desk(self.app)
        if desk is None:
            self.notify(TEXT["not_open"], title=TEXT["close_title"], markup=False)
            return
        why = supervisor_refusal(desk, texts.WHAT_CLOSE)
        if why is not None:
            self.notify(why, title=TEXT["close_title"], severity="error", markup=False)
            return
        if self.closing:
            self.notify(TEXT["close_busy"], title=TEXT["close_title"], markup=False)
            return
        self.closing = True
        self.notify(TEXT["closing"], title=TEXT["close_title"], markup=False)
        self._close(desk, desk.require_officer().full_name)

    @work(thread=True, exit_on_error=False, group="reports-close-day")
    def _close(self, desk: Desk, supervisor: str) -> None:
        from desk_app.reports.api import close_day

        self.post_message(self.DayClosed(close_day(desk, supervisor=supervisor)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Closing may be asked again once the last try ended, however it ended (a failure
        is told by the App's one worker handler, where the event goes on to)."""
        if event.worker.group == "reports-close-day" and event.state in FINISHED:
            self.closing = False

    def on_report_screen_day_closed(self, message: DayClosed) -> None:
        """Say what printing did, and show what the slip says."""
        from screens.dialogs.closing import ClosingDialog

        outcome = message.outcome
        self.notify(
            outcome.message,
            title=TEXT["close_title"],
            severity="information" if outcome.ok else "error",
            timeout=30,
            markup=False,
        )
        self.app.push_screen(ClosingDialog(outcome))

    def action_back(self) -> None:
        """Back to the home screen; while a file is being written, stop that first."""
        if self.relay is not None:
            self.relay.stop()
            for bar in self.query(WorkProgress):
                bar.stopping()
            return
        self.dismiss(None)
