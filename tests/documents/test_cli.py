"""`desk form 02|03|04 CODE … --as USER` end to end: a real desk.toml, a real store, a real
process, the officer's password on stdin, and printing through the receipt's print command."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.documents import ACTIONS
from desk_app.dossier import Dossier
from desk_app.reception import new_dossier
from desk_app.store import Store
from tests.conftest import FIXED_NOW, signed_in
from tests.documents.conftest import (
    DELAY_REASON,
    OFFICE_PHONE,
    REFUSAL_REASON,
    STEPS,
    SUPPLEMENT_REASON,
    good,
    move,
)
from tests.receipt.conftest import flat, pdf_text
from tests.receipt.test_cli import THU_NAME
from tests.receipt.test_cli import desk as run_desk

PY = shlex.quote(sys.executable)
PHONE = {"DESK_OFFICE__PHONE": OFFICE_PHONE}


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A demo desk.toml whose database holds one dossier where each form applies (02: birth,
    supplement asked; 03: death, refused; 04: birth, sent); returns (config, form → code)."""
    config = make_demo(tmp_path / "quầy 1")
    settings = load_config(config, env={}).settings
    opened = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    codes = {}
    try:
        for form, group in (("02", "birth"), ("03", "death"), ("04", "birth")):
            dossier = Dossier.model_validate(good(group))
            row = opened.receive(new_dossier(dossier, FIXED_NOW, settings), at=FIXED_NOW)
            codes[form] = move(opened, row.code, *STEPS[form]).code
    finally:
        opened.close()
    return config, codes


def form_events(config: Path) -> list[tuple[str | None, str, str]]:
    """(dossier, officer, action) of every form issue recorded in the desk's audit trail."""
    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        events = store.audit_events()
    finally:
        store.close()
    return [(e.dossier_code, e.officer, e.action) for e in events if e.action in ACTIONS.values()]


def test_form_02_out_writes_the_pdf_and_audits_the_officer(
    counter: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    config, codes = counter
    out = tmp_path / "phiếu 02.pdf"
    result = run_desk(
        "--config", str(config), "form", "02", codes["02"], "--out", str(out), env=PHONE
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Đã ghi phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) của hồ sơ {codes['02']} ra {out}."
    )
    words = flat(pdf_text(out.read_bytes()))
    assert "Số: 1001/HDHS" in words and SUPPLEMENT_REASON in words
    assert f"số điện thoại {OFFICE_PHONE}" in words and "NGUYỄN THỊ MINH THƯ" in words
    assert form_events(config) == [(codes["02"], THU_NAME, "form02.print")]


def test_form_04_prints_through_the_receipts_print_command(
    counter: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    config, codes = counter
    spooled = tmp_path / "spooled.pdf"
    command = (
        f"{PY} -c 'import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2])' "
        f"{{file}} {shlex.quote(str(spooled))}"
    )
    code = codes["04"]
    result = run_desk(
        *("--config", str(config), "form", "04", code, "--print"),
        *("--reason", DELAY_REASON, "--new-date", "2026-12-17"),
        env={"DESK_PRINTING__COMMAND": command},
    )
    assert result.returncode == 0, result.stderr
    kept = config.parent / "receipts" / f"{code}-mau04.pdf"
    assert result.stdout.strip() == (
        f"Đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) của hồ sơ {code} đến máy in; "
        f"tệp PDF ở {kept}."
    )
    assert spooled.read_bytes() == kept.read_bytes()
    words = flat(pdf_text(kept.read_bytes()))
    assert "08 giờ 00 phút, ngày 17 tháng 12 năm 2026" in words and DELAY_REASON in words
    assert not (config.parent / "receipts" / f"{code}.pdf").exists()  # not over the receipt
    assert form_events(config) == [(code, THU_NAME, "form04.print")]


def test_a_printer_failure_is_one_message_exit_2_and_the_pdf_is_kept(
    counter: tuple[Path, dict[str, str]],
) -> None:
    config, codes = counter
    printer = {"DESK_PRINTING__COMMAND": "khong-co-lenh-in {file}"}
    result = run_desk("--config", str(config), "form", "03", codes["03"], "--print", env=printer)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    kept = config.parent / "receipts" / f"{codes['03']}-mau03.pdf"
    assert "không tìm thấy chương trình in «khong-co-lenh-in»" in line and str(kept) in line
    assert REFUSAL_REASON in flat(pdf_text(kept.read_bytes()))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("03", "000.00.01.H26-261124-9999"), "desk: Không có hồ sơ mã 000.00.01.H26-261124-9999."),
        (("03", "SENT"), "desk: Trạng thái hồ sơ: hồ sơ SENT đang ở trạng thái “Đã gửi lên"),
        (
            ("04", "SENT", "--reason", DELAY_REASON, "--new-date", "2026-13-01"),
            "desk form: lỗi: tham số --new-date: ngày «2026-13-01» không đúng dạng YYYY-MM-DD",
        ),
        (
            ("04", "SENT", "--reason", DELAY_REASON, "--new-date", "2026-12-19"),
            "desk: Ngày hẹn mới (--new-date): ngày 19/12/2026 (thứ Bảy) không phải ngày làm việc",
        ),
        (("04", "SENT", "--new-date", "2026-12-17"), "desk: Lý do (--reason): hãy ghi lý do"),
        (("05", "SENT"), "tham số MẪU: không có lựa chọn '05'; chọn một trong: '02', '03', '04'"),
    ],
)
def test_bad_input_is_one_vietnamese_message_exit_2_and_nothing_written(
    counter: tuple[Path, dict[str, str]], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    config, codes = counter
    out = tmp_path / "phiếu.pdf"
    filled = [codes["04"] if a == "SENT" else a for a in args]  # the dossier sent to central
    result = run_desk("--config", str(config), "form", *filled, "--out", str(out), "--print")
    assert result.returncode == 2 and result.stdout == ""
    assert message.replace("SENT", codes["04"]) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "usage" not in result.stderr
    assert not out.exists()
    assert not list((config.parent / "receipts").glob("*mau*"))
    assert form_events(config) == []


def test_help_names_every_option_in_vietnamese() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "form", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("cách dùng: desk form")
    for option in ("MẪU", "MÃ_HỒ_SƠ", "--reason", "--new-date", "--out", "--print", "--as"):
        assert option in text, option
    words = flat(text)  # argparse wraps the help to the terminal's width
    assert "mẫu phiếu: 02, 03 hoặc 04" in words
    assert "là ngày làm việc sau ngày hẹn ban đầu" in words
    assert "usage" not in text and "show this help" not in text
