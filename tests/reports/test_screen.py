"""The supervisor's report screen, driven by keys only: F10 from home, ← → between months, the
figures checked against an independent count of the store, F2/F3 write the month's files, F10
closes the day through a real print command; an officer is refused in Vietnamese."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from desk_app.desk import Desk
from desk_app.reports import texts
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from screens.dialogs.closing import ClosingDialog
from screens.home import HomeScreen
from screens.reports import ReportScreen
from tests.receipt.conftest import flat, pdf_text
from tests.reports.conftest import sheet_rows
from tests.reports.test_summary import counted
from tests.sync.conftest import receive

QUICK = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)


def app_for(desk: Desk) -> DeskApp:
    app = DeskApp.for_desk(desk)
    app.sync_policy = QUICK  # the demo's central is not running: the App's round fails fast
    return app


async def settle(app: DeskApp, pilot: Pilot[None]) -> None:
    """Every worker done and its message handled (a handled message may start another)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def shown_rows(app: DeskApp) -> dict[str, tuple[str, ...]]:
    """The table as the supervisor reads it: row name → the figures' cells."""
    table = app.screen.query_one("#report-table", DataTable)
    rows = [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
    return {row[0]: row[1:] for row in rows if any(row[1:])}


def notices(app: DeskApp) -> str:
    return " ".join(n.message for n in app.notices)


async def test_a_supervisor_reads_the_month_and_moves_between_months(office: Desk) -> None:
    app = app_for(office)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.title == "Báo cáo tháng 12/2026"  # the clock says 3 December
        assert "Không có hồ sơ nào" in str(app.screen.query_one("#report-rate", Static).render())

        await pilot.press("left")
        await settle(app, pilot)
        await pilot.pause()
        assert app.screen.title == "Báo cáo tháng 11/2026"
        (total,) = counted(office, "'all'").values()
        rows = shown_rows(app)
        resolved = total[1] + total[2]
        rate = f"{100 * total[1] / resolved:.1f}%"
        assert rows[texts.ALL] == (*(str(v) for v in total), rate)
        for officer, figures in counted(office, "officer").items():
            assert rows[officer][:7] == tuple(str(v) for v in figures)
        line = str(app.screen.query_one("#report-rate", Static).render())
        assert line.startswith(f"Tỷ lệ giải quyết đúng hạn: {rate} ({total[1]}/{resolved}")
        # The highlighted row, whole, under the table: every figure named.
        under = str(app.screen.query_one("#report-row", Static).render())
        assert under.startswith(
            f"{texts.ALL}: tiếp nhận {total[0]} · đúng hạn {total[1]} · quá hạn"
        )
        assert under.endswith(f"tỷ lệ đúng hạn {rate}")

        await pilot.press("pagedown")
        await settle(app, pilot)
        await pilot.pause()
        assert app.screen.title == "Báo cáo tháng 12/2026"
        await pilot.press("right")  # January has not come yet
        await pilot.pause()
        assert app.screen.title == "Báo cáo tháng 12/2026"
        assert "Tháng 01/2027 chưa đến" in notices(app)
        await pilot.press("pageup")
        await settle(app, pilot)
        await pilot.pause()
        assert shown_rows(app)[texts.ALL][0] == "1000"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_months_files_are_written_to_the_papers_folder(office: Desk) -> None:
    app = app_for(office)
    folder = office.settings.paths.receipts
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10", "left")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.pause()
        written = folder / "bao-cao-thang-2026-11.xlsx"
        assert f"Đã ghi báo cáo tháng 11/2026 (1000 hồ sơ) vào {written}" in notices(app)
        rows = sheet_rows(written.read_bytes())
        (total,) = counted(office, "'all'").values()
        assert next(r for r in rows if r[0] == texts.ALL)[1:8] == total
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.pause()
        pdf = folder / "bao-cao-thang-2026-11.pdf"
        assert str(pdf) in notices(app)
        assert "Tháng 11/2026" in flat(pdf_text(pdf.read_bytes()))


async def test_an_officer_is_refused_the_reports_and_the_end_of_day(desk: Desk) -> None:
    app = app_for(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        said = notices(app)
        assert "lãnh đạo bộ phận" in said and texts.WHAT_REPORTS in said
        # Reached anyway (a keymap, the palette): closing the day is still refused.
        app.push_screen(ReportScreen(2026, 11))
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.pause()
        assert texts.WHAT_CLOSE in notices(app)
        assert not isinstance(app.screen, ClosingDialog)
    assert not [e for e in desk.store.audit_events() if e.action == "day.close"]


async def test_closing_the_day_prints_the_slip_and_shows_its_summary(
    supervisor_desk: Desk, tmp_path: Path
) -> None:
    desk = supervisor_desk
    codes = receive(desk.store, 2)
    printed = tmp_path / "printer" / "slip.pdf"
    printed.parent.mkdir()
    # A real print command, run as a process: it copies the slip where the test can read it.
    script = "import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2])"
    copy = f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}"
    command = f"{copy} {{file}} {shlex.quote(str(printed))}"
    printing = desk.settings.printing.model_copy(update={"command": command})
    desk.settings = desk.settings.model_copy(update={"printing": printing})
    app = app_for(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        await pilot.pause()
        assert isinstance(app.screen, ClosingDialog)
        lines = " ".join(str(s.render()) for s in app.screen.query(".closing-line"))
        assert "Ngày 24/11/2026 – Bàn tiếp nhận số 1" in lines
        assert f"Từ mã {codes[0]} đến mã {codes[1]}: 2 hồ sơ." in lines
        assert texts.GAPS_NONE in lines
        assert "bàn đang ngoại tuyến" in lines  # the sync round was tried first
        assert f"Còn 2 hồ sơ chờ gửi: {codes[0]}, {codes[1]}" in lines
        assert "Độ dài chuỗi:" in lines and texts.ANCHOR_UNREACHED in lines
        outcome = str(app.screen.query_one("#closing-outcome", Static).render())
        assert outcome.startswith("Đã in phiếu kết thúc ngày 24/11/2026")
        assert "Đang đồng bộ với hệ thống trung tâm rồi lập phiếu" in notices(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
    words = flat(pdf_text(printed.read_bytes()))
    assert texts.CLOSING_TITLE in words and "Còn 2 hồ sơ chờ gửi:" in words
    assert desk.officer in words  # the supervisor closed the day and signs it
    closed = [e for e in desk.store.audit_events() if e.action == "day.close"]
    assert len(closed) == 1 and closed[0].detail["waiting"] == 2
