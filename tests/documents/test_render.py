"""Forms 02, 03 and 04 say what the stored dossier says, for both procedure groups.

Each form is rendered from a dossier saved through reception and moved by central's answers,
then read back from the PDF as text: every field of the form must be there, filled.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desk_app.desk import Desk
from desk_app.documents import FORMS, issue_form
from desk_app.store import DossierRow
from tests.documents.conftest import (
    APPOINTMENTS,
    ARGUMENTS,
    DELAY_REASON,
    OFFICE_PHONE,
    REFUSAL_REASON,
    SUPPLEMENT_REASON,
)
from tests.receipt.conftest import flat, is_nfc, page_count, pdf_text

COMMON = (
    "UBND PHƯỜNG LÁNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Láng, ngày 24 tháng 11 năm 2026",
)
REQUESTER = {
    "birth": (
        "NGUYỄN THỊ LAN",
        "Địa chỉ: Số 12 ngõ 34 phố Láng, Phường Láng, Thành phố Hà Nội",
        "Số điện thoại: 0912345678; Email: lan.nguyen@example.vn",
        "Người được khai sinh: TRẦN MINH AN",
        "- Đăng ký khai sinh - Đăng ký thường trú - Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    ),
    "death": (
        "NGUYỄN VĂN HÙNG",
        "Địa chỉ: Số 12 ngõ 34 phố Láng, Phường Láng, Thành phố Hà Nội",
        "Số điện thoại: 0912345678; Email: hung.nguyen@example.vn",
        "NGUYỄN VĂN THÀNH",
        "- Đăng ký khai tử - Xóa đăng ký thường trú - Giải quyết trợ cấp mai táng phí",
    ),
}
PER_FORM = {
    "02": (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Số: 1001/HDHS",
        "Bộ phận Tiếp nhận và Trả kết quả phường Láng tiếp nhận hồ sơ của:",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "TT Giấy tờ, nội dung cần bổ sung Bản chính Bản sao, bản chụp",
        f"1 Theo yêu cầu của cơ quan giải quyết: {SUPPLEMENT_REASON}",
        "Lý do: Cơ quan giải quyết thủ tục yêu cầu bổ sung, hoàn thiện hồ sơ trước khi giải quyết.",
        "Ông/Bà liên hệ với NGUYỄN THỊ MINH THƯ, Bộ phận Tiếp nhận và Trả kết quả phường Láng, "
        f"số điện thoại {OFFICE_PHONE} để được hướng dẫn.",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) NGUYỄN THỊ MINH THƯ",
        "· mẫu 02 · trang 1/1",
    ),
    "03": (
        "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
        + REFUSAL_REASON,
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) NGUYỄN THỊ MINH THƯ",
        "· mẫu 03 · trang 1/1",
    ),
    "04": (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà",
        "Ngày 24 tháng 11 năm 2026, Bộ phận Tiếp nhận và Trả kết quả phường Láng tiếp nhận hồ "
        "sơ của Ông/Bà.",
        f"chưa được giải quyết xong đúng hẹn do: {DELAY_REASON}",
        "UBND phường Láng xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào: "
        "08 giờ 00 phút, ngày 17 tháng 12 năm 2026",
        "Một lần nữa, UBND phường Láng xin lỗi Ông/Bà.",
        "NGƯỜI LẬP PHIẾU",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "NGUYỄN THỊ MINH THƯ",
        "· mẫu 04 · trang 1/1",
    ),
}


@pytest.mark.parametrize("group", ["birth", "death"])
@pytest.mark.parametrize("form", FORMS)
def test_every_field_of_the_form_is_filled_from_the_stored_dossier(
    phoned: Desk, stored: Callable[[str, str], DossierRow], group: str, form: str
) -> None:
    row = stored(group, form)
    issued = issue_form(phoned, form, row.code, **ARGUMENTS[form])  # type: ignore[arg-type]
    text = pdf_text(issued.pdf)
    assert is_nfc(text)
    words = flat(text)
    assert page_count(issued.pdf) == 1
    for expected in (*COMMON, *REQUESTER[group], *PER_FORM[form], row.code):
        assert expected in words, expected
    assert "Nội dung yêu cầu giải quyết: Liên thông" in words
    if form == "04":
        assert (
            "Thời gian hẹn trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày "
            f"{APPOINTMENTS[group]}" in words
        )
        # The apology is the agency's paper: no counter unit under it, no form number.
        assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in words and "/HDHS" not in words


def test_the_same_form_printed_again_is_the_same_paper_and_keeps_its_number(
    phoned: Desk, stored: Callable[[str, str], DossierRow]
) -> None:
    first = stored("birth", "02")
    other = stored("death", "02")
    once = issue_form(phoned, "02", first.code)
    again = issue_form(phoned, "02", first.code)
    assert once.pdf == again.pdf
    assert "Số: 1001/HDHS" in flat(pdf_text(again.pdf))
    # Another dossier's request is the next paper of this desk's year.
    assert "Số: 1002/HDHS" in flat(pdf_text(issue_form(phoned, "02", other.code).pdf))
    # A different request for the first dossier is a new paper with a new number.
    changed = issue_form(phoned, "02", first.code, reason="Thiếu chữ ký của chủ hộ trên CT01.")
    words = flat(pdf_text(changed.pdf))
    assert "Số: 1003/HDHS" in words and "Lý do: Thiếu chữ ký của chủ hộ trên CT01." in words


def test_a_form_without_the_office_phone_names_the_unit_to_ask(
    phoned: Desk, stored: Callable[[str, str], DossierRow]
) -> None:
    from tests.receipt.conftest import with_settings

    row = stored("death", "02")
    phoned.settings = with_settings(phoned.settings, office={"phone": None})
    words = flat(pdf_text(issue_form(phoned, "02", row.code).pdf))
    assert "Ông/Bà liên hệ trực tiếp với NGUYỄN THỊ MINH THƯ, Bộ phận Tiếp nhận" in words
    assert "số điện thoại" not in words.split("Lý do:")[1]


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_paper_follows_the_desks_printing_setting(
    phoned: Desk, stored: Callable[[str, str], DossierRow], paper: str
) -> None:
    import io

    import pypdf

    from tests.receipt.conftest import with_settings

    row = stored("birth", "03")
    phoned.settings = with_settings(phoned.settings, printing={"paper": paper})
    pdf = issue_form(phoned, "03", row.code).pdf
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    size = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    assert size == {"A4": (210, 297), "A5": (148, 210)}[paper]
