"""The receipt reprinted after a correction says which version it shows; the PDF is read back
(pypdf) and its QR decoded from the rendered pixels, as tests/receipt do."""

from __future__ import annotations

from desk_app.corrections import correct, receipt_changed
from desk_app.desk import Desk
from desk_app.receipt import render_receipt
from tests.corrections.conftest import receive, with_change
from tests.receipt.conftest import flat, pdf_text, scan_qr

NOTE = "Bản sửa đổi lần 1 — nội dung phiên bản 2"


def test_a_reprinted_receipt_after_a_correction_says_the_version(counter: Desk) -> None:
    row = receive(counter)
    first = flat(pdf_text(render_receipt(row, counter.settings).pdf))
    assert "Bản sửa đổi" not in first and "phiên bản" not in first
    fixed = correct(
        counter.store,
        row.code,
        with_change(row, "requester.phone", "0987654321"),
        "Ghi nhầm số điện thoại",
        officer=counter.officer,
        at=counter.clock(),
    )
    assert receipt_changed(row, fixed, counter.settings)  # the receipt prints the phone
    pdf = render_receipt(fixed, counter.settings).pdf
    for page in (0, 1):  # both copies
        words = flat(pdf_text(pdf, page=page))
        assert NOTE in words
        assert "0987654321" in words and "0912345678" not in words
        assert scan_qr(pdf, page) == [row.code]


def test_a_correction_the_receipt_does_not_show_offers_no_reprint(counter: Desk) -> None:
    row = receive(counter)
    fixed = correct(
        counter.store,
        row.code,
        with_change(row, "child.birth_certificate_number", "1235/GCS"),
        "Ghi nhầm số giấy chứng sinh",
        officer=counter.officer,
        at=counter.clock(),
    )
    assert not receipt_changed(row, fixed, counter.settings)
