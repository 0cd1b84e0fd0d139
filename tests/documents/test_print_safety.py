"""Forms print every Vietnamese letter with embedded fonts and keep inside the margins.

The same checks as the receipt's (tests/receipt/test_fonts.py, test_overflow.py), on the
forms: the characters read back from the PDF must each have a glyph in the embedded faces, and
every character box and every inked pixel must lie inside the margin box, however long the
stored values and the officer's reason are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pypdfium2
import pytest

from desk_app.desk import Desk
from desk_app.documents import FORMS, issue_form
from desk_app.receipt.fonts import FILES
from desk_app.receipt.layout import A4, A5, Geometry
from desk_app.store import DossierRow
from forms.text import for_print
from tests.documents.conftest import ARGUMENTS, NEW_DATE, good
from tests.receipt.conftest import flat, pdf_text, with_settings
from tests.receipt.test_fonts import font_characters, used_fonts, vietnamese_letters
from tests.receipt.test_overflow import DETAIL, EMAIL, NAME, TOLERANCE, fill, ink_outside

LONG_REASON = fill(
    "Tờ khai thay đổi thông tin cư trú chưa có ý kiến đồng ý của chủ hộ, giấy chứng sinh "
    "không đọc được số, người yêu cầu chưa xuất trình văn bản ủy quyền có chứng thực;",
    1000,
)
"""As long as a reason may be (1,000 characters)."""


def arguments(form: str, reason: str) -> dict[str, Any]:
    """The form's arguments with ``reason`` as the officer's (form 03 prints the stored one)."""
    return {"04": {"reason": reason, "new_date": NEW_DATE}}.get(form, {"reason": reason})


@pytest.mark.parametrize("group", ["birth", "death"])
@pytest.mark.parametrize("form", FORMS)
def test_every_vietnamese_letter_prints_with_embedded_fonts(
    phoned: Desk, stored: Callable[..., DossierRow], group: str, form: str
) -> None:
    letters = vietnamese_letters()
    data = good(group)
    requester = data["declarations"]["requester"]
    requester["full_name"] = " ".join(letters[i : i + 8] for i in range(0, len(letters), 8))
    requester["residence"]["address"]["detail"] = letters
    row = stored(group, form, data)
    args = ARGUMENTS[form] if form == "03" else arguments(form, f"Lý do: {letters}")
    issued = issue_form(phoned, form, row.code, **args)  # type: ignore[arg-type]
    assert issued.rendered.unprintable == frozenset()
    text = pdf_text(issued.pdf)
    squeezed = flat(text).replace(" ", "")
    assert letters in squeezed and letters.upper() in squeezed
    drawable = set.intersection(*(font_characters(face) for face in FILES))
    assert set(text) - {"\n", " "} - drawable == set()
    fonts = used_fonts(issued.pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert "IBMPlexSerif" in name and name.split("+")[0].strip("/").isupper(), name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name


def test_a_character_no_face_has_prints_as_a_question_mark_and_is_reported(
    phoned: Desk, stored: Callable[..., DossierRow]
) -> None:
    data = good("birth")
    data["declarations"]["requester"]["full_name"] = "Kim 민준"
    row = stored("birth", "03", data)
    issued = issue_form(phoned, "03", row.code)
    assert issued.rendered.unprintable == {"민", "준"}
    assert "Ông/Bà: KIM ??" in flat(pdf_text(issued.pdf))


def longest(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the requester's printed values at their longest."""
    requester = data["declarations"]["requester"]
    requester["full_name"] = NAME
    requester["email"] = EMAIL
    requester["residence"]["address"]["detail"] = DETAIL
    return data


@pytest.mark.parametrize("group", ["birth", "death"])
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("paper", "geometry"), [("A4", A4), ("A5", A5)])
def test_longest_values_stay_inside_the_margins(
    phoned: Desk,
    stored: Callable[..., DossierRow],
    group: str,
    form: str,
    paper: str,
    geometry: Geometry,
) -> None:
    phoned.settings = with_settings(phoned.settings, printing={"paper": paper})
    # The refusal prints the reason stored with central's answer: make that one the longest.
    row = stored(group, form, longest(good(group)), LONG_REASON if form == "03" else None)
    args = {} if form == "03" else arguments(form, LONG_REASON)
    issued = issue_form(phoned, form, row.code, **args)  # type: ignore[arg-type]
    document = pypdfium2.PdfDocument(issued.pdf)
    boxes = 0
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if char.isspace():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                boxes += 1
                assert left >= geometry.left - TOLERANCE, (i, char)
                assert right <= width - geometry.right + TOLERANCE, (i, char)
                assert bottom >= geometry.bottom - TOLERANCE, (i, char)
                assert top <= height - geometry.top + TOLERANCE, (i, char)
            assert ink_outside(page, geometry) == 0
    finally:
        document.close()
    assert boxes > 1500  # every printed character was looked at
    words = flat(pdf_text(issued.pdf))
    # Wrapped, not cut: the long values are there in full, and every page says which it is.
    assert for_print(NAME) in words and DETAIL in words and LONG_REASON in words
    assert EMAIL in words.replace(" ", "")
    pages = issued.rendered.pages
    assert f"{row.code} · mẫu {form} · trang {pages}/{pages}" in words
