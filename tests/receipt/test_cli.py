"""`desk receipt CODE [--out FILE] --as USER` end to end: a real desk.toml, a real store, a real
process, the officer's password on stdin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, make_demo
from desk_app.desk import Desk
from desk_app.dossier import Dossier
from desk_app.lookup import REPRINT_ACTION
from desk_app.reception import new_dossier
from desk_app.store import Store
from tests.conftest import FIXED_NOW, signed_in
from tests.forms.corpus import good
from tests.receipt.conftest import CORPUS_ENTRY, flat, pdf_text, scan_qr

# Runs the entry point and fails (status 99) if anything on the way imported Textual.
RUN = (
    "import sys; from desk_app.cli import main; status = main(sys.argv[1:]); "
    "sys.exit(99 if 'textual' in sys.modules else status)"
)


THU, PASSWORD, THU_NAME = DEMO_OFFICER


def desk(
    *args: str, env: dict[str, str] | None = None, password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    """`desk ARGS --as thu` with ``password`` typed on stdin."""
    return subprocess.run(
        [sys.executable, "-c", RUN, *args, "--as", THU],
        input=f"{password}\n",
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        timeout=60,
    )


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, str]:
    """A demo desk.toml whose database holds one saved corpus dossier; returns (config, code)."""
    config = make_demo(tmp_path / "quầy 1")
    settings = load_config(config, env={}).settings
    opened = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    try:
        dossier = Dossier.model_validate(good(CORPUS_ENTRY))
        row = opened.receive(new_dossier(dossier, FIXED_NOW, settings), at=FIXED_NOW)
    finally:
        opened.close()
    return config, row.code


def test_receipt_out_writes_the_pdf_of_the_saved_dossier(
    counter: tuple[Path, str], tmp_path: Path
) -> None:
    config, code = counter
    out = tmp_path / "biên nhận.pdf"
    result = desk("--config", str(config), "receipt", code, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Đã ghi giấy tiếp nhận hồ sơ {code} ra {out}."
    pdf = out.read_bytes()
    assert scan_qr(pdf) == [code]
    assert "Ông/Bà: NGUYỄN THỊ LAN" in flat(pdf_text(pdf))
    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        events = store.audit_events(code)
    finally:
        store.close()
    reprints = [(e.dossier_code, e.officer) for e in events if e.action == REPRINT_ACTION]
    assert reprints == [(code, THU_NAME)]


def test_a_wrong_password_prints_nothing(counter: tuple[Path, str], tmp_path: Path) -> None:
    config, code = counter
    out = tmp_path / "a.pdf"
    result = desk("--config", str(config), "receipt", code, "--out", str(out), password="sai!")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "desk: Tên đăng nhập hoặc mật khẩu không đúng."
    assert not out.exists()


def test_receipt_without_printer_is_saved_in_the_receipts_folder(
    counter: tuple[Path, str],
) -> None:
    config, code = counter
    result = desk("--config", str(config), "receipt", code.lower())
    assert result.returncode == 0, result.stderr
    kept = config.parent / "receipts" / f"{code}.pdf"
    assert result.stdout.strip() == (
        f"Chưa cài đặt máy in: giấy tiếp nhận hồ sơ {code} đã được lưu tại {kept}."
    )
    assert scan_qr(kept.read_bytes()) == [code]


def test_print_failure_is_one_message_and_exit_2(counter: tuple[Path, str]) -> None:
    config, code = counter
    printer = {"DESK_PRINTING__COMMAND": "khong-co-lenh-in {file}"}
    result = desk("--config", str(config), "receipt", code, env=printer)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "không tìm thấy chương trình in «khong-co-lenh-in»" in line
    assert str(config.parent / "receipts" / f"{code}.pdf") in line


def test_unknown_code_is_one_vietnamese_line_and_exit_2(counter: tuple[Path, str]) -> None:
    config, _ = counter
    result = desk("--config", str(config), "receipt", "000.00.01.H26-261124-9999")
    assert result.returncode == 2
    assert result.stderr.strip() == "desk: Không có hồ sơ mã 000.00.01.H26-261124-9999."
    assert result.stdout == ""
