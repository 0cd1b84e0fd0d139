"""The register book and the monthly summary as spreadsheets (openpyxl), for offices that
compile their reports further in a spreadsheet.

The same rows as the PDF (:mod:`desk_app.reports.register`, :mod:`desk_app.reports.summary`):
text cells stay text (a code is never turned into a number or a date), counts are numbers so a
spreadsheet can add them up, and the on-time rate is a fraction formatted as a percentage. The
header row is frozen and printed on every page; the sheet prints landscape on A4, fitted to the
page width. A value that a spreadsheet would read as a formula (text starting with "=", "+", "-"
or "@", from a citizen's name or address) is stored as a text cell, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from desk_app.reports import texts
from desk_app.reports.collector import collector_paused
from desk_app.reports.register import RegisterBook
from desk_app.reports.summary import Summary

FORMULA_START = ("=", "+", "-", "@")
REGISTER_WIDTHS = (5, 27, 34, 8, 24, 36, 26, 12, 12, 14, 14, 14, 10, 20)
"""Column widths in characters."""


def _put(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """A text cell that no spreadsheet runs as a formula (openpyxl would store "=…" as one)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if value.startswith(FORMULA_START):
        cell.data_type = "s"


def _sheet(book: Workbook, title: str, heading: Sequence[str], widths: Sequence[int]) -> Worksheet:
    sheet: Worksheet = book.active
    sheet.title = title
    _page(sheet, widths)
    return sheet


def _page(sheet: Worksheet | WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    """Landscape A4 fitted to the page width, and the columns' widths."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width


def _head(sheet: Worksheet, row: int, heading: Sequence[str]) -> None:
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for n, title in enumerate(heading, 1):
        cell = sheet.cell(row=row, column=n, value=title)
        cell.font = Font(bold=True)
        cell.alignment = wrap
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    sheet.print_title_rows = f"{row}:{row}"


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(sheet: WriteOnlyWorksheet, value: str) -> str | WriteOnlyCell:
    """A value for :meth:`WriteOnlyWorksheet.append` that stays text (see :func:`_put`)."""
    if not value.startswith(FORMULA_START):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


@collector_paused
def register_xlsx(book: RegisterBook) -> bytes:
    """The register book: a title line, the period, then one row per dossier.

    Written row by row (openpyxl's write-only mode): a book of 10,000 dossiers is never held
    as 140,000 cell objects, which took seconds to build and save.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(texts.REGISTER_SHEET)
    _page(sheet, REGISTER_WIDTHS)
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    title = WriteOnlyCell(sheet, texts.REGISTER_TITLE)
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    start, end = f"{book.start:%d/%m/%Y}", f"{book.end:%d/%m/%Y}"
    sheet.append([texts.REGISTER_PERIOD.format(start=start, end=end)])
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    heading = []
    for name in texts.REGISTER_HEAD:
        cell = WriteOnlyCell(sheet, name)
        cell.font, cell.alignment = bold, wrap
        heading.append(cell)
    sheet.append(heading)
    for row in book.rows:
        values: list[object] = [_text(sheet, v) for v in row.cells()]
        values[0], values[3] = row.number, row.sets  # the number and the sets are numbers
        sheet.append(values)
    return _bytes(workbook)


def summary_xlsx(summary: Summary) -> bytes:
    """The monthly summary: a heading row per section, then its rows of counts."""
    workbook = Workbook()
    heading = (texts.ROW_HEAD, *texts.COLUMNS)
    sheet = _sheet(workbook, texts.SUMMARY_SHEET, heading, (40, *[14] * len(texts.COLUMNS)))
    sheet.cell(row=1, column=1, value=texts.SUMMARY_TITLE).font = Font(bold=True, size=14)
    as_of = f"{summary.as_of:%H:%M %d/%m/%Y}"
    period = texts.SUMMARY_PERIOD.format(month=summary.month, year=summary.year, as_of=as_of)
    sheet.cell(row=2, column=1, value=period)
    _head(sheet, 3, heading)
    r = 4
    for title, figures in summary.sections():
        sheet.cell(row=r, column=1, value=title).font = Font(bold=True)
        r += 1
        for f in figures:
            _put(sheet, r, 1, f.label)
            for n, value in enumerate(f.values(), 2):
                sheet.cell(row=r, column=n, value=value)
            rate = f.rate
            cell = sheet.cell(
                row=r, column=len(heading), value=None if rate is None else rate / 100
            )
            cell.number_format = "0.0%"
            r += 1
    return _bytes(workbook)
