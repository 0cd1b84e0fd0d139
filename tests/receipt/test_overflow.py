"""The longest plausible names and addresses wrap inside the margins; nothing leaves the page.

What counts is what the printer would put on paper, so the checks read the PDF back: every
character's box (pypdfium2) lies inside the margin box, and the rasterised page has no ink
outside it, whatever the paper.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pypdfium2
import pytest

from desk_app.receipt import render_receipt
from desk_app.receipt.layout import A4, A5, Geometry
from desk_app.settings import Settings
from desk_app.store import DossierRow
from forms.text import for_print
from tests.forms.corpus import good
from tests.receipt.conftest import CORPUS_ENTRY, flat, pdf_text, scan_qr, with_settings

TOLERANCE = 0.5
"""Points: rounding of glyph boxes."""


def fill(words: str, length: int) -> str:
    """``words`` repeated up to exactly ``length`` characters, ending on a letter."""
    text = (words + " ") * (length // len(words) + 2)
    return text[:length].rstrip() or text[:length]


NAME = fill("Công Tằng Tôn Nữ Huyền Khuê Phượng Nguyễn Hoàng Ánh Tuyết", 100)
"""As long as a name may be (100 characters), with stacked marks in capitals."""
DETAIL = fill(
    "Phòng 2718 tòa nhà Chung cư Khu đô thị mới Nghiêm Xuân Yêm, ngách 123/45/67 ngõ 890 "
    "đường Khuất Duy Tiến, tổ dân phố số 27,",
    200,
)
EMAIL = "nguyen.cong.tang.ton.nu.huyen.khue.phuong.hoang.anh.tuyet.2026@buudien-tinh-thanh.gov.vn"
LONG_AGENCY = fill("Bộ phận Tiếp nhận và Trả kết quả Trung tâm Phục vụ hành chính công", 160)


@pytest.fixture
def longest(save: Callable[[dict[str, Any]], DossierRow]) -> DossierRow:
    """The good dossier with every printed value at its longest."""
    data = good(CORPUS_ENTRY)
    d = data["declarations"]
    d["requester"]["full_name"] = NAME
    d["requester"]["email"] = EMAIL
    d["requester"]["residence"]["address"]["detail"] = DETAIL
    d["agencies"]["birth_agency"]["name"] = LONG_AGENCY
    address = {**d["requester"]["residence"]["address"]}
    d["delivery"]["birth"] = {"method": "at_agency"}
    d["delivery"]["residence"] = {"method": "electronic", "email": EMAIL}
    d["delivery"]["insurance"] = {"method": "postal", "address": address}
    return save(data)


def long_settings(settings: Settings, paper: str) -> Settings:
    receiving = settings.office.agencies.receiving.model_copy(update={"name": LONG_AGENCY})
    agencies = settings.office.agencies.model_copy(update={"receiving": receiving})
    return with_settings(
        settings,
        office={
            "name": fill("Ủy ban nhân dân đặc khu Côn Đảo thành phố Hồ Chí Minh", 150),
            "agencies": agencies,
        },
        desk={"officer": fill("Nguyễn Huỳnh Thị Ngọc Phượng Hoàng", 100)},
        printing={"paper": paper},
        receipt={
            "qr_template": "https://dichvucong.example.gov.vn/tra-cuu?ma={code}&xn={lookup_code}"
        },
    )


def ink_outside(page: pypdfium2.PdfPage, geometry: Geometry, dpi: int = 72) -> int:
    """Dark pixels outside the margin box of the rasterised page."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    k = dpi / 72
    left, right = int(geometry.left * k) - 1, int((geometry.width - geometry.right) * k) + 1
    top, bottom = int(geometry.top * k) - 1, int((geometry.height - geometry.bottom) * k) + 1
    pixels = image.load()
    count = 0
    for y in range(image.height):
        for x in range(image.width):
            if not (left <= x <= right and top <= y <= bottom) and pixels[x, y] < 200:
                count += 1
    return count


@pytest.mark.parametrize(("paper", "geometry"), [("A4", A4), ("A5", A5)])
def test_longest_values_wrap_inside_the_margins(
    longest: DossierRow, settings: Settings, paper: str, geometry: Geometry
) -> None:
    pdf = render_receipt(longest, long_settings(settings, paper)).pdf
    document = pypdfium2.PdfDocument(pdf)
    boxes = 0
    try:
        for page in document:
            width, height = page.get_size()
            assert (round(width), round(height)) == (round(geometry.width), round(geometry.height))
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if text.get_text_range(i, 1).isspace():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                boxes += 1
                assert left >= geometry.left - TOLERANCE, (i, text.get_text_range(i, 1))
                assert right <= width - geometry.right + TOLERANCE, (i, text.get_text_range(i, 1))
                assert bottom >= geometry.bottom - TOLERANCE, (i, text.get_text_range(i, 1))
                assert top <= height - geometry.top + TOLERANCE, (i, text.get_text_range(i, 1))
            assert ink_outside(page, geometry) == 0
    finally:
        document.close()
    assert boxes > 2000  # the checks above looked at every printed character
    words = flat(pdf_text(pdf))
    # Wrapped, not cut: every long value is there in full.
    assert f"Ông/Bà: {for_print(NAME)}" in words
    assert DETAIL in words
    assert EMAIL in words.replace(" ", "")
    assert scan_qr(pdf) == [
        f"https://dichvucong.example.gov.vn/tra-cuu?ma={longest.code}&xn={longest.lookup_code}"
    ]


def test_a_copy_that_needs_two_sheets_says_so_on_each(
    longest: DossierRow, settings: Settings
) -> None:
    pdf = render_receipt(longest, long_settings(settings, "A5")).pdf
    words = flat(pdf_text(pdf))
    pages = words.count(longest.code + " · Liên")
    assert pages >= 3  # A5 cannot hold the longest values on one sheet per copy
    assert f"{longest.code} · Liên 1 · trang 1/" in words
    assert f"{longest.code} · Liên 2 · trang 1/" in words
