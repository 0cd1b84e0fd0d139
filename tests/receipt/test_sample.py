"""The sample receipt: the picture the README shows is a real receipt, and the script makes it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import zxingcpp
from PIL import Image

from desk_app.clock import VN_TZ
from desk_app.receipt.sample import APPOINTMENT_AT, PNG_DPI, RECEIVED_AT, main, sample_row
from desk_app.workcalendar import WorkCalendar, appointment
from tests.receipt.conftest import flat, pdf_text, scan_qr

REPO = Path(__file__).resolve().parents[2]
PICTURE = "docs/receipt-sample.png"


def test_readme_shows_the_committed_sample_and_its_qr_scans() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"]({PICTURE})" in readme
    image = Image.open(REPO / PICTURE)
    a4 = (210 / 25.4 * PNG_DPI, 297 / 25.4 * PNG_DPI)
    assert all(abs(got - want) <= 1 for got, want in zip(image.size, a4, strict=True))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [b.text for b in found] == [sample_row().code]


def test_sample_script_writes_the_receipt(tmp_path: Path) -> None:
    out = tmp_path / "mẫu.pdf"
    assert main([str(out), "--paper", "A5"]) == 0
    pdf = out.read_bytes()
    assert scan_qr(pdf) == [sample_row().code]
    assert "Ông/Bà: NGUYỄN THỊ THU HẰNG" in flat(pdf_text(pdf))


def test_sample_appointment_is_what_the_calendar_gives() -> None:
    due = appointment(RECEIVED_AT, WorkCalendar()).day
    assert datetime.combine(due, APPOINTMENT_AT.time(), tzinfo=VN_TZ) == APPOINTMENT_AT
