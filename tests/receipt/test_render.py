"""The printed receipt says what the saved dossier says, and its QR scans back to the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pypdf
import pytest

from desk_app.receipt import ReceiptError, receipt_content, render_receipt
from desk_app.settings import Settings
from desk_app.store import DossierRow
from forms.text import for_print
from tests.forms.corpus import good
from tests.receipt.conftest import (
    CORPUS_ENTRY,
    flat,
    is_nfc,
    page_count,
    pdf_text,
    scan_qr,
    with_settings,
)

URL = "https://tracuu.example.vn/ho-so?ma={code}&xn={lookup_code}"


def test_qr_scans_back_to_exactly_the_dossier_code_on_every_copy(
    saved: DossierRow, settings: Settings
) -> None:
    pdf = render_receipt(saved, settings).pdf
    assert page_count(pdf) == 2  # copy 1 and copy 2, one print job
    for page in range(2):
        assert scan_qr(pdf, page) == [saved.code]


def test_qr_holds_the_lookup_url_from_the_template(saved: DossierRow, settings: Settings) -> None:
    settings = with_settings(settings, receipt={"qr_template": URL})
    pdf = render_receipt(saved, settings).pdf
    expected = URL.format(code=saved.code, lookup_code=saved.lookup_code)
    assert scan_qr(pdf) == [expected]
    # A phone held at arm's length still reads it off a low-resolution scan of the paper.
    assert scan_qr(pdf, dpi=100) == [expected]


def test_text_names_the_requester_the_code_and_the_appointment_in_nfc(
    saved: DossierRow, settings: Settings
) -> None:
    text = pdf_text(render_receipt(saved, settings).pdf, page=1)
    assert is_nfc(text)
    words = flat(text)
    assert for_print("Nguyễn Thị Lan") == "NGUYỄN THỊ LAN"
    assert "Ông/Bà: NGUYỄN THỊ LAN" in words
    assert f"Mã hồ sơ: {saved.code}" in words
    assert f"Mã tra cứu: {saved.lookup_code}" in words
    # Received at 09:30 on 24 Nov 2026 (Vietnam Culture Day, a holiday): the three working
    # days count from Wed 25 Nov, so the results are due on Mon 30 Nov at the office's hour.
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 30 tháng 11 năm 2026"
        in words
    )
    assert "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 24 tháng 11 năm 2026" in words


def test_every_part_of_form_01_is_on_the_citizens_copy(
    saved: DossierRow, settings: Settings
) -> None:
    words = flat(pdf_text(render_receipt(saved, settings).pdf, page=1))
    for expected in (
        "UBND PHƯỜNG LÁNG BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",  # the governing authority above
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Láng, ngày 24 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "(Liên 2: giao người nộp hồ sơ)",
        "Địa chỉ: Số 12 ngõ 34 phố Láng, Phường Láng, Thành phố Hà Nội",
        "Số điện thoại: 0912345678; Email: lan.nguyen@example.vn",
        "Người được khai sinh: TRẦN MINH AN - Đăng ký khai sinh",
        "- Đăng ký thường trú",
        "- Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc",
        "- Đăng ký khai sinh: Nhận trực tiếp tại cơ quan giải quyết (Ủy ban nhân dân phường Láng)",
        "- Đăng ký thường trú: Nhận cùng nơi nhận kết quả đăng ký khai sinh",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "NGUYỄN THỊ MINH THƯ",  # the officer who saved it, from the stored row
        "Vào Sổ theo dõi hồ sơ, Quyển số: bàn 1 ngày 24/11/2026, Số thứ tự: 1001",
    ):
        assert expected in words, expected


def test_documents_received_are_listed_with_their_counts(
    saved: DossierRow, settings: Settings
) -> None:
    content = receipt_content(saved, settings)
    assert [(d.label.split(" (")[0], d.copies) for d in content.documents] == [
        ("Giấy chứng sinh", 1),
        ("Tờ khai thay đổi thông tin cư trú", 1),
    ]
    assert "đã đối chiếu bản chính" in content.documents[0].note
    words = flat(pdf_text(render_receipt(saved, settings).pdf, page=0))
    assert "1. Thành phần hồ sơ nộp gồm:" in words
    assert "Tờ khai thay đổi thông tin cư trú (mẫu CT01)" in words


def test_where_results_go_by_post_and_by_email_names_the_address_and_the_email(
    save: Callable[[dict[str, Any]], DossierRow], settings: Settings
) -> None:
    data = good(CORPUS_ENTRY)
    delivery = data["declarations"]["delivery"]
    delivery["birth"] = {"method": "electronic", "email": "lan.nguyen@example.vn"}
    delivery["insurance"] = {
        "method": "postal",
        "address": {
            "country": "VN",
            "province_code": "01",
            "commune_code": "00187",
            "detail": "Số 7 ngách 2 ngõ 5 phố Láng Hạ",
        },
    }
    words = flat(pdf_text(render_receipt(save(data), settings).pdf, page=0))
    assert (
        "- Đăng ký khai sinh: Bản điện tử trên Cổng Dịch vụ công, gửi thông báo đến "
        "lan.nguyen@example.vn" in words
    )
    assert (
        "- Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi: Qua dịch vụ bưu chính công ích, gửi "
        "đến Số 7 ngách 2 ngõ 5 phố Láng Hạ, Phường Láng, Thành phố Hà Nội" in words
    )


def test_one_copy_setting_prints_only_the_citizens_copy(
    saved: DossierRow, settings: Settings
) -> None:
    pdf = render_receipt(saved, with_settings(settings, receipt={"copies": 1})).pdf
    assert page_count(pdf) == 1
    words = flat(pdf_text(pdf))
    assert "Liên 2: giao người nộp hồ sơ" in words and "Liên 1" not in words


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("A5", (148, 210))])
def test_paper_size_follows_settings_and_the_qr_still_scans(
    saved: DossierRow, settings: Settings, paper: str, size_mm: tuple[int, int]
) -> None:
    pdf = render_receipt(saved, with_settings(settings, printing={"paper": paper})).pdf
    import io

    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size_mm
    assert page_count(pdf) == 2  # the whole form fits one sheet per copy
    assert scan_qr(pdf) == [saved.code]


def test_a_reprint_is_the_same_paper(saved: DossierRow, settings: Settings) -> None:
    assert render_receipt(saved, settings).pdf == render_receipt(saved, settings).pdf


def test_appointment_is_counted_when_the_row_has_none(
    saved: DossierRow, settings: Settings
) -> None:
    from dataclasses import replace

    content = receipt_content(replace(saved, appointment_at=None), settings)
    assert content.appointment == "08 giờ 00 phút, ngày 30 tháng 11 năm 2026"


def test_unreadable_saved_dossier_is_one_message_naming_the_dossier(
    saved: DossierRow, settings: Settings
) -> None:
    from dataclasses import replace

    broken = replace(saved, declarations={"declarations": {"kind": "birth_interlink"}})
    with pytest.raises(ReceiptError) as caught:
        render_receipt(broken, settings)
    assert saved.code in caught.value.message
    assert "Không in được giấy tiếp nhận" in caught.value.message


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_qr_modules_are_big_enough_for_a_phone_and_a_counter_scanner(
    saved: DossierRow, settings: Settings, paper: str
) -> None:
    from reportlab.lib.units import mm

    from desk_app.receipt.layout import Qr
    from desk_app.receipt.pdf import lay_out
    from desk_app.receipt.qr import MIN_MODULE_MM

    long_url = (
        "https://dichvucong.example.gov.vn/tra-cuu-ho-so-lien-thong?ma={code}&xn={lookup_code}"
    )
    settings = with_settings(settings, receipt={"qr_template": long_url})
    pages, _ = lay_out(receipt_content(saved, settings), paper)  # type: ignore[arg-type]
    [qr] = [op for op in pages[0] if isinstance(op, Qr)]
    assert qr.side / (qr.size + 2 * qr.quiet) >= MIN_MODULE_MM * mm
    assert qr.side >= 26 * mm


def test_the_governing_authority_is_a_setting_printed_in_capitals_at_the_top_left(
    saved: DossierRow, settings: Settings
) -> None:
    settings = with_settings(settings, office={"governing_body": "UBND xã Đông Anh"})
    words = flat(pdf_text(render_receipt(saved, settings).pdf, page=0))
    assert words.startswith("UBND XÃ ĐÔNG ANH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ")
    assert "MỘT CỬA" not in words  # the desk's own name for the office is not the authority


def test_the_sample_desk_toml_documents_the_governing_authority() -> None:
    from pathlib import Path

    from desk_app.config import load_config

    sample = Path(__file__).resolve().parents[2] / "desk.toml"
    text = sample.read_text(encoding="utf-8")
    assert "governing_body" in text and "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert load_config(sample, env={}).settings.office.governing == "UBND phường Láng"


def test_no_email_leaves_no_stray_separator(
    save: Callable[[dict[str, Any]], DossierRow], settings: Settings
) -> None:
    data = good(CORPUS_ENTRY)
    data["declarations"]["requester"]["email"] = None
    words = flat(pdf_text(render_receipt(save(data), settings).pdf, page=0))
    assert "Số điện thoại: 0912345678 Nội dung yêu cầu giải quyết:" in words
    assert "0912345678;" not in words and "Email" not in words


def test_the_birth_certificate_is_handed_in_and_the_letter_shown(
    save: Callable[[dict[str, Any]], DossierRow], settings: Settings
) -> None:
    row = save(good("both-relatives-grandmother-requests"))
    notes = {d.label.split(" (")[0]: d.note for d in receipt_content(row, settings).documents}
    assert "nộp bản chính khi nhận kết quả" in notes["Giấy chứng sinh"]
    assert "xuất trình" not in notes["Giấy chứng sinh"]
    assert (
        "xuất trình bản chính khi nhận kết quả"
        in notes["Văn bản ủy quyền theo quy định của pháp luật"]
    )
    words = flat(pdf_text(render_receipt(row, settings).pdf, page=0))
    assert "nộp bản chính khi nhận kết quả" in words


def test_the_lookup_sentence_promises_only_the_counter(
    saved: DossierRow, settings: Settings
) -> None:
    words = flat(pdf_text(render_receipt(saved, settings).pdf, page=0))
    assert "Hỏi tình trạng hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả" in words
    # A QR of the code alone: the national portal's lookup has codes of its own, and central's
    # status page is promised only when qr_template points the QR at it.
    assert "trên Cổng Dịch vụ công" not in words and "trang tra cứu" not in words
    assert "ai có mã này đều xem được" not in words
