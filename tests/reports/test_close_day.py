"""End of day: the closing slip read back from its PDF, offline with dossiers waiting and a gap
in the day's codes, and on a clean day synced with the real central on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.desk import Desk
from desk_app.reports import texts
from desk_app.reports.api import close_day
from tests.receipt.conftest import flat, pdf_text
from tests.reports.test_register import inside_margins
from tests.sync.conftest import Central, for_central, receive

OFFICER = "Nguyễn Thị Minh Thư"


def test_a_day_with_dossiers_waiting_and_a_gap_says_so(desk: Desk, tmp_path: Path) -> None:
    codes = receive(desk.store, 2)
    desk.store.conn.execute("UPDATE code_sequences SET last = last + 1")  # a number, no dossier
    desk.store.record("receipt.reprint", officer=OFFICER, at=desk.clock(), dossier_code=codes[0])
    outcome = close_day(desk, out=tmp_path / "slip.pdf")
    assert outcome.ok and outcome.status == "written"
    words = flat(pdf_text(outcome.path.read_bytes()))
    assert texts.CLOSING_TITLE in words and "Ngày 24/11/2026 – Bàn tiếp nhận số 1" in words
    assert f"Từ mã {codes[0]} đến mã {codes[1]}: 2 hồ sơ." in words
    gap = codes[1][:-4] + "1003"
    assert f"Số 1003 ({gap}): bộ đếm đã cấp nhưng không có hồ sơ" in words
    assert "bàn đang ngoại tuyến" in words  # the sync attempted first could not reach central
    assert "Còn 2 hồ sơ chờ gửi:" in words and all(code in words for code in codes)
    assert f"Giấy tiếp nhận in lại: 1 ({codes[0]})" in words
    assert "Độ dài chuỗi:" in words and texts.ANCHOR_UNREACHED in words
    assert texts.SIGN_OFFICER in words and texts.SIGN_SUPERVISOR in words and OFFICER in words
    assert "Trang 1/1" in words
    inside_margins(outcome.path.read_bytes(), landscape=False)
    closed = [e for e in desk.store.audit_events() if e.action == "day.close"]
    assert closed and closed[-1].detail["waiting"] == 2 and closed[-1].detail["gaps"] == [gap]


def test_a_clean_day_synced_with_central_has_nothing_waiting(
    desk: Desk, central: Central, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    desk.settings = for_central(desk.settings, central.url)
    monkeypatch.setenv(desk.settings.central.token_env, central.token)
    codes = receive(desk.store, 3)
    outcome = close_day(desk, out=tmp_path / "slip.pdf")
    words = flat(pdf_text(outcome.path.read_bytes()))
    assert "Đã đồng bộ với hệ thống trung tâm lúc" in words
    assert texts.WAITING_NONE in words and "chờ gửi" not in words
    assert f"Từ mã {codes[0]} đến mã {codes[2]}: 3 hồ sơ." in words
    assert texts.GAPS_NONE in words
    assert "Mốc gần nhất hệ thống trung tâm giữ: sự kiện" in words
    events, head = outcome.facts.chain or (0, "")
    assert f"Độ dài chuỗi: {events} sự kiện; mã băm đầu chuỗi: {head}" in words


def test_the_slip_goes_through_the_print_command(desk: Desk) -> None:
    printing = desk.settings.printing.model_copy(update={"command": "lp {file}"})
    desk.settings = desk.settings.model_copy(update={"printing": printing})
    ran: list[list[str]] = []

    def runner(args: list[str], **_: object) -> object:
        import subprocess

        ran.append(args)
        return subprocess.CompletedProcess(args, 0, b"", b"")

    outcome = close_day(desk, runner=runner)  # type: ignore[arg-type]
    assert outcome.status == "printed" and ran == [["lp", str(outcome.path)]]
    assert outcome.path.parent == desk.settings.paths.receipts
