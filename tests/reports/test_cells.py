"""The reports' cell wrapping (measured once per distinct text) breaks lines as the receipt's
layout engine does, and never lets a line out of its column."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.receipt.fonts import faces
from desk_app.receipt.layout import Run, wrap
from desk_app.reports.cells import CellWrapper

SIZE = 7.0
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
WORDS = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789.-@/", min_size=1, max_size=40)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Đăng ký khai sinh; Đăng ký thường trú; Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 80),
        ("Số 12 ngõ 34 phố Láng, Phường Láng, Thành phố Hà Nội; 0938131986", 73),
        ("000.00.01.H26-261101-1001", 99),
        ("nguyen.cong.tang.ton.nu.huyen.khue.phuong@buudien-tinh-thanh.gov.vn", 60),
        ("  Công   Tằng Tôn Nữ  ", 40),
        ("", 50),
        ("W", 1),
    ],
)
def test_lines_are_the_receipt_engines(text: str, width: float) -> None:
    font = faces().regular
    ours = CellWrapper().wrap(text, font, SIZE, width)
    theirs = ["".join(run.text for run in line) for line in wrap([Run(text, font)], SIZE, width)]
    assert [line.text for line in ours] == theirs
    for line in ours:
        assert line.width == pytest.approx(stringWidth(line.text, font, SIZE))


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORDS, max_size=30), width=st.floats(min_value=15, max_value=120))
def test_no_line_leaves_its_column_and_no_text_is_lost(words: list[str], width: float) -> None:
    font = faces().bold
    wrapper = CellWrapper()
    lines = wrapper.wrap(" ".join(words), font, SIZE, width)
    assert wrapper.wrap(" ".join(words), font, SIZE, width) is lines  # measured once
    for line in lines:
        drawn = stringWidth(line.text, font, SIZE)
        assert drawn <= width + 1e-6 or len(line.text) == 1  # a lone glyph wider than the column
    assert "".join(line.text.replace(" ", "") for line in lines) == "".join(words)
    for line, following in pairwise(lines):  # greedy: no line could have been longer
        first = following.text.split(" ")[0]
        assert stringWidth(f"{line.text} {first}", font, SIZE) > width - 1e-6 or not line.text
