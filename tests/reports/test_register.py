"""The register book (form 06) for a thousand dossiers: every page headed, numbered and inside
its margins in the PDF; the same rows read back from the spreadsheet; the store's order."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypdf
import pypdfium2

from desk_app.desk import Desk
from desk_app.receipt.fonts import FILES
from desk_app.receipt.layout import A4, Geometry
from desk_app.reports import texts
from desk_app.reports.api import make_register
from desk_app.reports.pdfkit import LANDSCAPE
from desk_app.reports.register import register_book
from desk_app.reports.render import register_pdf
from tests.receipt.conftest import flat, pdf_text
from tests.receipt.test_fonts import font_characters, used_fonts, vietnamese_letters
from tests.receipt.test_overflow import TOLERANCE, ink_outside
from tests.reports.conftest import NOW, sheet_rows

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def inside_margins(pdf: bytes, *, landscape: bool) -> None:
    """Every character box and every inked pixel of every page lies inside the margins."""
    geometry: Geometry = LANDSCAPE if landscape else A4
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            width, height = page.get_size()
            assert (round(width), round(height)) == (round(geometry.width), round(geometry.height))
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if text.get_text_range(i, 1).isspace():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                assert (
                    geometry.left - TOLERANCE <= left
                    and right <= width - geometry.right + TOLERANCE
                )
                assert (
                    geometry.bottom - TOLERANCE <= bottom
                    and top <= height - geometry.top + TOLERANCE
                )
            assert ink_outside(page, geometry) == 0
    finally:
        document.close()


def test_the_pdf_book_has_its_header_and_page_number_on_every_page(office: Desk) -> None:
    book = register_book(office.store, *NOVEMBER)
    assert len(book.rows) == 1000
    rendered = register_pdf(book, office.settings, NOW)
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    pages = [flat(p.extract_text()) for p in reader.pages]
    assert len(pages) == rendered.pages > 20
    codes_seen = []
    for n, words in enumerate(pages, 1):
        assert "TT Mã hồ sơ Tên thủ tục hành chính" in words, n  # the header, on every page
        assert "Ngày trả kết quả cho cá nhân, tổ chức Ký nhận Ghi chú" in words, n
        assert f"Trang {n}/{len(pages)}" in words, n
        codes_seen += [row.code for row in book.rows if row.code in words]
    assert codes_seen == [row.code for row in book.rows]  # every row, once, in code order
    assert texts.REGISTER_TITLE in pages[0] and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in pages[0]
    assert "Bàn 2 tiếp nhận" in " ".join(pages)  # a dossier another desk received is in the book
    inside_margins(rendered.pdf, landscape=True)
    assert not rendered.unprintable


def test_a_row_carries_the_dates_of_the_dossier_life(office: Desk) -> None:
    book = register_book(office.store, *NOVEMBER)
    (code, received, appointment, ready) = office.store.conn.execute(
        "SELECT d.code, d.received_at, d.appointment_at, a.at FROM dossiers d JOIN audit a "
        "ON a.dossier_code = d.code AND a.action = 'ready' WHERE d.status = 'handed_over' "
        "AND d.due_on IS NULL ORDER BY d.code LIMIT 1"
    ).fetchone()
    row = next(r for r in book.rows if r.code == code)
    day = lambda iso: f"{date.fromisoformat(iso[:10]):%d/%m/%Y}"  # noqa: E731
    assert (row.received, row.due, row.decided) == (day(received), day(appointment), day(ready))
    assert row.sent == row.received and row.returned  # sent the same day; handed over
    assert row.procedure.startswith("Đăng ký khai sinh") and row.agency
    assert "Số 12 ngõ 34 phố Láng" in row.contact


def test_a_dossier_whose_declarations_were_deleted_from_the_file_keeps_its_row(
    office: Desk,
) -> None:
    """The book lists every dossier received: one whose declarations row (migration 12) was
    taken out of the file keeps its line, with what the dossier's own row says."""
    whole = register_book(office.store, *NOVEMBER)
    gone = whole.rows[0].code
    with office.store.transaction() as db:
        db.execute(
            "DELETE FROM dossier_content WHERE dossier_id = "
            "(SELECT id FROM dossiers WHERE code = ?)",
            [gone],
        )
    book = register_book(office.store, *NOVEMBER)
    assert [r.code for r in book.rows] == [r.code for r in whole.rows]


def test_the_spreadsheet_holds_the_same_rows(office: Desk, tmp_path: Path) -> None:
    book = register_book(office.store, *NOVEMBER)
    path, count = make_register(office, *NOVEMBER, tmp_path / "so.xlsx")
    assert count == 1000
    rows = sheet_rows(path.read_bytes())
    assert rows[2] == texts.REGISTER_HEAD
    read = rows[3:]
    assert len(read) == 1000
    for expected, got in zip(book.rows, read, strict=True):
        cells = expected.cells()
        assert got[0] == expected.number and got[3] == 1
        assert [v or "" for v in got[1:3] + got[4:]] == cells[1:3] + cells[4:]


def test_a_formula_from_a_citizen_stays_text(office: Desk, tmp_path: Path) -> None:
    office.store.conn.execute(
        "UPDATE dossiers SET requester_name = '=HYPERLINK(\"http://x\")' "
        "WHERE code = (SELECT MIN(code) FROM dossiers)"
    )
    path, _ = make_register(office, *NOVEMBER, tmp_path / "so.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(path).worksheets[0]
    cell = sheet.cell(row=4, column=5)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_every_vietnamese_letter_prints_with_embedded_fonts(office: Desk) -> None:
    letters = vietnamese_letters()
    office.store.conn.execute(
        "UPDATE dossiers SET requester_name = ? WHERE code = (SELECT MIN(code) FROM dossiers)",
        (f"{letters} {letters.upper()}",),
    )
    start = date(2026, 11, 1)
    rendered = register_pdf(register_book(office.store, start, start), office.settings, NOW)
    assert rendered.unprintable == frozenset()
    text = flat(pdf_text(rendered.pdf)).replace(" ", "")
    assert letters in text and letters.upper() in text
    drawable = set.intersection(*(font_characters(face) for face in FILES))
    assert set(text) - drawable == set()
    fonts = used_fonts(rendered.pdf)
    assert fonts
    for font in fonts:
        assert "IBMPlexSerif" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
