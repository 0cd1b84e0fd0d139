"""Printing: the configured command gets the PDF, failures say what happened, the PDF is kept."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.receipt import ReceiptError, print_receipt, receipt_path
from desk_app.receipt.printing import command_arguments, deliver, run_print_command
from desk_app.settings import Settings
from desk_app.store import DossierRow
from tests.receipt.conftest import page_count, with_settings

PY = shlex.quote(sys.executable)


def printer(settings: Settings, command: str, receipts: Path | None = None) -> Settings:
    """``settings`` printing with ``command`` (and keeping receipts in ``receipts``)."""
    sections: dict[str, dict[str, object]] = {"printing": {"command": command}}
    if receipts is not None:
        sections["paths"] = {"receipts": receipts}
    return with_settings(settings, **sections)


def test_no_printer_saves_the_pdf_in_the_receipts_folder(
    saved: DossierRow, settings: Settings
) -> None:
    outcome = print_receipt(saved, settings)
    assert outcome.status == "saved" and outcome.ok
    assert outcome.path == settings.paths.receipts / f"{saved.code}.pdf"
    assert page_count(outcome.path.read_bytes()) == 2
    assert str(outcome.path) in outcome.message
    assert outcome.message.startswith("Chưa cài đặt máy in")


def test_print_command_gets_the_kept_pdf_as_one_argument(
    saved: DossierRow, settings: Settings, tmp_path: Path
) -> None:
    # A folder name with spaces and Vietnamese letters stays one argument: no shell runs it.
    receipts = tmp_path / "giấy tiếp nhận; rm -rf"
    spooled = tmp_path / "spooled.pdf"
    command = (
        f"{PY} -c 'import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2])' "
        f"{{file}} {shlex.quote(str(spooled))}"
    )
    outcome = print_receipt(saved, printer(settings, command, receipts))
    assert outcome.status == "printed", outcome.message
    assert outcome.path == receipts / f"{saved.code}.pdf"
    assert spooled.read_bytes() == outcome.path.read_bytes()
    assert outcome.message == f"Đã gửi giấy tiếp nhận hồ sơ {saved.code} đến máy in (2 bản)."


def test_failing_printer_says_what_happened_and_keeps_the_pdf(
    saved: DossierRow, settings: Settings
) -> None:
    command = (
        f'{PY} -c \'import sys; sys.stderr.write("lp: The printer or class does not exist.\\n");'
        f" sys.exit(1)' {{file}}"
    )
    outcome = print_receipt(saved, printer(settings, command))
    assert outcome.status == "failed" and not outcome.ok
    assert "báo lỗi (mã 1): lp: The printer or class does not exist." in outcome.message
    assert f"Tệp PDF vẫn được giữ tại {outcome.path}" in outcome.message
    assert page_count(outcome.path.read_bytes()) == 2


def test_missing_print_program_is_named(saved: DossierRow, settings: Settings) -> None:
    outcome = print_receipt(saved, printer(settings, "khong-co-may-in-nay -d QUAY1 {file}"))
    assert outcome.status == "failed"
    assert "không tìm thấy chương trình in «khong-co-may-in-nay»" in outcome.message
    assert outcome.path.exists()


def test_a_printer_that_hangs_is_given_up_on(tmp_path: Path) -> None:
    command = f"{PY} -c 'import time; time.sleep(30)' {{file}}"
    outcome = deliver(b"%PDF-1.3 x", "C-1", folder=tmp_path, command=command, copies=2, timeout=0.5)
    assert outcome.status == "failed"
    assert "không trả lời sau 0.5 giây" in outcome.message
    assert outcome.path.read_bytes() == b"%PDF-1.3 x"


def test_badly_quoted_command_is_reported_not_run(tmp_path: Path) -> None:
    outcome = deliver(b"%PDF", "C-1", folder=tmp_path, command='lp -d "QUAY 1', copies=1)
    assert outcome.status == "failed"
    assert "sai cú pháp" in outcome.message and "[printing] command" in outcome.message


def test_command_arguments() -> None:
    pdf = Path("/tmp/biên nhận/000.00.01.H26-261124-1001.pdf")
    assert command_arguments("lp -d COUNTER1 {file}", pdf) == ["lp", "-d", "COUNTER1", str(pdf)]
    # No {file}: the path goes last, as print programs expect.
    assert command_arguments("lp -d COUNTER1", pdf) == ["lp", "-d", "COUNTER1", str(pdf)]
    windows = command_arguments(
        r'"C:\Program Files\SumatraPDF\SumatraPDF.exe" -print-to "Quầy 1" {file}',
        Path("C:/biên nhận/a.pdf"),
        windows=True,
    )
    assert windows[:3] == [r"C:\Program Files\SumatraPDF\SumatraPDF.exe", "-print-to", "Quầy 1"]


def test_receipts_folder_that_cannot_be_written_is_one_message(
    saved: DossierRow, settings: Settings, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(ReceiptError) as caught:
        print_receipt(saved, printer(settings, "", blocked / "receipts"))
    assert "Không lưu được tệp giấy tiếp nhận" in caught.value.message
    assert not receipt_path(blocked / "receipts", saved.code).exists()


def test_system_command_prints_with_the_platforms_own_way(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    calls: list[list[str]] = []

    def spooler(args: list[str], **_: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, b"", b"")

    assert run_print_command("system", pdf, runner=spooler, platform="linux") is None
    assert calls == [["lp", str(pdf)]]
    # On Windows "system" is the print verb of the PDF's association, not a command line.
    if sys.platform != "win32":
        failure = run_print_command("system", pdf, runner=spooler, platform="win32")
        assert failure is not None and "hệ điều hành không in được tệp" in failure
        assert len(calls) == 1
